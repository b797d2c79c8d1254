/* Unit tests of libdal's validation helpers (dal_validate.h). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dal_validate.h"

static void errors_collect_every_violation_in_order(void **state)
{
    (void)state;
    dal_errors e = DAL_ERRORS_INIT;
    for (int i = 0; i < 20; i++)
        assert_int_equal(dal_errors_add(&e, "users", "email", DAL_RULE_MAX_LENGTH,
                                        "must be at most %d characters", 64 + i), 1);
    dal_errors_add(&e, "users", NULL, DAL_RULE_CHECK, "must satisfy CHECK (a < b)");
    assert_int_equal(dal_errors_count(&e), 21);
    const dal_violation *v = dal_errors_get(&e, 0);
    assert_string_equal(v->table, "users");
    assert_string_equal(v->field, "email");
    assert_string_equal(v->rule, "max_length");
    assert_string_equal(v->message, "users.email: must be at most 64 characters");
    assert_string_equal(dal_errors_get(&e, 19)->message, "users.email: must be at most 83 characters");
    assert_string_equal(dal_errors_get(&e, 20)->message, "users: must satisfy CHECK (a < b)");
    assert_null(dal_errors_get(&e, 21));
    assert_ptr_equal(dal_errors_find(&e, "", "check"), dal_errors_get(&e, 20));
    assert_null(dal_errors_find(&e, "email", "utf8"));
    dal_errors_clear(&e);
    assert_int_equal(dal_errors_count(&e), 0);
    dal_errors_add(&e, "t", "c", DAL_RULE_UTF8, "must be valid UTF-8");
    assert_string_equal(dal_errors_get(&e, 0)->message, "t.c: must be valid UTF-8");
    dal_errors_free(&e);
    dal_errors_free(&e);
    dal_errors_free(NULL);
    assert_int_equal(dal_errors_add(NULL, "t", "c", "x", "y"), 1);
    assert_int_equal(dal_errors_count(NULL), 0);
}

static void three_valued_logic_matches_sql(void **state)
{
    (void)state;
    const int v[] = {1, 0, -1};
    const int and_[3][3] = {{1, 0, -1}, {0, 0, 0}, {-1, 0, -1}};
    const int or_[3][3] = {{1, 1, 1}, {1, 0, -1}, {1, -1, -1}};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            assert_int_equal(dal_sql_and(v[i], v[j]), and_[i][j]);
            assert_int_equal(dal_sql_or(v[i], v[j]), or_[i][j]);
        }
    assert_int_equal(dal_sql_not(1), 0);
    assert_int_equal(dal_sql_not(0), 1);
    assert_int_equal(dal_sql_not(-1), -1);
}

static void text_comparison_follows_collations(void **state)
{
    (void)state;
    assert_true(dal_sql_cmp_text("abc", "abd", DAL_COLL_BINARY) < 0);
    assert_true(dal_sql_cmp_text("ab", "abc", DAL_COLL_BINARY) < 0);
    assert_true(dal_sql_cmp_text("B", "a", DAL_COLL_BINARY) < 0);
    assert_true(dal_sql_cmp_text("B", "a", DAL_COLL_NOCASE) > 0);
    assert_int_equal(dal_sql_cmp_text("ABC", "abc", DAL_COLL_NOCASE), 0);
    assert_true(dal_sql_cmp_text("\xc3\x89", "\xc3\xa9", DAL_COLL_NOCASE) != 0);
    assert_int_equal(dal_sql_cmp_text("a  ", "a", DAL_COLL_RTRIM), 0);
    assert_true(dal_sql_cmp_text("a  ", "a", DAL_COLL_BINARY) > 0);
    assert_true(dal_sql_cmp_text("\xff", "a", DAL_COLL_BINARY) > 0);
}

static void integer_real_comparison_is_exact(void **state)
{
    (void)state;
    assert_int_equal(dal_sql_cmp_int_real(3, 3.0), 0);
    assert_true(dal_sql_cmp_int_real(3, 3.5) < 0);
    assert_true(dal_sql_cmp_int_real(-3, -2.5) < 0);
    assert_true(dal_sql_cmp_int_real(-2, -2.5) > 0);
    /* 2^53 + 1 rounds to 2^53 as a double: still greater. */
    assert_true(dal_sql_cmp_int_real(9007199254740993LL, 9007199254740992.0) > 0);
    assert_true(dal_sql_cmp_int_real(INT64_MAX, 9223372036854775808.0) < 0);
    assert_true(dal_sql_cmp_int_real(INT64_MIN, -9223372036854775808.0) == 0);
    assert_true(dal_sql_cmp_int_real(INT64_MIN, -1e300) > 0);
    assert_true(dal_sql_real_is_int(3.0));
    assert_true(dal_sql_real_is_int(-0.0));
    assert_false(dal_sql_real_is_int(3.5));
    assert_false(dal_sql_real_is_int(-9223372036854775808.0));
    assert_false(dal_sql_real_is_int(1e300));
}

