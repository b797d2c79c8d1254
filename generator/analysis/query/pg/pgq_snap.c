/* pgq_snap.c - the typed queries (queries.h) as JSON and back, without
 * loss: the `queries` part of the PostgreSQL typing snapshot (pgq.h).
 * Pointers into the schema (a field's or parameter's origin table, the
 * table a result or an embed reuses) are written as the table's index in
 * the schema and resolved against the schema they are read with. */
#include <stdlib.h>
#include <string.h>

#include "analysis/query/pg/pgq.h"
#include "model/model_snap.h"
#include "util/buf.h"

static const char *const kinds[] = {"one", "many", "exec", "execrows", "execlastid", "execresult", "copyfrom", "batchexec",
                                     "batchone", "batchmany"};
static const char *const vtypes[] = {"unknown", "int64", "double", "text", "blob", "bool", "value"};
#define N_OF(a) (sizeof(a) / sizeof(a)[0])

/* Every struct of queries.h is written and read field by field here: a field
 * added there changes its size, and these stop the build until it is
 * written and read here too (then update the size). */
#if defined(__x86_64__) && defined(__LP64__)
#define DG_SNAP_SIZE(T, n) _Static_assert(sizeof(T) == (n), #T " changed: write and read it in pgq_snap.c")
DG_SNAP_SIZE(dg_qtype, 8);
DG_SNAP_SIZE(dg_qpgtype, 80);
DG_SNAP_SIZE(dg_qparam, 96);
DG_SNAP_SIZE(dg_qfield, 72);
DG_SNAP_SIZE(dg_query, 128);
DG_SNAP_SIZE(dg_qfunc, 64);
DG_SNAP_SIZE(dg_query_set, 72);
#endif

/* ---- writing ---- */

typedef struct wctx {
    const dg_schema *s;
    char *const     *files;
    size_t           n;
} wctx;

static long table_index(const dg_schema *s, const dg_table *t)
{
    for (size_t i = 0; t && i < s->tables.len; i++)
        if (&s->tables.items[i] == t) return (long)i;
    return -1;
}


static void put_type(json_t *o, dg_qtype t)
{
    json_object_set_new(o, "vtype", json_string(vtypes[t.v]));
    dg_jw_bool(o, "nullable", t.nullable);
}

static void put_pg(json_t *o, const dg_qpgtype *t)
{
    if (!t) return;
    json_t *p = json_object();
    dg_jw_str(p, "type", t->type);
    json_object_set_new(p, "col", dg_pg_column_snap_dump(&t->col));
    json_object_set_new(o, "pg", p);
}

static json_t *param_dump(const wctx *w, const dg_qparam *p)
{
    json_t *o = json_object(), *binds = json_array();
    dg_jw_str(o, "name", p->name);
    dg_jw_str(o, "sql_name", p->sql_name);
    put_type(o, p->type);
    dg_jw_bool(o, "slice", p->slice);
    for (size_t i = 0; i < p->binds.len; i++) json_array_append_new(binds, json_integer(p->binds.items[i]));
    if (p->binds.len) json_object_set_new(o, "binds", binds);
    else json_decref(binds);
    dg_jw_loc(o, "loc", p->loc, w->files, w->n);
    dg_jw_int(o, "origin", table_index(w->s, p->origin), -1);
    dg_jw_int(o, "origin_column", p->origin_column, -1);
    dg_jw_bool(o, "origin_mixed", p->origin_mixed);
    put_pg(o, p->pg);
    return o;
}

static json_t *field_dump(const wctx *w, const dg_qfield *f)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", f->name);
    dg_jw_str(o, "column", f->column);
    put_type(o, f->type);
    json_object_set_new(o, "col", json_integer(f->col));
    dg_jw_int(o, "origin", table_index(w->s, f->origin), -1);
    dg_jw_int(o, "origin_column", f->origin_column, -1);
    dg_jw_int(o, "embed_table", table_index(w->s, f->embed_table), -1);
    json_object_set_new(o, "ncols", json_integer(f->ncols));
    put_pg(o, f->pg);
    return o;
}

