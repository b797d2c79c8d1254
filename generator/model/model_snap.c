/* model_snap.c - model_snap.h: every field of model.h written and read
 * back.  One dump and one load function per struct, in model.h's order;
 * a field added to model.h is added here in both (tests/pgsnap checks
 * that generation from a snapshot equals generation from the server). */
#include "model/model_snap.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

const char *dg_snap_name_of(const dg_snap_paths *p, const char *path)
{
    for (size_t i = 0; p && i < p->n; i++)
        if (!strcmp(p->path[i], path)) return p->name[i];
    return path;
}

const char *dg_snap_path_of(const dg_snap_paths *p, const char *name)
{
    for (size_t i = 0; p && i < p->n; i++)
        if (!strcmp(p->name[i], name)) return p->path[i];
    return name;
}

static const char *const affinities[] = {"BLOB", "TEXT", "NUMERIC", "INTEGER", "REAL"};
static const char *const generateds[] = {"none", "virtual", "stored"};
static const char *const timings[] = {"before", "after", "instead of"};
static const char *const events[] = {"insert", "update", "delete"};
#define N_OF(a) (sizeof(a) / sizeof(a)[0])

/* Every struct of model.h is written and read field by field here: a field
 * added there changes its size, and these stop the build until it is
 * written and read here too (then update the size). */
#if defined(__x86_64__) && defined(__LP64__)
#define DG_SNAP_SIZE(T, n) _Static_assert(sizeof(T) == (n), #T " changed: write and read it in model_snap.c")
DG_SNAP_SIZE(dg_annotation, 40);
DG_SNAP_SIZE(dg_pg_column, 72);
DG_SNAP_SIZE(dg_column, 128);
DG_SNAP_SIZE(dg_check, 40);
DG_SNAP_SIZE(dg_foreign_key, 136);
DG_SNAP_SIZE(dg_unique, 56);
DG_SNAP_SIZE(dg_index_term, 32);
DG_SNAP_SIZE(dg_index, 120);
DG_SNAP_SIZE(dg_view_column, 32);
DG_SNAP_SIZE(dg_view, 88);
DG_SNAP_SIZE(dg_trigger, 56);
DG_SNAP_SIZE(dg_exclusion, 32);
DG_SNAP_SIZE(dg_table, 288);
DG_SNAP_SIZE(dg_pg_enum, 48);
DG_SNAP_SIZE(dg_pg_domain, 80);
DG_SNAP_SIZE(dg_pg_sequence, 96);
DG_SNAP_SIZE(dg_pg_extension, 24);
DG_SNAP_SIZE(dg_pg_function, 32);
DG_SNAP_SIZE(dg_data_stmt, 40);
DG_SNAP_SIZE(dg_rename_stmt, 24);
DG_SNAP_SIZE(dg_schema, 320);
#endif

/* ---- writing ---- */

typedef struct wctx {
    char *const *files;   /* the model's files: locations are indexes into them */
    size_t       n;
} wctx;

static void put_loc(const wctx *w, json_t *o, dg_loc l)
{
    dg_jw_loc(o, "loc", l, w->files, w->n);
}

static void put_strings(json_t *o, const char *k, const dg_strings *v)
{
    dg_jw_strs(o, k, v->items, v->len);
}

static json_t *annotations_dump(const wctx *w, const dg_annotations *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < a->len; i++) {
        json_t *o = json_object();
        dg_jw_str(o, "key", a->items[i].key);
        dg_jw_str(o, "value", a->items[i].value);
        put_loc(w, o, a->items[i].loc);
        dg_jw_bool(o, "above", a->items[i].above);
        json_array_append_new(arr, o);
    }
    return arr;
}

static void put_annotations(const wctx *w, json_t *o, const dg_annotations *a)
{
    if (a->len) json_object_set_new(o, "annotations", annotations_dump(w, a));
}

