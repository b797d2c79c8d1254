/* pgrt.batch: dal_pg_batch (pipeline mode) - per-item codes outside a
 * transaction, one transaction inside dal_begin, rows of :batchone and
 * :batchmany through the result callback, prepare on first use inside
 * the pipeline, DAL_PG_UNNAMED, and no libdal allocation per item. */
#include "pg_util.h"

enum { Q_INSERT, Q_RETURNING, Q_SERIES, Q_BAD, Q_N };
static unsigned slot;
static const char *const sql[] = {
    "INSERT INTO users (email, age) VALUES ($1, $2)",
    "INSERT INTO users (email, age) VALUES ($1, $2) RETURNING id, email",
    "SELECT g FROM generate_series(1, $1) g",
    "INSERT INTO no_such_table VALUES ($1)",
};
static const dal_unit unit = { "batch_test", Q_N, sql, &slot };
static const Oid insert_types[] = { DAL_PG_TEXT, DAL_PG_INT4 };
static const Oid returning_results[] = { DAL_PG_INT8, DAL_PG_TEXT };
static const Oid series_types[] = { DAL_PG_INT4 };
static const Oid series_results[] = { DAL_PG_INT4 };

/* Items: emails "u<base + i>@x", item dup (if < n) repeats item 0's. */
typedef struct items {
    long base;
    size_t dup;
    size_t bad_bind;        /* this item's binder fails (DAL_INVALID) */
    char buf[64];
    int64_t ids[2000];
    long rows, sum;
} items;

static int bind_user(void *ctx, size_t i, dal_pg_params *p)
{
    items *it = ctx;
    long k = it->base + (i == it->dup ? 0 : (long)i);
    if (i == it->bad_bind) return dal_error_set(p->db, DAL_INVALID, 0, "item refused by its binder");
    snprintf(it->buf, sizeof it->buf, "u%ld@x", k);
    dal_pg_bind_text(p, 1, it->buf);
    return dal_pg_bind_int32(p, 2, (int32_t)(k % 90));
}

static int got_returning(void *ctx, size_t i, const PGresult *res)
{
    items *it = ctx;
    dal_db *db = NULL;
    const char *email;
    if (PQntuples(res) != 1) return DAL_NOTFOUND;
    if (dal_pg_read_int64(db, res, 0, 0, "id", &it->ids[i]) != DAL_OK) return DAL_ERROR;
    if (dal_pg_read_text_ref(db, res, 0, 1, "email", &email, NULL) != DAL_OK) return DAL_ERROR;
    snprintf(it->buf, sizeof it->buf, "u%ld@x", it->base + (long)i);
    return strcmp(email, it->buf) == 0 ? DAL_OK : DAL_ERROR;
}

static long count_users(void)
{
    PGconn *c = pgt_raw();
    long n = (long)pgt_int(c, "SELECT count(*) FROM users");
    PQfinish(c);
    return n;
}

static void clear_users(void)
{
    PGconn *c = pgt_raw();
    pgt_exec(c, "TRUNCATE users");
    PQfinish(c);
}

static items *new_items(long base)
{
    items *it = calloc(1, sizeof *it);
    it->base = base;
    it->dup = it->bad_bind = (size_t)-1;
    return it;
}

static void outside_a_transaction_a_failing_item_fails_alone(void **state)
{
    dal_db *db = pgt_open();
    items *it = new_items(0);
    int rcs[1000];
    DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
    (void)state;
    clear_users();
    it->dup = 500;
    assert_int_equal(dal_pg_prepared_count(db), 0);
    assert_int_equal(dal_pg_batch(db, &unit, Q_INSERT, &p, 1000, bind_user, NULL, it, rcs), DAL_CONSTRAINT);
    for (size_t i = 0; i < 1000; i++) assert_int_equal(rcs[i], i == 500 ? DAL_CONSTRAINT : DAL_OK);
    assert_string_equal(dal_sqlstate(db), "23505");
    assert_non_null(strstr(dal_errmsg(db), "batch_test statement 0, item 500: "));
    assert_int_equal(dal_changes(db), 999);
    assert_int_equal(count_users(), 999);
    /* prepared on first use, inside the pipeline; the second batch reuses it */
    assert_int_equal(dal_pg_prepared_count(db), 1);
    it->base = 1000;
    it->dup = (size_t)-1;
    pgt_ok(db, dal_pg_batch(db, &unit, Q_INSERT, &p, 1000, bind_user, NULL, it, rcs));
    assert_int_equal(count_users(), 1999);
    assert_int_equal(dal_pg_prepared_count(db), 1);
    /* the connection is usable afterwards */
    pgt_ok(db, dal_exec(db, "SELECT 1"));
    free(it);
    dal_close(db);
}

