/* The statement cache, dal_step and iterators. */
#include "rt_util.h"

static unsigned unit_a_slot, unit_b_slot, unit_bad_slot;
static const char *const unit_a_sql[] = {
    "SELECT x FROM t ORDER BY x",
    "INSERT INTO t(x) VALUES (?1)",
};
static const char *const unit_b_sql[] = {
    "SELECT 'b' || x FROM t ORDER BY x",  /* id 0 again, other SQL */
};
static const char *const unit_bad_sql[] = { "SELECT nope FROM t" };
static const dal_unit unit_a = { "unit_a", 2, unit_a_sql, &unit_a_slot };
static const dal_unit unit_b = { "unit_b", 1, unit_b_sql, &unit_b_slot };
static const dal_unit unit_bad = { "unit_bad", 1, unit_bad_sql, &unit_bad_slot };

static dal_db *setup_db(void)
{
    dal_db *db = rt_memdb();
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2)"), DAL_OK);
    return db;
}

static void the_same_statement_comes_back(void **state)
{
    dal_db *db = setup_db();
    sqlite3_stmt *first = NULL, *again = NULL;
    (void)state;
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 1, &first), DAL_OK);
    assert_non_null(first);
    assert_true(sqlite3_stmt_isexplain(first) == 0);
    assert_int_equal(dal_bind_int64(db, first, 1, 3), DAL_OK);
    assert_int_equal(dal_step_done(db, first), DAL_OK);
    dal_stmt_release(db, &unit_a, 1, first);
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 1, &again), DAL_OK);
    assert_ptr_equal(again, first);
    /* bindings were cleared on release */
    assert_int_equal(dal_step_done(db, again), DAL_OK);
    dal_stmt_release(db, &unit_a, 1, again);
    assert_int_equal(rt_int(dal_sqlite(db), "SELECT count(*) FROM t WHERE x IS NULL"), 1);
    assert_int_equal(rt_int(dal_sqlite(db), "SELECT count(*) FROM t WHERE x = 3"), 1);
    dal_close(db);
}

static void a_held_statement_gets_a_second_copy(void **state)
{
    dal_db *db = setup_db();
    sqlite3_stmt *held = NULL, *copy = NULL, *spare = NULL, *back = NULL;
    int64_t x = 0;
    (void)state;
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 0, &held), DAL_OK);
    assert_int_equal(dal_step(db, held), DAL_ROW);
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 0, &copy), DAL_OK);
    assert_ptr_not_equal(copy, held);
    /* both iterate independently */
    assert_int_equal(dal_step(db, copy), DAL_ROW);
    assert_int_equal(dal_read_int64(db, copy, 0, "x", &x), DAL_OK);
    assert_int_equal(x, 1);
    assert_int_equal(dal_step(db, held), DAL_ROW);
    assert_int_equal(dal_read_int64(db, held, 0, "x", &x), DAL_OK);
    assert_int_equal(x, 2);
    dal_stmt_release(db, &unit_a, 0, copy);
    /* the released copy is kept as a spare for the next overlap */
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 0, &spare), DAL_OK);
    assert_ptr_equal(spare, copy);
    dal_stmt_release(db, &unit_a, 0, spare);
    dal_stmt_release(db, &unit_a, 0, held);
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 0, &back), DAL_OK);
    assert_ptr_equal(back, held);
    dal_stmt_release(db, &unit_a, 0, back);
    dal_close(db);
}

static void three_nested_iterations_get_three_statements(void **state)
{
    dal_db *db = setup_db();
    dal_iter it[3] = { DAL_ITER_INIT, DAL_ITER_INIT, DAL_ITER_INIT };
    int i, rows = 0;
    (void)state;
    for (i = 0; i < 3; i++) {
        assert_int_equal(dal_iter_open(&it[i], db, &unit_a, 0), DAL_OK);
        assert_int_equal(dal_iter_step(&it[i]), DAL_ROW);
    }
    assert_ptr_not_equal(it[0].st, it[1].st);
    assert_ptr_not_equal(it[1].st, it[2].st);
    assert_ptr_not_equal(it[0].st, it[2].st);
    for (i = 2; i >= 0; i--) {
        while (dal_iter_step(&it[i]) == DAL_ROW) rows++;
        assert_null(it[i].st);
    }
    assert_int_equal(rows, 3);  /* each had one more row */
    dal_close(db);  /* the cached one and the spare are finalized here */
}

static void two_units_never_collide(void **state)
{
    dal_db *db = setup_db();
    sqlite3_stmt *a = NULL, *b = NULL;
    (void)state;
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 0, &a), DAL_OK);
    assert_int_equal(dal_stmt_acquire(db, &unit_b, 0, &b), DAL_OK);
    assert_ptr_not_equal(a, b);
    assert_string_equal(sqlite3_sql(a), unit_a_sql[0]);
    assert_string_equal(sqlite3_sql(b), unit_b_sql[0]);
    assert_true(unit_a_slot != 0 && unit_b_slot != 0 && unit_a_slot != unit_b_slot);
    dal_stmt_release(db, &unit_a, 0, a);
    dal_stmt_release(db, &unit_b, 0, b);
    dal_close(db);
}

