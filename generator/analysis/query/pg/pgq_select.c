/* pgq_select.c - result columns of a statement from the model: FROM
 * scopes (tables, views through their own definition, CTEs, subqueries,
 * outer joins), *, t.* and sqlc.embed(t) expanded into "alias"."col" lists
 * (pgq_int.h).  What is not known (a function in FROM, a * over JOIN USING)
 * is left to the server, with every such column nullable. */
#include <stdlib.h>
#include <string.h>

#include <pg_query.h>

#include "analysis/query/pg/pgq_int.h"
#include "util/buf.h"

/* A body that may or may not be wrapped in {"Kind": body}. */
static json_t *unwrap(json_t *x, const char *kind)
{
    json_t *b = pgq_as(x, kind);
    return b ? b : x;
}

static void rename_cols(pgq_cols *cols, const json_t *names)
{
    for (size_t i = 0; i < cols->len && i < json_array_size(names); i++) {
        const char *n = pgq_str_at(names, i);
        if (!n) continue;
        free(cols->items[i].name);
        cols->items[i].name = dg_xstrdup(n);
    }
}

static pgq_src *add_src(pgq_scope *s, const char *name)
{
    pgq_src *x = DG_VEC_ADD(&s->srcs);
    x->name = name ? dg_xstrdup(name) : NULL;
    return x;
}

/* ---- views: their own definition, read quietly ---- */

static bool view_cols(pgq_ctx *c, const dg_view *v, pgq_cols *out)
{
    if (c->depth > 8 || !v->sql) return false;
    PgQueryParseResult r = pg_query_parse(v->sql);
    json_t *root = r.error ? NULL : json_loads(r.parse_tree, 0, NULL);
    pg_query_free_parse_result(r);
    json_t *stmt = json_object_get(json_array_get(json_object_get(root, "stmts"), 0), "stmt");
    json_t *vs = pgq_as(stmt, "ViewStmt");
    if (!vs) vs = pgq_as(stmt, "CreateTableAsStmt");   /* a materialized view */
    bool ok = false;
    if (vs) {
        pgq_ctx sub = {0};
        sub.schema = c->schema;
        sub.src = c->src;
        sub.d = c->d;
        sub.text = v->sql;
        sub.len = strlen(v->sql);
        sub.quiet = true;
        sub.depth = c->depth + 1;
        pgq_stmt_columns(&sub, json_object_get(vs, "query"), NULL, out);
        ok = !sub.errors && !sub.star_unknown && out->len == v->columns.len;
        dg_qedits_free(&sub.edits);
        pgq_params_free(&sub);
    }
    json_decref(root);
    for (size_t i = 0; ok && i < out->len; i++) {   /* the view's own names; origins are the view's */
        free(out->items[i].name);
        out->items[i].name = dg_xstrdup(v->columns.items[i].name);
        out->items[i].table = NULL;
        out->items[i].column = -1;
    }
    if (!ok) pgq_cols_free(out);
    return ok;
}

void dg_pg_view_notnull(const dg_schema *schema, const dg_view *v, bool *out)
{
    dg_qsrc src;
    memset(&src, 0, sizeof src);
    dg_diags d = DG_DIAGS_INIT;
    pgq_ctx c;
    memset(&c, 0, sizeof c);
    c.schema = schema;
    c.src = &src;
    c.d = &d;
    c.quiet = true;
    pgq_cols cols = {0};
    bool ok = view_cols(&c, v, &cols);
    for (size_t i = 0; i < v->columns.len; i++) out[i] = ok && cols.items[i].notnull;
    pgq_cols_free(&cols);
    dg_diags_free(&d);
}

/* ---- FROM ---- */

