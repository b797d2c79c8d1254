/* fuzz_split.c - libdal's migration script splitter (runtime/src/
 * migrate_sql.c), as the runner uses it: any text split into complete
 * statements, which are checked for the statements that belong to the
 * runner (transactions, PRAGMA foreign_keys).  The pieces must cover the
 * text: joined, they give it back but for trailing blanks. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "dal.h"
#include "migrate_int.h"   /* runtime/src: the runner's private splitter */

static dal_db *scratch_db(void)
{
    static dal_db *db;   /* opened once per process: harness state */
    if (!db && dal_open(&db, ":memory:", NULL) != DAL_OK) abort();
    return db;
}

/* What the splitter promises: the statements are the script, in order. */
static void check_cover(const char *sql, const dal__script *s)
{
    size_t at = 0;
    for (int i = 0; i < s->n; i++) {
        size_t n = strlen(s->stmts[i]);
        if (n == 0 || strncmp(sql + at, s->stmts[i], n) != 0) abort();
        at += n;
    }
    for (; sql[at]; at++)
        if (!strchr(" \t\n\r", sql[at])) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *sql = malloc(size + 1);   /* the runner takes NUL-terminated text */
    if (!sql) abort();
    memcpy(sql, data, size);
    sql[size] = '\0';
    dal_db *db = scratch_db();
    dal__script s;
    if (dal__script_split(db, sql, &s) == DAL_OK) {
        check_cover(sql, &s);
        (void)dal__script_check(db, "fuzz", &s);
        dal__script_free(&s);
    }
    free(sql);
    return 0;
}
