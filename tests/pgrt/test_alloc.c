/* pgrt.alloc: in steady state libdal allocates nothing per call and per
 * row (counted through dal_options.allocator and the arena's allocator):
 * the parameter block is on the stack, statement names are formatted on
 * the stack, errors are copied into the dal_db.  libpq's own mallocs for
 * its PGresult are not libdal's. */
#include "pg_util.h"

enum { Q_ROW, Q_SCAN, Q_N };
static unsigned slot;
static const char *const sql[] = {
    "SELECT $1::int8 + 1, $2::text || 'x', $3::numeric * 2, $4::int8[], '{\"k\": 1}'::jsonb,"
    " gen_random_uuid(), now(), NULL::int4",
    "SELECT g, 'row ' || g, g::numeric / 7, ARRAY[g, -g] FROM generate_series(1, 2000) g",
};
static const dal_unit unit = { "alloc_test", Q_N, sql, &slot };
static const Oid row_types[] = { DAL_PG_INT8, DAL_PG_TEXT, DAL_PG_NUMERIC, DAL_PG_INT8_ARRAY };

static pgt_counter db_count, arena_count;

static void one_call(dal_db *db, dal_arena *a, int64_t i)
{
    static const int64_t arr[] = { 1, 2, 3 };
    DAL_PG_PARAMS(p, db, 4, row_types, a);
    PGresult *res;
    int64_t n;
    const char *s, *num, *js;
    dal_int64_array out;
    dal_uuid u;
    dal_timestamp ts;
    bool has;
    int32_t none;
    pgt_ok(db, dal_pg_bind_int64(&p, 1, i));
    pgt_ok(db, dal_pg_bind_text(&p, 2, "text"));
    pgt_ok(db, dal_pg_bind_numeric(&p, 3, "12345.678"));
    pgt_ok(db, dal_pg_bind_int64_array(&p, 4, arr, 3));
    pgt_ok(db, dal_pg_exec(db, &unit, Q_ROW, &p, &res));
    pgt_ok(db, dal_pg_read_int64(db, res, 0, 0, "a", &n));
    assert_true(n == i + 1);
    pgt_ok(db, dal_pg_read_text(db, res, 0, 1, "b", a, &s));
    assert_string_equal(s, "textx");
    pgt_ok(db, dal_pg_read_numeric(db, res, 0, 2, "c", a, &num));
    assert_string_equal(num, "24691.356");
    pgt_ok(db, dal_pg_read_int64_array(db, res, 0, 3, "d", a, &out));
    assert_int_equal(out.len, 3);
    pgt_ok(db, dal_pg_read_jsonb(db, res, 0, 4, "e", a, &js));
    pgt_ok(db, dal_pg_read_uuid(db, res, 0, 5, "f", &u));
    pgt_ok(db, dal_pg_read_timestamp(db, res, 0, 6, "g", &ts));
    pgt_ok(db, dal_pg_read_int32_null(db, res, 0, 7, "h", &has, &none));
    assert_false(has);
    PQclear(res);
    dal_arena_reset(a);
}

static void no_allocation_per_call_in_steady_state(void **state)
{
    dal_allocator dal_al = { pgt_count_alloc, pgt_count_free, &db_count };
    dal_allocator arena_al = { pgt_count_alloc, pgt_count_free, &arena_count };
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    dal_arena a;
    size_t db_before, arena_before;
    int64_t i;
    (void)state;
    o.allocator = &dal_al;
    db = pgt_open_opts(&o);
    dal_arena_init(&a, &arena_al);
    for (i = 0; i < 5; i++) one_call(db, &a, i);          /* warm: prepare, slot table, arena block */
    db_before = db_count.allocs;
    arena_before = arena_count.allocs;
    for (i = 0; i < 500; i++) one_call(db, &a, i);
    assert_int_equal(db_count.allocs - db_before, 0);
    assert_int_equal(arena_count.allocs - arena_before, 0);
    /* an error on the way allocates nothing either */
    {
        DAL_PG_PARAMS(p, db, 4, row_types, &a);
        PGresult *res;
        dal_pg_bind_int64(&p, 1, INT64_MAX);              /* + 1 overflows on the server */
        dal_pg_bind_text(&p, 2, "t");
        dal_pg_bind_numeric(&p, 3, "1");
        dal_pg_bind_int64_array(&p, 4, NULL, 0);
        assert_int_equal(dal_pg_exec(db, &unit, Q_ROW, &p, &res), DAL_ERROR);
        assert_string_equal(dal_sqlstate(db), "22003");
        dal_arena_reset(&a);
    }
    assert_int_equal(db_count.allocs - db_before, 0);
    dal_arena_free(&a);
    dal_close(db);
    assert_int_equal(db_count.allocs, db_count.frees);
    assert_int_equal(arena_count.allocs, arena_count.frees);
}

static void no_allocation_per_row_of_an_iterator(void **state)
{
    dal_allocator dal_al = { pgt_count_alloc, pgt_count_free, &db_count };
    dal_allocator arena_al = { pgt_count_alloc, pgt_count_free, &arena_count };
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    dal_arena a;
    dal_pg_iter it = DAL_PG_ITER_INIT;
    size_t db_before, arena_before;
    int rows = 0, round;
    (void)state;
    o.allocator = &dal_al;
    db = pgt_open_opts(&o);
    dal_arena_init(&a, &arena_al);
    for (round = 0; round < 2; round++) {
        db_before = db_count.allocs;
        arena_before = arena_count.allocs;
        rows = 0;
        pgt_ok(db, dal_pg_iter_open(&it, db, &unit, Q_SCAN, NULL));
        while (dal_pg_iter_step(&it) == DAL_ROW) {
            int32_t g;
            const char *s, *num;
            dal_int32_array arr;
            pgt_ok(db, dal_pg_read_int32(db, it.res, it.row, 0, "g", &g));
            pgt_ok(db, dal_pg_read_text(db, it.res, it.row, 1, "s", &a, &s));
            pgt_ok(db, dal_pg_read_numeric(db, it.res, it.row, 2, "n", &a, &num));
            pgt_ok(db, dal_pg_read_int32_array(db, it.res, it.row, 3, "arr", &a, &arr));
            assert_int_equal(arr.data[1], -g);
            dal_arena_reset(&a);
            rows++;
        }
        dal_pg_iter_end(&it);
        assert_int_equal(rows, 2000);
    }
    /* the second round: nothing at all (the first prepared and grew the arena) */
    assert_int_equal(db_count.allocs - db_before, 0);
    assert_int_equal(arena_count.allocs - arena_before, 0);
    dal_arena_free(&a);
    dal_close(db);
}

static int setup(void **state) { (void)state; return pgt_setup("alloc"); }
static int teardown(void **state) { (void)state; return pgt_teardown(); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_allocation_per_call_in_steady_state),
        cmocka_unit_test(no_allocation_per_row_of_an_iterator),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
