/* pgrt.txn: transactions and savepoints on PostgreSQL, the aborted-
 * transaction rule (dal_commit of an aborted level rolls back and says
 * so), dal_begin_read's read-only snapshot, a wrapped connection already
 * inside the program's transaction. */
#include "pg_util.h"

static long long count(dal_db *db)
{
    return pgt_int(dal_pg(db), "SELECT count(*) FROM t");
}

static void fresh(dal_db *db)
{
    pgt_ok(db, dal_exec(db, "DROP TABLE IF EXISTS t; CREATE TABLE t (x int PRIMARY KEY)"));
}

static void commit_and_rollback(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    fresh(db);
    pgt_ok(db, dal_begin(db));
    assert_int_equal(dal_txn_depth(db), 1);
    assert_int_equal(PQtransactionStatus(dal_pg(db)), PQTRANS_INTRANS);
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (1)"));
    pgt_ok(db, dal_commit(db));
    assert_int_equal(dal_txn_depth(db), 0);
    assert_int_equal(PQtransactionStatus(dal_pg(db)), PQTRANS_IDLE);
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (2)"));
    pgt_ok(db, dal_rollback(db));
    assert_int_equal(count(db), 1);
    assert_int_equal(dal_commit(db), DAL_MISUSE);
    assert_int_equal(dal_rollback(db), DAL_MISUSE);
    dal_close(db);
}

static void nested_levels_are_savepoints(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    fresh(db);
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (1)"));
    pgt_ok(db, dal_begin(db));
    assert_int_equal(dal_txn_depth(db), 2);
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (2)"));
    pgt_ok(db, dal_rollback(db));          /* only 2 goes */
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (3)"));
    pgt_ok(db, dal_begin(db));
    assert_int_equal(dal_txn_depth(db), 3);
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (4)"));
    pgt_ok(db, dal_commit(db));
    pgt_ok(db, dal_commit(db));
    pgt_ok(db, dal_commit(db));
    assert_int_equal(dal_txn_depth(db), 0);
    assert_int_equal(pgt_int(dal_pg(db), "SELECT sum(x) FROM t"), 1 + 3 + 4);
    dal_close(db);
}

static void committing_an_aborted_transaction_rolls_back(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    fresh(db);
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (1)"));
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1)"), DAL_CONSTRAINT);
    /* every later statement is refused until the rollback */
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (2)"), DAL_ERROR);
    assert_string_equal(dal_sqlstate(db), "25P02");
    assert_non_null(strstr(dal_errmsg(db), "transaction aborted: roll back"));
    assert_int_equal(dal_commit(db), DAL_ERROR);
    assert_string_equal(dal_sqlstate(db), "25P02");
    assert_non_null(strstr(dal_errmsg(db), "rolled back"));
    assert_int_equal(dal_txn_depth(db), 0);
    assert_int_equal(PQtransactionStatus(dal_pg(db)), PQTRANS_IDLE);
    assert_int_equal(count(db), 0);
    dal_close(db);
}

static void an_aborted_savepoint_leaves_the_outer_transaction_usable(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    fresh(db);
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (1)"));
    pgt_ok(db, dal_begin(db));
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1)"), DAL_CONSTRAINT);
    assert_int_equal(dal_commit(db), DAL_ERROR);        /* rolled back to its savepoint */
    assert_int_equal(dal_txn_depth(db), 1);
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (2)"));
    pgt_ok(db, dal_begin(db));
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (2)"), DAL_CONSTRAINT);
    pgt_ok(db, dal_rollback(db));
    pgt_ok(db, dal_commit(db));
    assert_int_equal(count(db), 2);
    dal_close(db);
}

static void begin_read_is_a_read_only_snapshot(void **state)
{
    dal_db *db = pgt_open();
    PGconn *other = pgt_raw();
    (void)state;
    fresh(db);
    pgt_ok(db, dal_begin_read(db));
    assert_int_equal(count(db), 0);
    pgt_exec(other, "INSERT INTO t VALUES (7)");
    assert_int_equal(count(db), 0);                     /* same snapshot */
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (8)"), DAL_ERROR);
    assert_string_equal(dal_sqlstate(db), "25006");
    pgt_ok(db, dal_rollback(db));
    assert_int_equal(count(db), 1);
    PQfinish(other);
    dal_close(db);
}

static void isolation_option_sets_the_level(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    char buf[64];
    (void)state;
    o.pg_isolation = DAL_PG_REPEATABLE_READ;
    db = pgt_open_opts(&o);
    pgt_ok(db, dal_begin(db));
    pgt_text(dal_pg(db), "SHOW transaction_isolation", buf, sizeof buf);
    assert_string_equal(buf, "repeatable read");
    pgt_ok(db, dal_commit(db));
    dal_close(db);
}

static void wrapped_inside_the_programs_transaction_uses_savepoints(void **state)
{
    PGconn *c = pgt_raw();
    dal_db *db = NULL;
    (void)state;
    pgt_exec(c, "DROP TABLE IF EXISTS t; CREATE TABLE t (x int PRIMARY KEY)");
    pgt_exec(c, "BEGIN");
    pgt_exec(c, "INSERT INTO t VALUES (1)");
    assert_int_equal(dal_wrap_pg(&db, c, NULL), DAL_OK);
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (2)"));
    pgt_ok(db, dal_rollback(db));
    assert_int_equal(PQtransactionStatus(c), PQTRANS_INTRANS);  /* the program's stays open */
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "INSERT INTO t VALUES (3)"));
    pgt_ok(db, dal_commit(db));
    assert_int_equal(PQtransactionStatus(c), PQTRANS_INTRANS);
    pgt_exec(c, "COMMIT");
    assert_int_equal(pgt_int(c, "SELECT sum(x) FROM t"), 4);
    dal_close(db);
    PQfinish(c);
}

static void a_failed_commit_ends_the_transaction(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    pgt_ok(db, dal_exec(db, "DROP TABLE IF EXISTS d; CREATE TABLE d (x int UNIQUE DEFERRABLE INITIALLY DEFERRED)"));
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "INSERT INTO d VALUES (1), (1)"));
    assert_int_equal(dal_commit(db), DAL_CONSTRAINT);
    assert_int_equal(dal_txn_depth(db), 0);
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_commit(db));
    dal_close(db);
}

static int setup(void **state) { (void)state; return pgt_setup("txn"); }
static int teardown(void **state) { (void)state; return pgt_teardown(); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(commit_and_rollback),
        cmocka_unit_test(nested_levels_are_savepoints),
        cmocka_unit_test(committing_an_aborted_transaction_rolls_back),
        cmocka_unit_test(an_aborted_savepoint_leaves_the_outer_transaction_usable),
        cmocka_unit_test(begin_read_is_a_read_only_snapshot),
        cmocka_unit_test(isolation_option_sets_the_level),
        cmocka_unit_test(wrapped_inside_the_programs_transaction_uses_savepoints),
        cmocka_unit_test(a_failed_commit_ends_the_transaction),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
