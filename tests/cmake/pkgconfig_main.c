/* Uses libdal and, through it, sqlite3: links only if pkg-config's flags
 * bring both. */
#include <sqlite3.h>
#include <stdio.h>

#include "dal.h"

int main(void)
{
    dal_db *db = NULL;
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (dal_open(&db, ":memory:", NULL) != DAL_OK) {
        fprintf(stderr, "dal_open: %s\n", db ? dal_errmsg(db) : "no handle");
        dal_close(db);
        return 1;
    }
    if (sqlite3_prepare_v2(dal_sqlite(db), "SELECT 42", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    dal_close(db);
    printf("dal ok %d\n", v);
    return v == 42 ? 0 : 1;
}
