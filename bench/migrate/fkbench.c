/* The migration runner on a table rebuild, with and without a second table
 * whose foreign key references the rebuilt one (bench/README.md).
 *
 *   bench_migrate_fk N DIR [ROUNDS]
 *
 * Per round and side: a fresh file database in DIR with `parent` (N rows),
 * and on the "with" side `child` (N rows, each referencing a parent row);
 * then dal_migrate_apply of one migration that rebuilds `parent` (SQLite's
 * twelve steps: new table, copy, drop, rename), timed alone.  Prints the
 * median seconds of each side and their ratio. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "dal.h"
#include "dal_migrate.h"

static const char *rebuild =
    "CREATE TABLE _dalgen_new_parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL NOT NULL DEFAULT 0);\n"
    "INSERT INTO _dalgen_new_parent (id, name) SELECT id, name FROM parent;\n"
    "DROP TABLE parent;\n"
    "ALTER TABLE _dalgen_new_parent RENAME TO parent;\n";

static void die(const char *what, dal_db *db)
{
    fprintf(stderr, "%s: %s\n", what, db ? dal_errmsg(db) : "");
    exit(1);
}

static void fill(dal_db *db, long n, int with_child)
{
    char sql[512];
    if (dal_exec(db, "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL)") != DAL_OK) die("create", db);
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %ld) "
             "INSERT INTO parent SELECT i, 'name ' || i FROM k", n);
    if (dal_exec(db, sql) != DAL_OK) die("fill parent", db);
    if (!with_child) return;
    if (dal_exec(db, "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id))") !=
        DAL_OK)
        die("create child", db);
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %ld) "
             "INSERT INTO child SELECT i, (i * 7919) %% %ld + 1 FROM k", n, n);
    if (dal_exec(db, sql) != DAL_OK) die("fill child", db);
    if (dal_exec(db, "CREATE INDEX child_parent ON child(parent_id)") != DAL_OK) die("index", db);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double one(const char *dir, long n, int with_child)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/fk_%s.db", dir, with_child ? "with" : "without");
    remove(path);
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    remove(wal);
    dal_db *db = NULL;
    if (dal_open(&db, path, NULL) != DAL_OK) die("open", db);
    fill(db, n, with_child);
    dal_migration m = {1, "0001_rebuild_parent", rebuild, NULL, "0"};
    double t0 = now();
    if (dal_migrate_apply(db, &m, 1, NULL, NULL) != DAL_OK) die("apply", db);
    double t = now() - t0;
    dal_close(db);
    remove(path);
    remove(wal);
    return t;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s N DIR [ROUNDS]\n", argv[0]);
        return 2;
    }
    long n = atol(argv[1]);
    int rounds = argc > 3 ? atoi(argv[3]) : 3;
    double *w = calloc((size_t)rounds, sizeof *w), *wo = calloc((size_t)rounds, sizeof *wo);
    for (int r = 0; r < rounds; r++) {
        wo[r] = one(argv[2], n, 0);
        w[r] = one(argv[2], n, 1);
    }
    qsort(w, (size_t)rounds, sizeof *w, cmp);
    qsort(wo, (size_t)rounds, sizeof *wo, cmp);
    double mw = w[rounds / 2], mwo = wo[rounds / 2];
    printf("fk_rebuild n=%ld rounds=%d without_s=%.3f with_s=%.3f ratio=%.2f\n", n, rounds, mwo, mw, mw / mwo);
    free(w);
    free(wo);
    return 0;
}
