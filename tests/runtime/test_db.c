/* Connections: defaults, options, wrap, close, errors. */
#include "rt_util.h"

static void open_applies_wal_foreign_keys_and_synchronous_normal(void **state)
{
    char dir[256], path[300], mode[32];
    dal_db *db = NULL;
    (void)state;
    rt_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/app.db", dir);
    assert_int_equal(dal_open(&db, path, NULL), DAL_OK);
    rt_text(dal_sqlite(db), "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "wal");
    assert_int_equal(rt_int(dal_sqlite(db), "PRAGMA foreign_keys"), 1);
    assert_int_equal(rt_int(dal_sqlite(db), "PRAGMA synchronous"), 1);
    assert_false(dal_is_lenient(db));
    assert_false(dal_skips_validation(db));
    assert_int_equal(dal_db_options(db)->busy_timeout_ms, 5000);
    dal_close(db);
    rt_rmdir(dir);
}

static void no_wal_keeps_the_rollback_journal(void **state)
{
    char dir[256], path[300], mode[32];
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    (void)state;
    o.no_wal = true;
    o.lenient = true;
    o.skip_validation = true;
    rt_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/app.db", dir);
    assert_int_equal(dal_open(&db, path, &o), DAL_OK);
    rt_text(dal_sqlite(db), "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "delete");
    assert_true(dal_is_lenient(db));
    assert_true(dal_skips_validation(db));
    dal_close(db);
    rt_rmdir(dir);
}

static void options_without_version_are_misuse(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    (void)state;
    o.version = 0;
    assert_int_equal(dal_open(&db, ":memory:", &o), DAL_MISUSE);
    assert_non_null(db);
    assert_non_null(strstr(dal_errmsg(db), "DAL_OPTIONS_INIT"));
    assert_int_equal(dal_errcode(db), SQLITE_MISUSE);
    dal_close(db);
}

static void wrap_leaves_the_handle_open(void **state)
{
    sqlite3 *h = NULL;
    dal_db *db = NULL;
    (void)state;
    assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
    assert_int_equal(dal_wrap(&db, h, NULL), DAL_OK);
    assert_ptr_equal(dal_sqlite(db), h);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    /* the slice function is registered on wrapped connections too */
    assert_int_equal(rt_int(h, "SELECT count(*) FROM dal_array(NULL)"), 0);
    dal_close(db);
    assert_int_equal(sqlite3_exec(h, "INSERT INTO t VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

static void a_failed_open_refuses_work_safely(void **state)
{
    dal_db *db = NULL;
    sqlite3_stmt *st = NULL;
    static unsigned slot;
    static const char *const sql[] = { "SELECT 1" };
    static const dal_unit u = { "u", 1, sql, &slot };
    (void)state;
    assert_int_equal(dal_open(&db, "/nonexistent-dal-folder/x/app.db", NULL), DAL_ERROR);
    assert_non_null(db);
    assert_null(dal_sqlite(db));
    assert_int_equal(dal_exec(db, "SELECT 1"), DAL_MISUSE);
    assert_int_equal(dal_begin(db), DAL_MISUSE);
    assert_int_equal(dal_stmt_acquire(db, &u, 0, &st), DAL_MISUSE);
    assert_null(st);
    assert_string_equal(dal_errmsg(db), "the connection is not open");
    assert_int_equal(dal_changes(db), 0);
    dal_close(db);
}

static void wrapped_connections_report_extended_codes_too(void **state)
{
    sqlite3 *h = NULL;
    dal_db *db = NULL;
    sqlite3_stmt *st = NULL;
    static unsigned slot;
    static const char *const sql[] = { "INSERT INTO u VALUES (1)" };
    static const dal_unit u = { "u", 1, sql, &slot };
    (void)state;
    assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);  /* extended codes off */
    assert_int_equal(sqlite3_exec(h, "CREATE TABLE u(id INTEGER PRIMARY KEY); INSERT INTO u VALUES (1)",
                                  NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(dal_wrap(&db, h, NULL), DAL_OK);
    assert_int_equal(dal_stmt_acquire(db, &u, 0, &st), DAL_OK);
    assert_int_equal(dal_step_done(db, st), DAL_CONSTRAINT);
    assert_int_equal(dal_errcode(db), SQLITE_CONSTRAINT_PRIMARYKEY);
    assert_string_equal(dal_errmsg(db), "UNIQUE constraint failed: u.id");
    dal_stmt_release(db, &u, 0, st);
    dal_close(db);
    sqlite3_close(h);
}

static void close_accepts_null(void **state)
{
    (void)state;
    dal_close(NULL);
    dal_arena_free(NULL);
    dal_iter_end(NULL);
}

static void errors_keep_the_extended_code(void **state)
{
    dal_db *db = rt_memdb();
    (void)state;
    assert_int_equal(dal_errcode(db), 0);
    assert_string_equal(dal_errmsg(db), "not an error");
    assert_int_equal(dal_exec(db, "CREATE TABLE u(id INTEGER PRIMARY KEY, email TEXT UNIQUE,"
                                  " p INTEGER REFERENCES u(id))"), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO u VALUES (1, 'a', NULL)"), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO u VALUES (2, 'a', NULL)"), DAL_CONSTRAINT);
    assert_int_equal(dal_errcode(db), SQLITE_CONSTRAINT_UNIQUE);
    assert_string_equal(dal_errmsg(db), "UNIQUE constraint failed: u.email");
    assert_int_equal(dal_exec(db, "INSERT INTO u VALUES (3, 'b', 42)"), DAL_CONSTRAINT);
    assert_int_equal(dal_errcode(db), SQLITE_CONSTRAINT_FOREIGNKEY);
    assert_int_equal(dal_exec(db, "SELECT nope FROM u"), DAL_ERROR);
    assert_int_equal(dal_errcode(db), SQLITE_ERROR);
    assert_string_equal(dal_errmsg(db), "no such column: nope");
    /* the last error stays until cleared */
    assert_int_equal(dal_exec(db, "SELECT 1"), DAL_OK);
    assert_int_equal(dal_errcode(db), SQLITE_ERROR);
    dal_error_clear(db);
    assert_int_equal(dal_errcode(db), 0);
    assert_int_equal(dal_error_set(db, DAL_CONFLICT, 0, "row %d changed", 7), DAL_CONFLICT);
    assert_string_equal(dal_errmsg(db), "row 7 changed");
    dal_close(db);
}

static void changes_and_last_rowid(void **state)
{
    dal_db *db = rt_memdb();
    (void)state;
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1),(2),(3)"), DAL_OK);
    assert_int_equal(dal_last_rowid(db), 3);
    assert_int_equal(dal_exec(db, "UPDATE t SET x = x + 1 WHERE x > 1"), DAL_OK);
    assert_int_equal(dal_changes(db), 2);
    dal_close(db);
}

static void names_and_versions(void **state)
{
    (void)state;
    assert_string_equal(dal_rc_name(DAL_OK), "DAL_OK");
    assert_string_equal(dal_rc_name(DAL_MISUSE), "DAL_MISUSE");
    assert_string_equal(dal_rc_name(99), "DAL_?");
    assert_string_equal(dal_type_name(DAL_TYPE_BLOB), "BLOB");
    assert_string_equal(dal_version(), DAL_VERSION_STRING);
    assert_int_equal(dal_version_number(), DAL_VERSION_NUMBER);
    assert_true(DAL_VERSION_COMPATIBLE(DAL_VERSION_MAJOR, 0));
    assert_false(DAL_VERSION_COMPATIBLE(DAL_VERSION_MAJOR + 1, 0));
    assert_false(DAL_VERSION_COMPATIBLE(DAL_VERSION_MAJOR, DAL_VERSION_MINOR + 1));
}

DAL_REQUIRE_VERSION(DAL_VERSION_MAJOR, DAL_VERSION_MINOR);

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(open_applies_wal_foreign_keys_and_synchronous_normal),
        cmocka_unit_test(no_wal_keeps_the_rollback_journal),
        cmocka_unit_test(options_without_version_are_misuse),
        cmocka_unit_test(wrap_leaves_the_handle_open),
        cmocka_unit_test(a_failed_open_refuses_work_safely),
        cmocka_unit_test(wrapped_connections_report_extended_codes_too),
        cmocka_unit_test(close_accepts_null),
        cmocka_unit_test(errors_keep_the_extended_code),
        cmocka_unit_test(changes_and_last_rowid),
        cmocka_unit_test(names_and_versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
