/* Slices: dal_array(?) over C arrays of every element type. */
#include "rt_util.h"

static unsigned slot;
static const char *const sql[] = {
    "SELECT count(*), total(k) FROM t WHERE k IN (SELECT value FROM dal_array(?1))",
    "SELECT count(*) FROM t WHERE name IN (SELECT value FROM dal_array(?1))",
    "SELECT value, typeof(value) FROM dal_array(?1)",
    "SELECT count(*) FROM t WHERE data IN (SELECT value FROM dal_array(?1))",
};
static const dal_unit unit = { "array", 4, sql, &slot };

static dal_db *setup(void)
{
    dal_db *db = rt_memdb();
    assert_int_equal(dal_exec(db, "CREATE TABLE t(k INTEGER PRIMARY KEY, name TEXT, data BLOB);"
                                  "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n"
                                  " WHERE x < 2000) INSERT INTO t SELECT x, 'n' || x,"
                                  " CAST('d' || x AS BLOB) FROM n"), DAL_OK);
    return db;
}

/* Run statement id with arr bound; the first row's two integer columns. */
static void run(dal_db *db, int id, const dal_array *arr, int64_t *c0, double *c1)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(dal_stmt_acquire(db, &unit, id, &st), DAL_OK);
    assert_int_equal(dal_bind_array(db, st, 1, arr), DAL_OK);
    assert_int_equal(dal_step(db, st), DAL_ROW);
    assert_int_equal(dal_read_int64(db, st, 0, "count", c0), DAL_OK);
    if (c1) assert_int_equal(dal_read_double(db, st, 1, "total", c1), DAL_OK);
    dal_stmt_release(db, &unit, id, st);
}

static void int64_slices_of_0_1_and_1000(void **state)
{
    dal_db *db = setup();
    int64_t ks[1000], n;
    double sum, want = 0;
    dal_array arr = { DAL_TYPE_INTEGER, 0, NULL };
    sqlite3_stmt *first = NULL, *again = NULL;
    int i;
    (void)state;
    run(db, 0, &arr, &n, &sum);
    assert_int_equal(n, 0);
    ks[0] = 42;
    arr.data = ks;
    arr.len = 1;
    run(db, 0, &arr, &n, &sum);
    assert_int_equal(n, 1);
    assert_true(sum == 42);
    for (i = 0; i < 1000; i++) {
        ks[i] = 2 * i + 1;  /* 1, 3, ... 1999: all present */
        want += (double)ks[i];
    }
    arr.len = 1000;
    run(db, 0, &arr, &n, &sum);
    assert_int_equal(n, 1000);
    assert_true(sum == want);
    /* one prepared statement served every length */
    assert_int_equal(dal_stmt_acquire(db, &unit, 0, &first), DAL_OK);
    dal_stmt_release(db, &unit, 0, first);
    assert_int_equal(dal_stmt_acquire(db, &unit, 0, &again), DAL_OK);
    assert_ptr_equal(first, again);
    dal_stmt_release(db, &unit, 0, again);
    dal_close(db);
}

static void text_slices_of_0_1_and_1000(void **state)
{
    dal_db *db = setup();
    static char store[1000][16];
    const char *names[1000];
    dal_array arr = { DAL_TYPE_TEXT, 0, NULL };
    int64_t n;
    int i;
    (void)state;
    run(db, 1, &arr, &n, NULL);
    assert_int_equal(n, 0);
    names[0] = "n7";
    arr.data = names;
    arr.len = 1;
    run(db, 1, &arr, &n, NULL);
    assert_int_equal(n, 1);
    for (i = 0; i < 1000; i++) {
        snprintf(store[i], sizeof store[i], "n%d", i * 3 + 1);  /* n1 .. n2998: 667 present */
        names[i] = store[i];
    }
    names[1] = NULL;  /* a NULL element matches nothing */
    arr.len = 1000;
    run(db, 1, &arr, &n, NULL);
    assert_int_equal(n, 666);
    dal_close(db);
}

