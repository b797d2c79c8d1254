/* Transactions and savepoints. */
#include "rt_util.h"

static int64_t count(dal_db *db)
{
    return rt_int(dal_sqlite(db), "SELECT count(*) FROM t");
}

static void inner_rollback_keeps_outer_work(void **state)
{
    dal_db *db = rt_memdb();
    (void)state;
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_txn_depth(db), 1);
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1)"), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_txn_depth(db), 2);
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (2)"), DAL_OK);
    assert_int_equal(count(db), 2);
    assert_int_equal(dal_rollback(db), DAL_OK);
    assert_int_equal(dal_txn_depth(db), 1);
    assert_int_equal(count(db), 1);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (3)"), DAL_OK);
    assert_int_equal(dal_commit(db), DAL_OK);
    assert_int_equal(dal_commit(db), DAL_OK);
    assert_int_equal(dal_txn_depth(db), 0);
    assert_int_equal(rt_int(dal_sqlite(db), "SELECT group_concat(x) = '1,3' FROM t"), 1);
    dal_close(db);
}

static void outer_rollback_undoes_committed_savepoints(void **state)
{
    dal_db *db = rt_memdb();
    (void)state;
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1)"), DAL_OK);
    assert_int_equal(dal_commit(db), DAL_OK);
    assert_int_equal(dal_commit(db), DAL_OK);
    assert_int_equal(count(db), 1);
    assert_int_equal(dal_rollback(db), DAL_OK);
    assert_int_equal(count(db), 0);
    assert_true(sqlite3_get_autocommit(dal_sqlite(db)));
    dal_close(db);
}

static void begin_is_immediate_and_begin_read_is_deferred(void **state)
{
    char dir[256], path[300];
    dal_db *a = NULL, *b = NULL;
    dal_options o = DAL_OPTIONS_INIT;
    (void)state;
    o.busy_timeout_ms = 0;
    rt_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/t.db", dir);
    assert_int_equal(dal_open(&a, path, &o), DAL_OK);
    assert_int_equal(dal_open(&b, path, &o), DAL_OK);
    assert_int_equal(dal_exec(a, "CREATE TABLE t(x)"), DAL_OK);
    /* a read transaction takes no write lock: both may hold one */
    assert_int_equal(dal_begin_read(a), DAL_OK);
    assert_int_equal(dal_begin_read(b), DAL_OK);
    assert_int_equal(dal_commit(b), DAL_OK);
    assert_int_equal(dal_commit(a), DAL_OK);
    /* BEGIN IMMEDIATE takes the write lock at once */
    assert_int_equal(dal_begin(a), DAL_OK);
    assert_int_equal(dal_begin(b), DAL_BUSY);
    assert_int_equal(dal_errcode(b), SQLITE_BUSY);
    assert_int_equal(dal_txn_depth(b), 0);
    assert_int_equal(dal_rollback(a), DAL_OK);
    assert_int_equal(dal_begin(b), DAL_OK);
    assert_int_equal(dal_commit(b), DAL_OK);
    dal_close(a);
    dal_close(b);
    rt_rmdir(dir);
}

static void commit_without_begin_is_misuse(void **state)
{
    dal_db *db = rt_memdb();
    (void)state;
    assert_int_equal(dal_commit(db), DAL_MISUSE);
    assert_int_equal(dal_rollback(db), DAL_MISUSE);
    assert_int_equal(dal_errcode(db), SQLITE_MISUSE);
    dal_close(db);
}

static void wrapped_connection_inside_a_transaction_uses_savepoints(void **state)
{
    sqlite3 *h = NULL;
    dal_db *db = NULL;
    (void)state;
    assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x); BEGIN; INSERT INTO t VALUES (1)",
                                  NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(dal_wrap(&db, h, NULL), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (2)"), DAL_OK);
    assert_int_equal(dal_rollback(db), DAL_OK);
    assert_int_equal(dal_txn_depth(db), 0);
    /* the program's transaction is still open with its own row */
    assert_false(sqlite3_get_autocommit(h));
    assert_int_equal(rt_int(h, "SELECT count(*) FROM t"), 1);
    assert_int_equal(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    dal_close(db);
    sqlite3_close(h);
}

static void a_transaction_ended_behind_our_back_is_reported(void **state)
{
    dal_db *db = rt_memdb();
    (void)state;
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1); ROLLBACK"), DAL_OK);
    assert_int_equal(dal_commit(db), DAL_ERROR);
    assert_int_equal(dal_errcode(db), SQLITE_ABORT);
    assert_non_null(strstr(dal_errmsg(db), "rolled the transaction back"));
    assert_int_equal(dal_txn_depth(db), 0);
    assert_int_equal(count(db), 0);
    /* rollback of a lost transaction is quietly fine */
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_exec(db, "ROLLBACK"), DAL_OK);
    assert_int_equal(dal_rollback(db), DAL_OK);
    assert_int_equal(dal_txn_depth(db), 0);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_commit(db), DAL_OK);
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inner_rollback_keeps_outer_work),
        cmocka_unit_test(outer_rollback_undoes_committed_savepoints),
        cmocka_unit_test(begin_is_immediate_and_begin_read_is_deferred),
        cmocka_unit_test(commit_without_begin_is_misuse),
        cmocka_unit_test(wrapped_connection_inside_a_transaction_uses_savepoints),
        cmocka_unit_test(a_transaction_ended_behind_our_back_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
