/* pgrt.stream: dal_pg_stream (single-row or chunked mode) and dal_pg_copy
 * (binary COPY FROM STDIN with the dal_pg_bind_* encoders, and with the
 * writers a generated :copyfrom uses). */
#include "pg_util.h"

enum { Q_SERIES, Q_FAIL, Q_N };
static unsigned slot;
static const char *const sql[] = {
    "SELECT g, 'row ' || g FROM generate_series(1, $1) g",
    "SELECT 10 / (g - $1) FROM generate_series(1, 1000) g",
};
static const dal_unit unit = { "stream_test", Q_N, sql, &slot };
static const Oid int4_type[] = { DAL_PG_INT4 };
static const Oid series_results[] = { DAL_PG_INT4, DAL_PG_TEXT };

static void streams_every_row_in_order(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    int mode;
    (void)state;
    for (mode = 0; mode < 2; mode++) {
        dal_db *db;
        dal_pg_stream s = DAL_PG_STREAM_INIT;
        int32_t expect = 1, g;
        const char *t;
        char want[32];
        o.pg_statements = mode ? DAL_PG_UNNAMED : DAL_PG_NAMED;
        db = pgt_open_opts(&o);
        {
            DAL_PG_PARAMS(p, db, 1, int4_type, NULL);
            dal_pg_bind_int32(&p, 1, 50000);
            DAL_PG_RESULTS(p, series_results, 2);
            pgt_ok(db, dal_pg_stream_open(&s, db, &unit, Q_SERIES, &p));
        }
        while (dal_pg_stream_step(&s) == DAL_ROW) {
            pgt_ok(db, dal_pg_read_int32(db, s.res, s.row, 0, "g", &g));
            assert_int_equal(g, expect);
            pgt_ok(db, dal_pg_read_text_ref(db, s.res, s.row, 1, "t", &t, NULL));
            snprintf(want, sizeof want, "row %d", (int)g);
            assert_string_equal(t, want);
#ifndef LIBPQ_HAS_CHUNK_MODE
            assert_int_equal(s.nrows, 1);  /* single-row mode */
#endif
            expect++;
        }
        assert_int_equal(expect, 50001);
        assert_int_equal(dal_changes(db), 50000);
        assert_int_equal(dal_pg_stream_step(&s), DAL_DONE);
        dal_pg_stream_end(&s);
        /* the connection is free again */
        pgt_ok(db, dal_exec(db, "SELECT 1"));
        dal_close(db);
    }
}

static void ending_early_and_errors(void **state)
{
    dal_db *db = pgt_open();
    dal_pg_stream s = DAL_PG_STREAM_INIT, s2 = DAL_PG_STREAM_INIT;
    int n = 0, rc;
    (void)state;
    dal_pg_stream_end(&s);  /* unopened: safe */
    {
        DAL_PG_PARAMS(p, db, 1, int4_type, NULL);
        dal_pg_bind_int32(&p, 1, 100000);
        pgt_ok(db, dal_pg_stream_open(&s, db, &unit, Q_SERIES, &p));
        assert_int_equal(dal_pg_stream_step(&s), DAL_ROW);
        /* busy: a second stream is refused */
        assert_int_equal(dal_pg_stream_open(&s2, db, &unit, Q_SERIES, &p), DAL_MISUSE);
        dal_pg_stream_end(&s);
        dal_pg_stream_end(&s);
        pgt_ok(db, dal_exec(db, "SELECT 1"));
    }
    {
        /* an error after 499 rows: the rows came, then the error */
        DAL_PG_PARAMS(p, db, 1, int4_type, NULL);
        dal_pg_bind_int32(&p, 1, 500);
        pgt_ok(db, dal_pg_stream_open(&s, db, &unit, Q_FAIL, &p));
        while ((rc = dal_pg_stream_step(&s)) == DAL_ROW) n++;
        assert_int_equal(rc, DAL_ERROR);
        assert_string_equal(dal_sqlstate(db), "22012");
        assert_true(n >= 1 && n <= 499);
        dal_pg_stream_end(&s);
        pgt_ok(db, dal_exec(db, "SELECT 1"));
    }
    {
        /* result types checked on the first row */
        static const Oid wrong[] = { DAL_PG_INT8, DAL_PG_TEXT };
        DAL_PG_PARAMS(p, db, 1, int4_type, NULL);
        dal_pg_bind_int32(&p, 1, 10);
        DAL_PG_RESULTS(p, wrong, 2);
        pgt_ok(db, dal_pg_stream_open(&s, db, &unit, Q_SERIES, &p));
        assert_int_equal(dal_pg_stream_step(&s), DAL_ERROR);
        assert_string_equal(dal_sqlstate(db), "42804");
        assert_int_equal(dal_pg_stream_step(&s), DAL_DONE);
        pgt_ok(db, dal_exec(db, "SELECT 1"));
    }
    dal_close(db);
}

