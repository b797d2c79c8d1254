#include "model/model.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"

dg_schema *dg_schema_new(void)
{
    return dg_xcalloc(1, sizeof(dg_schema));
}

void dg_strings_free(dg_strings *v)
{
    for (size_t i = 0; i < v->len; i++) free(v->items[i]);
    DG_VEC_FREE(v);
}

void dg_strings_push(dg_strings *v, const char *s)
{
    DG_VEC_PUSH(v, dg_xstrdup(s));
}

void dg_annotations_free(dg_annotations *a)
{
    for (size_t i = 0; i < a->len; i++) {
        free(a->items[i].key);
        free(a->items[i].value);
    }
    DG_VEC_FREE(a);
}

void dg_column_free(dg_column *c)
{
    free(c->name);
    free(c->type);
    free(c->default_sql);
    free(c->collation);
    free(c->generated_expr);
    free(c->not_null_conflict);
    dg_annotations_free(&c->annotations);
    dg_pg_column_free(c->pg);
}

void dg_table_free(dg_table *t)
{
    free(t->name);
    for (size_t i = 0; i < t->columns.len; i++) dg_column_free(&t->columns.items[i]);
    DG_VEC_FREE(&t->columns);
    free(t->pk_name);
    free(t->pk_conflict);
    for (size_t i = 0; i < t->pk_terms.len; i++) {
        free(t->pk_terms.items[i].column);
        free(t->pk_terms.items[i].expr);
        free(t->pk_terms.items[i].collation);
    }
    DG_VEC_FREE(&t->pk_terms);
    for (size_t i = 0; i < t->uniques.len; i++) {
        free(t->uniques.items[i].name);
        free(t->uniques.items[i].conflict);
        dg_strings_free(&t->uniques.items[i].columns);
    }
    DG_VEC_FREE(&t->uniques);
    for (size_t i = 0; i < t->checks.len; i++) {
        free(t->checks.items[i].name);
        free(t->checks.items[i].expr);
    }
    DG_VEC_FREE(&t->checks);
    for (size_t i = 0; i < t->foreign_keys.len; i++) {
        dg_foreign_key *fk = &t->foreign_keys.items[i];
        free(fk->name);
        dg_strings_free(&fk->columns);
        free(fk->table);
        dg_strings_free(&fk->to);
        free(fk->on_delete);
        free(fk->on_update);
        free(fk->deferrable_sql);
        free(fk->match);
        free(fk->table_schema);
    }
    DG_VEC_FREE(&t->foreign_keys);
    dg_annotations_free(&t->annotations);
    free(t->module);
    free(t->module_args);
    free(t->sql);
    free(t->schema);
    free(t->comment);
    free(t->partition_by);
    free(t->partition_of);
    free(t->partition_of_schema);
    free(t->partition_bound);
    for (size_t i = 0; i < t->exclusions.len; i++) {
        free(t->exclusions.items[i].name);
        free(t->exclusions.items[i].sql);
    }
    DG_VEC_FREE(&t->exclusions);
}

void dg_index_free(dg_index *ix)
{
    free(ix->name);
    free(ix->table);
    free(ix->schema);
    for (size_t i = 0; i < ix->terms.len; i++) {
        free(ix->terms.items[i].column);
        free(ix->terms.items[i].expr);
        free(ix->terms.items[i].collation);
    }
    DG_VEC_FREE(&ix->terms);
    free(ix->where);
    free(ix->sql);
    free(ix->method);
    dg_strings_free(&ix->include);
}

void dg_view_free(dg_view *v)
{
    free(v->name);
    free(v->schema);
    free(v->sql);
    for (size_t i = 0; i < v->columns.len; i++) {
        free(v->columns.items[i].name);
        free(v->columns.items[i].decltype);
        dg_pg_column_free(v->columns.items[i].pg);
    }
    DG_VEC_FREE(&v->columns);
    dg_annotations_free(&v->annotations);
}

void dg_trigger_free(dg_trigger *tr)
{
    free(tr->name);
    free(tr->table);
    free(tr->sql);
    free(tr->function);
}

