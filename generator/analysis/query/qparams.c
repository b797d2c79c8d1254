/* qparams.c - bind parameters: SQLite's numbering (after ?3 a bare ? is 4;
 * :x, @x and $x are three SQLite parameters), one C argument per name,
 * sqlc.arg/narg/slice rewritten into plain parameters, types from context
 * or -- @param, and C names. */
#include "analysis/query/qinternal.h"

#include <stdlib.h>
#include <string.h>

#include "util/ident.h"

/* ---- collecting every parameter node of a statement ---- */

typedef struct collect {
    dg_qctx *c;
    DG_VEC(dg_expr *) nodes;
    DG_VEC(const dg_expr *) slices_ok;   /* sqlc.slice nodes that are a whole IN list */
} collect;

static void walk_select(collect *k, dg_select *s);

static void visit(dg_expr *e, void *ctx)
{
    collect *k = ctx;
    if (e->kind == DG_E_PARAM && e->form != DG_P_SQLC_EMBED) DG_VEC_PUSH(&k->nodes, e);
    if (e->kind == DG_E_IN && e->args.len == 2 && e->args.items[1]->kind == DG_E_PARAM &&
        e->args.items[1]->form == DG_P_SQLC_SLICE)
        DG_VEC_PUSH(&k->slices_ok, e->args.items[1]);
    if (e->select) walk_select(k, e->select);
}

static void walk(collect *k, dg_expr *e) { dg_expr_walk(e, visit, k); }

static void walk_exprs(collect *k, dg_exprs *l)
{
    for (size_t i = 0; i < l->len; i++) walk(k, l->items[i]);
}

static void walk_order(collect *k, dg_order *o)
{
    for (size_t i = 0; i < o->len; i++) walk(k, o->items[i].expr);
}

static void walk_from(collect *k, dg_from *f)
{
    for (size_t i = 0; i < f->len; i++) {
        dg_from_item *it = &f->items[i];
        walk_exprs(k, &it->func_args);
        if (it->select) walk_select(k, it->select);
        if (it->nested) walk_from(k, it->nested);
        walk(k, it->on);
    }
}

static void walk_with(collect *k, dg_with *w)
{
    for (size_t i = 0; w && i < w->ctes.len; i++) walk_select(k, w->ctes.items[i].select);
}

static void walk_cols(collect *k, dg_result_cols *cols)
{
    for (size_t i = 0; i < cols->len; i++) walk(k, cols->items[i].expr);
}

static void walk_window(collect *k, dg_window *w)
{
    walk_exprs(k, &w->partition);
    walk_order(k, &w->order);
    walk(k, w->frame_start);
    walk(k, w->frame_end);
}

static void walk_select(collect *k, dg_select *s)
{
    walk_with(k, s->with);
    for (size_t i = 0; i < s->cores.len; i++) {
        dg_select_core *c = &s->cores.items[i];
        for (size_t r = 0; r < c->rows.len; r++) walk_exprs(k, &c->rows.items[r]);
        walk_cols(k, &c->cols);
        walk_from(k, &c->from);
        walk(k, c->where);
        walk_exprs(k, &c->group_by);
        walk(k, c->having);
        for (size_t w = 0; w < c->windows.len; w++) walk_window(k, c->windows.items[w].window);
    }
    walk_order(k, &s->order_by);
    walk(k, s->limit);
    walk(k, s->offset);
}

static void walk_set(collect *k, dg_set_list *l)
{
    for (size_t i = 0; i < l->len; i++) walk(k, l->items[i].expr);
}

static void walk_stmt(collect *k, dg_stmt *st)
{
    if (st->kind != DG_STMT_SELECT) walk_with(k, st->with);
    if (st->select) walk_select(k, st->select);
    for (size_t i = 0; i < st->upserts.len; i++) {
        dg_upsert *u = &st->upserts.items[i];
        walk_order(k, &u->target);
        walk(k, u->target_where);
        walk_set(k, &u->set);
        walk(k, u->where);
    }
    walk_set(k, &st->set);
    walk_exprs(k, &st->params);
    walk_from(k, &st->from);
    walk(k, st->where);
    walk_cols(k, &st->returning);
    walk_order(k, &st->order_by);
    walk(k, st->limit);
    walk(k, st->offset);
}

