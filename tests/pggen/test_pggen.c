/* test_pggen.c - generated PostgreSQL table code (tests/pggen/golden, from
 * schema.sql) run against the cluster of tests/pg: every type of design
 * 3.6 round-trips, write-back from insert, get_by, update, patch, delete,
 * upsert, list, count, validators, each constraint violation is
 * DAL_CONSTRAINT naming the constraint, and a column type changed on the
 * server after generation is an error naming the column. */
#include "../pgrt/pg_util.h"

#include <float.h>
#include <math.h>

#include "pgg.h"

static dal_db *db;
static dal_arena arena = DAL_ARENA_INIT;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int group_setup(void **state)
{
    (void)state;
    pgt_setup("pggen");
    db = pgt_open();
    char *ddl = read_file(SCHEMA_SQL);
    pgt_ok(db, dal_exec(db, ddl));
    free(ddl);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    dal_arena_free(&arena);
    dal_close(db);
    return pgt_teardown();
}

static void expect_constraint(int rc, const char *name)
{
    assert_int_equal(rc, DAL_CONSTRAINT);
    assert_string_equal(dal_error_field(db, DAL_ERRF_CONSTRAINT), name);
}

/* insert of a row that sets nothing optional: what the server assigned comes back */
static void test_writeback(void **state)
{
    (void)state;
    pgg_kind k;
    memset(&k, 0, sizeof k);
    k.name = "defaults";
    k.mail = "d@e.f";
    pgt_ok(db, pgg_kind_insert(db, &k, &arena));
    assert_true(k.id > 0);
    assert_int_equal(k.i32, 7);
    assert_true(k.has_i32);
    assert_false(k.ok);
    assert_true(k.has_ok);
    assert_true(k.has_uid);
    assert_true(k.has_at_tz);
    assert_true(k.at_tz > 1700000000LL * 1000000);
    assert_non_null(k.tags.data);
    assert_int_equal(k.tags.len, 0);
    assert_true(k.has_twice);
    assert_int_equal(k.twice, 14);
    pgg_kind g;
    pgt_ok(db, pgg_kind_get_by_uid(db, k.uid, &g, &arena));
    assert_int_equal(g.id, k.id);
    assert_false(g.has_i16);
    assert_null(g.amount);
    assert_null(g.nums.data);
    assert_false(g.has_feeling);
    pgt_ok(db, pgg_kind_get_by_name(db, "defaults", &g, &arena));
    assert_int_equal(g.id, k.id);
    assert_int_equal(pgg_kind_get_by_name(db, "nobody", &g, &arena), DAL_NOTFOUND);
}

static char big_numeric[1100];

