/* dg_loc_cursor: the same locations as dg_loc_at, whatever the order of the
 * offsets asked (increasing, repeated, going back, past a NUL byte). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"

/* Lines, tabs, multi-byte UTF-8 (é, €, 😀), CRLF, and a NUL byte near the end. */
static const char text[] = "CREATE TABLE t (\n  a INT, -- caf\xC3\xA9\r\n  b TEXT\t-- \xE2\x82\xAC \xF0\x9F\x98\x80\n);\n\n"
                           "SELECT 1;\0after the NUL\n";

static void same_as_loc_at(dg_loc_cursor *c, size_t off, dg_loc base)
{
    dg_loc want = dg_loc_at(text, off, base);
    dg_loc got = dg_loc_cursor_at(c, off);
    assert_ptr_equal(got.file, want.file);
    assert_int_equal(got.line, want.line);
    assert_int_equal(got.col, want.col);
}

static void test_increasing(void **state)
{
    (void)state;
    dg_loc base = {"a.sql", 1, 1};
    dg_loc_cursor c;
    dg_loc_cursor_init(&c, text, base);
    for (size_t off = 0; off < sizeof text + 3; off++) same_as_loc_at(&c, off, base);
}

static void test_known_values(void **state)
{
    (void)state;
    dg_loc base = {"a.sql", 1, 1};
    dg_loc_cursor c;
    dg_loc_cursor_init(&c, text, base);
    const char *b = strstr(text, "b TEXT");
    dg_loc l = dg_loc_cursor_at(&c, (size_t)(b - text));
    assert_int_equal(l.line, 3);
    assert_int_equal(l.col, 3);
    const char *sel = strstr(text, "SELECT");
    l = dg_loc_cursor_at(&c, (size_t)(sel - text) + 3);
    assert_int_equal(l.line, 6);
    assert_int_equal(l.col, 4);
    l = dg_loc_cursor_at(&c, sizeof text - 2);   /* past the NUL: counting stopped there */
    assert_int_equal(l.line, 6);
    assert_int_equal(l.col, 10);
}

static void test_any_order(void **state)
{
    (void)state;
    dg_loc base = {"b.sql", 7, 5};   /* a text that starts inside a file */
    dg_loc_cursor c;
    dg_loc_cursor_init(&c, text, base);
    unsigned seed = 12345;
    for (int i = 0; i < 2000; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t off = (seed >> 8) % (sizeof text + 2);
        same_as_loc_at(&c, off, base);
        same_as_loc_at(&c, off, base);   /* the same offset again */
    }
}

static void test_zero_base(void **state)
{
    (void)state;
    dg_loc base = {NULL, 0, 0};   /* like dg_loc_at: line and column start at 1 */
    dg_loc_cursor c;
    dg_loc_cursor_init(&c, text, base);
    for (size_t off = sizeof text; off-- > 0;) same_as_loc_at(&c, off, base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_increasing),
        cmocka_unit_test(test_known_values),
        cmocka_unit_test(test_any_order),
        cmocka_unit_test(test_zero_base),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
