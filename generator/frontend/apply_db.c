/* Databases: opened read-only, their stored schema replayed. */
#include <string.h>

#include "util/buf.h"
#include "frontend/loader.h"

/* True when `name` is a shadow table of one of the virtual tables listed
 * before it (name = <vtab>_<suffix>), as SQLite's fts/rtree modules make. */
static bool is_shadow(const dg_strings *vtabs, const char *name)
{
    for (size_t i = 0; i < vtabs->len; i++) {
        size_t n = strlen(vtabs->items[i]);
        if (!sqlite3_strnicmp(name, vtabs->items[i], (int)n) && name[n] == '_') return true;
    }
    return false;
}

static int replay(dg_loader *L, sqlite3 *src, size_t fi, dg_loc whole)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(src, "SELECT type, name, sql, tbl_name FROM sqlite_schema ORDER BY rowid", -1, &st, NULL);
    dg_strings vtabs = {0};
    int out = 0;
    if (rc == SQLITE_OK) rc = SQLITE_ROW;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *sql = (const char *)sqlite3_column_text(st, 2);
        const char *tbl = (const char *)sqlite3_column_text(st, 3);
        if (!type || !name || !sql || !sqlite3_strnicmp(name, "sqlite_", 7) || is_shadow(&vtabs, name)) continue;
        /* libdal's migration history is not part of the application's schema. */
        if (tbl && !sqlite3_stricmp(tbl, "_dal_migrations")) continue;
        if (!sqlite3_strnicmp(sql, "CREATE VIRTUAL", 14)) dg_strings_push(&vtabs, name);
        L->denied = NULL;
        size_t len = strlen(sql);
        bool one = dg_sql_statement_end(sql, len, 0) >= len;   /* a lone CREATE, as stored sql is */
        if (!one && dg_park_end(L) != 0) {
            out = -1;
            break;
        }
        if (one) dg_park_begin(L);
        if (sqlite3_exec(L->db, sql, NULL, NULL, NULL) != SQLITE_OK || (one && dg_park_after(L) != 0)) {
            char *msg = dg_one_line(L->denied ? L->denied : sqlite3_errmsg(L->db));
            dg_error(L->d, whole, "%s %s: %s", type, name, msg);
            free(msg);
            out = -1;
            break;
        }
        dg_rec_kind k = !strcmp(type, "table") ? DG_REC_TABLE : !strcmp(type, "index") ? DG_REC_INDEX
                      : !strcmp(type, "view") ? DG_REC_VIEW : DG_REC_TRIGGER;
        dg_stmt_rec *r = DG_VEC_ADD(&L->recs);
        r->kind = k;
        r->name = dg_xstrdup(name);
        r->file = fi;
    }
    if (dg_park_end(L) != 0) out = -1;
    if (out == 0 && rc != SQLITE_DONE) {
        dg_error(L->d, whole, "cannot read the database: %s", sqlite3_errmsg(src));
        out = -1;
    }
    sqlite3_finalize(st);
    dg_strings_free(&vtabs);
    return out;
}

int dg_apply_database(dg_loader *L, const char *path)
{
    dg_loc whole = {dg_schema_intern_file(L->s, path), 1, 1};
    sqlite3 *src = NULL;
    /* Plain read-only (not immutable=1: a WAL database's -wal file must be read). */
    int rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        dg_error(L->d, whole, "cannot open the database: %s", src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
        sqlite3_close(src);
        return -1;
    }
    size_t fi = dg_loader_add_file(L, path, NULL, 0);
    rc = replay(L, src, fi, whole);
    sqlite3_close(src);
    return rc;
}

int dg_apply_open_database(dg_loader *L, const char *name, sqlite3 *src)
{
    dg_loc whole = {dg_schema_intern_file(L->s, name), 1, 1};
    return replay(L, src, dg_loader_add_file(L, name, NULL, 0), whole);
}