json_t *dg_pg_column_snap_dump(const dg_pg_column *p)
{
    json_t *o = json_object();
    dg_jw_str(o, "type_schema", p->type_schema);
    dg_jw_str(o, "type_name", p->type_name);
    dg_jw_str(o, "type_kind", p->type_kind);
    dg_jw_int(o, "typmod", p->typmod, -1);
    dg_jw_int(o, "array_dims", p->array_dims, 0);
    dg_jw_str(o, "domain", p->domain);
    dg_jw_str(o, "base_type", p->base_type);
    dg_jw_str(o, "identity", p->identity);
    dg_jw_str(o, "sequence", p->sequence);
    dg_jw_str(o, "comment", p->comment);
    return o;
}

static json_t *column_dump(const wctx *w, const dg_column *c)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", c->name);
    dg_jw_str(o, "type", c->type);
    json_object_set_new(o, "affinity", json_string(affinities[c->affinity]));
    dg_jw_bool(o, "not_null", c->not_null);
    dg_jw_str(o, "default", c->default_sql);
    dg_jw_int(o, "pk", c->pk, 0);
    dg_jw_bool(o, "pk_desc", c->pk_desc);
    dg_jw_str(o, "collation", c->collation);
    if (c->generated) json_object_set_new(o, "generated", json_string(generateds[c->generated]));
    dg_jw_str(o, "generated_expr", c->generated_expr);
    dg_jw_bool(o, "hidden", c->hidden);
    dg_jw_bool(o, "autoincrement", c->autoincrement);
    dg_jw_bool(o, "unique", c->unique);
    dg_jw_str(o, "not_null_conflict", c->not_null_conflict);
    put_annotations(w, o, &c->annotations);
    put_loc(w, o, c->loc);
    if (c->pg) json_object_set_new(o, "pg", dg_pg_column_snap_dump(c->pg));
    return o;
}

static json_t *check_dump(const wctx *w, const dg_check *c)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", c->name);
    dg_jw_str(o, "expr", c->expr);
    dg_jw_int(o, "column", c->column, -1);
    put_loc(w, o, c->loc);
    return o;
}

static json_t *fk_dump(const wctx *w, const dg_foreign_key *f)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", f->name);
    put_strings(o, "columns", &f->columns);
    dg_jw_str(o, "table", f->table);
    put_strings(o, "to", &f->to);
    dg_jw_bool(o, "to_implicit", f->to_implicit);
    dg_jw_str(o, "table_schema", f->table_schema);
    dg_jw_str(o, "on_delete", f->on_delete);
    dg_jw_str(o, "on_update", f->on_update);
    dg_jw_bool(o, "deferrable", f->deferrable);
    dg_jw_str(o, "deferrable_sql", f->deferrable_sql);
    dg_jw_str(o, "match", f->match);
    put_loc(w, o, f->loc);
    return o;
}

static json_t *unique_dump(const wctx *w, const dg_unique *u)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", u->name);
    put_strings(o, "columns", &u->columns);
    dg_jw_str(o, "conflict", u->conflict);
    put_loc(w, o, u->loc);
    return o;
}

