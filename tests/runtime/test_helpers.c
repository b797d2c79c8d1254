/* Helpers for generated code: time, UUIDv7, nanoid (UTF-8: test_utf8.c). */
#include "rt_util.h"

static int64_t fake_now;
static int64_t fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now;
}

static dal_db *clocked_db(void)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    o.clock = fake_clock;
    assert_int_equal(dal_open(&db, ":memory:", &o), DAL_OK);
    return db;
}

static void iso8601_has_milliseconds_and_z(void **state)
{
    char buf[DAL_ISO8601_SIZE];
    dal_db *db = clocked_db();
    dal_arena a = DAL_ARENA_INIT;
    const char *s;
    (void)state;
    dal_iso8601_format(0, buf);
    assert_string_equal(buf, "1970-01-01T00:00:00.000Z");
    dal_iso8601_format(INT64_C(1795328177123), buf);
    assert_string_equal(buf, "2026-11-22T06:16:17.123Z");
    dal_iso8601_format(INT64_C(951782400000), buf);          /* leap day 2000 */
    assert_string_equal(buf, "2000-02-29T00:00:00.000Z");
    dal_iso8601_format(-1, buf);
    assert_string_equal(buf, "1969-12-31T23:59:59.999Z");
    fake_now = INT64_C(1795328177123);
    assert_int_equal(dal_now_ms(db), fake_now);
    assert_int_equal(dal_now_iso8601(db, &a, &s), DAL_OK);
    assert_string_equal(s, "2026-11-22T06:16:17.123Z");
    /* SQLite agrees on the format */
    {
        char q[128], back[32];
        snprintf(q, sizeof q, "SELECT strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', %lld / 1000.0, 'unixepoch')",
                 (long long)fake_now);
        rt_text(dal_sqlite(db), q, back, sizeof back);
        assert_string_equal(back, s);
    }
    dal_arena_free(&a);
    dal_close(db);
}

static void system_clock_is_near_sqlite_now(void **state)
{
    dal_db *db = rt_memdb();
    int64_t ours = dal_now_ms(db);
    int64_t theirs = rt_int(dal_sqlite(db), "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)");
    (void)state;
    assert_true(ours - theirs < 5000 && theirs - ours < 5000);
    dal_close(db);
}

static int64_t uuid_ms(const char *u)
{
    char hex[13];
    memcpy(hex, u, 8);
    memcpy(hex + 8, u + 9, 4);
    hex[12] = '\0';
    return (int64_t)strtoll(hex, NULL, 16);
}

static void uuid7_format(const char *u)
{
    size_t i;
    assert_int_equal(strlen(u), 36);
    for (i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) assert_int_equal(u[i], '-');
        else assert_non_null(strchr("0123456789abcdef", u[i]));
    }
    assert_int_equal(u[14], '7');
    assert_non_null(strchr("89ab", u[19]));
}

static void uuid7_is_ordered_over_time(void **state)
{
    dal_db *db = clocked_db();
    char prev[DAL_UUID_SIZE], cur[DAL_UUID_SIZE];
    int i;
    (void)state;
    fake_now = INT64_C(1795328177123);
    assert_int_equal(dal_uuid7_buf(db, prev), DAL_OK);
    uuid7_format(prev);
    assert_true(uuid_ms(prev) == fake_now);
    /* same millisecond 5000 times: the 12-bit counter carries into the ms */
    for (i = 0; i < 5000; i++) {
        assert_int_equal(dal_uuid7_buf(db, cur), DAL_OK);
        uuid7_format(cur);
        assert_true(strcmp(prev, cur) < 0);
        memcpy(prev, cur, sizeof cur);
    }
    assert_true(uuid_ms(cur) == fake_now + 1);
    /* the clock moves on, then jumps back: order still holds */
    fake_now += 1000;
    assert_int_equal(dal_uuid7_buf(db, cur), DAL_OK);
    assert_true(uuid_ms(cur) == fake_now);
    assert_true(strcmp(prev, cur) < 0);
    memcpy(prev, cur, sizeof cur);
    fake_now -= 10000;
    assert_int_equal(dal_uuid7_buf(db, cur), DAL_OK);
    assert_true(strcmp(prev, cur) < 0);
    dal_close(db);
}

