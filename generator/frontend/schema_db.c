/* dg_schema_open_db: an in-memory database holding exactly a model. */
#include "frontend/schema_db.h"
#include "model/schema_print.h"
#include "util/buf.h"

int dg_schema_open_db(const dg_schema *s, sqlite3 **out, dg_diags *d)
{
    dg_loc none = {NULL, 0, 0};
    sqlite3 *db = NULL;
    *out = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        dg_error(d, none, "cannot open an in-memory SQLite database: %s", db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return -1;
    }
    char *sql = dg_schema_to_sql(s);
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        dg_error(d, none, "the schema model does not load into SQLite: %s", err ? err : sqlite3_errmsg(db));
        sqlite3_free(err);
        free(sql);
        sqlite3_close(db);
        return -1;
    }
    free(sql);
    *out = db;
    return 0;
}