static json_t *terms_dump(const dg_index_terms *t)
{
    json_t *a = json_array();
    for (size_t i = 0; i < t->len; i++) {
        json_t *o = json_object();
        dg_jw_str(o, "column", t->items[i].column);
        dg_jw_str(o, "expr", t->items[i].expr);
        dg_jw_bool(o, "desc", t->items[i].desc);
        dg_jw_str(o, "collation", t->items[i].collation);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *index_dump(const wctx *w, const dg_index *x)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", x->name);
    dg_jw_str(o, "table", x->table);
    dg_jw_str(o, "schema", x->schema);
    dg_jw_bool(o, "unique", x->unique);
    if (x->terms.len) json_object_set_new(o, "terms", terms_dump(&x->terms));
    dg_jw_str(o, "where", x->where);
    dg_jw_str(o, "sql", x->sql);
    dg_jw_str(o, "method", x->method);
    put_strings(o, "include", &x->include);
    put_loc(w, o, x->loc);
    return o;
}

static json_t *view_dump(const wctx *w, const dg_view *v)
{
    json_t *o = json_object(), *cols = json_array();
    dg_jw_str(o, "name", v->name);
    dg_jw_str(o, "schema", v->schema);
    dg_jw_str(o, "sql", v->sql);
    for (size_t i = 0; i < v->columns.len; i++) {
        const dg_view_column *c = &v->columns.items[i];
        json_t *co = json_object();
        dg_jw_str(co, "name", c->name);
        dg_jw_str(co, "decltype", c->decltype);
        json_object_set_new(co, "affinity", json_string(affinities[c->affinity]));
        if (c->pg) json_object_set_new(co, "pg", dg_pg_column_snap_dump(c->pg));
        json_array_append_new(cols, co);
    }
    if (v->columns.len) json_object_set_new(o, "columns", cols);
    else json_decref(cols);
    put_annotations(w, o, &v->annotations);
    put_loc(w, o, v->loc);
    return o;
}

static json_t *trigger_dump(const wctx *w, const dg_trigger *t)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", t->name);
    dg_jw_str(o, "function", t->function);
    dg_jw_str(o, "table", t->table);
    json_object_set_new(o, "timing", json_string(timings[t->timing]));
    json_object_set_new(o, "event", json_string(events[t->event]));
    dg_jw_str(o, "sql", t->sql);
    put_loc(w, o, t->loc);
    return o;
}

/* vec: a DG_VEC of T; f: json_t *f(const wctx *, const T *). */
#define DUMP_VEC(o, key, vec, f)                                                        \
    do {                                                                                \
        json_t *arr_ = (vec)->len ? json_array() : NULL;                                \
        for (size_t i_ = 0; i_ < (vec)->len; i_++) json_array_append_new(arr_, f(w, &(vec)->items[i_])); \
        if (arr_) json_object_set_new(o, key, arr_);                                    \
    } while (0)

static json_t *exclusion_dump(const wctx *w, const dg_exclusion *x)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", x->name);
    dg_jw_str(o, "sql", x->sql);
    put_loc(w, o, x->loc);
    return o;
}

static json_t *table_dump(const wctx *w, const dg_table *t)
{
    json_t *o = json_object();
    dg_jw_str(o, "name", t->name);
    dg_jw_bool(o, "strict", t->strict);
    dg_jw_bool(o, "without_rowid", t->without_rowid);
    DUMP_VEC(o, "columns", &t->columns, column_dump);
    dg_jw_str(o, "pk_name", t->pk_name);
    dg_jw_str(o, "pk_conflict", t->pk_conflict);
    if (t->pk_terms.len) json_object_set_new(o, "pk_terms", terms_dump(&t->pk_terms));
    DUMP_VEC(o, "uniques", &t->uniques, unique_dump);
    DUMP_VEC(o, "checks", &t->checks, check_dump);
    DUMP_VEC(o, "foreign_keys", &t->foreign_keys, fk_dump);
    put_annotations(w, o, &t->annotations);
    dg_jw_str(o, "schema", t->schema);
    dg_jw_str(o, "comment", t->comment);
    DUMP_VEC(o, "exclusions", &t->exclusions, exclusion_dump);
    dg_jw_str(o, "partition_by", t->partition_by);
    dg_jw_str(o, "partition_of", t->partition_of);
    dg_jw_str(o, "partition_of_schema", t->partition_of_schema);
    dg_jw_str(o, "partition_bound", t->partition_bound);
    dg_jw_str(o, "module", t->module);
    dg_jw_str(o, "module_args", t->module_args);
    dg_jw_str(o, "sql", t->sql);
    put_loc(w, o, t->loc);
    return o;
}