/* every type at its limits, read back equal */
static void test_roundtrip(void **state)
{
    (void)state;
    static const char *const tags[] = {"a", "", "ü \"q\""};
    static const int16_t smalls[] = {INT16_MIN, INT16_MAX};
    static const int32_t ints[] = {INT32_MIN, INT32_MAX};
    static const float reals[] = {FLT_MAX, -0.0f};
    static const double dbls[] = {DBL_MIN, -DBL_MAX};
    static const bool flags[] = {true, false, true};
    static const dal_blob blobs[] = {{(const void *)"\0\1", 2}, {(const void *)"", 0}};
    static const dal_timestamp stamps[] = {DAL_TIMESTAMP_INFINITY, 0, DAL_TIMESTAMP_NEG_INFINITY};
    static const dal_date days[] = {DAL_DATE_NEG_INFINITY, 19000};
    static const char *const amounts[] = {"NaN", "-1.5", "Infinity"};
    static const char *const moods[] = {"sad", "so-so"};
    static const int64_t empty64[1] = {0};
    memset(big_numeric, '7', 1000);
    big_numeric[0] = '-';
    big_numeric[1000] = '\0';
    pgg_kind k, g;
    memset(&k, 0, sizeof k);
    k.has_i16 = true, k.i16 = INT16_MIN;
    k.has_i32 = true, k.i32 = INT32_MIN / 2;
    k.has_i64 = true, k.i64 = INT64_MIN;
    k.has_f32 = true, k.f32 = NAN;
    k.has_f64 = true, k.f64 = -INFINITY;
    k.has_ok = true, k.ok = true;
    k.amount = "1234567890.25";
    k.big = big_numeric;
    k.cash = "12.34";
    k.name = "full";
    k.code = "abcde";
    k.fixed = "xy";
    k.ci = "MiXeD";
    k.nm = "a_name";
    k.doc = "{\"b\": 1,  \"a\": [true]}";
    k.meta = "{\"k\": \"v\"}";
    k.raw = (dal_blob){(const void *)"\0\xff", 2};
    assert_int_equal(dal_uuid_parse("01234567-89ab-cdef-0123-456789abcdef", &k.uid), DAL_OK);
    k.has_uid = true;
    k.has_at_tz = true, k.at_tz = DAL_TIMESTAMP_INFINITY;
    k.has_at_local = true, k.at_local = -1;
    k.has_day = true, k.day = DAL_DATE_NEG_INFINITY;
    k.has_tod = true, k.tod = 86399999999LL;
    k.has_span = true, k.span = (dal_interval){-5, 3, 14};
    k.has_feeling = true, k.feeling = PGG_MOOD_SO_SO;
    k.mail = "a@b.c";
    k.has_rank = true, k.rank = 42;
    k.short_ = "12345678";
    k.addr = "10.1.2.3/32";
    k.tags = (dal_text_array){tags, 3};
    k.nums = (dal_int64_array){empty64, 0};
    k.small_nums = (dal_int16_array){smalls, 2};
    k.ints = (dal_int32_array){ints, 2};
    k.reals = (dal_float_array){reals, 2};
    k.dbls = (dal_double_array){dbls, 2};
    k.flags = (dal_bool_array){flags, 3};
    k.blobs = (dal_blob_array){blobs, 2};
    k.uids = (dal_uuid_array){&k.uid, 1};
    k.stamps = (dal_timestamp_array){stamps, 3};
    k.days = (dal_date_array){days, 2};
    k.amounts = (dal_text_array){amounts, 3};
    k.moods = (dal_text_array){moods, 2};
    k.grid = "{{1,2},{3,4}}";
    pgt_ok(db, pgg_kind_insert(db, &k, &arena));
    pgt_ok(db, pgg_kind_get(db, k.id, &g, &arena));
    assert_int_equal(g.i16, INT16_MIN);
    assert_int_equal(g.i32, INT32_MIN / 2);
    assert_true(g.i64 == INT64_MIN);
    assert_true(isnan(g.f32));
    assert_true(isinf(g.f64) && g.f64 < 0);
    assert_true(g.ok);
    assert_string_equal(g.amount, "1234567890.25");
    assert_string_equal(g.big, big_numeric);
    assert_string_equal(g.cash, "12.34");
    assert_string_equal(g.code, "abcde");
    assert_string_equal(g.fixed, "xy ");
    assert_string_equal(g.ci, "MiXeD");
    assert_string_equal(g.nm, "a_name");
    assert_string_equal(g.doc, "{\"b\": 1,  \"a\": [true]}");
    assert_string_equal(g.meta, "{\"k\": \"v\"}");
    assert_int_equal(g.raw.len, 2);
    assert_memory_equal(g.raw.data, "\0\xff", 2);
    assert_memory_equal(g.uid.b, k.uid.b, 16);
    assert_true(g.at_tz == DAL_TIMESTAMP_INFINITY);
    assert_true(g.at_local == -1);
    assert_true(g.day == DAL_DATE_NEG_INFINITY);
    assert_true(g.tod == 86399999999LL);
    assert_true(g.span.us == -5 && g.span.days == 3 && g.span.months == 14);
    assert_int_equal(g.feeling, PGG_MOOD_SO_SO);
    assert_string_equal(g.mail, "a@b.c");
    assert_int_equal(g.rank, 42);
    assert_string_equal(g.short_, "12345678");
    assert_string_equal(g.addr, "10.1.2.3/32");   /* inet::text keeps the mask */
    assert_int_equal(g.tags.len, 3);
    assert_string_equal(g.tags.data[2], "ü \"q\"");
    assert_string_equal(g.tags.data[1], "");
    assert_non_null(g.nums.data);
    assert_int_equal(g.nums.len, 0);
    assert_int_equal(g.small_nums.data[0], INT16_MIN);
    assert_int_equal(g.ints.data[1], INT32_MAX);
    assert_true(g.reals.data[0] == FLT_MAX);
    assert_true(g.dbls.data[1] == -DBL_MAX);
    assert_true(g.flags.data[0] && !g.flags.data[1]);
    assert_int_equal(g.blobs.data[1].len, 0);
    assert_memory_equal(g.uids.data[0].b, k.uid.b, 16);
    assert_true(g.stamps.data[2] == DAL_TIMESTAMP_NEG_INFINITY);
    assert_true(g.days.data[1] == 19000);
    assert_string_equal(g.amounts.data[0], "NaN");
    assert_string_equal(g.amounts.data[2], "Infinity");
    assert_string_equal(g.moods.data[1], "so-so");
    assert_string_equal(g.grid, "{{1,2},{3,4}}");
    assert_int_equal(g.twice, INT32_MIN);   /* generated: i32 * 2, written back */
    assert_int_equal(k.twice, INT32_MIN);
}