static json_t *query_dump(const wctx *w, const dg_query *q)
{
    json_t *o = json_object(), *params = json_array(), *fields = json_array();
    dg_jw_str(o, "name", q->name);
    dg_jw_str(o, "c_name", q->c_name);
    json_object_set_new(o, "kind", json_string(kinds[q->kind]));
    dg_jw_str(o, "sql", q->sql);
    dg_jw_str(o, "copy_sql", q->copy_sql);
    dg_jw_loc(o, "loc", q->loc, w->files, w->n);
    for (size_t i = 0; i < q->params.len; i++) json_array_append_new(params, param_dump(w, &q->params.items[i]));
    if (q->params.len) json_object_set_new(o, "params", params);
    else json_decref(params);
    json_object_set_new(o, "nbind", json_integer(q->nbind));
    for (size_t i = 0; i < q->fields.len; i++) json_array_append_new(fields, field_dump(w, &q->fields.items[i]));
    if (q->fields.len) json_object_set_new(o, "fields", fields);
    else json_decref(fields);
    json_object_set_new(o, "ncols", json_integer(q->ncols));
    dg_jw_int(o, "row_table", table_index(w->s, q->row_table), -1);
    return o;
}

static json_t *function_dump(const wctx *w, const dg_qfunc *f)
{
    json_t *o = json_object(), *args = json_array(), *ret = json_object();
    dg_jw_str(o, "name", f->name);
    for (size_t i = 0; i < f->args.len; i++) {
        json_t *a = json_object();
        put_type(a, f->args.items[i]);
        json_array_append_new(args, a);
    }
    json_object_set_new(o, "args", args);
    dg_jw_bool(o, "variadic", f->variadic);
    put_type(ret, f->ret);
    json_object_set_new(o, "ret", ret);
    dg_jw_loc(o, "loc", f->loc, w->files, w->n);
    return o;
}

json_t *dg_pg_queries_snap_dump(const dg_query_set *q, const dg_schema *s, const dg_snap_paths *p)
{
    const wctx w = {s, q->files.items, q->files.len};
    json_t *o = json_object(), *files = json_array(), *queries = json_array(), *funcs = json_array();
    for (size_t i = 0; i < q->files.len; i++) json_array_append_new(files, json_string(dg_snap_name_of(p, q->files.items[i])));
    json_object_set_new(o, "files", files);
    for (size_t i = 0; i < q->queries.len; i++) json_array_append_new(queries, query_dump(&w, &q->queries.items[i]));
    json_object_set_new(o, "queries", queries);
    for (size_t i = 0; i < q->functions.len; i++) json_array_append_new(funcs, function_dump(&w, &q->functions.items[i]));
    json_object_set_new(o, "functions", funcs);
    return o;
}

/* ---- reading ---- */

typedef struct rctx {
    dg_jr           *r;
    const dg_schema *s;
    char *const     *files;
    size_t           n;
} rctx;

static dg_qtype get_type(rctx *x, json_t *o)
{
    dg_qtype t;
    t.v = (dg_vtype)dg_jr_enum(x->r, o, "vtype", vtypes, N_OF(vtypes), 0);
    t.nullable = dg_jr_bool(x->r, o, "nullable");
    return t;
}

static const dg_table *get_table(rctx *x, json_t *o, const char *k)
{
    long i = (long)dg_jr_int(x->r, o, k, -1, -1, (long long)x->s->tables.len - 1);
    return i < 0 ? NULL : &x->s->tables.items[i];
}

/* A column index of table t (-1 when none), in range. */
static int get_column(rctx *x, json_t *o, const dg_table *t)
{
    return (int)dg_jr_int(x->r, o, "origin_column", -1, -1, t ? (long long)t->columns.len - 1 : -1);
}

static dg_qpgtype *get_pg(rctx *x, json_t *o)
{
    json_t *p = json_object_get(o, "pg");
    if (!p) return NULL;
    size_t m = dg_jr_enter(x->r, "pg", -1);
    dg_qpgtype *t = dg_xcalloc(1, sizeof *t);
    t->type = dg_jr_str(x->r, p, "type", true);
    json_t *col = json_object_get(p, "col");
    dg_pg_column *c = json_is_object(col) ? dg_pg_column_snap_load(col, x->r) : NULL;
    if (!c) dg_jr_fail(x->r, "col: expected an object");
    if (c) t->col = *c;
    free(c);
    dg_jr_leave(x->r, m);
    return t;
}

