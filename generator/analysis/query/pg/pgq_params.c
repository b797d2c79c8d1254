/* pgq_params.c - a query's parameters: `$n` kept, `@x`, `sqlc.arg(x)`,
 * `sqlc.narg(x)` numbered one per name after the highest `$n`, `IN
 * (sqlc.slice(x))` -> `= ANY($n)` and `NOT IN` -> `<> ALL($n)`; unknown
 * sqlc.* and misplaced sqlc.slice / sqlc.embed are located errors
 * (pgq_int.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/query/pg/pgq_int.h"
#include "util/buf.h"

/* A use of a named parameter: the span it replaces. */
typedef struct use {
    size_t start, end;
    size_t param;        /* index into c->params */
    const char *form;    /* "$%d", "= ANY($%d)", "<> ALL($%d)" */
} use;

typedef struct walker {
    pgq_ctx *c;
    DG_VEC(use) uses;
    size_t first[3];     /* first $n, @x, sqlc.* use (offset + 1; 0: none) */
} walker;

enum { USE_DOLLAR, USE_AT, USE_FUNC };

static void seen(walker *w, int form, size_t at)
{
    if (!w->first[form]) w->first[form] = at + 1;
}

static void walk(walker *w, json_t *v);

static pgq_param *param_add(pgq_ctx *c, const char *name, int number, size_t at)
{
    for (size_t i = 0; i < c->params.len; i++) {
        pgq_param *p = &c->params.items[i];
        if (name ? p->name && !strcmp(p->name, name) : !p->name && p->number == number) return p;
    }
    pgq_param *p = DG_VEC_ADD(&c->params);
    p->name = name ? dg_xstrdup(name) : NULL;
    p->number = number;
    p->at = at;
    return p;
}

/* The name argument of sqlc.arg(x) / sqlc.arg('x'), NULL when not one. */
static const char *macro_name(const json_t *args)
{
    if (json_array_size(args) != 1) return NULL;
    json_t *a = json_array_get(args, 0), *b;
    if ((b = pgq_as(a, "ColumnRef")) && json_array_size(json_object_get(b, "fields")) == 1)
        return pgq_str_at(json_object_get(b, "fields"), 0);
    if ((b = pgq_as(a, "A_Const"))) {
        json_t *sv = json_object_get(b, "sval");
        return sv ? json_string_value(json_object_get(sv, "sval")) : NULL;
    }
    return NULL;
}

/* Whether FuncCall body f is sqlc.<what> (what NULL: any sqlc.*). */
static bool is_sqlc(const json_t *f, const char *what)
{
    json_t *fn = json_object_get(f, "funcname");
    const char *ns = pgq_str_at(fn, 0), *name = pgq_str_at(fn, 1);
    return json_array_size(fn) == 2 && ns && !strcmp(ns, "sqlc") && (!what || (name && !strcmp(name, what)));
}

static void named_use(walker *w, const char *name, size_t start, size_t end, const char *form, bool slice)
{
    pgq_ctx *c = w->c;
    size_t before = c->params.len;
    pgq_param *p = param_add(c, name, 0, start);
    if (p->slice != slice && c->params.len == before) {
        pgq_error(c, start, "parameter %s is a sqlc.slice in one place and a single value in another", name);
        return;
    }
    p->slice = slice;
    p->uses++;
    use *u = DG_VEC_ADD(&w->uses);
    *u = (use){start, end, (size_t)(p - c->params.items), form};
}

/* sqlc.arg / sqlc.narg / sqlc.slice / sqlc.embed / anything else, as a value. */
static void sqlc_call(walker *w, json_t *f)
{
    pgq_ctx *c = w->c;
    const char *what = pgq_str_at(json_object_get(f, "funcname"), 1);
    size_t at = (size_t)pgq_loc(f);
    if (!what || (strcmp(what, "arg") && strcmp(what, "narg") && strcmp(what, "slice") && strcmp(what, "embed"))) {
        pgq_error(c, at, "unknown function sqlc.%s; dalgen knows sqlc.arg, sqlc.narg, sqlc.slice and sqlc.embed",
                  what ? what : "?");
        return;
    }
    if (!strcmp(what, "slice")) {
        pgq_error(c, at, "sqlc.slice(x) must be the whole list of an IN, `column IN (sqlc.slice(x))`, or the array of "
                  "an ANY or ALL, `column = ANY(sqlc.slice(x))`");
        return;
    }
    if (!strcmp(what, "embed")) {
        pgq_error(c, at, "sqlc.embed(t) must be a whole result column of a SELECT");
        return;
    }
    const char *name = macro_name(json_object_get(f, "args"));
    if (!name) {
        pgq_error(c, at, "sqlc.%s takes one name: sqlc.%s(name)", what, what);
        return;
    }
    size_t open = pgq_find(c->text, c->len, at, '(');
    seen(w, USE_FUNC, at);
    named_use(w, name, at, pgq_paren_end(c->text, c->len, open), "$%d", false);
    if (!strcmp(what, "narg")) c->params.items[w->uses.items[w->uses.len - 1].param].nullable = true;
}

