/* Exact column readers and binders, round-tripping through real tables. */
#include "rt_util.h"

static unsigned slot;
static const char *const sql[] = {
    "SELECT i, r, t, b, v FROM t WHERE k = ?1",
    "INSERT INTO t(k, i, r, t, b, v) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};
static const dal_unit unit = { "read", 2, sql, &slot };

/* A non-STRICT table: any value may sit in any column. */
static dal_db *open_db(bool lenient)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    o.lenient = lenient;
    assert_int_equal(dal_open(&db, ":memory:", &o), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(k INTEGER PRIMARY KEY, i INTEGER, r REAL,"
                                  " t TEXT, b BLOB, v)"), DAL_OK);
    return db;
}

static sqlite3_stmt *row(dal_db *db, int64_t k)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(dal_stmt_acquire(db, &unit, 0, &st), DAL_OK);
    assert_int_equal(dal_bind_int64(db, st, 1, k), DAL_OK);
    assert_int_equal(dal_step(db, st), DAL_ROW);
    return st;
}

static void exact_values_read_back(void **state)
{
    dal_db *db = open_db(false);
    dal_arena a = DAL_ARENA_INIT;
    sqlite3_stmt *st;
    int64_t i;
    double r;
    const char *t;
    dal_blob b;
    dal_value v;
    (void)state;
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1, -9007199254740993, 2.5, 'h\xc3\xa9llo',"
                                  " x'00ff00', 7)"), DAL_OK);
    st = row(db, 1);
    assert_int_equal(dal_read_int64(db, st, 0, "i", &i), DAL_OK);
    assert_true(i == INT64_C(-9007199254740993));
    assert_int_equal(dal_read_double(db, st, 1, "r", &r), DAL_OK);
    assert_true(r == 2.5);
    assert_int_equal(dal_read_text(db, st, 2, "t", &a, &t), DAL_OK);
    assert_string_equal(t, "h\xc3\xa9llo");
    assert_int_equal(dal_read_blob(db, st, 3, "b", &a, &b), DAL_OK);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "\0\xff\0", 3);
    assert_int_equal(dal_read_value(db, st, 4, "v", &a, &v), DAL_OK);
    assert_int_equal(v.type, DAL_TYPE_INTEGER);
    assert_int_equal(v.as.integer, 7);
    /* INTEGER fits a double field */
    assert_int_equal(dal_read_double(db, st, 0, "i", &r), DAL_OK);
    dal_stmt_release(db, &unit, 0, st);
    /* copies outlive the statement */
    assert_string_equal(t, "h\xc3\xa9llo");
    dal_arena_free(&a);
    dal_close(db);
}

static void nulls_and_empty_blobs(void **state)
{
    dal_db *db = open_db(false);
    dal_arena a = DAL_ARENA_INIT;
    sqlite3_stmt *st;
    bool has = true, flag = true;
    int64_t i = 5;
    double r = 5;
    const char *t = "x";
    dal_blob b;
    dal_value v;
    (void)state;
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1, NULL, NULL, NULL, x'', NULL),"
                                  " (2, 1, NULL, '', NULL, x'')"), DAL_OK);
    st = row(db, 1);
    assert_int_equal(dal_read_int64_null(db, st, 0, "i", &has, &i), DAL_OK);
    assert_false(has);
    has = true;
    assert_int_equal(dal_read_double_null(db, st, 1, "r", &has, &r), DAL_OK);
    assert_false(has);
    has = true;
    assert_int_equal(dal_read_bool_null(db, st, 0, "i", &has, &flag), DAL_OK);
    assert_false(has);
    assert_int_equal(dal_read_text(db, st, 2, "t", &a, &t), DAL_OK);
    assert_null(t);
    assert_int_equal(dal_read_blob(db, st, 3, "b", &a, &b), DAL_OK);
    assert_non_null(b.data);  /* empty, not NULL */
    assert_int_equal(b.len, 0);
    assert_int_equal(dal_read_value(db, st, 4, "v", &a, &v), DAL_OK);
    assert_int_equal(v.type, DAL_TYPE_NULL);
    /* NULL in a non-null field is a mismatch */
    assert_int_equal(dal_read_int64(db, st, 0, "i", &i), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"i\": expected INTEGER, found NULL");
    dal_stmt_release(db, &unit, 0, st);
    st = row(db, 2);
    assert_int_equal(dal_read_bool(db, st, 0, "i", &flag), DAL_OK);
    assert_true(flag);
    assert_int_equal(dal_read_text(db, st, 2, "t", &a, &t), DAL_OK);
    assert_string_equal(t, "");
    assert_int_equal(dal_read_blob(db, st, 3, "b", &a, &b), DAL_OK);
    assert_null(b.data);
    assert_int_equal(dal_read_value(db, st, 4, "v", &a, &v), DAL_OK);
    assert_int_equal(v.type, DAL_TYPE_BLOB);
    assert_non_null(v.as.blob.data);
    assert_int_equal(v.as.blob.len, 0);
    dal_stmt_release(db, &unit, 0, st);
    dal_arena_free(&a);
    dal_close(db);
}