static void inside_a_transaction_the_batch_is_one_transaction(void **state)
{
    dal_db *db = pgt_open();
    items *it = new_items(0);
    int rcs[300];
    DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
    (void)state;
    clear_users();
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_pg_batch(db, &unit, Q_INSERT, &p, 300, bind_user, NULL, it, rcs));
    assert_int_equal(count_users(), 0);  /* not committed yet */
    pgt_ok(db, dal_commit(db));
    assert_int_equal(count_users(), 300);

    clear_users();
    it->dup = 100;
    pgt_ok(db, dal_begin(db));
    assert_int_equal(dal_pg_batch(db, &unit, Q_INSERT, &p, 300, bind_user, NULL, it, rcs), DAL_CONSTRAINT);
    for (size_t i = 0; i < 100; i++) assert_int_equal(rcs[i], DAL_OK);
    assert_int_equal(rcs[100], DAL_CONSTRAINT);
    for (size_t i = 101; i < 300; i++) assert_int_equal(rcs[i], DAL_ERROR);  /* not run */
    assert_string_equal(dal_sqlstate(db), "23505");
    pgt_ok(db, dal_rollback(db));
    assert_int_equal(count_users(), 0);
    free(it);
    dal_close(db);
}

static void batchone_rows_come_through_the_callback(void **state)
{
    dal_db *db = pgt_open();
    items *it = new_items(5000);
    int rcs[600];
    DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
    (void)state;
    clear_users();
    DAL_PG_RESULTS(p, returning_results, 2);
    pgt_ok(db, dal_pg_batch(db, &unit, Q_RETURNING, &p, 600, bind_user, got_returning, it, rcs));
    for (size_t i = 1; i < 600; i++) assert_true(it->ids[i] > it->ids[i - 1]);
    assert_int_equal(dal_changes(db), 600);
    /* a result type that differs is each item's error, named */
    {
        static const Oid wrong[] = { DAL_PG_INT4, DAL_PG_TEXT };
        dal_db *db2 = pgt_open();
        DAL_PG_PARAMS(q, db2, 2, insert_types, NULL);
        DAL_PG_RESULTS(q, wrong, 2);
        it->base = 7000;
        assert_int_equal(dal_pg_batch(db2, &unit, Q_RETURNING, &q, 3, bind_user, got_returning, it, rcs), DAL_ERROR);
        assert_int_equal(rcs[0], DAL_ERROR);
        assert_string_equal(dal_sqlstate(db2), "42804");
        if (!strstr(dal_errmsg(db2), "item 0: ")) fail_msg("%s", dal_errmsg(db2));
        dal_close(db2);
    }
    free(it);
    dal_close(db);
}

static int bind_series(void *ctx, size_t i, dal_pg_params *p)
{
    (void)ctx;
    return dal_pg_bind_int32(p, 1, (int32_t)i);
}

static int sum_series(void *ctx, size_t i, const PGresult *res)
{
    items *it = ctx;
    int r;
    if (PQntuples(res) != (int)i) return DAL_ERROR;
    for (r = 0; r < PQntuples(res); r++) {
        int32_t g;
        if (dal_pg_read_int32(NULL, res, r, 0, "g", &g) != DAL_OK) return DAL_ERROR;
        it->sum += g;
    }
    it->rows += r;
    return DAL_OK;
}