void dg_schema_free(dg_schema *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->tables.len; i++) dg_table_free(&s->tables.items[i]);
    DG_VEC_FREE(&s->tables);
    for (size_t i = 0; i < s->indexes.len; i++) dg_index_free(&s->indexes.items[i]);
    DG_VEC_FREE(&s->indexes);
    for (size_t i = 0; i < s->views.len; i++) dg_view_free(&s->views.items[i]);
    DG_VEC_FREE(&s->views);
    for (size_t i = 0; i < s->triggers.len; i++) dg_trigger_free(&s->triggers.items[i]);
    DG_VEC_FREE(&s->triggers);
    for (size_t i = 0; i < s->data.len; i++) {
        free(s->data.items[i].table);
        free(s->data.items[i].sql);
    }
    DG_VEC_FREE(&s->data);
    for (size_t i = 0; i < s->renames.len; i++) {
        free(s->renames.items[i].table);
        free(s->renames.items[i].old_name);
        free(s->renames.items[i].new_name);
    }
    DG_VEC_FREE(&s->renames);
    dg_schema_free_pg(s);
    dg_strings_free(&s->files);
    free(s);
}

const char *dg_schema_intern_file(dg_schema *s, const char *path)
{
    for (size_t i = 0; i < s->files.len; i++)
        if (strcmp(s->files.items[i], path) == 0) return s->files.items[i];
    dg_strings_push(&s->files, path);
    return s->files.items[s->files.len - 1];
}

int dg_strcasecmp_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca += 32;
        if (cb >= 'A' && cb <= 'Z') cb += 32;
        if (ca != cb || !ca) return ca - cb;
    }
}

/* Exact match first, then SQLite's case-insensitive identifier match. */
#define FIND_BY_NAME(vec, name)                                               \
    do {                                                                      \
        for (size_t i_ = 0; i_ < (vec).len; i_++)                             \
            if (strcmp((vec).items[i_].name, (name)) == 0) return &(vec).items[i_]; \
        for (size_t i_ = 0; i_ < (vec).len; i_++)                             \
            if (dg_strcasecmp_ascii((vec).items[i_].name, (name)) == 0) return &(vec).items[i_]; \
        return NULL;                                                          \
    } while (0)

dg_table *dg_schema_table(const dg_schema *s, const char *name) { FIND_BY_NAME(s->tables, name); }
dg_view  *dg_schema_view(const dg_schema *s, const char *name) { FIND_BY_NAME(s->views, name); }
dg_index *dg_schema_index(const dg_schema *s, const char *name) { FIND_BY_NAME(s->indexes, name); }

bool dg_schema_default(const dg_schema *s, const char *sch)
{
    if (!sch) return true;
    return s->engine == DG_ENGINE_POSTGRESQL ? strcmp(sch, "public") == 0 : dg_strcasecmp_ascii(sch, "main") == 0;
}

bool dg_schema_same(const dg_schema *s, const char *a, const char *b)
{
    bool da = dg_schema_default(s, a), db = dg_schema_default(s, b);
    if (da || db) return da && db;
    return s->engine == DG_ENGINE_POSTGRESQL ? strcmp(a, b) == 0 : dg_strcasecmp_ascii(a, b) == 0;
}

/* Exact name first, then case-insensitive, within schema `sch` (NULL: the
 * default one). */
#define FIND_IN_SCHEMA(s, vec, sch, name)                                                     \
    do {                                                                                      \
        for (int ci_ = 0; ci_ < 2; ci_++)                                                     \
            for (size_t i_ = 0; i_ < (vec).len; i_++)                                         \
                if (dg_schema_same((s), (vec).items[i_].schema, (sch)) &&                     \
                    (ci_ ? dg_strcasecmp_ascii((vec).items[i_].name, (name))                  \
                         : strcmp((vec).items[i_].name, (name))) == 0)                        \
                    return &(vec).items[i_];                                                  \
        return NULL;                                                                          \
    } while (0)

static dg_table *table_in(const dg_schema *s, const char *sch, const char *name) { FIND_IN_SCHEMA(s, s->tables, sch, name); }
static dg_view  *view_in(const dg_schema *s, const char *sch, const char *name) { FIND_IN_SCHEMA(s, s->views, sch, name); }

dg_table *dg_schema_table_in(const dg_schema *s, const char *sch, const char *name)
{
    dg_table *t = table_in(s, sch, name);
    return t || sch ? t : dg_schema_table(s, name);
}

dg_view *dg_schema_view_in(const dg_schema *s, const char *sch, const char *name)
{
    dg_view *v = view_in(s, sch, name);
    return v || sch ? v : dg_schema_view(s, name);
}