static json_t *enum_dump(const wctx *w, const dg_pg_enum *e)
{
    (void)w;
    json_t *o = json_object();
    dg_jw_str(o, "schema", e->schema);
    dg_jw_str(o, "name", e->name);
    put_strings(o, "labels", &e->labels);
    dg_jw_str(o, "comment", e->comment);
    return o;
}

static json_t *domain_dump(const wctx *w, const dg_pg_domain *d)
{
    json_t *o = json_object();
    dg_jw_str(o, "schema", d->schema);
    dg_jw_str(o, "name", d->name);
    dg_jw_str(o, "base", d->base);
    dg_jw_bool(o, "not_null", d->not_null);
    dg_jw_str(o, "default", d->default_sql);
    dg_jw_str(o, "collation", d->collation);
    DUMP_VEC(o, "checks", &d->checks, check_dump);
    dg_jw_str(o, "comment", d->comment);
    return o;
}

static json_t *sequence_dump(const wctx *w, const dg_pg_sequence *q)
{
    (void)w;
    json_t *o = json_object();
    dg_jw_str(o, "schema", q->schema);
    dg_jw_str(o, "name", q->name);
    dg_jw_str(o, "type", q->type);
    json_object_set_new(o, "start", json_integer(q->start));
    json_object_set_new(o, "increment", json_integer(q->increment));
    json_object_set_new(o, "min", json_integer(q->min));
    json_object_set_new(o, "max", json_integer(q->max));
    json_object_set_new(o, "cache", json_integer(q->cache));
    dg_jw_bool(o, "cycle", q->cycle);
    dg_jw_str(o, "owned_table", q->owned_table);
    dg_jw_str(o, "owned_column", q->owned_column);
    dg_jw_str(o, "owner_kind", q->owner_kind);
    return o;
}

static json_t *extension_dump(const wctx *w, const dg_pg_extension *e)
{
    (void)w;
    json_t *o = json_object();
    dg_jw_str(o, "name", e->name);
    dg_jw_str(o, "schema", e->schema);
    dg_jw_str(o, "version", e->version);
    return o;
}

static json_t *function_dump(const wctx *w, const dg_pg_function *f)
{
    (void)w;
    json_t *o = json_object();
    dg_jw_str(o, "schema", f->schema);
    dg_jw_str(o, "name", f->name);
    dg_jw_str(o, "args", f->args);
    dg_jw_str(o, "sql", f->sql);
    return o;
}

static json_t *data_dump(const wctx *w, const dg_data_stmt *x)
{
    json_t *o = json_object();
    dg_jw_str(o, "table", x->table);
    dg_jw_str(o, "sql", x->sql);
    put_loc(w, o, x->loc);
    dg_jw_bool(o, "values", x->values);
    return o;
}

static json_t *rename_dump(const wctx *w, const dg_rename_stmt *x)
{
    (void)w;
    json_t *o = json_object();
    dg_jw_str(o, "table", x->table);
    dg_jw_str(o, "old_name", x->old_name);
    dg_jw_str(o, "new_name", x->new_name);
    return o;
}

json_t *dg_schema_snap_dump(const dg_schema *s, const dg_snap_paths *p)
{
    const wctx ctx = {s->files.items, s->files.len}, *w = &ctx;
    json_t *o = json_object(), *files = json_array();
    for (size_t i = 0; i < s->files.len; i++) json_array_append_new(files, json_string(dg_snap_name_of(p, s->files.items[i])));
    json_object_set_new(o, "files", files);
    json_object_set_new(o, "engine", json_string(dg_engine_name(s->engine)));
    DUMP_VEC(o, "tables", &s->tables, table_dump);
    DUMP_VEC(o, "indexes", &s->indexes, index_dump);
    DUMP_VEC(o, "views", &s->views, view_dump);
    DUMP_VEC(o, "triggers", &s->triggers, trigger_dump);
    DUMP_VEC(o, "data", &s->data, data_dump);
    DUMP_VEC(o, "renames", &s->renames, rename_dump);
    put_strings(o, "schemas", &s->schemas);
    DUMP_VEC(o, "extensions", &s->extensions, extension_dump);
    DUMP_VEC(o, "enums", &s->enums, enum_dump);
    DUMP_VEC(o, "domains", &s->domains, domain_dump);
    DUMP_VEC(o, "sequences", &s->sequences, sequence_dump);
    DUMP_VEC(o, "functions", &s->functions, function_dump);
    return o;
}