/* `x IN (sqlc.slice(y))`: true when handled. */
static bool slice_in(walker *w, json_t *e)
{
    pgq_ctx *c = w->c;
    json_t *kind = json_object_get(e, "kind"), *list = pgq_as(json_object_get(e, "rexpr"), "List");
    if (!kind || strcmp(json_string_value(kind), "AEXPR_IN") || !list) return false;
    json_t *items = json_object_get(list, "items");
    json_t *f = json_array_size(items) == 1 ? pgq_as(json_array_get(items, 0), "FuncCall") : NULL;
    if (!f || !is_sqlc(f, "slice")) return false;
    const char *name = macro_name(json_object_get(f, "args"));
    if (!name) {
        pgq_error(c, (size_t)pgq_loc(f), "sqlc.slice takes one name: sqlc.slice(name)");
        return true;
    }
    walk(w, json_object_get(e, "lexpr"));
    const char *op = pgq_str_at(json_object_get(e, "name"), 0);
    bool not_in = op && !strcmp(op, "<>");
    size_t at = (size_t)pgq_loc(e), open = pgq_find(c->text, c->len, at, '(');
    seen(w, USE_FUNC, at);
    named_use(w, name, at, pgq_paren_end(c->text, c->len, open), not_in ? "<> ALL($%d)" : "= ANY($%d)", true);
    return true;
}

/* The column reference @ applies to: `@x`, and `@x::T`, which parses as
 * `@ (x::T)` (the cast stays where it is). */
static json_t *at_operand(const json_t *e)
{
    json_t *r = json_object_get(e, "rexpr"), *cast = pgq_as(r, "TypeCast");
    return pgq_as(cast ? json_object_get(cast, "arg") : r, "ColumnRef");
}

/* `x = ANY(sqlc.slice(y))`, `x <> ALL(sqlc.slice(y))`: the slice is the
 * array itself.  True when handled. */
static bool slice_any(walker *w, json_t *e)
{
    pgq_ctx *c = w->c;
    const char *kind = json_string_value(json_object_get(e, "kind"));
    json_t *f = pgq_as(json_object_get(e, "rexpr"), "FuncCall");
    if (!kind || (strcmp(kind, "AEXPR_OP_ANY") && strcmp(kind, "AEXPR_OP_ALL")) || !f || !is_sqlc(f, "slice"))
        return false;
    const char *name = macro_name(json_object_get(f, "args"));
    size_t at = (size_t)pgq_loc(f);
    if (!name) {
        pgq_error(c, at, "sqlc.slice takes one name: sqlc.slice(name)");
        return true;
    }
    walk(w, json_object_get(e, "lexpr"));
    seen(w, USE_FUNC, at);
    named_use(w, name, at, pgq_paren_end(c->text, c->len, pgq_find(c->text, c->len, at, '(')), "$%d", true);
    return true;
}

/* `@x`: the prefix operator @ on a bare column name. */
static bool at_name(walker *w, json_t *e)
{
    const char *op = pgq_str_at(json_object_get(e, "name"), 0);
    json_t *ref = at_operand(e);
    if (!op || strcmp(op, "@") || json_object_get(e, "lexpr") || !ref) return false;
    json_t *fields = json_object_get(ref, "fields");
    const char *name = json_array_size(fields) == 1 ? pgq_str_at(fields, 0) : NULL;
    if (!name) return false;
    size_t at = (size_t)pgq_loc(e), name_at = (size_t)pgq_loc(ref);
    seen(w, USE_AT, at);
    named_use(w, name, at, pgq_ident_end(w->c->text, w->c->len, name_at), "$%d", false);
    return true;
}

/* The parameter a node is ($n, @x, sqlc.arg(x)), NULL when none yet. */
static pgq_param *param_of(pgq_ctx *c, const json_t *node)
{
    json_t *b;
    if ((b = pgq_as(node, "ParamRef"))) return param_add(c, NULL, (int)json_integer_value(json_object_get(b, "number")), (size_t)pgq_loc(b));
    if ((b = pgq_as(node, "TypeCast"))) return param_of(c, json_object_get(b, "arg"));
    const char *name = NULL;
    if ((b = pgq_as(node, "FuncCall")) && is_sqlc(b, NULL)) name = macro_name(json_object_get(b, "args"));
    json_t *ref;
    if ((b = pgq_as(node, "A_Expr")) && !json_object_get(b, "lexpr") && (ref = at_operand(b)) &&
        pgq_str_at(json_object_get(b, "name"), 0) && !strcmp(pgq_str_at(json_object_get(b, "name"), 0), "@"))
        name = pgq_str_at(json_object_get(ref, "fields"), 0);
    if (!name) return NULL;
    for (size_t i = 0; i < c->params.len; i++)
        if (c->params.items[i].name && !strcmp(c->params.items[i].name, name)) return &c->params.items[i];
    return NULL;
}