static void param_load(rctx *x, json_t *o, dg_qparam *p)
{
    dg_jr *r = x->r;
    p->name = dg_jr_str(r, o, "name", true);
    p->sql_name = dg_jr_str(r, o, "sql_name", false);
    p->type = get_type(x, o);
    p->slice = dg_jr_bool(r, o, "slice");
    json_t *binds = dg_jr_arr(r, o, "binds");
    for (size_t i = 0; i < json_array_size(binds); i++) {
        json_t *b = json_array_get(binds, i);
        if (!json_is_integer(b) || json_integer_value(b) < 1 || json_integer_value(b) > 65535)
            dg_jr_fail(r, "binds[%zu]: expected a parameter number", i);
        DG_VEC_PUSH(&p->binds, (int)json_integer_value(b));
    }
    p->loc = dg_jr_loc(r, o, "loc", x->files, x->n);
    p->origin = get_table(x, o, "origin");
    p->origin_column = get_column(x, o, p->origin);
    p->origin_mixed = dg_jr_bool(r, o, "origin_mixed");
    p->pg = get_pg(x, o);
}

static void field_load(rctx *x, json_t *o, dg_qfield *f)
{
    dg_jr *r = x->r;
    f->name = dg_jr_str(r, o, "name", true);
    f->column = dg_jr_str(r, o, "column", false);
    f->type = get_type(x, o);
    f->col = (int)dg_jr_int(r, o, "col", 0, 0, 1 << 20);
    f->origin = get_table(x, o, "origin");
    f->origin_column = get_column(x, o, f->origin);
    f->embed_table = get_table(x, o, "embed_table");
    f->ncols = (int)dg_jr_int(r, o, "ncols", 0, 0, 1 << 20);
    f->pg = get_pg(x, o);
}

static void query_load(rctx *x, json_t *o, dg_query *q)
{
    dg_jr *r = x->r;
    q->name = dg_jr_str(r, o, "name", true);
    q->c_name = dg_jr_str(r, o, "c_name", true);
    q->kind = (dg_qkind)dg_jr_enum(r, o, "kind", kinds, N_OF(kinds), 0);
    q->sql = dg_jr_str(r, o, "sql", true);
    q->copy_sql = dg_jr_str(r, o, "copy_sql", false);
    q->loc = dg_jr_loc(r, o, "loc", x->files, x->n);
    DG_JR_LOAD_VEC(x, o, "params", &q->params, param_load);
    q->nbind = (int)dg_jr_int(r, o, "nbind", 0, 0, 65535);
    DG_JR_LOAD_VEC(x, o, "fields", &q->fields, field_load);
    q->ncols = (int)dg_jr_int(r, o, "ncols", 0, 0, 1 << 20);
    q->row_table = get_table(x, o, "row_table");
}

static void qtype_load(rctx *x, json_t *o, dg_qtype *t)
{
    *t = get_type(x, o);
}

static void function_load(rctx *x, json_t *o, dg_qfunc *f)
{
    f->name = dg_jr_str(x->r, o, "name", true);
    DG_JR_LOAD_VEC(x, o, "args", &f->args, qtype_load);
    f->variadic = dg_jr_bool(x->r, o, "variadic");
    json_t *ret = json_object_get(o, "ret");
    f->ret = get_type(x, ret);
    f->loc = dg_jr_loc(x->r, o, "loc", x->files, x->n);
}

dg_query_set *dg_pg_queries_snap_load(json_t *j, const dg_schema *s, const dg_snap_paths *p, dg_jr *r)
{
    dg_query_set *q = dg_xcalloc(1, sizeof *q);
    json_t *files = dg_jr_arr(r, j, "files");
    for (size_t i = 0; i < json_array_size(files); i++) {
        const char *name = json_string_value(json_array_get(files, i));
        if (!name) {
            dg_jr_fail(r, "files[%zu]: expected a string", i);
            break;
        }
        DG_VEC_PUSH(&q->files, dg_xstrdup(dg_snap_path_of(p, name)));
    }
    rctx ctx = {r, s, q->files.items, q->files.len}, *x = &ctx;
    DG_JR_LOAD_VEC(x, j, "queries", &q->queries, query_load);
    DG_JR_LOAD_VEC(x, j, "functions", &q->functions, function_load);
    if (r->err) {
        dg_query_set_free(q);
        return NULL;
    }
    return q;
}