static int by_start(const void *a, const void *b)
{
    const dg_expr *x = *(dg_expr *const *)a, *y = *(dg_expr *const *)b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* ---- numbering ---- */

static bool plain_name(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

static dg_qparam *arg_for(dg_query *q, const char *sql_name, int index)
{
    for (size_t i = 0; i < q->params.len; i++) {
        dg_qparam *p = &q->params.items[i];
        if (sql_name ? (p->sql_name && !strcmp(p->sql_name, sql_name))
                     : (!p->sql_name && p->binds.len && p->binds.items[0] == index))
            return p;
    }
    return NULL;
}

static void add_bind(dg_qparam *p, int index)
{
    for (size_t i = 0; i < p->binds.len; i++)
        if (p->binds.items[i] == index) return;
    DG_VEC_PUSH(&p->binds, index);
}

/* SQLite's key of a named parameter as prepared (the sqlc forms become :name). */
static char *sqlite_key(const dg_expr *e)
{
    if (e->form == DG_P_NAMED) return dg_xstrdup(e->text);
    return dg_xprintf(":%s", e->name);
}

static int number(dg_qctx *c, dg_expr **nodes, size_t n)
{
    dg_query *q = c->q;
    DG_VEC(char *) keys = {0};
    DG_VEC(int) key_index = {0};
    int max = 0;
    for (size_t i = 0; i < n; i++) {
        dg_expr *e = nodes[i];
        int index;
        const char *name = NULL;
        if (e->form == DG_P_QUESTION) {
            index = ++max;
        } else if (e->form == DG_P_NUMBERED) {
            if (e->number < 1 || e->number > 32766) {
                dg_error(c->d, dg_qctx_loc(c, e->start), "parameter %s is out of range", e->text);
                c->errors++;
                continue;
            }
            index = (int)e->number;
            if (index > max) max = index;
        } else {
            char *key = sqlite_key(e);
            index = 0;
            for (size_t k = 0; k < keys.len; k++)
                if (!strcmp(keys.items[k], key)) index = key_index.items[k];
            if (!index) {
                index = ++max;
                DG_VEC_PUSH(&keys, key);
                DG_VEC_PUSH(&key_index, index);
            } else {
                free(key);
            }
            name = e->name;
        }
        dg_qparam *p = arg_for(q, name, index);
        if (!p) {
            p = DG_VEC_ADD(&q->params);
            p->sql_name = dg_xstrdup(name);
            p->loc = dg_qctx_loc(c, e->start);
        }
        add_bind(p, index);
        if (e->form == DG_P_SQLC_NARG) p->type.nullable = true;
        if (e->form == DG_P_SQLC_SLICE) p->slice = true;
        e->param_index = (int)(p - q->params.items) + 1;
    }
    for (size_t k = 0; k < keys.len; k++) free(keys.items[k]);
    DG_VEC_FREE(&keys);
    DG_VEC_FREE(&key_index);
    q->nbind = max;
    return 0;
}

/* The sqlc.* forms become plain SQLite parameters. */
static void rewrite(dg_qctx *c, collect *k)
{
    for (size_t i = 0; i < k->nodes.len; i++) {
        dg_expr *e = k->nodes.items[i];
        if (e->form != DG_P_SQLC_ARG && e->form != DG_P_SQLC_NARG && e->form != DG_P_SQLC_SLICE) continue;
        if (!plain_name(e->name)) {
            dg_error(c->d, dg_qctx_loc(c, e->start), "%s: a parameter name is letters, digits and _", e->text);
            c->errors++;
            continue;
        }
        if (e->form == DG_P_SQLC_SLICE) {
            bool ok = false;
            for (size_t s = 0; s < k->slices_ok.len; s++) ok |= k->slices_ok.items[s] == e;
            if (!ok) {
                dg_error(c->d, dg_qctx_loc(c, e->start), "sqlc.slice(%s) must be the whole list of an IN: x IN (sqlc.slice(%s))",
                         e->name, e->name);
                c->errors++;
                continue;
            }
            dg_qedit_add(&c->edits, e->start, e->end, dg_xprintf("SELECT value FROM dal_array(:%s)", e->name));
        } else {
            dg_qedit_add(&c->edits, e->start, e->end, dg_xprintf(":%s", e->name));
        }
    }
}

int dg_qparams_collect(dg_qctx *c, dg_stmt *st)
{
    collect k = {0};
    k.c = c;
    walk_stmt(&k, st);
    if (k.nodes.len) qsort(k.nodes.items, k.nodes.len, sizeof *k.nodes.items, by_start);
    rewrite(c, &k);
    number(c, k.nodes.items, k.nodes.len);
    c->param_nodes = k.nodes.items;
    c->nparam_nodes = k.nodes.len;
    DG_VEC_FREE(&k.slices_ok);
    return 0;
}

/* ---- types ---- */

void dg_qparam_hint_named(dg_qctx *c, const dg_expr *e, dg_qtype t, const char *name)
{
    if (!c->q || !e || e->kind != DG_E_PARAM || e->param_index <= 0 || t.v == DG_VT_UNKNOWN) return;
    dg_qparam *p = &c->q->params.items[e->param_index - 1];
    if (p->type.v == DG_VT_UNKNOWN) p->type.v = t.v;
    if (t.nullable && !p->slice) p->type.nullable = true;
    if (!p->name && !p->sql_name && name) p->name = dg_xstrdup(name);
}

void dg_qparam_use(dg_qctx *c, const dg_expr *e, const dg_table *t, int column)
{
    if (!c->q || !e || e->kind != DG_E_PARAM || e->form == DG_P_SQLC_EMBED || e->param_index <= 0) return;
    dg_qparam *p = &c->q->params.items[e->param_index - 1];
    if (p->origin_mixed) return;
    if (t && (!p->origin || (p->origin == t && p->origin_column == column))) {
        p->origin = t;
        p->origin_column = column;
        return;
    }
    p->origin_mixed = true;
    p->origin = NULL;
}

dg_qtype dg_qparam_type(dg_qctx *c, const dg_expr *e)
{
    if (!c->q || e->param_index <= 0) return (dg_qtype){DG_VT_UNKNOWN, true};
    const dg_qparam *p = &c->q->params.items[e->param_index - 1];
    if (p->type.v == DG_VT_UNKNOWN) return (dg_qtype){DG_VT_UNKNOWN, true};
    return p->type;
}

/* ---- C names ---- */

static bool taken(const dg_query *q, size_t upto, const char *name)
{
    static const char *const locals[] = {"db",  "st",       "rc",     "row",     "out",    "arena",
                                         "it",  "out_rows", "out_id", "out_has", "params", NULL};
    for (int i = 0; locals[i]; i++)
        if (!strcmp(locals[i], name)) return true;
    for (size_t i = 0; i < upto; i++)
        if (!strcmp(q->params.items[i].name, name)) return true;
    return false;
}

static void name_params(dg_query *q)
{
    for (size_t i = 0; i < q->params.len; i++) {
        dg_qparam *p = &q->params.items[i];
        const char *base = p->sql_name ? p->sql_name : p->name;
        char *snake = base ? dg_c_field_ident(base) : dg_xprintf("param%d", p->binds.items[0]);
        char *name = dg_xstrdup(snake);
        for (int k = 2; taken(q, i, name) || (p->slice && taken(q, i, snake)); k++) {
            free(name);
            name = dg_xprintf("%s_%d", snake, k);
        }
        free(snake);
        free(p->name);
        p->name = name;
    }
}

void dg_qparams_name(dg_query *q)
{
    name_params(q);
}

static int by_first_bind(const void *a, const void *b)
{
    const dg_qparam *x = a, *y = b;
    int xi = x->binds.len ? x->binds.items[0] : 0, yi = y->binds.len ? y->binds.items[0] : 0;
    for (size_t i = 0; i < x->binds.len; i++) if (x->binds.items[i] < xi) xi = x->binds.items[i];
    for (size_t i = 0; i < y->binds.len; i++) if (y->binds.items[i] < yi) yi = y->binds.items[i];
    return xi - yi;
}

static bool annot_matches(const dg_qannot *a, const dg_qparam *p)
{
    if (p->sql_name && !strcmp(a->name, p->sql_name)) return true;
    if (!strcmp(a->name, p->name)) return true;
    for (size_t i = 0; i < p->binds.len; i++) {
        char num[16];
        snprintf(num, sizeof num, "%d", p->binds.items[i]);
        if (!strcmp(a->name, num)) return true;
    }
    return false;
}

int dg_qparams_finish(dg_qctx *c)
{
    dg_query *q = c->q;
    /* keep param_index valid: sort a copy of the order, then remap */
    size_t n = q->params.len;
    dg_qparam *sorted = dg_xcalloc(n ? n : 1, sizeof *sorted);
    if (n) memcpy(sorted, q->params.items, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_first_bind);
    int *remap = dg_xcalloc(n ? n : 1, sizeof *remap);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n; k++)
            if (sorted[k].binds.items == q->params.items[i].binds.items) remap[i] = (int)k + 1;
    for (size_t i = 0; i < c->nparam_nodes; i++)
        if (c->param_nodes[i]->param_index > 0) c->param_nodes[i]->param_index = remap[c->param_nodes[i]->param_index - 1];
    if (n) memcpy(q->params.items, sorted, n * sizeof *sorted);
    free(sorted);
    free(remap);
    name_params(q);
    dg_qsrc *src = (dg_qsrc *)c->src;
    for (size_t a = 0; a < src->params.len; a++) {
        dg_qannot *an = &src->params.items[a];
        for (size_t i = 0; i < n; i++)
            if (annot_matches(an, &q->params.items[i])) {
                q->params.items[i].type = an->type;
                q->params.items[i].origin = NULL;   /* the user's type, not the column's */
                an->used = true;
            }
        if (!an->used) {
            dg_error(c->d, an->loc, "@param %s: query %s has no parameter %s", an->name, q->name, an->name);
            c->errors++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        dg_qparam *p = &q->params.items[i];
        if (!p->origin) p->origin_column = -1;
        if (p->type.v != DG_VT_UNKNOWN) continue;
        dg_error(c->d, p->loc, "cannot infer the type of parameter %s; declare it with `-- @param %s TYPE` (or `TYPE NULL`)",
                 p->name, p->sql_name ? p->sql_name : p->name);
        c->errors++;
    }
    return 0;
}