/* A $n's name from what it meets: `col = $1` -> col (sqlc's naming). */
static void derive(pgq_ctx *c, const json_t *node, const char *name)
{
    json_t *b = pgq_as(node, "ParamRef");
    if (!b) b = pgq_as(node, "TypeCast") ? pgq_as(json_object_get(pgq_as(node, "TypeCast"), "arg"), "ParamRef") : NULL;
    if (!b || !name) return;
    pgq_param *p = param_add(c, NULL, (int)json_integer_value(json_object_get(b, "number")), (size_t)pgq_loc(b));
    if (!p->derived) p->derived = dg_xstrdup(name);
}

/* A parameter written to a column that may hold NULL may be NULL (the
 * SQLite analyser's rule): `INSERT ... (bio) VALUES (@bio)`, `SET bio = $1`. */
static void written(pgq_ctx *c, const json_t *rel, const json_t *node, const char *column)
{
    const char *name = rel ? json_string_value(json_object_get(rel, "relname")) : NULL;
    const char *sch = rel ? json_string_value(json_object_get(rel, "schemaname")) : NULL;
    const dg_table *t = name ? dg_schema_table_in(c->schema, sch, name) : NULL;
    const dg_column *col = t && column ? dg_table_column(t, column) : NULL;
    pgq_param *p = col && !pgq_column_notnull(c->schema, col) ? param_of(c, node) : NULL;
    if (p) p->nullable = true;
}

static const char *colref_last(const json_t *node)
{
    json_t *b = pgq_as(node, "ColumnRef");
    if (!b) return NULL;
    json_t *f = json_object_get(b, "fields");
    return pgq_str_at(f, json_array_size(f) - 1);
}

/* A use of a parameter typed only by what is beside it: an untyped literal
 * (`$1 + 1` is integer), or nothing (`SELECT $1` is text). */
static void literal_use(pgq_ctx *c, const json_t *node)
{
    if (pgq_as(node, "TypeCast")) return;   /* $1::bigint says its type */
    pgq_param *p = param_of(c, node);
    json_t *body;
    pgq_kind(node, &body);
    long at = pgq_loc(body);
    if (!p || at < 0) return;
    p->lit_uses++;
    if (!p->lit_at) p->lit_at = (size_t)at + 1;
}

static bool untyped(const json_t *node)
{
    return !node || pgq_as(node, "A_Const");
}

static void hints(pgq_ctx *c, const char *kind, json_t *b)
{
    size_t i, k;
    if (!strcmp(kind, "A_Expr")) {
        json_t *l = json_object_get(b, "lexpr"), *r = json_object_get(b, "rexpr");
        const char *op = pgq_str_at(json_object_get(b, "name"), 0);
        bool named = op && !strcmp(op, "@") && !l;   /* @x itself */
        if (!named && untyped(l) && r) literal_use(c, r);
        if (!named && untyped(r) && l) literal_use(c, l);
        derive(c, json_object_get(b, "rexpr"), colref_last(json_object_get(b, "lexpr")));
        derive(c, json_object_get(b, "lexpr"), colref_last(json_object_get(b, "rexpr")));
        json_t *list = pgq_as(json_object_get(b, "rexpr"), "List"), *x;   /* BETWEEN $1 AND $2, IN ($1, $2) */
        json_array_foreach(list ? json_object_get(list, "items") : NULL, k, x)
            derive(c, x, colref_last(json_object_get(b, "lexpr")));
    } else if (!strcmp(kind, "CoalesceExpr")) {   /* coalesce(@x, col): x may be NULL */
        json_t *args = json_object_get(b, "args");
        for (i = 0; i + 1 < json_array_size(args); i++) {
            pgq_param *p = param_of(c, json_array_get(args, i));
            if (p) p->nullable = true;
        }
    } else if (!strcmp(kind, "NullTest")) {
        pgq_param *p = param_of(c, json_object_get(b, "arg"));
        if (p) p->nullable = true;
    } else if (!strcmp(kind, "SelectStmt")) {
        derive(c, json_object_get(b, "limitCount"), "limit");
        derive(c, json_object_get(b, "limitOffset"), "offset");
        json_t *t, *r;
        json_array_foreach(json_object_get(b, "targetList"), i, t)
            if ((r = pgq_as(t, "ResTarget"))) literal_use(c, json_object_get(r, "val"));
    } else if (!strcmp(kind, "UpdateStmt")) {
        json_t *t, *r;
        json_array_foreach(json_object_get(b, "targetList"), i, t)
            if ((r = pgq_as(t, "ResTarget"))) {
                const char *col = json_string_value(json_object_get(r, "name"));
                derive(c, json_object_get(r, "val"), col);
                written(c, json_object_get(b, "relation"), json_object_get(r, "val"), col);
            }
    } else if (!strcmp(kind, "InsertStmt")) {
        json_t *cols = json_object_get(b, "cols");
        json_t *sel = pgq_as(json_object_get(b, "selectStmt"), "SelectStmt"), *row, *v;
        json_array_foreach(sel ? json_object_get(sel, "valuesLists") : NULL, i, row)
            json_array_foreach(json_object_get(pgq_as(row, "List"), "items"), k, v) {
                json_t *r = pgq_as(json_array_get(cols, k), "ResTarget");
                const char *col = r ? json_string_value(json_object_get(r, "name")) : NULL;
                derive(c, v, col);
                written(c, json_object_get(b, "relation"), v, col);
            }
    }
}

