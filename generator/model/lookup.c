/* dg_schema_lookup: the model's name lookups through hash maps (util/map.h).
 * Each kind has two maps filled in schema order, first name wins: by exact
 * name and by ASCII-folded name, asked in that order, which is the rule of
 * dg_schema_table's two scans (the first exact match, else the first
 * case-insensitive one). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/buf.h"

#define FILL(vec, exact, folded)                                              \
    do {                                                                      \
        for (size_t i_ = 0; i_ < (vec).len; i_++) {                           \
            dg_map_put(exact, (vec).items[i_].name, i_);                      \
            dg_map_put(folded, (vec).items[i_].name, i_);                     \
        }                                                                     \
    } while (0)

/* "schema.table" of a table (index_tables' key): "" for the default
 * schema, so that NULL, "main" and "public" are one. */
static char *table_key(const dg_schema *s, const char *schema, const char *table)
{
    return dg_xprintf("%s\x1f%s", dg_schema_default(s, schema) ? "" : schema, table);
}

/* The key of tables_in / views_in: table_key with SQLite's schema names
 * folded (they compare case-insensitively there, PostgreSQL's exactly). */
static char *scoped_key(const dg_schema *s, const char *schema, const char *name)
{
    char *k = table_key(s, schema, name);
    if (s->engine != DG_ENGINE_POSTGRESQL)
        for (char *c = k; *c != '\x1f'; c++)
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
    return k;
}

#define FILL_IN(lk, vec, exact, folded)                                       \
    do {                                                                      \
        for (size_t i_ = 0; i_ < (vec).len; i_++) {                           \
            DG_VEC_PUSH(&(lk)->scoped_keys,                                   \
                        scoped_key((lk)->s, (vec).items[i_].schema, (vec).items[i_].name)); \
            const char *k_ = (lk)->scoped_keys.items[(lk)->scoped_keys.len - 1]; \
            dg_map_put(exact, k_, i_);                                        \
            dg_map_put(folded, k_, i_);                                       \
        }                                                                     \
    } while (0)

void dg_schema_lookup_init(dg_schema_lookup *lk, const dg_schema *s)
{
    lk->s = s;
    memset(&lk->index_keys, 0, sizeof lk->index_keys);
    memset(&lk->scoped_keys, 0, sizeof lk->scoped_keys);
    dg_map_init(&lk->tables_in, false);
    dg_map_init(&lk->tables_in_folded, true);
    dg_map_init(&lk->views_in, false);
    dg_map_init(&lk->views_in_folded, true);
    dg_map_init(&lk->tables, false);
    dg_map_init(&lk->tables_folded, true);
    dg_map_init(&lk->indexes, false);
    dg_map_init(&lk->indexes_folded, true);
    dg_map_init(&lk->views, false);
    dg_map_init(&lk->views_folded, true);
    dg_map_init(&lk->triggers_folded, true);
    dg_map_init(&lk->index_tables, true);
    FILL(s->tables, &lk->tables, &lk->tables_folded);
    FILL(s->indexes, &lk->indexes, &lk->indexes_folded);
    FILL(s->views, &lk->views, &lk->views_folded);
    FILL_IN(lk, s->tables, &lk->tables_in, &lk->tables_in_folded);
    FILL_IN(lk, s->views, &lk->views_in, &lk->views_in_folded);
    for (size_t i = 0; i < s->triggers.len; i++) dg_map_put(&lk->triggers_folded, s->triggers.items[i].name, i);
    /* Chains of indexes per table, built backwards so that each new head
     * comes first in schema order. */
    lk->index_next = dg_xmalloc((s->indexes.len + 1) * sizeof *lk->index_next);
    size_t *head = dg_xmalloc((s->indexes.len + 1) * sizeof *head);
    for (size_t i = 0; i < s->indexes.len; i++) {
        DG_VEC_PUSH(&lk->index_keys, table_key(s, s->indexes.items[i].schema, s->indexes.items[i].table));
        size_t g = dg_map_put(&lk->index_tables, lk->index_keys.items[i], i);
        lk->index_next[i] = SIZE_MAX;
        if (g != i) lk->index_next[head[g]] = i;
        head[g] = i;   /* head[first] is the last index of that table so far */
    }
    free(head);
}