static void test_validators(void **state)
{
    (void)state;
    pgg_kind k;
    memset(&k, 0, sizeof k);
    k.name = "invalid";
    k.mail = "v@w.x";
    k.code = "toolong";   /* varchar(5) */
    assert_int_equal(pgg_kind_insert(db, &k, &arena), DAL_INVALID);
    k.code = NULL;
    k.short_ = "123456789";   /* domain over varchar(8) */
    assert_int_equal(pgg_kind_insert(db, &k, &arena), DAL_INVALID);
    k.short_ = NULL;
    k.has_feeling = true, k.feeling = (pgg_mood)99;
    assert_int_equal(pgg_kind_insert(db, &k, &arena), DAL_INVALID);
    k.has_feeling = false;
    k.meta = "{not json";
    assert_int_equal(pgg_kind_insert(db, &k, &arena), DAL_INVALID);
    k.meta = NULL;
    k.mail = NULL;
    assert_int_equal(pgg_kind_insert(db, &k, &arena), DAL_INVALID);   /* mail: its domain is NOT NULL */
    pgg_event e;
    memset(&e, 0, sizeof e);
    assert_int_equal(pgg_event_insert(db, &e, &arena), DAL_INVALID);   /* kind NOT NULL */
}

/* With validation skipped, an enum value that is no label is refused by
 * the binder (DAL_INVALID, nothing sent): it used to go out as SQL NULL,
 * stored silently in a nullable column. */
static void test_enum_out_of_range_skipped_validation(void **state)
{
    (void)state;
    dal_options o = DAL_OPTIONS_INIT;
    o.skip_validation = true;
    dal_db *raw = pgt_open_opts(&o);
    pgg_kind k;
    memset(&k, 0, sizeof k);
    k.name = "enum-out-of-range";
    k.mail = "e@o.r";
    k.has_feeling = true, k.feeling = (pgg_mood)99;
    assert_int_equal(pgg_kind_insert(raw, &k, &arena), DAL_INVALID);
    assert_non_null(strstr(dal_errmsg(raw), "99 is no label of enum pgg_mood"));
    assert_string_equal(dal_sqlstate(raw), "22P02");
    k.feeling = PGG_MOOD_UNKNOWN;
    assert_int_equal(pgg_kind_insert(raw, &k, &arena), DAL_INVALID);
    PGconn *c = pgt_raw();
    assert_int_equal(pgt_int(c, "SELECT count(*) FROM kinds WHERE name = 'enum-out-of-range'"), 0);
    PQfinish(c);   /* nothing written */
    k.has_feeling = false;    /* NULL stays NULL */
    pgt_ok(raw, pgg_kind_insert(raw, &k, &arena));
    pgg_kind_patch pt;
    memset(&pt, 0, sizeof pt);
    pt.set_feeling = true, pt.has_feeling = true, pt.feeling = (pgg_mood)-3;
    assert_int_equal(pgg_kind_update_patch(raw, k.id, &pt, &arena), DAL_INVALID);
    pgg_kind g;
    pgt_ok(raw, pgg_kind_get(raw, k.id, &g, &arena));
    assert_false(g.has_feeling);
    dal_close(raw);
}