/* ---- COPY ---- */

static const char *copy_sql = "COPY items (id, name, score, tags, born, note) FROM STDIN (FORMAT binary)";

static int copy_rows(dal_db *db, dal_arena *a, int64_t from, int64_t n, int64_t *copied)
{
    dal_pg_copy *c = malloc(sizeof *c);
    int64_t i;
    int rc;
    static const char *const tags[] = { "a", NULL, "c" };
    if ((rc = dal_pg_copy_begin(c, db, copy_sql)) != DAL_OK) return (free(c), rc);
    for (i = from; i < from + n; i++) {
        DAL_PG_PARAMS(p, db, 6, NULL, a);
        dal_pg_bind_int64(&p, 1, i);
        dal_pg_bind_text(&p, 2, i % 7 == 0 ? "seven" : "other");
        dal_pg_bind_numeric(&p, 3, "12.50");
        dal_pg_bind_text_array(&p, 4, tags, 3);
        dal_pg_bind_timestamp(&p, 5, (dal_timestamp)i * 1000000);
        dal_pg_bind_text(&p, 6, i % 2 ? NULL : "even");
        if ((rc = dal_pg_copy_row(c, &p)) != DAL_OK) {
            dal_pg_copy_abort(c);
            free(c);
            return rc;
        }
        dal_arena_reset(a);
    }
    rc = dal_pg_copy_end(c, copied);
    free(c);
    return rc;
}

static void copy_writes_typed_rows(void **state)
{
    dal_db *db = pgt_open();
    PGconn *raw = pgt_raw();
    dal_arena a;
    int64_t copied = -1;
    char buf[256];
    (void)state;
    dal_arena_init(&a, NULL);
    pgt_exec(raw, "TRUNCATE items");
    pgt_ok(db, copy_rows(db, &a, 1, 100000, &copied));
    assert_int_equal(copied, 100000);
    assert_int_equal(dal_changes(db), 100000);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM items"), 100000);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM items WHERE name = 'seven'"), 100000 / 7);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM items WHERE note IS NULL"), 50000);
    pgt_text(raw, "SELECT score::text || ' ' || array_to_string(tags, ',', '*') || ' ' ||"
                  " extract(epoch FROM born)::bigint FROM items WHERE id = 42", buf, sizeof buf);
    assert_string_equal(buf, "12.50 a,*,c 42");
    /* a duplicate key: DAL_CONSTRAINT, nothing of the COPY kept */
    assert_int_equal(copy_rows(db, &a, 99990, 20, &copied), DAL_CONSTRAINT);
    assert_string_equal(dal_sqlstate(db), "23505");
    assert_int_equal(copied, 0);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM items"), 100000);
    pgt_ok(db, dal_exec(db, "SELECT 1"));
    /* inside a transaction, rolled back */
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, copy_rows(db, &a, 200000, 10, &copied));
    pgt_ok(db, dal_rollback(db));
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM items"), 100000);
    dal_arena_free(&a);
    PQfinish(raw);
    dal_close(db);
}

static void copy_misuse_and_wrong_types(void **state)
{
    dal_db *db = pgt_open();
    dal_pg_copy *c = malloc(sizeof *c);
    (void)state;
    /* not a COPY FROM STDIN */
    assert_int_equal(dal_pg_copy_begin(c, db, "SELECT 1"), DAL_MISUSE);
    assert_int_equal(dal_pg_copy_begin(c, db, "COPY nope FROM STDIN (FORMAT binary)"), DAL_ERROR);
    assert_string_equal(dal_sqlstate(db), "42P01");
    /* an int4 where the column is int8: binary COPY does not convert */
    pgt_ok(db, dal_pg_copy_begin(c, db, "COPY items (id, name) FROM STDIN (FORMAT binary)"));
    {
        DAL_PG_PARAMS(p, db, 2, NULL, NULL);
        dal_pg_bind_int32(&p, 1, 5);
        dal_pg_bind_text(&p, 2, "x");
        pgt_ok(db, dal_pg_copy_row(c, &p));
    }
    assert_int_equal(dal_pg_copy_end(c, NULL), DAL_ERROR);
    /* the server reads 4 bytes where it wants 8: a protocol violation, not a lost connection */
    assert_string_equal(dal_sqlstate(db), "08P01");
    assert_null(strstr(dal_errmsg(db), "connection lost"));
    assert_int_equal(dal_pg_copy_end(c, NULL), DAL_MISUSE);
    /* abort: nothing copied, connection usable */
    pgt_ok(db, dal_pg_copy_begin(c, db, "COPY items (id, name) FROM STDIN (FORMAT binary)"));
    {
        DAL_PG_PARAMS(p, db, 2, NULL, NULL);
        dal_pg_bind_int64(&p, 1, 777777);
        dal_pg_bind_text(&p, 2, "x");
        pgt_ok(db, dal_pg_copy_row(c, &p));
    }
    dal_pg_copy_abort(c);
    dal_pg_copy_abort(c);
    pgt_ok(db, dal_exec(db, "SELECT 1"));
    free(c);
    dal_close(db);
}