static void mismatched_storage_classes_name_the_column(void **state)
{
    dal_db *db = open_db(false);
    dal_arena a = DAL_ARENA_INIT;
    sqlite3_stmt *st;
    int64_t i;
    double r;
    const char *t;
    dal_blob b;
    (void)state;
    /* a TEXT column converts numbers to text: the untyped column v keeps 12 */
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1, 'abc', 'x', 12, 'text', 12)"), DAL_OK);
    st = row(db, 1);
    assert_int_equal(dal_read_int64(db, st, 0, "age", &i), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"age\": expected INTEGER, found TEXT");
    assert_int_equal(dal_errcode(db), SQLITE_MISMATCH);
    assert_int_equal(dal_read_double(db, st, 1, "score", &r), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"score\": expected REAL, found TEXT");
    assert_int_equal(dal_read_text(db, st, 4, "name", &a, &t), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"name\": expected TEXT, found INTEGER");
    assert_int_equal(dal_read_blob(db, st, 3, "avatar", &a, &b), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"avatar\": expected BLOB, found TEXT");
    dal_stmt_release(db, &unit, 0, st);
    dal_arena_free(&a);
    dal_close(db);
}

/* A bool reads 0 or 1: any other integer is an error naming the column and
 * the value (read as true, writing the row back would store 1); a lenient
 * connection or reader converts (non-zero is true). */
static void booleans_other_than_0_or_1_are_errors(void **state)
{
    static const int64_t bad[] = {2, -1, INT64_MIN, INT64_MAX};
    static const char *const msg[] = {
        "column \"flag\": expected BOOLEAN (0 or 1), found INTEGER 2",
        "column \"flag\": expected BOOLEAN (0 or 1), found INTEGER -1",
        "column \"flag\": expected BOOLEAN (0 or 1), found INTEGER -9223372036854775808",
        "column \"flag\": expected BOOLEAN (0 or 1), found INTEGER 9223372036854775807",
    };
    dal_db *db = open_db(false), *lenient = open_db(true);
    sqlite3_stmt *st;
    bool has = false, flag = true;
    size_t k;
    (void)state;
    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        sqlite3_stmt *ins = NULL;
        dal_db *d;
        for (d = db; d; d = d == db ? lenient : NULL) {
            assert_int_equal(dal_stmt_acquire(d, &unit, 1, &ins), DAL_OK);
            assert_int_equal(dal_bind_int64(d, ins, 1, (int64_t)k + 1), DAL_OK);
            assert_int_equal(dal_bind_int64(d, ins, 2, bad[k]), DAL_OK);
            assert_int_equal(dal_step_done(d, ins), DAL_OK);
            dal_stmt_release(d, &unit, 1, ins);
        }
        st = row(db, (int64_t)k + 1);
        flag = true;
        assert_int_equal(dal_read_bool(db, st, 0, "flag", &flag), DAL_ERROR);
        assert_string_equal(dal_errmsg(db), msg[k]);
        assert_int_equal(dal_errcode(db), SQLITE_MISMATCH);
        assert_false(flag);
        assert_int_equal(dal_read_bool_null(db, st, 0, "flag", &has, &flag), DAL_ERROR);
        assert_string_equal(dal_errmsg(db), msg[k]);
        /* the _lenient readers convert whatever the connection says */
        assert_int_equal(dal_read_bool_lenient(db, st, 0, "flag", &flag), DAL_OK);
        assert_true(flag);
        assert_int_equal(dal_read_bool_null_lenient(db, st, 0, "flag", &has, &flag), DAL_OK);
        assert_true(has && flag);
        dal_stmt_release(db, &unit, 0, st);
        /* so do the exact readers of a lenient connection */
        st = row(lenient, (int64_t)k + 1);
        flag = false;
        assert_int_equal(dal_read_bool(lenient, st, 0, "flag", &flag), DAL_OK);
        assert_true(flag);
        dal_stmt_release(lenient, &unit, 0, st);
    }
    /* 0 and 1 read as ever */
    assert_int_equal(dal_exec(db, "INSERT INTO t(k, i) VALUES (10, 0), (11, 1)"), DAL_OK);
    st = row(db, 10);
    assert_int_equal(dal_read_bool(db, st, 0, "flag", &flag), DAL_OK);
    assert_false(flag);
    dal_stmt_release(db, &unit, 0, st);
    st = row(db, 11);
    assert_int_equal(dal_read_bool_null(db, st, 0, "flag", &has, &flag), DAL_OK);
    assert_true(has && flag);
    dal_stmt_release(db, &unit, 0, st);
    dal_close(lenient);
    dal_close(db);
}

