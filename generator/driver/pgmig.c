#include "driver/pgmig.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <dal.h>

#include "migrations/mfolder.h"
#include "migrations/msource.h"
#include "util/buf.h"

static size_t line_len(const char *s)
{
    return strcspn(s, "\n");
}

/* Warns at `dir` with the first line where the schema's description
 * (`have`) and the replay's (`got`) differ, when they do. */
static void compare(const char *dir, const char *have, const char *got, dg_diags *d)
{
    const char *a = have, *b = got;
    while (*a || *b) {
        size_t la = line_len(a), lb = line_len(b);
        if (la != lb || memcmp(a, b, la) != 0) {
            int c = !*a ? 1 : !*b ? -1 : strncmp(a, b, la < lb ? la : lb);
            if (c == 0) c = la < lb ? -1 : 1;
            dg_loc loc = {dir, 1, 1};
            if (c < 0)
                dg_warning(d, loc, "the migrations do not reach the schema: the schema has `%.*s`, which replaying "
                           "them does not make; write a migration for it", (int)la, a);
            else
                dg_warning(d, loc, "the migrations do not reach the schema: replaying them makes `%.*s`, which the "
                           "schema does not have; write a migration for it", (int)lb, b);
            return;
        }
        a += la + (a[la] == '\n');
        b += lb + (b[lb] == '\n');
    }
}

/* Replays the folder on the typing database and compares. */
static void check_reaches(dal_db *db, const char *dir, const char *have, dg_diags *d)
{
    dg_diags quiet = DG_DIAGS_INIT;   /* read again (and reported) by the view model */
    dg_mfolder f;
    if (dg_mfolder_read(dir, false, &f, &quiet) == 0) {
        dal_migration *list = dg_mfolder_to_dal(&f);
        char *got = NULL;
        if (dal_migrate_describe(db, list, f.items.len, INT64_MAX, &got) == DAL_OK) compare(dir, have, got, d);
        else dg_warning(d, (dg_loc){dir, 1, 1}, "the migrations do not replay on the typing server: %s",
                        dal_errmsg(db));
        sqlite3_free(got);
        free(list);
    }
    dg_mfolder_free(&f);
    dg_diags_free(&quiet);
}

int dg_pgmig_describe(void *conn, const char *dir, char **description, dg_diags *d)
{
    dal_db *db = NULL;
    char *desc = NULL;
    *description = NULL;
    int rc = dal_wrap_pg(&db, conn, NULL);
    if (rc == DAL_OK) rc = dal_schema_describe(db, &desc);
    if (rc != DAL_OK) {
        dg_error(d, (dg_loc){NULL, 0, 0}, "cannot describe the schema on the typing server: %s",
                 db ? dal_errmsg(db) : "out of memory");
    } else {
        *description = dg_xstrdup(desc);
        if (dir) check_reaches(db, dir, desc, d);
    }
    sqlite3_free(desc);
    dal_close(db);
    return rc == DAL_OK ? 0 : -1;
}