/* One million ids from the real clock: each sorts after the one before,
 * which also proves there is no collision. */
static void uuid7_million_strictly_increasing(void **state)
{
    dal_db *db = rt_memdb();
    dal_arena a = DAL_ARENA_INIT;
    char prev[DAL_UUID_SIZE], cur[DAL_UUID_SIZE];
    const char *s;
    int i;
    (void)state;
    assert_int_equal(dal_uuid7_buf(db, prev), DAL_OK);
    for (i = 0; i < 1000000; i++) {
        assert_int_equal(dal_uuid7_buf(db, cur), DAL_OK);
        if (strcmp(prev, cur) >= 0) fail_msg("%s after %s", cur, prev);
        memcpy(prev, cur, sizeof cur);
    }
    uuid7_format(cur);
    assert_int_equal(dal_uuid7(db, &a, &s), DAL_OK);
    uuid7_format(s);
    dal_arena_free(&a);
    dal_close(db);
}

static int cmp_ids(const void *x, const void *y) { return memcmp(x, y, 21); }

static void nanoid_million_without_collision(void **state)
{
    dal_db *db = rt_memdb();
    size_t n = 1000000, i;
    char (*ids)[22] = malloc(n * sizeof *ids);
    (void)state;
    assert_non_null(ids);
    for (i = 0; i < n; i++) assert_int_equal(dal_nanoid_buf(db, DAL_NANOID_DEFAULT, ids[i]), DAL_OK);
    qsort(ids, n, sizeof *ids, cmp_ids);
    for (i = 1; i < n; i++)
        if (memcmp(ids[i - 1], ids[i], 21) == 0) fail_msg("collision: %s", ids[i]);
    free(ids);
    dal_close(db);
}

static void nanoid_length_and_alphabet(void **state)
{
    dal_db *db = rt_memdb();
    dal_arena a = DAL_ARENA_INIT;
    const char *s;
    int seen[256] = { 0 }, distinct = 0, i;
    size_t k;
    (void)state;
    assert_int_equal(dal_nanoid(db, DAL_NANOID_DEFAULT, &a, &s), DAL_OK);
    assert_int_equal(strlen(s), 21);
    assert_int_equal(dal_nanoid(db, 12, &a, &s), DAL_OK);
    assert_int_equal(strlen(s), 12);
    assert_int_equal(dal_nanoid(db, 100, &a, &s), DAL_OK);
    assert_int_equal(strlen(s), 100);
    assert_int_equal(dal_nanoid(db, 0, &a, &s), DAL_MISUSE);
    for (i = 0; i < 200; i++) {
        assert_int_equal(dal_nanoid(db, 21, &a, &s), DAL_OK);
        for (k = 0; k < 21; k++) {
            unsigned char c = (unsigned char)s[k];
            assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", c));
            if (!seen[c]++) distinct++;
        }
    }
    assert_int_equal(distinct, 64);  /* 4200 draws reach every symbol */
    dal_arena_free(&a);
    dal_close(db);
}

static void random_bytes_differ(void **state)
{
    dal_db *db = rt_memdb();
    unsigned char x[600], y[600];
    (void)state;
    assert_int_equal(dal_random(db, x, sizeof x), DAL_OK);  /* more than the pool */
    assert_int_equal(dal_random(db, y, sizeof y), DAL_OK);
    assert_memory_not_equal(x, y, sizeof x);
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iso8601_has_milliseconds_and_z),
        cmocka_unit_test(system_clock_is_near_sqlite_now),
        cmocka_unit_test(uuid7_is_ordered_over_time),
        cmocka_unit_test(uuid7_million_strictly_increasing),
        cmocka_unit_test(nanoid_million_without_collision),
        cmocka_unit_test(nanoid_length_and_alphabet),
        cmocka_unit_test(random_bytes_differ),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