/* ---- reading ---- */

typedef struct rctx {
    dg_jr       *r;
    char *const *files;   /* the model's files (interned) */
    size_t       n;
} rctx;

static void push_string(void *v, const char *s)
{
    dg_strings_push(v, s);
}

static void get_strings(rctx *x, json_t *o, const char *k, dg_strings *out)
{
    dg_jr_strs(x->r, o, k, push_string, out);
}

static dg_loc get_loc(rctx *x, json_t *o)
{
    return dg_jr_loc(x->r, o, "loc", x->files, x->n);
}

static void annotation_load(rctx *x, json_t *o, dg_annotation *a)
{
    a->key = dg_jr_str(x->r, o, "key", true);
    a->value = dg_jr_str(x->r, o, "value", true);
    a->loc = get_loc(x, o);
    a->above = dg_jr_bool(x->r, o, "above");
}

dg_pg_column *dg_pg_column_snap_load(json_t *o, dg_jr *r)
{
    dg_pg_column *p = dg_xcalloc(1, sizeof *p);
    p->type_schema = dg_jr_str(r, o, "type_schema", false);
    p->type_name = dg_jr_str(r, o, "type_name", false);
    p->type_kind = dg_jr_str(r, o, "type_kind", false);
    p->typmod = (int)dg_jr_int(r, o, "typmod", -1, -1, 1 << 30);
    p->array_dims = (int)dg_jr_int(r, o, "array_dims", 0, 0, 1000);
    p->domain = dg_jr_str(r, o, "domain", false);
    p->base_type = dg_jr_str(r, o, "base_type", false);
    p->identity = dg_jr_str(r, o, "identity", false);
    p->sequence = dg_jr_str(r, o, "sequence", false);
    p->comment = dg_jr_str(r, o, "comment", false);
    return p;
}

/* A column's PostgreSQL type ("pg"), NULL when absent (SQLite). */
static dg_pg_column *pg_load(dg_jr *r, json_t *o)
{
    json_t *pg = json_object_get(o, "pg");
    if (pg && !json_is_object(pg)) dg_jr_fail(r, "pg: expected an object");
    if (!json_is_object(pg)) return NULL;
    size_t m = dg_jr_enter(r, "pg", -1);
    dg_pg_column *c = dg_pg_column_snap_load(pg, r);
    dg_jr_leave(r, m);
    return c;
}

static void column_load(rctx *x, json_t *o, dg_column *c)
{
    dg_jr *r = x->r;
    c->name = dg_jr_str(r, o, "name", true);
    c->type = dg_jr_str(r, o, "type", true);
    c->affinity = (dg_affinity)dg_jr_enum(r, o, "affinity", affinities, N_OF(affinities), 0);
    c->not_null = dg_jr_bool(r, o, "not_null");
    c->default_sql = dg_jr_str(r, o, "default", false);
    c->pk = (int)dg_jr_int(r, o, "pk", 0, 0, 1 << 20);
    c->pk_desc = dg_jr_bool(r, o, "pk_desc");
    c->collation = dg_jr_str(r, o, "collation", false);
    c->generated = (dg_generated)dg_jr_enum(r, o, "generated", generateds, N_OF(generateds), 0);
    c->generated_expr = dg_jr_str(r, o, "generated_expr", false);
    c->hidden = dg_jr_bool(r, o, "hidden");
    c->autoincrement = dg_jr_bool(r, o, "autoincrement");
    c->unique = dg_jr_bool(r, o, "unique");
    c->not_null_conflict = dg_jr_str(r, o, "not_null_conflict", false);
    DG_JR_LOAD_VEC(x, o, "annotations", &c->annotations, annotation_load);
    c->loc = get_loc(x, o);
    c->pg = pg_load(r, o);
}

