/* dg_diags: records collected, counted, moved between collectors and
 * printed once, grouped by file in the order files are first named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"

/* What dg_diags_print writes for d. */
static char *printed(dg_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    dg_diags_print(d, mem);
    fclose(mem);
    return text;
}

static void test_formats(void **state)
{
    (void)state;
    dg_diags d = DG_DIAGS_INIT;
    dg_error(&d, (dg_loc){"a.sql", 3, 7}, "bad %s", "thing");
    dg_warning(&d, (dg_loc){"a.sql", 4, 0}, "odd");
    dg_error(&d, (dg_loc){"dir", 0, 0}, "cannot write");
    dg_error_code(&d, "DESTRUCTIVE", "drops %d tables", 2);
    char *text = printed(&d);
    assert_string_equal(text, "a.sql:3:7: error: bad thing\n"
                              "a.sql:4:1: warning: odd\n"
                              "dir: error: cannot write\n"
                              "error: [DESTRUCTIVE] drops 2 tables\n");
    free(text);
    assert_int_equal(d.errors, 3);
    assert_int_equal(d.warnings, 1);
    dg_diags_free(&d);
}

/* A name holding a newline, a bidi override or a line separator cannot
 * break a diagnostic into lines or reorder what a terminal shows of it;
 * other non-ASCII text is printed as it is. */
static void test_one_line_in_order(void **state)
{
    (void)state;
    dg_diags d = DG_DIAGS_INIT;
    dg_error(&d, (dg_loc){"d\xe2\x80\xae.sql", 1, 2}, "table a\nb, c\xe2\x80\xae" "d, e\xe2\x80\xa8" "f, g\xc2\x85h, "
             "i\xe2\x81\xa6j, k\xe2\x80\x8fl, \xe4\xb8\xad\xc3\xa9\xe2\x82\xac");
    char *text = printed(&d);
    assert_string_equal(text, "d\\u{202E}.sql:1:2: error: table a\\nb, c\\u{202E}d, e\\u{2028}f, g\\u{0085}h, "
                              "i\\u{2066}j, k\\u{200F}l, \xe4\xb8\xad\xc3\xa9\xe2\x82\xac\n");
    free(text);
    dg_diags_free(&d);
}

static void test_sorted_by_file_in_order_of_first_mention_then_line(void **state)
{
    (void)state;
    char file_b[] = "b.sql";   /* a copy: files are compared by name */
    dg_diags d = DG_DIAGS_INIT;
    dg_warning(&d, (dg_loc){"b.sql", 9, 1}, "b1");
    dg_error(&d, (dg_loc){"a.sql", 5, 1}, "a1");
    dg_error_code(&d, "X", "n1");
    dg_warning(&d, (dg_loc){file_b, 2, 1}, "b2");
    dg_error(&d, (dg_loc){"a.sql", 1, 1}, "a2");
    dg_error_code(&d, "Y", "n2");
    char *text = printed(&d);
    assert_string_equal(text, "b.sql:2:1: warning: b2\n"
                              "b.sql:9:1: warning: b1\n"
                              "a.sql:1:1: error: a2\n"
                              "a.sql:5:1: error: a1\n"
                              "error: [X] n1\n"
                              "error: [Y] n2\n");
    free(text);
    dg_diags_free(&d);
}

static void test_printed_once_counts_kept(void **state)
{
    (void)state;
    dg_diags d = DG_DIAGS_INIT;
    char file[] = "t.sql";
    dg_error(&d, (dg_loc){file, 1, 1}, "once");
    file[0] = 'x';   /* the record holds its own copy */
    char *text = printed(&d);
    assert_string_equal(text, "t.sql:1:1: error: once\n");
    free(text);
    assert_int_equal(d.len, 0);
    assert_int_equal(d.errors, 1);
    text = printed(&d);
    assert_string_equal(text, "");
    free(text);
    dg_diags_free(&d);
}

static void test_move_appends_and_counts(void **state)
{
    (void)state;
    dg_diags into = DG_DIAGS_INIT, from = DG_DIAGS_INIT;
    dg_warning(&into, (dg_loc){"a.sql", 1, 1}, "first");
    dg_warning(&from, (dg_loc){"q.sql", 1, 1}, "printed before the move");
    char *text = printed(&from);
    free(text);
    dg_error(&from, (dg_loc){"q.sql", 2, 1}, "second");
    dg_diags_move(&into, &from);
    assert_int_equal(from.len, 0);
    assert_int_equal(from.errors + from.warnings, 0);
    assert_int_equal(into.errors, 1);
    assert_int_equal(into.warnings, 2);
    text = printed(&into);
    assert_string_equal(text, "a.sql:1:1: warning: first\nq.sql:2:1: error: second\n");
    free(text);
    dg_diags_free(&into);
}

static void test_set_loc(void **state)
{
    (void)state;
    dg_diags d = DG_DIAGS_INIT;
    dg_error(&d, (dg_loc){"(DDL of m.h)", 3, 1}, "moved");
    dg_diag_set_loc(&d.items[0], (dg_loc){"m.h", 12, 5});
    dg_diag_set_loc(&d.items[0], d.items[0].loc);   /* its own file */
    char *text = printed(&d);
    assert_string_equal(text, "m.h:12:5: error: moved\n");
    free(text);
    dg_diags_free(&d);
}

/* A note is printed as one but counted nowhere: --Werror ignores it. */
static void test_note_not_counted(void **state)
{
    (void)state;
    dg_diags d = DG_DIAGS_INIT;
    dg_note(&d, (dg_loc){"sqlc.yaml", 5, 9}, "'emit_json_tags' is ignored");
    dg_warning(&d, (dg_loc){"sqlc.yaml", 6, 1}, "odd");
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1);
    char *text = printed(&d);
    assert_string_equal(text, "sqlc.yaml:5:9: note: 'emit_json_tags' is ignored\n"
                              "sqlc.yaml:6:1: warning: odd\n");
    free(text);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_one_line_in_order),
        cmocka_unit_test(test_note_not_counted),
        cmocka_unit_test(test_sorted_by_file_in_order_of_first_mention_then_line),
        cmocka_unit_test(test_printed_once_counts_kept),
        cmocka_unit_test(test_move_appends_and_counts),
        cmocka_unit_test(test_set_loc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