static void lenient_connections_convert(void **state)
{
    dal_db *db = open_db(true);
    dal_arena a = DAL_ARENA_INIT;
    sqlite3_stmt *st;
    int64_t i = 9;
    const char *t;
    dal_blob b;
    (void)state;
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1, '42abc', NULL, 'x', 'text', 12)"), DAL_OK);
    st = row(db, 1);
    assert_int_equal(dal_read_int64(db, st, 0, "i", &i), DAL_OK);
    assert_int_equal(i, 42);
    assert_int_equal(dal_read_int64(db, st, 1, "r", &i), DAL_OK);
    assert_int_equal(i, 0);
    assert_int_equal(dal_read_text(db, st, 4, "v", &a, &t), DAL_OK);
    assert_string_equal(t, "12");
    assert_int_equal(dal_read_blob(db, st, 3, "b", &a, &b), DAL_OK);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.data, "text", 4);
    dal_stmt_release(db, &unit, 0, st);
    dal_arena_free(&a);
    dal_close(db);
}

/* The _lenient readers convert on an exact connection, each mismatch the
 * exact readers report in the test above; the exact ones still report it. */
static void lenient_readers_convert_on_an_exact_connection(void **state)
{
    dal_db *db = open_db(false);
    dal_arena a = DAL_ARENA_INIT;
    sqlite3_stmt *st;
    int64_t i = 9;
    double r = 9;
    bool has = false, flag = false;
    const char *t, *ref;
    size_t len = 0;
    dal_blob b;
    (void)state;
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1, '42abc', 'x', 12, 'text', '1')"), DAL_OK);
    st = row(db, 1);
    assert_int_equal(dal_read_int64_lenient(db, st, 0, "i", &i), DAL_OK);
    assert_int_equal(i, 42);
    assert_int_equal(dal_read_int64_null_lenient(db, st, 0, "i", &has, &i), DAL_OK);
    assert_true(has && i == 42);
    assert_int_equal(dal_read_double_lenient(db, st, 1, "r", &r), DAL_OK);
    assert_true(r == 0.0);
    assert_int_equal(dal_read_double_null_lenient(db, st, 0, "i", &has, &r), DAL_OK);
    assert_true(has && r == 42.0);
    assert_int_equal(dal_read_bool_lenient(db, st, 4, "v", &flag), DAL_OK);
    assert_true(flag);
    assert_int_equal(dal_read_bool_null_lenient(db, st, 4, "v", &has, &flag), DAL_OK);
    assert_true(has && flag);
    assert_int_equal(dal_read_text_lenient(db, st, 2, "t", &a, &t), DAL_OK);
    assert_string_equal(t, "12");
    assert_int_equal(dal_read_text_ref_lenient(db, st, 2, "t", &ref, &len), DAL_OK);
    assert_int_equal(len, 2);
    assert_memory_equal(ref, "12", 2);
    assert_int_equal(dal_read_blob_lenient(db, st, 3, "b", &a, &b), DAL_OK);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.data, "text", 4);
    /* the same connection's exact readers still report the mismatch */
    assert_int_equal(dal_read_blob(db, st, 3, "b", &a, &b), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"b\": expected BLOB, found TEXT");
    assert_int_equal(dal_read_int64(db, st, 0, "i", &i), DAL_ERROR);
    dal_stmt_release(db, &unit, 0, st);
    /* NULL: the _null forms say so, text and blob read NULL */
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (2, NULL, NULL, NULL, NULL, NULL)"), DAL_OK);
    st = row(db, 2);
    assert_int_equal(dal_read_int64_null_lenient(db, st, 0, "i", &has, &i), DAL_OK);
    assert_true(!has && i == 0);
    assert_int_equal(dal_read_text_lenient(db, st, 2, "t", &a, &t), DAL_OK);
    assert_null(t);
    assert_int_equal(dal_read_blob_lenient(db, st, 3, "b", &a, &b), DAL_OK);
    assert_null(b.data);
    dal_stmt_release(db, &unit, 0, st);
    dal_arena_free(&a);
    dal_close(db);
}