static void check_load(rctx *x, json_t *o, dg_check *c)
{
    c->name = dg_jr_str(x->r, o, "name", false);
    c->expr = dg_jr_str(x->r, o, "expr", true);
    c->column = (int)dg_jr_int(x->r, o, "column", -1, -1, 1 << 20);
    c->loc = get_loc(x, o);
}

static void fk_load(rctx *x, json_t *o, dg_foreign_key *f)
{
    dg_jr *r = x->r;
    f->name = dg_jr_str(r, o, "name", false);
    get_strings(x, o, "columns", &f->columns);
    f->table = dg_jr_str(r, o, "table", true);
    get_strings(x, o, "to", &f->to);
    f->to_implicit = dg_jr_bool(r, o, "to_implicit");
    f->table_schema = dg_jr_str(r, o, "table_schema", false);
    f->on_delete = dg_jr_str(r, o, "on_delete", false);
    f->on_update = dg_jr_str(r, o, "on_update", false);
    f->deferrable = dg_jr_bool(r, o, "deferrable");
    f->deferrable_sql = dg_jr_str(r, o, "deferrable_sql", false);
    f->match = dg_jr_str(r, o, "match", false);
    f->loc = get_loc(x, o);
}

static void unique_load(rctx *x, json_t *o, dg_unique *u)
{
    u->name = dg_jr_str(x->r, o, "name", false);
    get_strings(x, o, "columns", &u->columns);
    u->conflict = dg_jr_str(x->r, o, "conflict", false);
    u->loc = get_loc(x, o);
}

static void term_load(rctx *x, json_t *o, dg_index_term *t)
{
    t->column = dg_jr_str(x->r, o, "column", false);
    t->expr = dg_jr_str(x->r, o, "expr", false);
    t->desc = dg_jr_bool(x->r, o, "desc");
    t->collation = dg_jr_str(x->r, o, "collation", false);
}

static void index_load(rctx *x, json_t *o, dg_index *ix)
{
    dg_jr *r = x->r;
    ix->name = dg_jr_str(r, o, "name", true);
    ix->table = dg_jr_str(r, o, "table", true);
    ix->schema = dg_jr_str(r, o, "schema", false);
    ix->unique = dg_jr_bool(r, o, "unique");
    DG_JR_LOAD_VEC(x, o, "terms", &ix->terms, term_load);
    ix->where = dg_jr_str(r, o, "where", false);
    ix->sql = dg_jr_str(r, o, "sql", false);
    ix->method = dg_jr_str(r, o, "method", false);
    get_strings(x, o, "include", &ix->include);
    ix->loc = get_loc(x, o);
}

static void view_column_load(rctx *x, json_t *o, dg_view_column *c)
{
    c->name = dg_jr_str(x->r, o, "name", true);
    c->decltype = dg_jr_str(x->r, o, "decltype", false);
    c->affinity = (dg_affinity)dg_jr_enum(x->r, o, "affinity", affinities, N_OF(affinities), 0);
    c->pg = pg_load(x->r, o);
}

static void view_load(rctx *x, json_t *o, dg_view *v)
{
    v->name = dg_jr_str(x->r, o, "name", true);
    v->schema = dg_jr_str(x->r, o, "schema", false);
    v->sql = dg_jr_str(x->r, o, "sql", false);
    DG_JR_LOAD_VEC(x, o, "columns", &v->columns, view_column_load);
    DG_JR_LOAD_VEC(x, o, "annotations", &v->annotations, annotation_load);
    v->loc = get_loc(x, o);
}