bool dg_schema_name_shared(const dg_schema *s, const char *schema, const char *name)
{
    for (size_t i = 0; i < s->tables.len; i++)
        if (!dg_strcasecmp_ascii(s->tables.items[i].name, name) && !dg_schema_same(s, s->tables.items[i].schema, schema))
            return true;
    for (size_t i = 0; i < s->views.len; i++)
        if (!dg_strcasecmp_ascii(s->views.items[i].name, name) && !dg_schema_same(s, s->views.items[i].schema, schema))
            return true;
    return false;
}

const char *dg_schema_c_qualifier(const dg_schema *s, const char *schema, const char *name)
{
    if (s->engine == DG_ENGINE_SQLITE) return schema;
    return !dg_schema_default(s, schema) && dg_schema_name_shared(s, schema, name) ? schema : NULL;
}

dg_table *dg_index_table(const dg_schema *s, const dg_index *ix)
{
    dg_table *t = table_in(s, ix->schema, ix->table);
    /* a snapshot written before indexes carried their schema */
    return t || ix->schema ? t : dg_schema_table(s, ix->table);
}

dg_column *dg_table_column(const dg_table *t, const char *name) { FIND_BY_NAME(t->columns, name); }

int dg_table_column_index(const dg_table *t, const char *name)
{
    dg_column *c = dg_table_column(t, name);
    return c ? (int)(c - t->columns.items) : -1;
}

int dg_table_pk_count(const dg_table *t)
{
    int n = 0;
    for (size_t i = 0; i < t->columns.len; i++)
        if (t->columns.items[i].pk > n) n = t->columns.items[i].pk;
    return n;
}

int dg_table_pk_column(const dg_table *t, int k)
{
    for (size_t i = 0; i < t->columns.len; i++)
        if (t->columns.items[i].pk == k) return (int)i;
    return -1;
}

bool dg_table_has_rowid_alias(const dg_table *t)
{
    if (t->without_rowid || t->module || dg_table_pk_count(t) != 1) return false;
    const dg_column *c = &t->columns.items[dg_table_pk_column(t, 1)];
    /* Only the exact type name "INTEGER" makes a rowid alias, and not with DESC. */
    return dg_strcasecmp_ascii(c->type, "INTEGER") == 0 && !c->pk_desc;
}

const char *dg_annotation_get(const dg_annotations *a, const char *key)
{
    const char *v = NULL;
    for (size_t i = 0; i < a->len; i++)
        if (strcmp(a->items[i].key, key) == 0) v = a->items[i].value;
    return v;
}

void dg_annotations_add(dg_annotations *a, const char *key, const char *value, dg_loc loc)
{
    dg_annotation *n = DG_VEC_ADD(a);
    n->key = dg_xstrdup(key);
    n->value = dg_xstrdup(value ? value : "");
    n->loc = loc;
}

#define W4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* SQLite's rules in their order (the first that matches: INT; CHAR, CLOB
 * or TEXT; BLOB; REAL, FLOA or DOUB), in one pass over the type with its
 * last four bytes, upper-cased, in a word. */
dg_affinity dg_affinity_of(const char *t)
{
    if (!t || !*t) return DG_AFF_BLOB;
    uint32_t w = 0;
    bool text = false, blob = false, real = false;
    for (; *t; t++) {
        unsigned c = (unsigned char)*t;
        if (c >= 'a' && c <= 'z') c -= 32;
        w = w << 8 | c;
        if ((w & 0xffffff) == W4(0, 'I', 'N', 'T')) return DG_AFF_INTEGER;
        if (w == W4('C', 'H', 'A', 'R') || w == W4('C', 'L', 'O', 'B') || w == W4('T', 'E', 'X', 'T')) text = true;
        else if (w == W4('B', 'L', 'O', 'B')) blob = true;
        else if (w == W4('R', 'E', 'A', 'L') || w == W4('F', 'L', 'O', 'A') || w == W4('D', 'O', 'U', 'B')) real = true;
    }
    return text ? DG_AFF_TEXT : blob ? DG_AFF_BLOB : real ? DG_AFF_REAL : DG_AFF_NUMERIC;
}

const char *dg_affinity_name(dg_affinity a)
{
    switch (a) {
    case DG_AFF_INTEGER: return "INTEGER";
    case DG_AFF_TEXT: return "TEXT";
    case DG_AFF_REAL: return "REAL";
    case DG_AFF_NUMERIC: return "NUMERIC";
    case DG_AFF_BLOB: break;
    }
    return "BLOB";
}