static void relation(pgq_ctx *c, pgq_scope *s, json_t *rv)
{
    const char *rel = json_string_value(json_object_get(rv, "relname"));
    const char *sch = json_string_value(json_object_get(rv, "schemaname"));
    json_t *alias = json_object_get(rv, "alias");
    const char *aname = alias ? json_string_value(json_object_get(alias, "aliasname")) : NULL;
    pgq_src *x = add_src(s, aname ? aname : rel);
    for (pgq_cte *k = sch ? NULL : c->ctes; k; k = k->next)
        if (!strcmp(k->name, rel)) {
            for (size_t i = 0; i < k->cols.len; i++) {
                const pgq_col *kc = &k->cols.items[i];
                pgq_cols_push(&x->cols, kc->name, kc->notnull, kc->table, kc->column);
            }
            goto named;
        }
    dg_table *t = dg_schema_table_in(c->schema, sch, rel);
    if (t) {
        x->table = t;
        for (size_t i = 0; i < t->columns.len; i++)
            pgq_cols_push(&x->cols, t->columns.items[i].name, pgq_column_notnull(c->schema, &t->columns.items[i]), t, (int)i);
        goto named;
    }
    dg_view *v = dg_schema_view_in(c->schema, sch, rel);
    if (v) {
        if (!view_cols(c, v, &x->cols))
            for (size_t i = 0; i < v->columns.len; i++) pgq_cols_push(&x->cols, v->columns.items[i].name, false, NULL, -1);
        goto named;
    }
    x->unknown = true;   /* the server will name what it does not know */
    return;
named:
    if (alias) rename_cols(&x->cols, json_object_get(alias, "colnames"));
}

static void from_item(pgq_ctx *c, pgq_scope *s, json_t *node);
static void strict_conjunct(pgq_scope *s, const json_t *e);

static void mark_nullable(pgq_scope *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) s->srcs.items[i].nullable = true;
}

static void join(pgq_ctx *c, pgq_scope *s, json_t *j)
{
    size_t a = s->srcs.len;
    from_item(c, s, json_object_get(j, "larg"));
    size_t b = s->srcs.len;
    from_item(c, s, json_object_get(j, "rarg"));
    size_t e = s->srcs.len;
    const char *type = json_string_value(json_object_get(j, "jointype"));
    if (type && (!strcmp(type, "JOIN_LEFT") || !strcmp(type, "JOIN_FULL"))) mark_nullable(s, b, e);
    if (type && (!strcmp(type, "JOIN_RIGHT") || !strcmp(type, "JOIN_FULL"))) mark_nullable(s, a, b);
    /* an inner join's ON filters like a WHERE (an earlier outer join's NULL rows fail it) */
    if (type && !strcmp(type, "JOIN_INNER")) strict_conjunct(s, json_object_get(j, "quals"));
    if (json_object_get(j, "usingClause") || json_is_true(json_object_get(j, "isNatural"))) s->using_join = true;
    json_t *alias = json_object_get(j, "alias");
    if (alias) s->using_join = true;   /* a join alias hides its parts' names: leave * to the server */
}

static void from_item(pgq_ctx *c, pgq_scope *s, json_t *node)
{
    json_t *b;
    const char *kind = pgq_kind(node, &b);
    if (!kind) return;
    if (!strcmp(kind, "RangeVar")) {
        relation(c, s, b);
    } else if (!strcmp(kind, "JoinExpr")) {
        join(c, s, b);
    } else if (!strcmp(kind, "RangeSubselect")) {
        json_t *alias = json_object_get(b, "alias");
        pgq_src *x = add_src(s, alias ? json_string_value(json_object_get(alias, "aliasname")) : NULL);
        pgq_cols cols = {0};
        /* a LATERAL subquery sees the items before it */
        pgq_stmt_columns(c, json_object_get(b, "subquery"), json_is_true(json_object_get(b, "lateral")) ? s : s->outer,
                         &cols);
        x = &s->srcs.items[s->srcs.len - 1];   /* the vector may have moved */
        x->cols = cols;
        if (alias) rename_cols(&x->cols, json_object_get(alias, "colnames"));
    } else {   /* RangeFunction, RangeTableSample, XMLTABLE...: the server knows */
        json_t *alias = json_object_get(b, "alias");
        pgq_src *x = add_src(s, alias ? json_string_value(json_object_get(alias, "aliasname")) : NULL);
        x->unknown = true;
        json_t *n;
        size_t i;
        json_array_foreach(alias ? json_object_get(alias, "colnames") : NULL, i, n)
            if (pgq_str_at(alias ? json_object_get(alias, "colnames") : NULL, i))
                pgq_cols_push(&x->cols, pgq_str_at(json_object_get(alias, "colnames"), i), false, NULL, -1);
    }
}