void dg_schema_lookup_free(dg_schema_lookup *lk)
{
    if (!lk) return;
    dg_map_free(&lk->tables);
    dg_map_free(&lk->tables_folded);
    dg_map_free(&lk->indexes);
    dg_map_free(&lk->indexes_folded);
    dg_map_free(&lk->views);
    dg_map_free(&lk->views_folded);
    dg_map_free(&lk->triggers_folded);
    dg_map_free(&lk->index_tables);
    dg_map_free(&lk->tables_in);
    dg_map_free(&lk->tables_in_folded);
    dg_map_free(&lk->views_in);
    dg_map_free(&lk->views_in_folded);
    dg_strings_free(&lk->scoped_keys);
    dg_strings_free(&lk->index_keys);
    free(lk->index_next);
    lk->index_next = NULL;
}

/* Position of `name` by the rule above; false when absent. */
static bool find(const dg_map *exact, const dg_map *folded, const char *name, size_t *at)
{
    return (exact && dg_map_get(exact, name, at)) || dg_map_get(folded, name, at);
}

dg_table *dg_lookup_table(const dg_schema_lookup *lk, const char *name)
{
    size_t i;
    return find(&lk->tables, &lk->tables_folded, name, &i) ? &lk->s->tables.items[i] : NULL;
}

dg_index *dg_lookup_index(const dg_schema_lookup *lk, const char *name)
{
    size_t i;
    return find(&lk->indexes, &lk->indexes_folded, name, &i) ? &lk->s->indexes.items[i] : NULL;
}

dg_view *dg_lookup_view(const dg_schema_lookup *lk, const char *name)
{
    size_t i;
    return find(&lk->views, &lk->views_folded, name, &i) ? &lk->s->views.items[i] : NULL;
}

/* The scoped maps' candidate for `name` in schema `sch`: the exact key,
 * then the folded one.  A folded hit stands only when its schema is the
 * same by dg_schema_same; the callers check (else, a PostgreSQL schema
 * differing in case, the scan decides). */
static bool find_in(const dg_schema_lookup *lk, const dg_map *exact, const dg_map *folded,
                   const char *sch, const char *name, size_t *i)
{
    char *key = scoped_key(lk->s, sch, name);
    bool hit = dg_map_get(exact, key, i) || dg_map_get(folded, key, i);
    free(key);
    return hit;
}

dg_table *dg_lookup_table_in(const dg_schema_lookup *lk, const char *sch, const char *name)
{
    size_t i;
    if (find_in(lk, &lk->tables_in, &lk->tables_in_folded, sch, name, &i)) {
        dg_table *t = &lk->s->tables.items[i];
        return dg_schema_same(lk->s, t->schema, sch) ? t : dg_schema_table_in(lk->s, sch, name);
    }
    return sch ? NULL : dg_lookup_table(lk, name);
}

dg_view *dg_lookup_view_in(const dg_schema_lookup *lk, const char *sch, const char *name)
{
    size_t i;
    if (find_in(lk, &lk->views_in, &lk->views_in_folded, sch, name, &i)) {
        dg_view *v = &lk->s->views.items[i];
        return dg_schema_same(lk->s, v->schema, sch) ? v : dg_schema_view_in(lk->s, sch, name);
    }
    return sch ? NULL : dg_lookup_view(lk, name);
}

dg_trigger *dg_lookup_trigger(const dg_schema_lookup *lk, const char *name)
{
    size_t i;
    return find(NULL, &lk->triggers_folded, name, &i) ? &lk->s->triggers.items[i] : NULL;
}

size_t dg_lookup_first_index(const dg_schema_lookup *lk, const dg_table *t)
{
    size_t i;
    char *key = table_key(lk->s, t->schema, t->name);
    bool hit = dg_map_get(&lk->index_tables, key, &i);
    free(key);
    return hit ? i : SIZE_MAX;
}

size_t dg_lookup_next_index(const dg_schema_lookup *lk, size_t i)
{
    return lk->index_next[i];
}