static void slots_are_shared_by_connections(void **state)
{
    dal_db *one = setup_db(), *two = setup_db();
    sqlite3_stmt *a = NULL, *b = NULL;
    unsigned slot;
    (void)state;
    assert_int_equal(dal_stmt_acquire(one, &unit_b, 0, &a), DAL_OK);
    slot = unit_b_slot;
    assert_int_equal(dal_stmt_acquire(two, &unit_b, 0, &b), DAL_OK);
    assert_int_equal(unit_b_slot, slot);
    assert_ptr_equal(sqlite3_db_handle(a), dal_sqlite(one));
    assert_ptr_equal(sqlite3_db_handle(b), dal_sqlite(two));
    dal_stmt_release(one, &unit_b, 0, a);
    dal_stmt_release(two, &unit_b, 0, b);
    dal_close(one);
    dal_close(two);
}

static void a_statement_that_does_not_prepare_names_its_unit(void **state)
{
    dal_db *db = setup_db();
    sqlite3_stmt *st = (sqlite3_stmt *)&st;
    (void)state;
    assert_int_equal(dal_stmt_acquire(db, &unit_bad, 0, &st), DAL_ERROR);
    assert_null(st);
    assert_string_equal(dal_errmsg(db), "unit_bad statement 0: no such column: nope");
    assert_int_equal(dal_errcode(db), SQLITE_ERROR);
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 7, &st), DAL_MISUSE);
    dal_close(db);
}

static void statements_are_persistent(void **state)
{
    dal_db *db = setup_db();
    sqlite3_stmt *st = NULL;
    (void)state;
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 0, &st), DAL_OK);
    /* cached statements count as prepared, not re-prepared, on reuse */
    assert_int_equal(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0), 0);
    dal_stmt_release(db, &unit_a, 0, st);
    dal_close(db);
}

static void iterators_release_at_the_end(void **state)
{
    dal_db *db = setup_db();
    dal_iter it = DAL_ITER_INIT, other = DAL_ITER_INIT;
    sqlite3_stmt *st = NULL, *cached;
    int64_t sum = 0, x;
    int rc;
    (void)state;
    dal_iter_end(&it);  /* an unopened iterator ends safely */
    assert_int_equal(dal_iter_open(&it, db, &unit_a, 0), DAL_OK);
    cached = it.st;
    while ((rc = dal_iter_step(&it)) == DAL_ROW) {
        assert_int_equal(dal_read_int64(db, it.st, 0, "x", &x), DAL_OK);
        sum += x;
    }
    assert_int_equal(rc, DAL_DONE);
    assert_int_equal(sum, 3);
    assert_null(it.st);
    assert_int_equal(dal_iter_step(&it), DAL_DONE);
    dal_iter_end(&it);
    /* abandoned early: iter_end gives the statement back */
    assert_int_equal(dal_iter_open(&other, db, &unit_a, 0), DAL_OK);
    assert_ptr_equal(other.st, cached);
    assert_int_equal(dal_iter_step(&other), DAL_ROW);
    dal_iter_end(&other);
    dal_iter_end(&other);
    assert_int_equal(dal_stmt_acquire(db, &unit_a, 0, &st), DAL_OK);
    assert_ptr_equal(st, cached);
    assert_false(sqlite3_stmt_busy(st));
    dal_stmt_release(db, &unit_a, 0, st);
    dal_close(db);
}

static void step_maps_constraint_errors(void **state)
{
    dal_db *db = rt_memdb();
    static unsigned slot;
    static const char *const sql[] = { "INSERT INTO u(id) VALUES (?)" };
    static const dal_unit u = { "u", 1, sql, &slot };
    sqlite3_stmt *st = NULL;
    (void)state;
    assert_int_equal(dal_exec(db, "CREATE TABLE u(id INTEGER PRIMARY KEY)"), DAL_OK);
    assert_int_equal(dal_stmt_acquire(db, &u, 0, &st), DAL_OK);
    assert_int_equal(dal_bind_int64(db, st, 1, 1), DAL_OK);
    assert_int_equal(dal_step_done(db, st), DAL_OK);
    dal_stmt_release(db, &u, 0, st);
    assert_int_equal(dal_stmt_acquire(db, &u, 0, &st), DAL_OK);
    assert_int_equal(dal_bind_int64(db, st, 1, 1), DAL_OK);
    assert_int_equal(dal_step_done(db, st), DAL_CONSTRAINT);
    assert_int_equal(dal_errcode(db), SQLITE_CONSTRAINT_PRIMARYKEY);
    assert_string_equal(dal_errmsg(db), "UNIQUE constraint failed: u.id");
    /* binding a statement that was stepped and not reset is misuse */
    assert_int_equal(dal_bind_int64(db, st, 1, 2), DAL_MISUSE);
    dal_stmt_release(db, &u, 0, st);
    assert_int_equal(dal_stmt_acquire(db, &u, 0, &st), DAL_OK);
    assert_int_equal(dal_bind_int64(db, st, 2, 1), DAL_MISUSE);
    assert_int_equal(dal_errcode(db), SQLITE_RANGE);
    dal_stmt_release(db, &u, 0, st);
    dal_close(db);
}

