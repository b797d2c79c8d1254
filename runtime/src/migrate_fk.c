/* The foreign-key check of a migration scoped to what it touched.
 *
 * A row's foreign-key violation (child table, rowid, parent) can only
 * appear when the child's rows or foreign keys change, or when the parent's
 * rows, key or existence change.  So the runner records the tables a
 * script writes, creates, drops or alters (SQLite's authorizer is asked for
 * every statement while it is prepared, trigger bodies included), and checks
 * those tables and the tables whose foreign keys name one of them, instead
 * of the whole database twice (PRAGMA foreign_key_check reads every row of
 * every table with a foreign key).  Of the referencing tables, those whose
 * rows, foreign keys and parents' keys provably did not change are left
 * out too (migrate_fkkeys.c). */
#include <string.h>

#include "migrate_int.h"

void dal__names_free(dal__names *s)
{
    for (int i = 0; i < s->n; i++) sqlite3_free(s->names[i]);
    sqlite3_free(s->names);
    memset(s, 0, sizeof *s);
}

static int has_name(const dal__names *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (sqlite3_stricmp(s->names[i], name) == 0) return 1;
    return 0;
}

/* Adds a copy of `name` unless present (ASCII case-insensitively, as SQLite
 * matches table names); an allocation failure marks the set incomplete. */
static void add_name(dal__names *s, const char *name)
{
    if (!name || has_name(s, name)) return;
    size_t len = strlen(name);
    char **nv = sqlite3_realloc64(s->names, (sqlite3_uint64)(s->n + 1) * sizeof *nv);
    char *copy = sqlite3_malloc64((sqlite3_uint64)len + 1);
    if (nv) s->names = nv;
    if (!nv || !copy) {
        sqlite3_free(copy);
        s->oom = 1;
        return;
    }
    memcpy(copy, name, len + 1);
    s->names[s->n++] = copy;
}

static int on_authorize(void *ctx, int action, const char *a, const char *b, const char *db, const char *trigger)
{
    (void)db;
    (void)trigger;
    const char *table = NULL;
    switch (action) {
    case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_DELETE:
    case SQLITE_CREATE_TABLE: case SQLITE_DROP_TABLE:
        table = a;
        break;
    case SQLITE_ALTER_TABLE: case SQLITE_DROP_INDEX:   /* (database, table) and (index, table) */
        table = b;
        break;
    default:
        break;
    }
    if (table && sqlite3_strnicmp(table, "sqlite_", 7) != 0) add_name(ctx, table);
    return SQLITE_OK;
}

void dal__touched_start(dal_db *db, dal__names *t)
{
    memset(t, 0, sizeof *t);
    sqlite3_set_authorizer(dal_sqlite(db), on_authorize, t);
}

void dal__touched_stop(dal_db *db)
{
    sqlite3_set_authorizer(dal_sqlite(db), NULL, NULL);
}

int dal__fk_scope(dal_db *db, const dal__names *t, dal__names *out)
{
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    /* Every foreign key of the main schema, once (one pragma call per table). */
    int rc = sqlite3_prepare_v2(dal_sqlite(db),
                                "SELECT m.name, f.\"table\" FROM main.sqlite_schema AS m, "
                                "pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table'",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return dal_sqlite_error(db, rc);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *child = (const char *)sqlite3_column_text(st, 0);
        const char *parent = (const char *)sqlite3_column_text(st, 1);
        if (parent && has_name(t, parent)) add_name(out, child);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        dal__names_free(out);
        return dal_sqlite_error(db, rc);
    }
    for (int i = 0; i < t->n; i++) add_name(out, t->names[i]);
    if (out->oom) {
        dal__names_free(out);
        return dal_error_set(db, DAL_ERROR, SQLITE_NOMEM, "out of memory");
    }
    return DAL_OK;
}

static int table_exists(sqlite3 *h, const char *name)
{
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(h, "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?1 COLLATE NOCASE",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

/* The page cache the check runs with, in KiB (SQLite's negative
 * cache_size): the check looks up the parent row of every child row, in
 * the child's order, so with SQLite's default 2 MiB cache a parent larger
 * than that is read from the file again and again (three times slower at
 * 200,000 rows).  Pages are allocated only as they are read. */
#define FK_CHECK_CACHE_KIB 131072

/* 1 and *v set, or 0 when SQLite does not say. */
static int cache_size(sqlite3 *h, sqlite3_int64 *v)
{
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(h, "PRAGMA main.cache_size", -1, &st, NULL) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_ROW;
    if (ok) *v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return ok;
}

static void set_cache_size(sqlite3 *h, sqlite3_int64 v)
{
    char sql[64];
    sqlite3_snprintf((int)sizeof sql, sql, "PRAGMA main.cache_size = %lld", (long long)v);
    sqlite3_exec(h, sql, NULL, NULL, NULL);
}

static int check_tables(dal_db *db, sqlite3_stmt *st, const dal__names *scope, const dal__names *skip,
                        dal__fkset *out)
{
    sqlite3 *h = dal_sqlite(db);
    int rc = DAL_OK;
    for (int i = 0; i < scope->n && rc == DAL_OK; i++) {
        if ((skip && has_name(skip, scope->names[i])) || !table_exists(h, scope->names[i])) continue;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, scope->names[i], -1, SQLITE_STATIC);
        rc = dal__fk_rows(db, st, out);
    }
    return rc;
}

int dal__fk_snapshot_of(dal_db *db, const dal__names *scope, const dal__names *skip, dal__fkset *out)
{
    sqlite3 *h = dal_sqlite(db);
    sqlite3_stmt *st = NULL;
    out->rows = NULL;
    out->n = 0;
    int rc = sqlite3_prepare_v2(h, "SELECT * FROM pragma_foreign_key_check(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK) return dal_sqlite_error(db, rc);
    sqlite3_int64 was = 0;
    /* Bigger only: a positive size counts pages (of 4 KiB or more). */
    int grow = cache_size(h, &was) && (was < 0 ? -was < FK_CHECK_CACHE_KIB : was * 4 < FK_CHECK_CACHE_KIB);
    if (grow) set_cache_size(h, -FK_CHECK_CACHE_KIB);
    rc = check_tables(db, st, scope, skip, out);
    if (grow) set_cache_size(h, was);
    sqlite3_finalize(st);
    if (rc != DAL_OK) {
        dal__fk_free(out);
        return rc;
    }
    dal__fk_sort(out);
    return DAL_OK;
}