static void binders_round_trip_every_form(void **state)
{
    dal_db *db = open_db(false);
    dal_arena a = DAL_ARENA_INIT;
    sqlite3_stmt *st = NULL;
    static const char nul_text[] = { 'a', '\0', 'b' };
    dal_value v = { DAL_TYPE_TEXT, { 0 } };
    dal_blob empty = { "", 0 }, none = { NULL, 0 };
    char buf[16];
    (void)state;
    v.as.text.data = nul_text;
    v.as.text.len = sizeof nul_text;
    assert_int_equal(dal_stmt_acquire(db, &unit, 1, &st), DAL_OK);
    assert_int_equal(dal_bind_int64(db, st, 1, 1), DAL_OK);
    assert_int_equal(dal_bind_int64_null(db, st, 2, false, 5), DAL_OK);
    assert_int_equal(dal_bind_double_null(db, st, 3, true, 0.25), DAL_OK);
    snprintf(buf, sizeof buf, "copied");
    assert_int_equal(dal_bind_text_copy(db, st, 4, buf), DAL_OK);
    memset(buf, 'X', sizeof buf - 1);  /* the copy is independent of buf */
    assert_int_equal(dal_bind_blob(db, st, 5, empty), DAL_OK);
    assert_int_equal(dal_bind_value(db, st, 6, &v), DAL_OK);
    assert_int_equal(dal_step_done(db, st), DAL_OK);
    dal_stmt_release(db, &unit, 1, st);

    assert_int_equal(dal_stmt_acquire(db, &unit, 1, &st), DAL_OK);
    assert_int_equal(dal_bind_int64(db, st, 1, 2), DAL_OK);
    assert_int_equal(dal_bind_bool(db, st, 2, true), DAL_OK);
    assert_int_equal(dal_bind_double(db, st, 3, -1.5), DAL_OK);
    assert_int_equal(dal_bind_text(db, st, 4, NULL), DAL_OK);
    assert_int_equal(dal_bind_blob_copy(db, st, 5, none), DAL_OK);
    assert_int_equal(dal_bind_value(db, st, 6, NULL), DAL_OK);
    assert_int_equal(dal_step_done(db, st), DAL_OK);
    dal_stmt_release(db, &unit, 1, st);

    assert_int_equal(rt_int(dal_sqlite(db), "SELECT i IS NULL AND r = 0.25 AND t = 'copied'"
                                           " AND typeof(b) = 'blob' AND length(b) = 0"
                                           " AND typeof(v) = 'text' AND length(CAST(v AS BLOB)) = 3"
                                           " FROM t WHERE k = 1"), 1);
    assert_int_equal(rt_int(dal_sqlite(db), "SELECT i = 1 AND r = -1.5 AND t IS NULL AND b IS NULL"
                                           " AND v IS NULL FROM t WHERE k = 2"), 1);
    st = row(db, 1);
    {
        dal_value back;
        assert_int_equal(dal_read_value(db, st, 4, "v", &a, &back), DAL_OK);
        assert_int_equal(back.type, DAL_TYPE_TEXT);
        assert_int_equal(back.as.text.len, 3);
        assert_memory_equal(back.as.text.data, nul_text, 3);
        assert_int_equal(back.as.text.data[3], '\0');
    }
    dal_stmt_release(db, &unit, 0, st);
    dal_arena_free(&a);
    dal_close(db);
}