static void walk_node(walker *w, const char *kind, json_t *b)
{
    if (!strcmp(kind, "A_Expr") && (slice_in(w, b) || slice_any(w, b) || at_name(w, b))) return;
    if (!strcmp(kind, "FuncCall") && is_sqlc(b, NULL)) {
        sqlc_call(w, b);
        return;
    }
    if (!strcmp(kind, "ParamRef")) {
        seen(w, USE_DOLLAR, (size_t)pgq_loc(b));
        param_add(w->c, NULL, (int)json_integer_value(json_object_get(b, "number")), (size_t)pgq_loc(b))->uses++;
        return;
    }
    if (!strcmp(kind, "SelectStmt")) {   /* sqlc.embed(t) as a whole result column is pgq_select.c's */
        json_t *t, *r, *f;
        size_t i;
        json_array_foreach(json_object_get(b, "targetList"), i, t) {
            r = pgq_as(t, "ResTarget");
            f = r ? pgq_as(json_object_get(r, "val"), "FuncCall") : NULL;
            if (!(f && is_sqlc(f, "embed"))) walk(w, t);
        }
    }
    const char *key;
    json_t *v;
    json_object_foreach(b, key, v)
        if (strcmp(kind, "SelectStmt") || strcmp(key, "targetList")) walk(w, v);
    hints(w->c, kind, b);   /* after the children: their named parameters exist */
}

static void walk(walker *w, json_t *v)
{
    if (json_is_array(v)) {
        json_t *x;
        size_t i;
        json_array_foreach(v, i, x) walk(w, x);
        return;
    }
    json_t *b;
    const char *kind = pgq_kind(v, &b);
    if (kind && json_is_object(b)) walk_node(w, kind, b);
    else if (json_is_object(v)) {
        const char *key;
        json_t *x;
        json_object_foreach(v, key, x) walk(w, x);
    }
}

/* sqlc's rule: one style of parameters per query ($n, @x or sqlc.*);
 * reported where the second style first appears, naming both styles. */
static void one_style(walker *w)
{
    static const char *const style[3] = {"positional parameters ($1)", "@name parameters",
                                         "sqlc.arg/narg/slice parameters"};
    int lo = -1, second = -1;
    for (int i = 0; i < 3; i++) {
        if (!w->first[i]) continue;
        if (lo < 0 || w->first[i] < w->first[lo]) second = lo, lo = i;
        else if (second < 0 || w->first[i] < w->first[second]) second = i;
    }
    if (second < 0) return;
    pgq_error(w->c, w->first[second] - 1, "query mixes %s and %s; use one style", style[lo], style[second]);
}

void pgq_params_collect(pgq_ctx *c, json_t *stmt)
{
    walker w = {c, {0}, {0, 0, 0}};
    walk(&w, stmt);
    one_style(&w);
    int next = 0;
    for (size_t i = 0; i < c->params.len; i++)
        if (!c->params.items[i].name && c->params.items[i].number > next) next = c->params.items[i].number;
    for (size_t i = 0; i < c->params.len; i++)
        if (c->params.items[i].name) c->params.items[i].number = ++next;
    for (size_t i = 0; i < w.uses.len; i++) {
        const use *u = &w.uses.items[i];
        dg_qedit_add(&c->edits, u->start, u->end, dg_xprintf(u->form, c->params.items[u->param].number));
    }
    DG_VEC_FREE(&w.uses);
}

const pgq_param *pgq_param_numbered(const pgq_ctx *c, int n)
{
    for (size_t i = 0; i < c->params.len; i++)
        if (c->params.items[i].number == n) return &c->params.items[i];
    return NULL;
}

void pgq_params_free(pgq_ctx *c)
{
    for (size_t i = 0; i < c->params.len; i++) {
        free(c->params.items[i].name);
        free(c->params.items[i].derived);
    }
    DG_VEC_FREE(&c->params);
}
