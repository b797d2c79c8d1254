/* Unit tests of the DAL annotation parser and argument checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "frontend/clang/clang_anns.h"

static dg_cann parsed(const char *text)
{
    dg_cann a;
    dg_loc loc = {"m.h", 3, 7};
    assert_int_equal(dg_cann_parse(text, loc, &a), 0);
    return a;
}

/* Runs dg_cann_check and returns what it printed. */
static char *check(const char *text, int where, int *rc)
{
    dg_cann a = parsed(text);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    dg_diags d = DG_DIAGS_INIT;
    *rc = dg_cann_check(&a, where, &d);
    dg_diags_print(&d, out);
    fclose(out);
    assert_int_equal(d.errors, *rc ? 1 : 0);
    dg_cann_free(&a);
    return buf;
}

static void parse_splits_key_and_arguments(void **state)
{
    (void)state;
    dg_cann a = parsed("dal:references=users\x1fid");
    assert_string_equal(a.key, "references");
    assert_string_equal(a.arg1, "users");
    assert_string_equal(a.arg2, "id");
    assert_int_equal(a.loc.line, 3);
    dg_cann_free(&a);
    a = parsed("dal:pk");
    assert_string_equal(a.key, "pk");
    assert_null(a.arg1);
    dg_cann_free(&a);
    a = parsed("dal:check=a = b");
    assert_string_equal(a.key, "check");
    assert_string_equal(a.arg1, "a = b");
    assert_null(a.arg2);
    dg_cann_free(&a);
}

static void parse_ignores_other_annotations(void **state)
{
    (void)state;
    dg_cann a;
    dg_loc loc = {NULL, 0, 0};
    assert_int_equal(dg_cann_parse("lint:ignore", loc, &a), -1);
}

static void check_accepts_and_normalises_fk_actions(void **state)
{
    (void)state;
    dg_cann a = parsed("dal:on_delete=set null");
    dg_diags d = DG_DIAGS_INIT;
    assert_int_equal(dg_cann_check(&a, DG_ANN_COLUMN, &d), 0);
    assert_string_equal(a.arg1, "SET NULL");
    dg_cann_free(&a);
}

static void check_reports_bad_arguments_at_the_annotation(void **state)
{
    (void)state;
    int rc;
    char *msg = check("dal:on_delete=EXPLODE", DG_ANN_COLUMN, &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(msg, "m.h:3:7: error: bad argument of DAL_ON_DELETE: must be one of CASCADE, SET NULL, "
                             "SET DEFAULT, RESTRICT, NO ACTION\n");
    free(msg);
    msg = check("dal:table=", DG_ANN_TABLE, &rc);
    assert_string_equal(msg, "m.h:3:7: error: bad argument of DAL_TABLE: must not be empty\n");
    free(msg);
    msg = check("dal:annotate=Key\x1fv", DG_ANN_COLUMN, &rc);
    assert_string_equal(msg, "m.h:3:7: error: bad argument of DAL_ANNOTATE: key must be lower-case letters, digits and _\n");
    free(msg);
    msg = check("dal:frobnicate", DG_ANN_COLUMN, &rc);
    assert_string_equal(msg, "m.h:3:7: error: unknown annotation 'dal:frobnicate' (see dal_annotate.h)\n");
    free(msg);
}

static void check_keeps_expressions_single(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "dal:check=a > 0, b TEXT", "dal:check=(a > 0", "dal:check=a > 0)", "dal:default=1; DROP TABLE t",
        "dal:default=1 -- x", "dal:check='open", "dal:check=  ",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc;
        free(check(bad[i], DG_ANN_COLUMN, &rc));
        assert_int_equal(rc, -1);
    }
    static const char *const good[] = {
        "dal:check=a IN (1, 2, 3)", "dal:default=(datetime('now'))", "dal:default='a, b; c'", "dal:check=length(x) > 0",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int rc;
        free(check(good[i], DG_ANN_COLUMN, &rc));
        assert_int_equal(rc, 0);
    }
}

static void check_knows_where_annotations_go(void **state)
{
    (void)state;
    int rc;
    char *msg = check("dal:pk", DG_ANN_TABLE, &rc);
    assert_string_equal(msg, "m.h:3:7: error: DAL_PK is a column (field) annotation: it does not apply to a struct\n");
    free(msg);
    msg = check("dal:strict", DG_ANN_COLUMN, &rc);
    assert_string_equal(msg, "m.h:3:7: error: DAL_STRICT is a table (struct) annotation: it does not apply to a field\n");
    free(msg);
    free(check("dal:check=x > 0", DG_ANN_TABLE, &rc));
    assert_int_equal(rc, 0);
    free(check("dal:check=x > 0", DG_ANN_COLUMN, &rc));
    assert_int_equal(rc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_splits_key_and_arguments),
        cmocka_unit_test(parse_ignores_other_annotations),
        cmocka_unit_test(check_accepts_and_normalises_fk_actions),
        cmocka_unit_test(check_reports_bad_arguments_at_the_annotation),
        cmocka_unit_test(check_keeps_expressions_single),
        cmocka_unit_test(check_knows_where_annotations_go),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