static void blob_slices_match_and_keep_empty_and_null(void **state)
{
    dal_db *db = setup();
    dal_blob items[1000];
    static char store[1000][16];
    dal_array arr = { DAL_TYPE_BLOB, 0, items };
    int64_t n;
    sqlite3_stmt *st = NULL;
    dal_arena a = DAL_ARENA_INIT;
    dal_value v;
    int i;
    (void)state;
    run(db, 3, &arr, &n, NULL);
    assert_int_equal(n, 0);
    for (i = 0; i < 1000; i++) {
        int len = snprintf(store[i], sizeof store[i], "d%d", i + 1);
        items[i].data = store[i];
        items[i].len = (size_t)len;
    }
    arr.len = 1;
    run(db, 3, &arr, &n, NULL);
    assert_int_equal(n, 1);
    arr.len = 1000;
    run(db, 3, &arr, &n, NULL);
    assert_int_equal(n, 1000);
    /* element forms: empty blob and NULL */
    items[0].len = 0;
    items[1].data = NULL;
    arr.len = 2;
    assert_int_equal(dal_stmt_acquire(db, &unit, 2, &st), DAL_OK);
    assert_int_equal(dal_bind_array(db, st, 1, &arr), DAL_OK);
    assert_int_equal(dal_step(db, st), DAL_ROW);
    assert_int_equal(dal_read_value(db, st, 0, "value", &a, &v), DAL_OK);
    assert_int_equal(v.type, DAL_TYPE_BLOB);
    assert_int_equal(v.as.blob.len, 0);
    assert_int_equal(dal_step(db, st), DAL_ROW);
    assert_int_equal(dal_read_value(db, st, 0, "value", &a, &v), DAL_OK);
    assert_int_equal(v.type, DAL_TYPE_NULL);
    assert_int_equal(dal_step(db, st), DAL_DONE);
    dal_stmt_release(db, &unit, 2, st);
    dal_arena_free(&a);
    dal_close(db);
}

static void double_slices_keep_their_values(void **state)
{
    dal_db *db = setup();
    double xs[1000];
    dal_array arr = { DAL_TYPE_REAL, 1000, xs };
    sqlite3_stmt *st = NULL;
    int i, rows = 0;
    (void)state;
    for (i = 0; i < 1000; i++) xs[i] = i + 0.5;
    assert_int_equal(dal_stmt_acquire(db, &unit, 2, &st), DAL_OK);
    assert_int_equal(dal_bind_array(db, st, 1, &arr), DAL_OK);
    while (dal_step(db, st) == DAL_ROW) {
        double x;
        assert_int_equal(dal_read_double(db, st, 0, "value", &x), DAL_OK);
        assert_true(x == xs[rows]);
        assert_string_equal((const char *)sqlite3_column_text(st, 1), "real");
        rows++;
    }
    assert_int_equal(rows, 1000);
    dal_stmt_release(db, &unit, 2, st);
    dal_close(db);
}

static void unbound_or_foreign_pointers_yield_no_rows(void **state)
{
    dal_db *db = setup();
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    (void)state;
    /* an unbound parameter is NULL: an empty slice */
    assert_int_equal(dal_stmt_acquire(db, &unit, 0, &st), DAL_OK);
    assert_int_equal(dal_step(db, st), DAL_ROW);
    assert_int_equal(dal_read_int64(db, st, 0, "count", &n), DAL_OK);
    assert_int_equal(n, 0);
    dal_stmt_release(db, &unit, 0, st);
    /* a pointer of another type is refused by SQLite's pointer typing */
    assert_int_equal(dal_stmt_acquire(db, &unit, 0, &st), DAL_OK);
    assert_int_equal(sqlite3_bind_pointer(st, 1, &n, "not_dal_array", NULL), SQLITE_OK);
    assert_int_equal(dal_step(db, st), DAL_ROW);
    assert_int_equal(dal_read_int64(db, st, 0, "count", &n), DAL_OK);
    assert_int_equal(n, 0);
    dal_stmt_release(db, &unit, 0, st);
    /* the table function needs its argument */
    assert_int_equal(dal_exec(db, "SELECT * FROM dal_array"), DAL_ERROR);
    dal_close(db);
}

static void registers_on_a_plain_connection(void **state)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    int64_t xs[3] = { 5, 6, 7 };
    dal_array arr = { DAL_TYPE_INTEGER, 3, xs };
    (void)state;
    assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
    assert_int_equal(dal_array_register(h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT sum(value) FROM dal_array(?)", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_bind_pointer(st, 1, &arr, DAL_ARRAY_POINTER_TYPE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), 18);
    sqlite3_finalize(st);
    sqlite3_close(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(int64_slices_of_0_1_and_1000),
        cmocka_unit_test(text_slices_of_0_1_and_1000),
        cmocka_unit_test(blob_slices_match_and_keep_empty_and_null),
        cmocka_unit_test(double_slices_keep_their_values),
        cmocka_unit_test(unbound_or_foreign_pointers_yield_no_rows),
        cmocka_unit_test(registers_on_a_plain_connection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