static void batchmany_and_unnamed_mode(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    items *it = new_items(0);
    int rcs[400], mode;
    (void)state;
    for (mode = 0; mode < 2; mode++) {
        o.pg_statements = mode ? DAL_PG_UNNAMED : DAL_PG_NAMED;
        db = pgt_open_opts(&o);
        {
            DAL_PG_PARAMS(p, db, 1, series_types, NULL);
            DAL_PG_RESULTS(p, series_results, 1);
            it->rows = it->sum = 0;
            pgt_ok(db, dal_pg_batch(db, &unit, Q_SERIES, &p, 400, bind_series, sum_series, it, rcs));
            assert_int_equal(it->rows, 399 * 400 / 2);
            assert_int_equal(dal_changes(db), 399 * 400 / 2);
        }
        clear_users();
        {
            DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
            it->dup = 10;
            it->bad_bind = 20;
            assert_int_equal(dal_pg_batch(db, &unit, Q_INSERT, &p, 50, bind_user, NULL, it, rcs), DAL_CONSTRAINT);
            assert_int_equal(rcs[10], DAL_CONSTRAINT);
            assert_int_equal(rcs[20], DAL_INVALID);
            assert_int_equal(rcs[49], DAL_OK);
            assert_int_equal(count_users(), 48);
            it->dup = it->bad_bind = (size_t)-1;
        }
        assert_int_equal(dal_pg_prepared_count(db), mode ? 0 : 2);
        dal_close(db);
    }
    free(it);
}

static void a_statement_that_does_not_prepare_fails_every_item(void **state)
{
    dal_db *db = pgt_open();
    int rcs[5];
    DAL_PG_PARAMS(p, db, 1, series_types, NULL);
    (void)state;
    assert_int_equal(dal_pg_batch(db, &unit, Q_BAD, &p, 5, bind_series, NULL, NULL, rcs), DAL_ERROR);
    for (int i = 0; i < 5; i++) assert_int_equal(rcs[i], DAL_ERROR);
    assert_string_equal(dal_sqlstate(db), "42P01");
    assert_non_null(strstr(dal_errmsg(db), "batch_test statement 3: "));
    assert_non_null(strstr(dal_errmsg(db), "no_such_table"));
    assert_int_equal(dal_pg_prepared_count(db), 0);
    pgt_ok(db, dal_exec(db, "SELECT 1"));
    /* an empty batch does nothing */
    pgt_ok(db, dal_pg_batch(db, &unit, Q_SERIES, &p, 0, bind_series, NULL, NULL, NULL));
    dal_close(db);
}

static void no_allocation_per_item_in_steady_state(void **state)
{
    pgt_counter count = { 0, 0 };
    dal_allocator al = { pgt_count_alloc, pgt_count_free, &count };
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    items *it = new_items(0);
    size_t before;
    (void)state;
    o.allocator = &al;
    db = pgt_open_opts(&o);
    clear_users();
    {
        DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
        pgt_ok(db, dal_pg_batch(db, &unit, Q_INSERT, &p, 10, bind_user, NULL, it, NULL));
        before = count.allocs;
        it->base = 100;
        pgt_ok(db, dal_pg_batch(db, &unit, Q_INSERT, &p, 1500, bind_user, NULL, it, NULL));
        assert_int_equal(count.allocs - before, 0);
    }
    free(it);
    dal_close(db);
    assert_int_equal(count.allocs, count.frees);
}

/* libpq's trace of what one call sent and received, in order. */
static char *traced(dal_db *db, int which)
{
    FILE *f = tmpfile();
    char *text;
    long n;
    items *it = new_items(90000 + which * 10);
    PGresult *res;
    DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
    PQtrace(dal_pg(db), f);
    PQsetTraceFlags(dal_pg(db), PQTRACE_SUPPRESS_TIMESTAMPS);
    if (which == 0) {
        bind_user(it, 0, &p);
        pgt_ok(db, dal_pg_exec(db, &unit, Q_INSERT, &p, &res));
        PQclear(res);
    } else {
        pgt_ok(db, dal_pg_batch(db, &unit, Q_INSERT, &p, 3, bind_user, NULL, it, NULL));
    }
    PQuntrace(dal_pg(db));
    n = ftell(f);
    text = calloc(1, (size_t)n + 1);
    rewind(f);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    free(it);
    return text;
}

static void first_use_prepares_in_the_same_round_trip(void **state)
{
    dal_db *db = pgt_open();
    int which;
    (void)state;
    clear_users();
    for (which = 0; which < 2; which++) {
        char *t;
        if (which) {  /* a fresh connection: the batch prepares too */
            dal_close(db);
            db = pgt_open();
        }
        t = traced(db, which);
        /* Parse and the execution's Bind/Execute go out before the server's
         * ParseComplete comes back: no round trip in between */
        assert_non_null(strstr(t, "F\t"));
        assert_non_null(strstr(t, "\tParse\t"));
        assert_non_null(strstr(t, "\tExecute\t"));
        assert_non_null(strstr(t, "ParseComplete"));
        assert_true(strstr(t, "\tExecute\t") < strstr(t, "ParseComplete"));
        assert_int_equal(dal_pg_prepared_count(db), 1);
        free(t);
    }
    dal_close(db);
}