/* ---- *, t.*, sqlc.embed(t) ---- */

static void expand_src(pgq_ctx *c, const pgq_src *x, dg_buf *sql, pgq_cols *out)
{
    char *q = pgq_quote(x->name);
    for (size_t i = 0; i < x->cols.len; i++) {
        const pgq_col *k = &x->cols.items[i];
        char *n = pgq_quote(k->name);
        dg_buf_printf(sql, "%s%s.%s", sql->len ? ", " : "", q, n);
        free(n);
        pgq_cols_push(out, k->name, k->notnull && !x->nullable, k->table, k->column);
    }
    free(q);
    (void)c;
}

static const pgq_src *src_named(const pgq_scope *s, const char *name)
{
    for (size_t i = 0; i < s->srcs.len; i++)
        if (s->srcs.items[i].name && !strcmp(s->srcs.items[i].name, name)) return &s->srcs.items[i];
    return NULL;
}

static void star(pgq_ctx *c, const pgq_scope *s, json_t *ref, pgq_cols *out)
{
    json_t *fields = json_object_get(ref, "fields");
    size_t at = (size_t)pgq_loc(ref), n = json_array_size(fields);
    dg_buf sql = DG_BUF_INIT;
    bool known = true;
    if (n == 1) {
        known = !s->using_join && s->srcs.len > 0;
        for (size_t i = 0; known && i < s->srcs.len; i++) known = !s->srcs.items[i].unknown && s->srcs.items[i].name;
        for (size_t i = 0; known && i < s->srcs.len; i++) expand_src(c, &s->srcs.items[i], &sql, out);
    } else {
        const char *qual = pgq_str_at(fields, n - 2);
        const pgq_src *x = qual && n == 2 ? src_named(s, qual) : NULL;
        known = x && !x->unknown;
        if (known) expand_src(c, x, &sql, out);
    }
    if (!known) c->star_unknown = true;
    else if (!c->quiet) dg_qedit_add(&c->edits, at, pgq_find(c->text, c->len, at, '*') + 1, dg_buf_steal(&sql));
    dg_buf_free(&sql);
}

static void embed(pgq_ctx *c, const pgq_scope *s, json_t *f, pgq_cols *out)
{
    json_t *args = json_object_get(f, "args");
    json_t *ref = json_array_size(args) == 1 ? pgq_as(json_array_get(args, 0), "ColumnRef") : NULL;
    const char *name = ref && json_array_size(json_object_get(ref, "fields")) == 1
                           ? pgq_str_at(json_object_get(ref, "fields"), 0) : NULL;
    size_t at = (size_t)pgq_loc(f);
    const pgq_src *x = name ? src_named(s, name) : NULL;
    if (!x || !x->table) {
        if (!name) pgq_error(c, at, "sqlc.embed takes one table name: sqlc.embed(t)");
        else pgq_error(c, at, "sqlc.embed(%s): no table %s in FROM", name, name);
        return;
    }
    if (x->nullable) {   /* as on SQLite */
        pgq_error(c, at, "sqlc.embed(%s): %s is on the nullable side of an outer join, so its struct could hold NULL "
                  "in NOT NULL fields; select its columns one by one", name, name);
        return;
    }
    dg_buf sql = DG_BUF_INIT;
    size_t first = out->len;
    expand_src(c, x, &sql, out);
    out->items[first].embed_table = x->table;
    out->items[first].embed_ncols = (int)x->cols.len;
    size_t open = pgq_find(c->text, c->len, at, '(');
    if (!c->quiet) dg_qedit_add(&c->edits, at, pgq_paren_end(c->text, c->len, open), dg_buf_steal(&sql));
    dg_buf_free(&sql);
}