static void length_counts_like_sqlite(void **state)
{
    (void)state;
    assert_int_equal(dal_sql_length(""), 0);
    assert_int_equal(dal_sql_length("abc"), 3);
    assert_int_equal(dal_sql_length("\xc3\xa9t\xc3\xa9"), 3);
    assert_int_equal(dal_sql_length("\xf0\x9f\x98\x80"), 1);
    assert_int_equal(dal_sql_length("\x80\x80"), 2);  /* stray continuation bytes */
    assert_int_equal(dal_sql_length_int(0), 1);
    assert_int_equal(dal_sql_length_int(-120), 4);
    assert_int_equal(dal_sql_length_int(INT64_MIN), 20);
    static const char *numeric[] = {"0", "-1", "+2", " 12 ", "1.", ".5", "1e5", "1E+5", "2.5e-3", "\t7\n", "00"};
    static const char *text[] = {"", " ", "-", ".", "e5", "1e", "1e+", "0x10", "2024-05-01", "1 2", "1,5", "Inf", "NaN", "5x"};
    for (size_t i = 0; i < sizeof numeric / sizeof *numeric; i++) assert_true(dal_sql_text_is_numeric(numeric[i]));
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) assert_false(dal_sql_text_is_numeric(text[i]));
    assert_true(dal_sql_trim_empty(""));
    assert_true(dal_sql_trim_empty("   "));
    assert_false(dal_sql_trim_empty(" x "));
    assert_false(dal_sql_trim_empty("\t"));
}

static void like_and_glob_follow_sqlite_case_rules(void **state)
{
    (void)state;
    assert_true(dal_sql_like("%TRAIL%", "Trailers", 0));
    assert_true(dal_sql_like("a_c", "ABC", 0));
    assert_false(dal_sql_like("\xc3\xa9", "\xc3\x89", 0));  /* only ASCII folds */
    assert_true(dal_sql_like("100!%", "100%", '!'));
    assert_false(dal_sql_like("100!%", "1000", '!'));
    assert_true(dal_sql_glob("a*[0-9]", "abc7"));
    assert_false(dal_sql_glob("A*", "abc"));
    assert_true(dal_sql_glob("?", "\xc3\xa9"));
}

static void utf8_validity_is_strict(void **state)
{
    (void)state;
    assert_true(dal_text_valid_utf8(NULL));
    assert_true(dal_text_valid_utf8(""));
    assert_true(dal_text_valid_utf8("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"));
    assert_false(dal_text_valid_utf8("\x80"));
    assert_false(dal_text_valid_utf8("\xc0\xaf"));           /* overlong '/' */
    assert_false(dal_text_valid_utf8("\xe0\x80\xaf"));       /* overlong */
    assert_false(dal_text_valid_utf8("\xed\xa0\x80"));       /* surrogate */
    assert_false(dal_text_valid_utf8("\xf4\x90\x80\x80"));   /* > U+10FFFF */
    assert_false(dal_text_valid_utf8("\xc3"));               /* truncated */
    assert_false(dal_text_valid_utf8("\xe2\x82"));
    assert_false(dal_text_valid_utf8("\xff"));
    assert_int_equal(dal_text_chars("h\xc3\xa9llo"), 5);
    assert_int_equal(dal_text_chars(""), 0);
    /* PostgreSQL's varchar(n)/char(n): excess trailing spaces do not count */
    assert_int_equal(dal_text_chars_trimmed("h\xc3\xa9  "), 2);
    assert_int_equal(dal_text_chars_trimmed(" a \t "), 4);
    assert_int_equal(dal_text_chars_trimmed("   "), 0);
    assert_int_equal(dal_text_chars_trimmed("a\xc2\xa0"), 2);   /* U+00A0 is no space */
}