static void test_constraints(void **state)
{
    (void)state;
    pgg_kind k;
    memset(&k, 0, sizeof k);
    k.name = "full";   /* taken by test_roundtrip */
    k.mail = "c@d.e";
    expect_constraint(pgg_kind_insert(db, &k, &arena), "kinds_name_key");
    k.name = "thirteen";
    k.has_i16 = true, k.i16 = 13;
    expect_constraint(pgg_kind_insert(db, &k, &arena), "kinds_i16_check");
    k.has_i16 = false;
    k.mail = "no-at-sign";
    expect_constraint(pgg_kind_insert(db, &k, &arena), "email_check");
    k.mail = "c@d.e";
    k.has_rank = true, k.rank = -1;
    expect_constraint(pgg_kind_insert(db, &k, &arena), "posint_check");
    pgg_book b;
    memset(&b, 0, sizeof b);
    b.author_id = 999999;
    b.seq = 1;
    b.title = "orphan";
    expect_constraint(pgg_book_insert(db, &b, &arena), "books_author_id_fkey");
}

static void test_crud(void **state)
{
    (void)state;
    pgg_author a;
    memset(&a, 0, sizeof a);
    a.name = "Ann";
    pgt_ok(db, pgg_author_insert(db, &a, &arena));
    assert_true(a.id > 0);
    pgg_book b;
    memset(&b, 0, sizeof b);
    b.author_id = a.id;
    b.seq = 1;
    b.title = "First";
    b.isbn = "1234567890123";
    pgt_ok(db, pgg_book_insert(db, &b, &arena));
    assert_string_equal(b.price, "0.00");
    b.seq = 2;
    b.title = "Second";
    b.isbn = "1234567890124";
    b.price = "9.99";
    pgt_ok(db, pgg_book_insert(db, &b, &arena));
    b.isbn = "1234567890123";
    b.seq = 3;
    expect_constraint(pgg_book_insert(db, &b, &arena), "books_isbn_key");
    b.seq = 1;
    expect_constraint(pgg_book_insert(db, &b, &arena), "books_pkey");
    pgg_book g;
    pgt_ok(db, pgg_book_get_by_isbn(db, "1234567890124", &g, &arena));
    assert_int_equal(g.seq, 2);
    assert_string_equal(g.price, "9.99");
    /* update */
    g.title = "Second, revised";
    g.price = NULL;   /* NOT NULL with DEFAULT left unset: keeps its value */
    pgt_ok(db, pgg_book_update(db, &g, &arena));
    pgt_ok(db, pgg_book_get(db, a.id, 2, &g, &arena));
    assert_string_equal(g.title, "Second, revised");
    assert_string_equal(g.price, "9.99");
    g.seq = 9;
    assert_int_equal(pgg_book_update(db, &g, &arena), DAL_NOTFOUND);
    /* patch */
    pgg_book_patch p;
    memset(&p, 0, sizeof p);
    p.set_price = true, p.price = "1.50";
    pgt_ok(db, pgg_book_update_patch(db, a.id, 1, &p, &arena));
    p.set_title = true, p.title = "Patched";
    pgt_ok(db, pgg_book_update_patch(db, a.id, 1, &p, &arena));
    pgt_ok(db, pgg_book_get(db, a.id, 1, &g, &arena));
    assert_string_equal(g.price, "1.50");
    assert_string_equal(g.title, "Patched");
    assert_int_equal(pgg_book_update_patch(db, a.id, 7, &p, &arena), DAL_NOTFOUND);
    /* list_by, list, count */
    pgg_book_iter it;
    int n = 0, rc;
    pgt_ok(db, pgg_book_list_by_author_id(db, a.id, &it));
    while ((rc = pgg_book_next(&it, &g, &arena)) == DAL_ROW) n++;
    assert_int_equal(rc, DAL_DONE);
    pgg_book_iter_end(&it);
    assert_int_equal(n, 2);
    int64_t count = 0;
    pgt_ok(db, pgg_book_count(db, &count));
    assert_int_equal(count, 2);
    /* upsert: update, then insert */
    memset(&b, 0, sizeof b);
    b.author_id = a.id, b.seq = 1, b.title = "Upserted";
    pgt_ok(db, pgg_book_upsert(db, &b, &arena));
    assert_string_equal(b.price, "0.00");
    b.seq = 5;
    pgt_ok(db, pgg_book_upsert(db, &b, &arena));
    pgt_ok(db, pgg_book_count(db, &count));
    assert_int_equal(count, 3);
    /* delete */
    pgt_ok(db, pgg_book_delete(db, a.id, 5));
    assert_int_equal(pgg_book_delete(db, a.id, 5), DAL_NOTFOUND);
    /* identity BY DEFAULT and an enum with a DEFAULT */
    pgg_ticket t;
    memset(&t, 0, sizeof t);
    t.code = "T1";
    pgt_ok(db, pgg_ticket_insert(db, &t, &arena));
    assert_true(t.id > 0);
    assert_true(t.has_state);
    assert_int_equal(t.state, PGG_MOOD_HAPPY);
    t.id = 1000, t.code = "T2", t.has_state = true, t.state = PGG_MOOD_SAD;
    pgt_ok(db, pgg_ticket_insert(db, &t, &arena));
    pgg_ticket tg;
    pgt_ok(db, pgg_ticket_get_by_code(db, "T2", &tg, &arena));
    assert_int_equal(tg.id, 1000);
    assert_int_equal(tg.state, PGG_MOOD_SAD);
    /* no primary key: insert, count, list */
    pgg_event e;
    memset(&e, 0, sizeof e);
    e.kind = "k";
    pgt_ok(db, pgg_event_insert(db, &e, &arena));
    assert_true(e.has_at);
    pgg_event_iter ei;
    pgt_ok(db, pgg_event_list(db, &ei));
    assert_int_equal(pgg_event_next(&ei, &e, &arena), DAL_ROW);
    assert_string_equal(e.kind, "k");
    assert_null(e.body);
    pgg_event_iter_end(&ei);
    pgg_event_iter_end(&ei);
}

