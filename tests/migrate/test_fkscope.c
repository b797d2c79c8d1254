/* The runner's foreign-key check, scoped to the tables a migration touched
 * and the tables that reference them: a violation that a migration makes
 * in a table it never names (a child of the table it rebuilds or drops) is
 * still refused, and violations that were there before are not blamed on it.
 * Also the runner's callbacks: progress once per statement, done (options
 * version 3) once per migration committed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <sqlite3.h>

#include "dal.h"
#include "dal_migrate.h"

static const char *schema =
    "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);"
    "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id));"
    "CREATE TABLE other (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id));"
    "INSERT INTO p VALUES (1, 'a'), (2, 'b'), (3, 'c');"
    "INSERT INTO c VALUES (10, 1), (20, 2);";

static dal_db *open_db(void)
{
    dal_db *db = NULL;
    assert_int_equal(dal_open(&db, ":memory:", NULL), DAL_OK);
    assert_int_equal(dal_exec(db, "PRAGMA foreign_keys = OFF"), DAL_OK);
    assert_int_equal(sqlite3_exec(dal_sqlite(db), schema, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(dal_exec(db, "PRAGMA foreign_keys = ON"), DAL_OK);
    return db;
}

static int64_t count(dal_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int apply(dal_db *db, const char *up)
{
    dal_migration m = {1, "0001_change", up, NULL, "0"};
    return dal_migrate_apply(db, &m, 1, NULL, NULL);
}

/* A rebuild of p that loses the row c.20 references: the violation is in c,
 * which the script never names. */
static void test_rebuild_breaks_child(void **state)
{
    (void)state;
    dal_db *db = open_db();
    int rc = apply(db, "CREATE TABLE _new_p (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');"
                       "INSERT INTO _new_p (id, name) SELECT id, name FROM p WHERE id <> 2;"
                       "DROP TABLE p;"
                       "ALTER TABLE _new_p RENAME TO p;");
    assert_int_equal(rc, DAL_CONSTRAINT);
    assert_non_null(strstr(dal_errmsg(db), "c|20|p"));
    assert_int_equal(count(db, "SELECT count(*) FROM p"), 3);   /* rolled back */
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_schema WHERE name = '_new_p'"), 0);
    dal_close(db);
}

/* A delete in the parent alone. */
static void test_delete_in_parent(void **state)
{
    (void)state;
    dal_db *db = open_db();
    assert_int_equal(apply(db, "DELETE FROM p WHERE id = 1;"), DAL_CONSTRAINT);
    assert_non_null(strstr(dal_errmsg(db), "c|10|p"));
    dal_close(db);
}

/* A dropped parent: every child row now points nowhere. */
static void test_drop_parent(void **state)
{
    (void)state;
    dal_db *db = open_db();
    assert_int_equal(apply(db, "DROP TABLE p;"), DAL_CONSTRAINT);
    assert_int_equal(count(db, "SELECT count(*) FROM p"), 3);
    dal_close(db);
}

/* A trigger of an untouched-looking table writes the child. */
static void test_through_trigger(void **state)
{
    (void)state;
    dal_db *db = open_db();
    assert_int_equal(apply(db, "CREATE TABLE log (x INTEGER);"
                               "CREATE TRIGGER log_ai AFTER INSERT ON log BEGIN "
                               "INSERT INTO other (p_id) VALUES (NEW.x); END;"
                               "INSERT INTO log VALUES (99);"),
                     DAL_CONSTRAINT);
    assert_non_null(strstr(dal_errmsg(db), "other|"));
    dal_close(db);
}

/* A violation that was there before the migration (c.30 -> 9) is not its
 * own: the rebuild is applied, and the row is still reported afterwards. */