static void formats_accept_and_reject(void **state)
{
    (void)state;
    assert_true(dal_format_email("a.b+c@example.co.uk"));
    assert_false(dal_format_email("a@localhost"));
    assert_false(dal_format_email("a..b@example.com"));
    assert_false(dal_format_email("@example.com"));
    assert_false(dal_format_email("a@b@example.com"));
    assert_false(dal_format_email("a@-x.com"));
    assert_false(dal_format_email("a b@example.com"));
    assert_true(dal_format_url("https://example.com/a?b=c#d"));
    assert_true(dal_format_url("http://user@host:8080"));
    assert_false(dal_format_url("example.com"));
    assert_false(dal_format_url("http://"));
    assert_false(dal_format_url("http://a b"));
    assert_true(dal_format_uuid("0190a6f2-7c3b-7def-8123-456789ABCDEF"));
    assert_false(dal_format_uuid("0190a6f2-7c3b-7def-8123-456789ABCDEG"));
    assert_false(dal_format_uuid("0190a6f27c3b7def8123456789abcdef"));
    assert_true(dal_format_date("2024-02-29"));
    assert_false(dal_format_date("2023-02-29"));
    assert_false(dal_format_date("1900-02-29"));
    assert_true(dal_format_date("2000-02-29"));
    assert_false(dal_format_date("2024-13-01"));
    assert_false(dal_format_date("2024-1-01"));
    assert_true(dal_format_time("23:59"));
    assert_true(dal_format_time("23:59:59.123"));
    assert_false(dal_format_time("24:00"));
    assert_false(dal_format_time("12:00:"));
    assert_true(dal_format_datetime("2024-05-01T12:00:00Z"));
    assert_true(dal_format_datetime("2024-05-01 12:00:00.5+02:00"));
    assert_true(dal_format_datetime("2024-05-01 12:00"));
    assert_false(dal_format_datetime("2024-05-01"));
    assert_false(dal_format_datetime("2024-05-01T12:00:00+2"));
    assert_true(dal_format_json("{\"a\": [1, -2.5e3, true, null, \"\\u00e9\"]}"));
    assert_true(dal_format_json(" 0 "));
    assert_false(dal_format_json("{\"a\": 1,}"));
    assert_false(dal_format_json("01"));
    assert_false(dal_format_json("[1] [2]"));
    assert_false(dal_format_json("\"a\tb\""));
    assert_false(dal_format_json(""));
    /* jsonb: what PostgreSQL stores of JSON */
    assert_true(dal_format_jsonb("[\"\\ud83d\\ude00\", 1e131071, 1e-16383, 0e200000, \"\\\\u0000\"]"));
    assert_false(dal_format_jsonb("\"\\u0000\""));
    assert_false(dal_format_jsonb("\"\\ud800\""));
    assert_false(dal_format_jsonb("\"\\udc00\\ud800\""));
    assert_false(dal_format_jsonb("1e131072"));
    assert_false(dal_format_jsonb("{\"a\": 1.0e-16383}"));
    assert_false(dal_format_jsonb("0e-16384"));
    assert_false(dal_format_jsonb("0e99999999999"));
    assert_false(dal_format_jsonb("{"));
    for (int f = 0; f < 7; f++) {
        bool (*fns[])(const char *) = {dal_format_email, dal_format_url, dal_format_uuid,
                                       dal_format_date, dal_format_time, dal_format_datetime,
                                       dal_format_json};
        assert_false(fns[f](NULL));
    }
}

static void json_nesting_is_bounded(void **state)
{
    (void)state;
    static char deep[4100];
    memset(deep, '[', 2000);
    memset(deep + 2000, ']', 2000);
    deep[4000] = '\0';
    assert_true(dal_format_json(deep));
    memset(deep, '[', 2001);
    memset(deep + 2001, ']', 2001);
    deep[4002] = '\0';
    assert_false(dal_format_json(deep));
}

static void patterns_compile_once_and_match(void **state)
{
    (void)state;
    static dal_pattern p = DAL_PATTERN_INIT("^[a-z]+-[0-9]{2,3}$");
    assert_int_equal(dal_pattern_match(&p, "abc-12"), 1);
    void *compiled = p.compiled;
    assert_non_null(compiled);
    assert_int_equal(dal_pattern_match(&p, "abc-1"), 0);
    assert_int_equal(dal_pattern_match(&p, "ABC-12"), 0);
    assert_ptr_equal(p.compiled, compiled);
    static dal_pattern bad = DAL_PATTERN_INIT("a(");
    assert_int_equal(dal_pattern_match(&bad, "a("), -1);
    assert_int_equal(dal_pattern_match(&bad, "a("), -1);
}

static dal_pattern shared = DAL_PATTERN_INIT("^(ab)+[0-9]$");

static void *match_many(void *arg)
{
    long ok = 0;
    for (int i = 0; i < 2000; i++)
        ok += dal_pattern_match(&shared, i % 2 ? "abab7" : "aba7") == (i % 2 ? 1 : 0);
    *(long *)arg = ok;
    return NULL;
}

static void patterns_are_shared_by_threads(void **state)
{
    (void)state;
    pthread_t th[8];
    long ok[8];
    for (int i = 0; i < 8; i++) assert_int_equal(pthread_create(&th[i], NULL, match_many, &ok[i]), 0);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(ok[i], 2000);
    }
    assert_int_equal(shared.state, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(errors_collect_every_violation_in_order),
        cmocka_unit_test(three_valued_logic_matches_sql),
        cmocka_unit_test(text_comparison_follows_collations),
        cmocka_unit_test(integer_real_comparison_is_exact),
        cmocka_unit_test(length_counts_like_sqlite),
        cmocka_unit_test(like_and_glob_follow_sqlite_case_rules),
        cmocka_unit_test(utf8_validity_is_strict),
        cmocka_unit_test(formats_accept_and_reject),
        cmocka_unit_test(json_nesting_is_bounded),
        cmocka_unit_test(patterns_compile_once_and_match),
        cmocka_unit_test(patterns_are_shared_by_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
