/* The type warnings (analysis/typecheck) through dg_generate: a config's
 * overrides are applied first, so they silence a warning (or cause one)
 * just as a `-- @type` on the column does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/generate.h"

static const char *const schema =
    "CREATE TABLE account (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  config NUMERIC DEFAULT '{}',\n"
    "  n INTEGER DEFAULT 0\n"
    ");\n";

/* What dg_generate reports for `schema` with overrides ov[0, n) (printed),
 * and its status in *rc. */
static char *generate(const dg_override *ov, size_t n, int *rc)
{
    dg_sources src = {0};
    dg_sources_add_text(&src, "t.sql", schema, strlen(schema));
    dg_overrides v = {0};
    for (size_t i = 0; i < n; i++) DG_VEC_PUSH(&v, ov[i]);   /* borrowed: not freed one by one */
    dg_generate_opts o;
    memset(&o, 0, sizeof o);
    o.schema = &src;
    o.view.prefix = "p";
    o.view.singularize = true;
    o.overrides = &v;
    dg_outputs out = {0};
    dg_diags d = DG_DIAGS_INIT;
    *rc = dg_generate(&o, &out, &d);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    dg_diags_print(&d, mem);
    fclose(mem);
    dg_outputs_free(&out);
    free(v.items);
    dg_sources_free(&src);
    return text;
}

static void test_warns_without_override(void **state)
{
    (void)state;
    int rc;
    char *text = generate(NULL, 0, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "t.sql:3:3: warning: column 'account.config' (declared 'NUMERIC') is read as double, "
                              "but its DEFAULT '{}' is text; type it with '-- @type text' or the override "
                              "'{column: account.config, c_type: text}'\n");
    free(text);
}

static void test_column_override_silences(void **state)
{
    (void)state;
    dg_override ov = {.column = "account.config", .c_type = "text", .nullable = -1};
    int rc;
    char *text = generate(&ov, 1, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "");
    free(text);
}

static void test_db_type_override_silences(void **state)
{
    (void)state;
    dg_override ov = {.db_type = "numeric", .c_type = "const char *", .nullable = -1};
    int rc;
    char *text = generate(&ov, 1, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "");
    free(text);
}

static void test_lenient_read_silences(void **state)
{
    (void)state;
    dg_override ov = {.column = "account.config", .read = "lenient", .nullable = -1};
    int rc;
    char *text = generate(&ov, 1, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "");
    free(text);
}

static void test_override_that_contradicts_warns(void **state)
{
    (void)state;
    dg_override ov[] = {{.column = "account.config", .c_type = "text", .nullable = -1},
                        {.column = "account.n", .c_type = "text", .nullable = -1}};
    int rc;
    char *text = generate(ov, 2, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "t.sql:4:3: warning: column 'account.n' (declared 'INTEGER') is read as text, "
                              "but its DEFAULT 0 is an integer; type it with '-- @type int64' or the override "
                              "'{column: account.n, c_type: int64}'\n");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_warns_without_override),
        cmocka_unit_test(test_column_override_silences),
        cmocka_unit_test(test_db_type_override_silences),
        cmocka_unit_test(test_lenient_read_silences),
        cmocka_unit_test(test_override_that_contradicts_warns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