/* A column whose type changed on the server after the code was generated:
 * every generated read of it (get, list, insert's RETURNING) is DAL_ERROR
 * naming the column and both types, on a connection that had the
 * statements prepared (the server's 0A000, prepared again and checked) and
 * on a new one; never the bytes of a double read as a bigint. */
static void expect_drift(int rc, dal_db *conn, const char *what)
{
    assert_int_equal(rc, DAL_ERROR);
    assert_string_equal(dal_sqlstate(conn), "42804");
    assert_non_null(strstr(dal_errmsg(conn), what));
}

static void test_drift(void **state)
{
    (void)state;
    pgg_kind k, g;
    pgg_kind_iter it;
    memset(&k, 0, sizeof k);
    k.name = "drift";
    k.mail = "d@r.ift";
    k.has_i64 = true, k.i64 = 42;
    pgt_ok(db, pgg_kind_insert(db, &k, &arena));
    pgt_ok(db, pgg_kind_get(db, k.id, &g, &arena));   /* prepared and checked before the change */
    assert_true(g.i64 == 42);
    pgt_ok(db, dal_exec(db, "ALTER TABLE kinds ALTER COLUMN i64 TYPE double precision"));
    const char *want = "column \"i64\": expected bigint, found double precision";
    expect_drift(pgg_kind_get(db, k.id, &g, &arena), db, want);
    expect_drift(pgg_kind_get_by_name(db, "drift", &g, &arena), db, want);
    expect_drift(pgg_kind_list(db, &it), db, want);
    pgg_kind_iter_end(&it);
    dal_db *fresh = pgt_open();
    expect_drift(pgg_kind_get(fresh, k.id, &g, &arena), fresh, want);
    dal_close(fresh);
    /* a column insert reads back (RETURNING), changed alike */
    pgt_ok(db, dal_exec(db, "ALTER TABLE kinds ALTER COLUMN i64 TYPE bigint;"
                            " ALTER TABLE authors ALTER COLUMN id TYPE bigint"));
    pgt_ok(db, pgg_kind_get(db, k.id, &g, &arena));   /* as generated again: fine */
    assert_true(g.i64 == 42);
    pgg_author a;
    memset(&a, 0, sizeof a);
    a.name = "Drift";
    expect_drift(pgg_author_insert(db, &a, &arena), db, "column \"id\": expected integer, found bigint");
    pgt_ok(db, dal_exec(db, "ALTER TABLE authors ALTER COLUMN id TYPE integer"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writeback),   cmocka_unit_test(test_roundtrip), cmocka_unit_test(test_validators),
        cmocka_unit_test(test_enum_out_of_range_skipped_validation),
        cmocka_unit_test(test_constraints), cmocka_unit_test(test_crud),     cmocka_unit_test(test_drift),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
