/* unit.mprogress: what `dalgen migrate apply|down|reset` shows while the
 * runner works (migrations/mprogress.h), written to a temporary file: plain
 * lines when not a terminal; in terminal form the line redrawn with \r and
 * an erase, cut to the width (80 columns when the stream does not say) at a
 * character boundary, blanks and control characters folded, the final `;`
 * dropped, a rebuild's copy named, the ticker advancing the time, and the
 * line ended when the run stops in the middle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "migrations/mprogress.h"

static char *contents(FILE *f)
{
    long n = ftell(f);
    char *s = calloc(1, (size_t)n + 1);
    rewind(f);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    return s;
}

static void test_plain_lines(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    dal_migration m = {3, "0003_index", "", NULL, "x"};
    dg_mprogress *p = dg_mprogress_start(f, false, false);
    dg_mprogress_statement(p, &m, 1, 2, "CREATE INDEX a ON t (a);");
    dg_mprogress_statement(p, &m, 2, 2, "CREATE INDEX b ON t (b);");
    dg_mprogress_done(p, &m, 1568);
    dg_mprogress_stop(p);
    char *s = contents(f);
    assert_string_equal(s, "0003_index: applying (2 statements)\n0003_index: applied in 1568 ms\n");
    free(s);
    fclose(f);

    f = tmpfile();
    p = dg_mprogress_start(f, false, true);
    dg_mprogress_statement(p, &m, 1, 1, "DROP INDEX a;");
    dg_mprogress_done(p, &m, 5);
    dg_mprogress_stop(p);
    s = contents(f);
    assert_string_equal(s, "0003_index: reverting (1 statement)\n0003_index: reverted in 5 ms\n");
    free(s);
    fclose(f);
}

static void test_terminal_line(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    dal_migration m = {1, "0001_init", "", NULL, "x"};
    dg_mprogress *p = dg_mprogress_start(f, true, false);
    dg_mprogress_statement(p, &m, 1, 3, "-- make t\n/* a comment */ CREATE TABLE t (\n\ta\tinteger\n);");
    dg_mprogress_statement(p, &m, 2, 3, "-- copy rows of t\nINSERT INTO t SELECT * FROM old;");
    /* 60 two-byte characters: the line is cut at 79 columns, between characters */
    char sql[200] = "SELECT '";
    for (int i = 0; i < 60; i++) strcat(sql, "\xc3\xa9");
    strcat(sql, "';");
    dg_mprogress_statement(p, &m, 3, 3, sql);
    dg_mprogress_done(p, &m, 12);
    dg_mprogress_stop(p);
    char *s = contents(f);
    assert_non_null(strstr(s, "\r\033[K0001_init: statement 1 of 3, 0.0 s: CREATE TABLE t ( a integer )\r"));
    assert_non_null(strstr(s, "\r\033[K0001_init: statement 2 of 3, 0.0 s: copying table t\r"));
    const char *third = strstr(s, "statement 3 of 3");
    assert_non_null(third);
    third -= strlen("0001_init: ");
    const char *end = strchr(third, '\r');
    assert_non_null(end);
    size_t chars = 0;
    for (const char *c = third; c < end; c++) chars += ((unsigned char)*c & 0xC0) != 0x80;
    assert_int_equal(chars, 79);
    assert_true(((unsigned char)end[-1] & 0xC0) == 0x80 || (unsigned char)end[-1] < 0x80);
    assert_int_equal((unsigned char)end[-2], 0xc3);   /* a whole é last */
    size_t n = strlen(s);   /* erased when done; the caller prints the result */
    assert_true(n > 4 && !strcmp(s + n - 4, "\r\033[K"));
    free(s);
    fclose(f);
}

static void test_ticker_and_stop(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    dal_migration m = {2, "0002_slow", "", NULL, "x"};
    dg_mprogress *p = dg_mprogress_start(f, true, false);
    dg_mprogress_statement(p, &m, 1, 1, "SELECT pg_sleep(1)");
    struct timespec ts = {0, 700 * 1000000L};
    nanosleep(&ts, NULL);
    dg_mprogress_stop(p);   /* a failure: the line is ended */
    char *s = contents(f);
    assert_non_null(strstr(s, "0002_slow: statement 1 of 1, 0.0 s: SELECT pg_sleep(1)"));
    const char *later = strstr(s, "0002_slow: statement 1 of 1, 0.");   /* redrawn with the time advanced */
    while (later && later[31] == '0') later = strstr(later + 1, "0002_slow: statement 1 of 1, 0.");
    assert_non_null(later);
    assert_non_null(strstr(later, " s: SELECT pg_sleep(1)"));
    assert_int_equal(s[strlen(s) - 1], '\n');
    free(s);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_lines),
        cmocka_unit_test(test_terminal_line),
        cmocka_unit_test(test_ticker_and_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