static void test_old_violation_kept(void **state)
{
    (void)state;
    dal_db *db = open_db();
    assert_int_equal(dal_exec(db, "PRAGMA foreign_keys = OFF"), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO c VALUES (30, 9)"), DAL_OK);
    assert_int_equal(dal_exec(db, "PRAGMA foreign_keys = ON"), DAL_OK);
    int rc = apply(db, "CREATE TABLE _new_p (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');"
                       "INSERT INTO _new_p (id, name) SELECT id, coalesce(name, '') FROM p;"
                       "DROP TABLE p;"
                       "ALTER TABLE _new_p RENAME TO p;");
    assert_int_equal(rc, DAL_OK);
    assert_int_equal(count(db, "SELECT count(*) FROM pragma_foreign_key_check('c')"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%NOT NULL DEFAULT%'"), 1);
    /* ...but a second migration adding one more is refused. */
    dal_migration ms[2] = {{1, "0001_change", "", NULL, "0"}, {2, "0002_more", "INSERT INTO c VALUES (40, 8);", NULL, "0"}};
    ms[0].up = "CREATE TABLE _new_p (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');"
               "INSERT INTO _new_p (id, name) SELECT id, coalesce(name, '') FROM p;"
               "DROP TABLE p;"
               "ALTER TABLE _new_p RENAME TO p;";
    assert_int_equal(dal_migrate_apply(db, ms, 2, NULL, NULL), DAL_CONSTRAINT);
    assert_non_null(strstr(dal_errmsg(db), "c|40|p"));
    dal_close(db);
}

/* The progress callback sees each statement once, even when the script is
 * run a second time to tell old violations from new ones. */
static void count_progress(void *ctx, const dal_migration *m, int stmt, int nstmts, const char *sql)
{
    (void)m, (void)stmt, (void)nstmts, (void)sql;
    (*(int *)ctx)++;
}

static void test_progress_once(void **state)
{
    (void)state;
    dal_db *db = open_db();
    assert_int_equal(dal_exec(db, "PRAGMA foreign_keys = OFF"), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO c VALUES (30, 9)"), DAL_OK);
    assert_int_equal(dal_exec(db, "PRAGMA foreign_keys = ON"), DAL_OK);
    int calls = 0;
    dal_migrate_options o = DAL_MIGRATE_OPTIONS_INIT;
    o.progress = count_progress;
    o.progress_ctx = &calls;
    dal_migration m = {1, "0001_touch", "UPDATE p SET name = 'x';\nINSERT INTO c VALUES (50, 3);", NULL, "0"};
    assert_int_equal(dal_migrate_apply(db, &m, 1, &o, NULL), DAL_OK);
    assert_int_equal(calls, 2);
    assert_int_equal(count(db, "SELECT count(*) FROM c"), 4);   /* ran once: no duplicate row */
    dal_close(db);
}

/* Options version 3: `done` once per migration committed, up and down,
 * with its duration; none for a failing migration, none from a version 2
 * struct (compiled against the older header, which has no such field). */
typedef struct done_log {
    int     calls;
    int64_t last_id, min_ms;
} done_log;

static void on_done(void *ctx, const dal_migration *m, int64_t ms)
{
    done_log *l = ctx;
    l->calls++;
    l->last_id = m->id;
    if (ms < l->min_ms) l->min_ms = ms;
}

static void test_done_callback(void **state)
{
    (void)state;
    dal_db *db = open_db();
    static const dal_migration list[] = {
        {1, "0001_a", "CREATE TABLE a (x INTEGER);", "DROP TABLE a;", "1"},
        {2, "0002_b", "CREATE TABLE b (x INTEGER);", "DROP TABLE b;", "2"},
        {3, "0003_bad", "CREATE TABLE d (x INTEGER); INSERT INTO nosuch VALUES (1);", NULL, "3"},
    };
    done_log l = {0, 0, INT64_MAX};
    dal_migrate_options o = DAL_MIGRATE_OPTIONS_INIT;
    assert_int_equal(o.version, 3);
    o.done = on_done;
    o.progress_ctx = &l;
    o.target = 2;
    assert_int_equal(dal_migrate_apply(db, list, 3, &o, NULL), DAL_OK);
    assert_int_equal(l.calls, 2);
    assert_int_equal(l.last_id, 2);
    assert_true(l.min_ms >= 0);
    o.target = DAL_MIGRATE_LATEST;
    assert_int_equal(dal_migrate_apply(db, list, 3, &o, NULL), DAL_ERROR);   /* 0003 fails: not reported */
    assert_int_equal(l.calls, 2);
    assert_int_equal(dal_migrate_down(db, list, 3, 1, &o), DAL_OK);
    assert_int_equal(l.calls, 3);
    assert_int_equal(l.last_id, 2);
    o.version = 2;   /* an older struct: its memory past the version 2 fields is not read */
    assert_int_equal(dal_migrate_down(db, list, 3, 1, &o), DAL_OK);
    assert_int_equal(l.calls, 3);
    dal_close(db);
}

/* Counts the runner's foreign_key_check calls on table c (a trace of every
 * statement run, with its bound parameter). */
static int trace_checks(unsigned type, void *ctx, void *p, void *x)
{
    (void)type, (void)x;
    char *sql = sqlite3_expanded_sql(p);
    if (sql && strstr(sql, "pragma_foreign_key_check('c')")) (*(int *)ctx)++;
    sqlite3_free(sql);
    return 0;
}

static int checks_of_c(dal_db *db, const char *up, int *rc)
{
    int n = 0;
    sqlite3_trace_v2(dal_sqlite(db), SQLITE_TRACE_STMT, trace_checks, &n);
    *rc = apply(db, up);
    sqlite3_trace_v2(dal_sqlite(db), 0, NULL, NULL);
    return n;
}

/* A rebuild that copies p row for row leaves c's violations as they were:
 * c is not checked again (its parent's rowids are compared instead). */
static void test_rowid_copy_skips_child(void **state)
{
    (void)state;
    dal_db *db = open_db();
    int rc = 0;
    int n = checks_of_c(db, "CREATE TABLE _new_p (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');"
                            "INSERT INTO _new_p (id, name) SELECT id, coalesce(name, '') FROM p;"
                            "DROP TABLE p;"
                            "ALTER TABLE _new_p RENAME TO p;", &rc);
    assert_int_equal(rc, DAL_OK);
    assert_int_equal(n, 0);
    dal_close(db);
}

/* The same number of rows with other keys: c is checked, and refused. */
static void test_shifted_keys_refused(void **state)
{
    (void)state;
    dal_db *db = open_db();
    int rc = 0;
    int n = checks_of_c(db, "CREATE TABLE _new_p (id INTEGER PRIMARY KEY, name TEXT);"
                            "INSERT INTO _new_p (id, name) SELECT id + 100, name FROM p;"
                            "DROP TABLE p;"
                            "ALTER TABLE _new_p RENAME TO p;", &rc);
    assert_int_equal(rc, DAL_CONSTRAINT);
    assert_true(n >= 1);
    assert_non_null(strstr(dal_errmsg(db), "c|10|p"));
    dal_close(db);
}

/* A row deleted before a rename: SQLite rewrites c's foreign key to the new
 * name, so c's foreign keys are not what they were and c is checked. */
static void test_delete_then_rename(void **state)
{
    (void)state;
    dal_db *db = open_db();
    int rc = apply(db, "DELETE FROM p WHERE id = 1;"
                       "ALTER TABLE p RENAME TO p_old;"
                       "UPDATE p_old SET name = 'x';");
    assert_int_equal(rc, DAL_CONSTRAINT);
    assert_non_null(strstr(dal_errmsg(db), "c|10|p_old"));
    dal_close(db);
}

/* The parent's key kept but no longer its rowid (a text key): c is checked. */
static void test_key_no_longer_rowid(void **state)
{
    (void)state;
    dal_db *db = open_db();
    int rc = 0;
    int n = checks_of_c(db, "CREATE TABLE _new_p (id INTEGER NOT NULL UNIQUE, name TEXT);"
                            "INSERT INTO _new_p (id, name) SELECT id, name FROM p WHERE id <> 2;"
                            "DROP TABLE p;"
                            "ALTER TABLE _new_p RENAME TO p;", &rc);
    assert_int_equal(rc, DAL_CONSTRAINT);
    assert_true(n >= 1);
    assert_non_null(strstr(dal_errmsg(db), "c|20|p"));
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rebuild_breaks_child),
        cmocka_unit_test(test_delete_in_parent),
        cmocka_unit_test(test_drop_parent),
        cmocka_unit_test(test_through_trigger),
        cmocka_unit_test(test_old_violation_kept),
        cmocka_unit_test(test_progress_once),
        cmocka_unit_test(test_done_callback),
        cmocka_unit_test(test_rowid_copy_skips_child),
        cmocka_unit_test(test_shifted_keys_refused),
        cmocka_unit_test(test_delete_then_rename),
        cmocka_unit_test(test_key_no_longer_rowid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