static void copy_of_big_values_and_no_allocation(void **state)
{
    pgt_counter count = { 0, 0 };
    dal_allocator al = { pgt_count_alloc, pgt_count_free, &count };
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    dal_pg_copy *c = malloc(sizeof *c);
    PGconn *raw = pgt_raw();
    size_t big = 100000, before, i;
    char *text = malloc(big + 1);
    (void)state;
    o.allocator = &al;
    db = pgt_open_opts(&o);
    memset(text, 'z', big);
    text[big] = '\0';
    pgt_exec(raw, "TRUNCATE items");
    before = count.allocs;
    pgt_ok(db, dal_pg_copy_begin(c, db, "COPY items (id, name) FROM STDIN (FORMAT binary)"));
    for (i = 0; i < 3000; i++) {
        DAL_PG_PARAMS(p, db, 2, NULL, NULL);
        dal_pg_bind_int64(&p, 1, (int64_t)i);
        dal_pg_bind_text_len(&p, 2, text, i % 100 == 0 ? big : i % 50);
        pgt_ok(db, dal_pg_copy_row(c, &p));
    }
    pgt_ok(db, dal_pg_copy_end(c, NULL));
    assert_int_equal(count.allocs - before, 0);
    assert_int_equal(pgt_int(raw, "SELECT sum(length(name)) FROM items"),
                     30 * (long long)big + (3000 - 30) * 0 + 0 +
                     pgt_int(raw, "SELECT sum(g % 50) FROM generate_series(0, 2999) g WHERE g % 100 <> 0"));
    free(text);
    free(c);
    PQfinish(raw);
    dal_close(db);
}

/* Rows whose text ends at every offset of the buffer, then a NULL field:
 * the NULL's length word must not be written past the buffer (found by
 * ASan through the generated :copyfrom; the sums check the data). */
static void copy_rows_ending_at_the_buffer_end(void **state)
{
    dal_db *db = pgt_open();
    dal_pg_copy *c = malloc(sizeof *c);
    PGconn *raw = pgt_raw();
    char text[64];
    long long len_sum = 0;
    int64_t rows = 0, i;
    (void)state;
    memset(text, 'y', sizeof text);
    pgt_exec(raw, "TRUNCATE items");
    pgt_ok(db, dal_pg_copy_begin(c, db, "COPY items (id, name, note) FROM STDIN (FORMAT binary)"));
    for (i = 0; i < 5000; i++) {
        size_t n = (size_t)(i * 7 % 61);
        DAL_PG_PARAMS(p, db, 3, NULL, NULL);
        dal_pg_bind_int64(&p, 1, i);
        dal_pg_bind_text_len(&p, 2, text, n);
        dal_pg_bind_null(&p, 3);
        pgt_ok(db, dal_pg_copy_row(c, &p));
        len_sum += (long long)n;
    }
    pgt_ok(db, dal_pg_copy_end(c, &rows));
    assert_int_equal(rows, 5000);
    assert_int_equal(pgt_int(raw, "SELECT sum(length(name)) FROM items"), len_sum);
    assert_int_equal(pgt_int(raw, "SELECT count(note) FROM items"), 0);
    free(c);
    PQfinish(raw);
    dal_close(db);
}

/* A row written with dal_pg_copy_reserve and the put_ writers (what a
 * generated :copyfrom does), one field of each type they write, NULLs
 * among them; every 97th row's text is bigger than the buffer: reserve
 * says NULL with no error and the row goes through dal_pg_copy_row. */