static void trigger_load(rctx *x, json_t *o, dg_trigger *t)
{
    dg_jr *r = x->r;
    t->name = dg_jr_str(r, o, "name", true);
    t->function = dg_jr_str(r, o, "function", false);
    t->table = dg_jr_str(r, o, "table", true);
    t->timing = (dg_trigger_timing)dg_jr_enum(r, o, "timing", timings, N_OF(timings), 0);
    t->event = (dg_trigger_event)dg_jr_enum(r, o, "event", events, N_OF(events), 0);
    t->sql = dg_jr_str(r, o, "sql", false);
    t->loc = get_loc(x, o);
}

static void exclusion_load(rctx *x, json_t *o, dg_exclusion *e)
{
    e->name = dg_jr_str(x->r, o, "name", false);
    e->sql = dg_jr_str(x->r, o, "sql", true);
    e->loc = get_loc(x, o);
}

static void table_load(rctx *x, json_t *o, dg_table *t)
{
    dg_jr *r = x->r;
    t->name = dg_jr_str(r, o, "name", true);
    t->strict = dg_jr_bool(r, o, "strict");
    t->without_rowid = dg_jr_bool(r, o, "without_rowid");
    DG_JR_LOAD_VEC(x, o, "columns", &t->columns, column_load);
    t->pk_name = dg_jr_str(r, o, "pk_name", false);
    t->pk_conflict = dg_jr_str(r, o, "pk_conflict", false);
    DG_JR_LOAD_VEC(x, o, "pk_terms", &t->pk_terms, term_load);
    DG_JR_LOAD_VEC(x, o, "uniques", &t->uniques, unique_load);
    DG_JR_LOAD_VEC(x, o, "checks", &t->checks, check_load);
    DG_JR_LOAD_VEC(x, o, "foreign_keys", &t->foreign_keys, fk_load);
    DG_JR_LOAD_VEC(x, o, "annotations", &t->annotations, annotation_load);
    t->schema = dg_jr_str(r, o, "schema", false);
    t->comment = dg_jr_str(r, o, "comment", false);
    DG_JR_LOAD_VEC(x, o, "exclusions", &t->exclusions, exclusion_load);
    t->partition_by = dg_jr_str(r, o, "partition_by", false);
    t->partition_of = dg_jr_str(r, o, "partition_of", false);
    t->partition_of_schema = dg_jr_str(r, o, "partition_of_schema", false);
    t->partition_bound = dg_jr_str(r, o, "partition_bound", false);
    t->module = dg_jr_str(r, o, "module", false);
    t->module_args = dg_jr_str(r, o, "module_args", false);
    t->sql = dg_jr_str(r, o, "sql", false);
    t->loc = get_loc(x, o);
}

static void enum_load(rctx *x, json_t *o, dg_pg_enum *e)
{
    e->schema = dg_jr_str(x->r, o, "schema", true);
    e->name = dg_jr_str(x->r, o, "name", true);
    get_strings(x, o, "labels", &e->labels);
    e->comment = dg_jr_str(x->r, o, "comment", false);
}

static void domain_load(rctx *x, json_t *o, dg_pg_domain *d)
{
    dg_jr *r = x->r;
    d->schema = dg_jr_str(r, o, "schema", true);
    d->name = dg_jr_str(r, o, "name", true);
    d->base = dg_jr_str(r, o, "base", true);
    d->not_null = dg_jr_bool(r, o, "not_null");
    d->default_sql = dg_jr_str(r, o, "default", false);
    d->collation = dg_jr_str(r, o, "collation", false);
    DG_JR_LOAD_VEC(x, o, "checks", &d->checks, check_load);
    d->comment = dg_jr_str(r, o, "comment", false);
}

