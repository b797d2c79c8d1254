/* The runner's script splitter: a migration is split into statements where
 * sqlite3_complete says a statement ends (trigger bodies whole; ';' in
 * strings, quoted names and comments not an end), in one pass: a migration
 * holding 200,000 ';' in a string took 12 s when sqlite3_complete was asked
 * again from the statement's start at every ';' (issue 21). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "dal.h"
#include "dal_migrate.h"

static int64_t count(dal_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void statements_end_where_sqlite_says(void **state)
{
    (void)state;
    dal_db *db = NULL;
    assert_int_equal(dal_open(&db, ":memory:", NULL), DAL_OK);
    dal_migration m = {1, "0001_init",
                       "CREATE TABLE \"a;b\" (x TEXT, [y;z] INTEGER); -- a comment; with ';'\n"
                       "/* a block; comment */ CREATE TABLE log (n INTEGER);\n"
                       "CREATE TEMP TRIGGER t1 AFTER INSERT ON \"a;b\" BEGIN INSERT INTO log VALUES (1); "
                       "INSERT INTO log VALUES (2); END;\n"
                       "CREATE TRIGGER t2 AFTER INSERT ON \"a;b\" BEGIN INSERT INTO log VALUES (3); END;\n"
                       "INSERT INTO \"a;b\" VALUES ('x;y', 1);\n"
                       "EXPLAIN SELECT 1;\n"
                       "INSERT INTO `a;b` VALUES ('end;', 2)",
                       NULL, "0"};
    assert_int_equal(dal_migrate_apply(db, &m, 1, NULL, NULL), DAL_OK);
    assert_int_equal(count(db, "SELECT count(*) FROM \"a;b\" WHERE x LIKE '%;%'"), 2);
    assert_int_equal(count(db, "SELECT sum(n) FROM log"), 12);
    dal_close(db);
}

/* CPU seconds to apply a migration holding n ';' in a string. */
static double semicolons_cpu(size_t n)
{
    char *sql = malloc(n + 64);
    assert_non_null(sql);
    strcpy(sql, "CREATE TABLE t (v TEXT);\nINSERT INTO t VALUES ('");
    size_t at = strlen(sql);
    memset(sql + at, ';', n);
    strcpy(sql + at + n, "');\n");
    dal_db *db = NULL;
    assert_int_equal(dal_open(&db, ":memory:", NULL), DAL_OK);
    dal_migration m = {1, "0001_semis", sql, NULL, "0"};
    clock_t start = clock();
    assert_int_equal(dal_migrate_apply(db, &m, 1, NULL, NULL), DAL_OK);
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_int_equal(count(db, "SELECT length(v) FROM t"), (int64_t)n);
    dal_close(db);
    free(sql);
    return secs;
}

/* 8 times the ';' may not cost much more than 8 times the time. */
static void many_semicolons_in_a_string_split_in_linear_time(void **state)
{
    (void)state;
    double small = semicolons_cpu(25000), big = semicolons_cpu(200000);
    assert_true(big < 24 * small + 0.05);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(statements_end_where_sqlite_says),
        cmocka_unit_test(many_semicolons_in_a_string_split_in_linear_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