static int put_row(dal_pg_copy *c, const char *text, size_t len, int64_t i)
{
    char *w = dal_pg_copy_reserve(c, 2 + (4 + 2) + (4 + 4) + (4 + 8) + (4 + 4) + (4 + 8) + (4 + 1) + (4 + 8) + (4 + len));
    if (!w) {
        DAL_PG_PARAMS(p, c->db, 8, NULL, NULL);   /* dal_pg_copy_row returns c->rc when set */
        dal_pg_bind_int16(&p, 1, (int16_t)(i % 300));
        dal_pg_bind_int32(&p, 2, (int32_t)i);
        dal_pg_bind_int64(&p, 3, i * 1000000007LL);
        dal_pg_bind_float(&p, 4, 0.5f);
        dal_pg_bind_double(&p, 5, (double)i / 4);
        dal_pg_bind_bool(&p, 6, i % 2 == 0);
        dal_pg_bind_time(&p, 7, i);
        dal_pg_bind_text_len(&p, 8, text, len);
        return dal_pg_copy_row(c, &p);
    }
    w = dal_pg_copy_put_count(w, 8);
    w = dal_pg_copy_put_int16(w, (int16_t)(i % 300));
    w = i % 10 == 3 ? dal_pg_copy_put_null(w) : dal_pg_copy_put_int32(w, (int32_t)i);
    w = dal_pg_copy_put_int64(w, i * 1000000007LL);
    w = dal_pg_copy_put_float(w, 0.5f);
    w = dal_pg_copy_put_double(w, (double)i / 4);
    w = dal_pg_copy_put_bool(w, i % 2 == 0);
    w = dal_pg_copy_put_time(w, i);
    w = dal_pg_copy_put_text(w, i % 10 == 5 ? NULL : text, len);
    dal_pg_copy_advance(c, w);
    return DAL_OK;
}

static void copy_writers_put_each_type(void **state)
{
    pgt_counter count = { 0, 0 };
    dal_allocator al = { pgt_count_alloc, pgt_count_free, &count };
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    dal_pg_copy *c = malloc(sizeof *c);
    PGconn *raw = pgt_raw();
    size_t big = 3 * DAL_PG_COPY_BUF, before;
    char *text = malloc(big);
    long long len_sum = 0;
    int64_t rows = 0, i;
    (void)state;
    o.allocator = &al;
    db = pgt_open_opts(&o);
    memset(text, 'q', big);
    pgt_exec(raw, "CREATE TABLE typed (i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision,"
                  " b boolean, t time, s text)");
    /* no COPY in progress: NULL, and dal_pg_copy_row says why */
    c->active = 0;
    c->db = db;
    assert_null(dal_pg_copy_reserve(c, 10));
    assert_int_equal(put_row(c, text, 1, 0), DAL_MISUSE);
    before = count.allocs;
    pgt_ok(db, dal_pg_copy_begin(c, db, "COPY typed FROM STDIN (FORMAT binary)"));
    for (i = 0; i < 20000; i++) {
        size_t len = i % 97 == 0 ? big - (size_t)i % 5 : (size_t)(i * 13 % 300);
        pgt_ok(db, put_row(c, text, len, i));
        if (i % 10 != 5 || i % 97 == 0) len_sum += (long long)len;
    }
    pgt_ok(db, dal_pg_copy_end(c, &rows));
    assert_int_equal(count.allocs - before, 0);
    assert_int_equal(rows, 20000);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM typed"), 20000);
    assert_int_equal(pgt_int(raw, "SELECT sum(length(s)) FROM typed"), len_sum);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM typed WHERE s IS NULL"),
                     pgt_int(raw, "SELECT count(*) FROM generate_series(0, 19999) g WHERE g % 10 = 5 AND g % 97 <> 0"));
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM typed WHERE i4 IS NULL"),
                     pgt_int(raw, "SELECT count(*) FROM generate_series(0, 19999) g WHERE g % 10 = 3 AND g % 97 <> 0"));
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM typed WHERE i8 <> i4::bigint * 1000000007 OR i2 <> i4 % 300"
                                  " OR f4 <> 0.5 OR f8 <> i4 / 4.0 OR b <> (i4 % 2 = 0)"
                                  " OR t <> time '00:00' + i4 * interval '1 microsecond'"), 0);
    free(text);
    free(c);
    PQfinish(raw);
    dal_close(db);
}

static int setup(void **state)
{
    PGconn *c;
    (void)state;
    pgt_setup("stream");
    c = pgt_raw();
    pgt_exec(c, "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, score numeric(10,2),"
                " tags text[], born timestamptz, note text)");
    PQfinish(c);
    return 0;
}
static int teardown(void **state) { (void)state; return pgt_teardown(); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(streams_every_row_in_order),
        cmocka_unit_test(ending_early_and_errors),
        cmocka_unit_test(copy_writes_typed_rows),
        cmocka_unit_test(copy_misuse_and_wrong_types),
        cmocka_unit_test(copy_of_big_values_and_no_allocation),
        cmocka_unit_test(copy_rows_ending_at_the_buffer_end),
        cmocka_unit_test(copy_writers_put_each_type),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