static void targets(pgq_ctx *c, const pgq_scope *s, json_t *list, pgq_cols *out)
{
    json_t *t;
    size_t i;
    json_array_foreach(list, i, t) {
        json_t *r = pgq_as(t, "ResTarget");
        if (!r) continue;
        json_t *val = json_object_get(r, "val"), *ref = pgq_as(val, "ColumnRef"), *f = pgq_as(val, "FuncCall");
        json_t *fields = ref ? json_object_get(ref, "fields") : NULL;
        if (fields && pgq_as(json_array_get(fields, json_array_size(fields) - 1), "A_Star")) {
            star(c, s, ref, out);
            continue;
        }
        const char *ns = f ? pgq_str_at(json_object_get(f, "funcname"), 0) : NULL;
        const char *fn = f ? pgq_str_at(json_object_get(f, "funcname"), 1) : NULL;
        if (ns && fn && !strcmp(ns, "sqlc") && !strcmp(fn, "embed")) {
            embed(c, s, f, out);
            continue;
        }
        const char *alias = json_string_value(json_object_get(r, "name"));
        bool srcnull = false;
        const pgq_col *origin = ref ? pgq_resolve(s, ref, &srcnull) : NULL;
        pgq_cols_push(out, alias ? alias : pgq_expr_name(val), pgq_notnull(c, s, val), origin ? origin->table : NULL,
                      origin ? origin->column : -1);
    }
}

/* ---- WHERE: rows with a NULL there do not come through ---- */

/* A row of source x comes through `conjunct` only when its column `col`
 * is not NULL: a comparison (total operator) or IS NOT NULL on it.  Then x
 * is not null-extended (an outer join's row filled with NULLs fails the
 * test), and that column is not NULL. */
static void strict_ref(pgq_scope *s, const json_t *e)
{
    json_t *ref = pgq_as(e, "ColumnRef");
    bool srcnull = false;
    const pgq_col *col = ref ? pgq_resolve(s, ref, &srcnull) : NULL;
    for (size_t i = 0; col && i < s->srcs.len; i++) {
        pgq_src *x = &s->srcs.items[i];
        if (!x->cols.len || col < x->cols.items || col >= x->cols.items + x->cols.len) continue;   /* none: items NULL */
        x->nullable = false;
        x->cols.items[col - x->cols.items].notnull = true;
    }
}

static void strict_conjunct(pgq_scope *s, const json_t *e)
{
    static const char *const strict_ops[] = {"=", "<>", "!=", "<", ">", "<=", ">=", "~~", "~~*", NULL};
    json_t *b;
    if ((b = pgq_as(e, "BoolExpr"))) {
        const char *op = json_string_value(json_object_get(b, "boolop"));
        json_t *x;
        size_t i;
        if (op && !strcmp(op, "AND_EXPR")) json_array_foreach(json_object_get(b, "args"), i, x) strict_conjunct(s, x);
        return;
    }
    if ((b = pgq_as(e, "NullTest"))) {
        const char *t = json_string_value(json_object_get(b, "nulltesttype"));
        if (t && !strcmp(t, "IS_NOT_NULL")) strict_ref(s, json_object_get(b, "arg"));
        return;
    }
    if ((b = pgq_as(e, "A_Expr"))) {
        const char *kind = json_string_value(json_object_get(b, "kind"));
        const char *op = pgq_str_at(json_object_get(b, "name"), 0);
        bool strict = kind && (!strcmp(kind, "AEXPR_OP") || !strcmp(kind, "AEXPR_LIKE")) && op;
        for (int k = 0; strict && strict_ops[k]; k++)
            if (!strcmp(op, strict_ops[k])) {
                strict_ref(s, json_object_get(b, "lexpr"));
                strict_ref(s, json_object_get(b, "rexpr"));
                return;
            }
    }
}

/* ---- statements ---- */

static void with_push(pgq_ctx *c, json_t *with, pgq_scope *outer)
{
    json_t *k;
    size_t i;
    json_array_foreach(with ? json_object_get(unwrap(with, "WithClause"), "ctes") : NULL, i, k) {
        json_t *cte = pgq_as(k, "CommonTableExpr");
        if (!cte) continue;
        pgq_cte *e = dg_xcalloc(1, sizeof *e);
        e->name = json_string_value(json_object_get(cte, "ctename"));
        pgq_stmt_columns(c, json_object_get(cte, "ctequery"), outer, &e->cols);
        rename_cols(&e->cols, json_object_get(cte, "aliascolnames"));
        e->next = c->ctes;
        c->ctes = e;
    }
}

