/* dg_schema_load: every source applied in order to one in-memory database,
 * then the model read back from it and checked. */
#include <stdbool.h>
#include <string.h>

#include "util/fsutil.h"
#include "frontend/loader.h"
#include "frontend/sources.h"

static dg_source_kind kind_of(const dg_source *s)
{
    return s->kind == DG_SRC_AUTO ? dg_source_detect(s->path) : s->kind;
}

static int apply(dg_loader *L, const dg_sources *src, const dg_source *s)
{
    dg_source_kind kind = kind_of(s);
    if (kind == DG_SRC_SQL_TEXT) return dg_apply_sql_text(L, s->path, s->text ? s->text : "", s->text ? s->len : 0);
    if (kind != DG_SRC_EMPTY && kind != DG_SRC_SQL_DIR && kind != DG_SRC_PG_URI && strcmp(s->path, "-") != 0 && !dg_is_file(s->path)) {
        dg_loc whole = {dg_schema_intern_file(L->s, s->path), 1, 1};
        dg_error(L->d, whole, "no such file or folder");
        return -1;
    }
    switch (kind) {
    case DG_SRC_EMPTY: return 0;
    case DG_SRC_SQL_DIR: return dg_apply_sql_dir(L, s->path);
    case DG_SRC_DATABASE: return dg_apply_database(L, s->path);
    case DG_SRC_HEADER: return dg_apply_header(L, s->path, &src->clang_args);
    case DG_SRC_PG_URI: {
        dg_loc whole = {dg_schema_intern_file(L->s, s->path), 0, 0};
        dg_error(L->d, whole, "a PostgreSQL database: read it with --engine postgresql");
        return -1;
    }
    case DG_SRC_SQL_TEXT:   /* handled above */
    case DG_SRC_AUTO:
    case DG_SRC_SQL_FILE: break;
    }
    return dg_apply_sql_file(L, s->path);
}

static void locate_annotations(dg_annotations *a, dg_loc loc)
{
    for (size_t i = 0; i < a->len; i++)
        if (a->items[i].loc.line == 0) a->items[i].loc = loc;
}

/* Header models carry their own locations: copy them onto the same tables. */
static void header_locations(dg_loader *L)
{
    for (size_t h = 0; h < L->headers.len; h++) {
        const dg_schema *hs = L->headers.items[h];
        for (size_t i = 0; i < hs->tables.len; i++) {
            const dg_table *ht = &hs->tables.items[i];
            dg_table *t = dg_schema_table(L->s, ht->name);
            if (!t || t->loc.line) continue;
            t->loc = ht->loc;
            t->loc.file = ht->loc.file ? dg_schema_intern_file(L->s, ht->loc.file) : NULL;
            locate_annotations(&t->annotations, t->loc);
            for (size_t k = 0; k < ht->columns.len; k++) {
                dg_column *c = dg_table_column(t, ht->columns.items[k].name);
                if (!c) continue;
                c->loc = ht->columns.items[k].loc;
                c->loc.file = c->loc.file ? dg_schema_intern_file(L->s, c->loc.file) : NULL;
                locate_annotations(&c->annotations, c->loc);
            }
        }
    }
}

/* `allow_empty`: a schema with no table or view is no error (the caller
 * decides; generate does when there are queries). */
static int load(const dg_sources *src, dg_schema **out, sqlite3 **db, bool allow_empty, dg_diags *d)
{
    *out = NULL;
    if (db) *db = NULL;
    dg_schema *s = dg_schema_new();
    dg_loader L;
    int rc = dg_loader_open(&L, s, d);
    for (size_t i = 0; rc == 0 && i < src->items.len; i++) rc = apply(&L, src, &src->items.items[i]);
    if (rc == 0) {
        rc = dg_introspect(&L);
        header_locations(&L);
        if (dg_check_schema(&L) != 0) rc = -1;   /* report every broken view and trigger */
    }
    if (rc == 0 && !dg_sources_only_empty(src) && !allow_empty && s->tables.len == 0 && s->views.len == 0) {
        dg_loc whole = {src->items.len ? dg_schema_intern_file(s, src->items.items[0].path) : NULL, 1, 1};
        dg_error(d, whole, "the schema is empty: no tables or views");
        rc = -1;
    }
    if (rc == 0 && db) *db = dg_loader_take_db(&L);
    dg_loader_close(&L);
    if (rc != 0) {
        dg_schema_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int dg_schema_load(const dg_sources *src, dg_schema **out, dg_diags *d)
{
    return load(src, out, NULL, false, d);
}

int dg_schema_load_db(const dg_sources *src, dg_schema **out, sqlite3 **db, dg_diags *d)
{
    return load(src, out, db, true, d);
}

int dg_schema_load_sqlite(sqlite3 *db, const char *name, dg_schema **out, dg_diags *d)
{
    *out = NULL;
    dg_schema *s = dg_schema_new();
    dg_loader L;
    int rc = dg_loader_open(&L, s, d);
    if (rc == 0) rc = dg_apply_open_database(&L, name, db);
    if (rc == 0) rc = dg_introspect(&L);
    if (rc == 0 && dg_check_schema(&L) != 0) rc = -1;
    dg_loader_close(&L);
    if (rc != 0) {
        dg_schema_free(s);
        return -1;
    }
    *out = s;
    return 0;
}
