/* dal_migrate_history: the rows of the migration history, for `dalgen
 * migrate status` and programs that show them.  SQLite's history has no
 * duration or state (every row is applied); PostgreSQL's is read in
 * pg/mig_run.c. */
#include <string.h>

#include "migrate_int.h"
#include "pg/mig_api.h"

int dal_migrate_history(dal_db *db, dal_migrate_history_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    if (!db || !fn) return DAL_MISUSE;
    DAL__PG_MIGRATE(db, dal__pgm_history(db, fn, ctx));
    int rc = sqlite3_prepare_v2(dal_sqlite(db), "SELECT id, name, applied_at FROM _dal_migrations ORDER BY id", -1,
                                &st, NULL);
    if (rc != SQLITE_OK) {   /* no history table yet: no rows */
        sqlite3_finalize(st);
        return strstr(sqlite3_errmsg(dal_sqlite(db)), "no such table") ? DAL_OK : dal_sqlite_error(db, rc);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        dal_migrate_entry e = {sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
                               (const char *)sqlite3_column_text(st, 2), -1, "applied", 0};
        if (fn(ctx, &e) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? DAL_OK : dal_sqlite_error(db, rc);
}