static void with_pop(pgq_ctx *c, pgq_cte *upto)
{
    while (c->ctes != upto) {
        pgq_cte *e = c->ctes;
        c->ctes = e->next;
        pgq_cols_free(&e->cols);
        free(e);
    }
}

static void select_cols(pgq_ctx *c, json_t *b, pgq_scope *outer, pgq_cols *out);

static void setop(pgq_ctx *c, json_t *b, pgq_scope *outer, pgq_cols *out)
{
    pgq_cols r = {0};
    select_cols(c, json_object_get(b, "larg"), outer, out);
    select_cols(c, json_object_get(b, "rarg"), outer, &r);
    for (size_t i = 0; i < out->len; i++) {
        bool same = i < r.len && r.items[i].table == out->items[i].table && r.items[i].column == out->items[i].column;
        out->items[i].notnull = out->items[i].notnull && i < r.len && r.items[i].notnull;
        if (!same) out->items[i].table = NULL, out->items[i].column = -1;
        out->items[i].embed_table = NULL;
    }
    pgq_cols_free(&r);
}

static void values(pgq_ctx *c, json_t *lists, pgq_scope *outer, pgq_cols *out)
{
    pgq_scope none = {0};
    none.outer = outer;
    json_t *row, *v;
    size_t i, k;
    json_array_foreach(lists, i, row)
        json_array_foreach(json_object_get(pgq_as(row, "List"), "items"), k, v) {
            bool nn = pgq_notnull(c, &none, v);
            if (i == 0) {
                char *name = dg_xprintf("column%zu", k + 1);
                pgq_cols_push(out, name, nn, NULL, -1);
                free(name);
            } else if (k < out->len) {
                out->items[k].notnull = out->items[k].notnull && nn;
            }
        }
}

static void select_cols(pgq_ctx *c, json_t *b, pgq_scope *outer, pgq_cols *out)
{
    b = unwrap(b, "SelectStmt");
    pgq_cte *mark = c->ctes;
    with_push(c, json_object_get(b, "withClause"), outer);
    const char *op = json_string_value(json_object_get(b, "op"));
    if (op && strcmp(op, "SETOP_NONE")) {
        setop(c, b, outer, out);
    } else if (json_object_get(b, "valuesLists")) {
        values(c, json_object_get(b, "valuesLists"), outer, out);
    } else {
        pgq_scope s = {0};
        s.outer = outer;
        json_t *f;
        size_t i;
        json_array_foreach(json_object_get(b, "fromClause"), i, f) from_item(c, &s, f);
        strict_conjunct(&s, json_object_get(b, "whereClause"));
        targets(c, &s, json_object_get(b, "targetList"), out);
        pgq_scope_free(&s);
    }
    with_pop(c, mark);
}

/* INSERT / UPDATE / DELETE ... RETURNING: the target and the FROM / USING
 * items, none of them on a nullable side. */
static void dml_cols(pgq_ctx *c, json_t *b, pgq_scope *outer, pgq_cols *out)
{
    pgq_cte *mark = c->ctes;
    with_push(c, json_object_get(b, "withClause"), outer);
    pgq_scope s = {0};
    s.outer = outer;
    relation(c, &s, json_object_get(b, "relation"));
    json_t *f;
    size_t i;
    json_array_foreach(json_object_get(b, "fromClause"), i, f) from_item(c, &s, f);
    json_array_foreach(json_object_get(b, "usingClause"), i, f) from_item(c, &s, f);
    targets(c, &s, json_object_get(b, "returningList"), out);
    pgq_scope_free(&s);
    with_pop(c, mark);
}

void pgq_stmt_columns(pgq_ctx *c, json_t *stmt, pgq_scope *outer, pgq_cols *out)
{
    json_t *b;
    const char *kind = pgq_kind(stmt, &b);
    if (!kind) return;
    if (!strcmp(kind, "SelectStmt")) select_cols(c, b, outer, out);
    else if (!strcmp(kind, "InsertStmt") || !strcmp(kind, "UpdateStmt") || !strcmp(kind, "DeleteStmt"))
        dml_cols(c, b, outer, out);
}