static int count_lines(const char *t, const char *what)
{
    int n = 0;
    for (; (t = strstr(t, what)) != NULL; t++) n++;
    return n;
}

/* Inside a transaction the batch asks the server to flush its answers
 * every DAL_PG_BATCH_SEGMENT items and syncs once, at the end (also when
 * the last item ends a segment, and across window drains); the rows are
 * all there at commit.  Outside one, a sync per item. */
static void inside_a_transaction_one_sync_and_flush_requests(void **state)
{
    static const size_t sizes[] = { 1, DAL_PG_BATCH_SEGMENT, 130, 2 * DAL_PG_BATCH_WINDOW, 1000 };
    dal_db *db = pgt_open();
    items *it = new_items(0);
    size_t k;
    DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
    (void)state;
    pgt_ok(db, dal_pg_batch(db, &unit, Q_INSERT, &p, 1, bind_user, NULL, it, NULL));   /* prepared */
    for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        FILE *f = tmpfile();
        long len;
        char *t;
        size_t n = sizes[k];
        clear_users();
        it->base = 1000 * (long)(k + 1);
        pgt_ok(db, dal_begin(db));
        PQtrace(dal_pg(db), f);
        PQsetTraceFlags(dal_pg(db), PQTRACE_SUPPRESS_TIMESTAMPS);
        pgt_ok(db, dal_pg_batch(db, &unit, Q_INSERT, &p, n, bind_user, NULL, it, NULL));
        PQuntrace(dal_pg(db));
        assert_int_equal(dal_changes(db), (int64_t)n);
        pgt_ok(db, dal_commit(db));
        assert_int_equal(count_users(), (long)n);
        len = ftell(f);
        t = calloc(1, (size_t)len + 1);
        rewind(f);
        assert_int_equal(fread(t, 1, (size_t)len, f), (size_t)len);
        fclose(f);
        assert_int_equal(count_lines(t, "F\t4\tSync"), 1);
        assert_int_equal(count_lines(t, "F\t4\tFlush"), (int)((n - 1) / DAL_PG_BATCH_SEGMENT));
        assert_int_equal(count_lines(t, "\tCommandComplete\t"), (int)n);
        free(t);
    }
    /* outside a transaction: a sync per item */
    {
        FILE *f = tmpfile();
        long len;
        char *t;
        clear_users();
        it->base = 90000;
        PQtrace(dal_pg(db), f);
        pgt_ok(db, dal_pg_batch(db, &unit, Q_INSERT, &p, 100, bind_user, NULL, it, NULL));
        PQuntrace(dal_pg(db));
        len = ftell(f);
        t = calloc(1, (size_t)len + 1);
        rewind(f);
        assert_int_equal(fread(t, 1, (size_t)len, f), (size_t)len);
        fclose(f);
        assert_int_equal(count_lines(t, "\tSync"), 100);
        assert_int_equal(count_lines(t, "\tFlush"), 0);
        free(t);
    }
    free(it);
    dal_close(db);
}

static int setup(void **state)
{
    PGconn *c;
    (void)state;
    pgt_setup("batch");
    c = pgt_raw();
    pgt_exec(c, "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                " email text NOT NULL UNIQUE, age int)");
    PQfinish(c);
    return 0;
}
static int teardown(void **state) { (void)state; return pgt_teardown(); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(outside_a_transaction_a_failing_item_fails_alone),
        cmocka_unit_test(inside_a_transaction_the_batch_is_one_transaction),
        cmocka_unit_test(batchone_rows_come_through_the_callback),
        cmocka_unit_test(batchmany_and_unnamed_mode),
        cmocka_unit_test(a_statement_that_does_not_prepare_fails_every_item),
        cmocka_unit_test(no_allocation_per_item_in_steady_state),
        cmocka_unit_test(first_use_prepares_in_the_same_round_trip),
        cmocka_unit_test(inside_a_transaction_one_sync_and_flush_requests),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