static int acquire_keyed(dal_db *db, const dal_unit *u, uint64_t key, sqlite3_stmt **st)
{
    char sql[64];
    int rc = dal_stmt_acquire_keyed(db, u, 0, key, NULL, st);
    if (rc != DAL_NOTFOUND) return rc;
    snprintf(sql, sizeof sql, "SELECT %llu", (unsigned long long)key);
    return dal_stmt_acquire_keyed(db, u, 0, key, sql, st);
}

static void keyed_statements_are_cached_per_key(void **state)
{
    dal_db *db = setup_db();
    sqlite3_stmt *st = NULL, *again = NULL, *copy = NULL, *b = NULL;
    (void)state;
    assert_int_equal(dal_stmt_acquire_keyed(db, &unit_a, 0, 5, NULL, &st), DAL_NOTFOUND);
    assert_null(st);
    assert_int_equal(dal_errcode(db), 0);  /* not an error */
    assert_int_equal(acquire_keyed(db, &unit_a, 5, &st), DAL_OK);
    assert_int_equal(dal_step(db, st), DAL_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), 5);
    /* held: the same key gets an uncached copy */
    assert_int_equal(acquire_keyed(db, &unit_a, 5, &copy), DAL_OK);
    assert_ptr_not_equal(copy, st);
    dal_stmt_release_keyed(db, copy);
    assert_int_equal(dal_stmt_keyed_count(db), 1);
    dal_stmt_release_keyed(db, st);
    assert_int_equal(dal_stmt_acquire_keyed(db, &unit_a, 0, 5, NULL, &again), DAL_OK);
    assert_ptr_equal(again, st);
    dal_stmt_release_keyed(db, again);
    /* the same key of another unit is another statement */
    assert_int_equal(acquire_keyed(db, &unit_b, 5, &b), DAL_OK);
    assert_ptr_not_equal(b, st);
    dal_stmt_release_keyed(db, b);
    assert_int_equal(dal_stmt_keyed_count(db), 2);
    dal_close(db);
}

static void keyed_cache_is_bounded_and_keeps_recent_keys(void **state)
{
    dal_db *db = setup_db();
    sqlite3_stmt *st = NULL, *hot = NULL;
    uint64_t k;
    (void)state;
    assert_int_equal(acquire_keyed(db, &unit_a, 1000, &hot), DAL_OK);
    dal_stmt_release_keyed(db, hot);
    for (k = 0; k < 3 * DAL_KEYED_MAX; k++) {
        assert_int_equal(acquire_keyed(db, &unit_a, k, &st), DAL_OK);
        assert_int_equal(dal_step(db, st), DAL_ROW);
        assert_true((uint64_t)sqlite3_column_int64(st, 0) == k);
        dal_stmt_release_keyed(db, st);
        /* key 1000 stays in use, so it is never the least recently used */
        assert_int_equal(dal_stmt_acquire_keyed(db, &unit_a, 0, 1000, NULL, &st), DAL_OK);
        assert_ptr_equal(st, hot);
        dal_stmt_release_keyed(db, st);
    }
    assert_int_equal(dal_stmt_keyed_count(db), DAL_KEYED_MAX);
    assert_int_equal(dal_stmt_acquire_keyed(db, &unit_a, 0, 0, NULL, &st), DAL_NOTFOUND);
    assert_int_equal(dal_stmt_acquire_keyed(db, &unit_a, 0, 3 * DAL_KEYED_MAX - 1, NULL, &st), DAL_OK);
    dal_stmt_release_keyed(db, st);
    dal_close(db);
}

static void keyed_sql_errors_name_the_unit(void **state)
{
    dal_db *db = setup_db();
    sqlite3_stmt *st = NULL;
    (void)state;
    assert_int_equal(dal_stmt_acquire_keyed(db, &unit_a, 1, 3, "UPDATE t SET nope = 1", &st), DAL_ERROR);
    assert_null(st);
    assert_string_equal(dal_errmsg(db), "unit_a statement 1: no such column: nope");
    assert_int_equal(dal_stmt_keyed_count(db), 0);
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_same_statement_comes_back),
        cmocka_unit_test(a_held_statement_gets_a_second_copy),
        cmocka_unit_test(three_nested_iterations_get_three_statements),
        cmocka_unit_test(two_units_never_collide),
        cmocka_unit_test(slots_are_shared_by_connections),
        cmocka_unit_test(a_statement_that_does_not_prepare_names_its_unit),
        cmocka_unit_test(statements_are_persistent),
        cmocka_unit_test(iterators_release_at_the_end),
        cmocka_unit_test(step_maps_constraint_errors),
        cmocka_unit_test(keyed_statements_are_cached_per_key),
        cmocka_unit_test(keyed_cache_is_bounded_and_keeps_recent_keys),
        cmocka_unit_test(keyed_sql_errors_name_the_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