static void sequence_load(rctx *x, json_t *o, dg_pg_sequence *q)
{
    dg_jr *r = x->r;
    const long long lo = -9223372036854775807LL - 1, hi = 9223372036854775807LL;
    q->schema = dg_jr_str(r, o, "schema", true);
    q->name = dg_jr_str(r, o, "name", true);
    q->type = dg_jr_str(r, o, "type", false);
    q->start = dg_jr_int(r, o, "start", 0, lo, hi);
    q->increment = dg_jr_int(r, o, "increment", 0, lo, hi);
    q->min = dg_jr_int(r, o, "min", 0, lo, hi);
    q->max = dg_jr_int(r, o, "max", 0, lo, hi);
    q->cache = dg_jr_int(r, o, "cache", 0, lo, hi);
    q->cycle = dg_jr_bool(r, o, "cycle");
    q->owned_table = dg_jr_str(r, o, "owned_table", false);
    q->owned_column = dg_jr_str(r, o, "owned_column", false);
    q->owner_kind = dg_jr_str(r, o, "owner_kind", false);
}

static void extension_load(rctx *x, json_t *o, dg_pg_extension *e)
{
    e->name = dg_jr_str(x->r, o, "name", true);
    e->schema = dg_jr_str(x->r, o, "schema", false);
    e->version = dg_jr_str(x->r, o, "version", false);
}

static void function_load(rctx *x, json_t *o, dg_pg_function *f)
{
    f->schema = dg_jr_str(x->r, o, "schema", true);
    f->name = dg_jr_str(x->r, o, "name", true);
    f->args = dg_jr_str(x->r, o, "args", false);
    f->sql = dg_jr_str(x->r, o, "sql", false);
}

static void data_load(rctx *x, json_t *o, dg_data_stmt *d)
{
    d->table = dg_jr_str(x->r, o, "table", true);
    d->sql = dg_jr_str(x->r, o, "sql", true);
    d->loc = get_loc(x, o);
    d->values = dg_jr_bool(x->r, o, "values");
}

static void rename_load(rctx *x, json_t *o, dg_rename_stmt *d)
{
    d->table = dg_jr_str(x->r, o, "table", false);
    d->old_name = dg_jr_str(x->r, o, "old_name", true);
    d->new_name = dg_jr_str(x->r, o, "new_name", true);
}

dg_schema *dg_schema_snap_load(json_t *j, const dg_snap_paths *p, dg_jr *r)
{
    static const char *const engines[] = {"sqlite", "postgresql"};
    dg_schema *s = dg_schema_new();
    json_t *files = dg_jr_arr(r, j, "files");
    for (size_t i = 0; i < json_array_size(files); i++) {
        const char *name = json_string_value(json_array_get(files, i));
        if (!name) {
            dg_jr_fail(r, "files[%zu]: expected a string", i);
            break;
        }
        DG_VEC_PUSH(&s->files, dg_xstrdup(dg_snap_path_of(p, name)));
    }
    rctx ctx = {r, s->files.items, s->files.len}, *x = &ctx;
    s->engine = (dg_engine)dg_jr_enum(r, j, "engine", engines, N_OF(engines), 0);
    DG_JR_LOAD_VEC(x, j, "tables", &s->tables, table_load);
    DG_JR_LOAD_VEC(x, j, "indexes", &s->indexes, index_load);
    DG_JR_LOAD_VEC(x, j, "views", &s->views, view_load);
    DG_JR_LOAD_VEC(x, j, "triggers", &s->triggers, trigger_load);
    DG_JR_LOAD_VEC(x, j, "data", &s->data, data_load);
    DG_JR_LOAD_VEC(x, j, "renames", &s->renames, rename_load);
    get_strings(x, j, "schemas", &s->schemas);
    DG_JR_LOAD_VEC(x, j, "extensions", &s->extensions, extension_load);
    DG_JR_LOAD_VEC(x, j, "enums", &s->enums, enum_load);
    DG_JR_LOAD_VEC(x, j, "domains", &s->domains, domain_load);
    DG_JR_LOAD_VEC(x, j, "sequences", &s->sequences, sequence_load);
    DG_JR_LOAD_VEC(x, j, "functions", &s->functions, function_load);
    if (r->err) {
        dg_schema_free(s);
        return NULL;
    }
    return s;
}
