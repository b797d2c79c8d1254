/* fuzz_split.c - libdal's migration script splitter (runtime/src/
 * migrate_sql.c), as the runner uses it: any text split into complete
 * statements, which are checked for the statements that belong to the
 * runner (transactions, PRAGMA foreign_keys).  The pieces must cover the
 * text (joined, they give it back but for trailing blanks) and be the ones
 * sqlite3_complete itself gives, asked at every ';' (the quadratic way the
 * splitter used to work, kept here as the oracle). */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

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

/* The statements as sqlite3_complete on the text since the last split
 * decides at every ';'; NULL-terminated, or NULL when that would be slow
 * (many ';' in a long input). */
static char **oracle(const char *sql)
{
    size_t len = strlen(sql), semis = 0, start = 0, n = 0;
    for (size_t i = 0; i < len; i++) semis += sql[i] == ';';
    if (semis * len > 8u << 20) return NULL;
    char **v = calloc(semis + 2, sizeof *v), *buf = malloc(len + 1);
    if (!v || !buf) abort();
    for (size_t i = 0; i < len; i++) {
        if (sql[i] != ';') continue;
        memcpy(buf, sql + start, i + 1 - start);
        buf[i + 1 - start] = '\0';
        if (!sqlite3_complete(buf)) continue;
        v[n++] = strndup(sql + start, i + 1 - start);
        start = i + 1;
    }
    if (strspn(sql + start, " \t\n\r") < len - start) v[n++] = strdup(sql + start);
    free(buf);
    return v;
}

static void check_oracle(const char *sql, const dal__script *s)
{
    char **want = oracle(sql);
    if (!want) return;
    int k = 0;
    for (; want[k]; k++) {
        if (k >= s->n || strcmp(want[k], s->stmts[k]) != 0) abort();
        free(want[k]);
    }
    if (k != s->n) abort();
    free(want);
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
        check_oracle(sql, &s);
        (void)dal__script_check(db, "fuzz", &s);
        dal__script_free(&s);
    }
    free(sql);
    return 0;
}