static void text_refs_and_lengths(void **state)
{
    dal_db *db = open_db(false);
    sqlite3_stmt *st = NULL;
    const char *t = "x";
    size_t len = 9;
    (void)state;
    assert_int_equal(dal_stmt_acquire(db, &unit, 1, &st), DAL_OK);
    assert_int_equal(dal_bind_int64(db, st, 1, 1), DAL_OK);
    assert_int_equal(dal_bind_text_len(db, st, 4, "activeXXX", 6), DAL_OK);
    assert_int_equal(dal_bind_text_len(db, st, 6, NULL, 3), DAL_OK);
    assert_int_equal(dal_step_done(db, st), DAL_OK);
    dal_stmt_release(db, &unit, 1, st);
    st = row(db, 1);
    assert_int_equal(dal_read_text_ref(db, st, 2, "t", &t, &len), DAL_OK);
    assert_int_equal(len, 6);
    assert_string_equal(t, "active");
    assert_int_equal(dal_read_text_ref(db, st, 4, "v", &t, &len), DAL_OK);
    assert_null(t);
    assert_int_equal(len, 0);
    assert_int_equal(dal_read_text_ref(db, st, 0, "i", &t, NULL), DAL_OK);  /* i is NULL */
    dal_stmt_release(db, &unit, 0, st);
    assert_int_equal(dal_exec(db, "UPDATE t SET v = 5"), DAL_OK);
    st = row(db, 1);
    assert_int_equal(dal_read_text_ref(db, st, 4, "status", &t, NULL), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"status\": expected TEXT, found INTEGER");
    dal_stmt_release(db, &unit, 0, st);
    dal_close(db);
}

static void a_missing_arena_is_misuse_not_a_crash(void **state)
{
    dal_db *db = open_db(false);
    sqlite3_stmt *st;
    const char *t = "x";
    dal_blob b;
    dal_value v;
    (void)state;
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (1, 1, 1.0, 'text', x'01', 'v')"), DAL_OK);
    st = row(db, 1);
    assert_int_equal(dal_read_text(db, st, 2, "t", NULL, &t), DAL_MISUSE);
    assert_string_equal(dal_errmsg(db), "column \"t\": no arena to copy the value into");
    assert_int_equal(dal_read_blob(db, st, 3, "b", NULL, &b), DAL_MISUSE);
    assert_int_equal(dal_read_value(db, st, 4, "v", NULL, &v), DAL_MISUSE);
    assert_int_equal(dal_read_value(db, st, 0, "i", NULL, &v), DAL_OK);  /* no copy needed */
    assert_int_equal(v.as.integer, 1);
    dal_stmt_release(db, &unit, 0, st);
    assert_int_equal(dal_uuid7(db, NULL, &t), DAL_MISUSE);
    assert_int_equal(dal_nanoid(db, 21, NULL, &t), DAL_MISUSE);
    assert_int_equal(dal_now_iso8601(db, NULL, &t), DAL_MISUSE);
    assert_null(t);
    dal_close(db);
}

static void reading_rows_allocates_nothing_in_steady_state(void **state)
{
    rt_counter c = { 0, 0, 0 };
    dal_allocator al = rt_counting(&c);
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    dal_arena a;
    dal_iter it = DAL_ITER_INIT;
    size_t allocs = 0;
    int round;
    static unsigned s;
    static const char *const q[] = { "SELECT t, b FROM t" };
    static const dal_unit u = { "steady", 1, q, &s };
    (void)state;
    o.allocator = &al;
    assert_int_equal(dal_open(&db, ":memory:", &o), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(t TEXT, b BLOB);"
                                  "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n"
                                  " WHERE x < 500) INSERT INTO t SELECT printf('row %d', x),"
                                  " randomblob(40) FROM n"), DAL_OK);
    dal_arena_init(&a, &al);
    for (round = 0; round < 5; round++) {
        int rows = 0;
        assert_int_equal(dal_iter_open(&it, db, &u, 0), DAL_OK);
        while (dal_iter_step(&it) == DAL_ROW) {
            const char *t;
            dal_blob b;
            dal_arena_reset(&a);
            assert_int_equal(dal_read_text(db, it.st, 0, "t", &a, &t), DAL_OK);
            assert_int_equal(dal_read_blob(db, it.st, 1, "b", &a, &b), DAL_OK);
            assert_int_equal(b.len, 40);
            rows++;
        }
        assert_int_equal(rows, 500);
        if (round == 0) allocs = c.allocs;
    }
    assert_int_equal(c.allocs, allocs);
    dal_arena_free(&a);
    dal_close(db);
    assert_int_equal(c.live_bytes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_values_read_back),
        cmocka_unit_test(nulls_and_empty_blobs),
        cmocka_unit_test(mismatched_storage_classes_name_the_column),
        cmocka_unit_test(booleans_other_than_0_or_1_are_errors),
        cmocka_unit_test(lenient_connections_convert),
        cmocka_unit_test(lenient_readers_convert_on_an_exact_connection),
        cmocka_unit_test(binders_round_trip_every_form),
        cmocka_unit_test(text_refs_and_lengths),
        cmocka_unit_test(a_missing_arena_is_misuse_not_a_crash),
        cmocka_unit_test(reading_rows_allocates_nothing_in_steady_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
