/* Unit tests of the API differ on APIs built by hand (no libclang). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/apidiff/apidiff.h"
#include "util/buf.h"

static void item(dg_api *a, int kind, const char *owner, const char *name, const char *type, int line)
{
    dg_api_item *it = DG_VEC_ADD(&a->items[kind]);
    it->owner = dg_xstrdup(owner);
    it->name = dg_xstrdup(name);
    it->type = dg_xstrdup(type);
    it->text = owner ? dg_xprintf("%s.%s (%s)", owner, name, type) : dg_xprintf("%s %s", type, name);
    it->loc.file = "h.h";
    it->loc.line = line;
}

static char *diff(const dg_api *a, const dg_api *b, dg_api_diff_counts *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    dg_api_diff(a, b, out, c);
    fclose(out);
    return buf;
}

static void identical_apis_have_no_differences(void **state)
{
    (void)state;
    dg_api a = {0};
    item(&a, DG_API_FUNCTIONS, NULL, "f", "int (int)", 1);
    item(&a, DG_API_FIELDS, "struct s", "x", "int", 2);
    dg_api_diff_counts c;
    char *out = diff(&a, &a, &c);
    assert_string_equal(out, "no API differences\n");
    assert_int_equal(c.added + c.removed + c.changed, 0);
    free(out);
    dg_api_free(&a);
}

static void removed_changed_and_added_are_grouped(void **state)
{
    (void)state;
    dg_api a = {0}, b = {0};
    item(&a, DG_API_FUNCTIONS, NULL, "gone", "int (void)", 3);
    item(&a, DG_API_FUNCTIONS, NULL, "kept", "int (long)", 4);
    item(&a, DG_API_FIELDS, "struct s", "x", "int", 8);
    item(&b, DG_API_FUNCTIONS, NULL, "kept", "int (double)", 5);
    item(&b, DG_API_FUNCTIONS, NULL, "fresh", "void (void)", 6);
    item(&b, DG_API_FIELDS, "struct s", "x", "int", 9);
    item(&b, DG_API_FIELDS, "struct t", "x", "int", 12);
    dg_api_diff_counts c;
    char *out = diff(&a, &b, &c);
    assert_string_equal(out,
                        "functions removed (1):\n"
                        "  h.h:3: int (void) gone\n"
                        "functions changed (1):\n"
                        "  h.h:5: int (double) kept\n"
                        "    was h.h:4: int (long) kept\n"
                        "functions added (1):\n"
                        "  h.h:6: void (void) fresh\n"
                        "fields added (1):\n"
                        "  h.h:12: struct t.x (int)\n"
                        "1 removed, 1 changed, 2 added: breaking\n");
    assert_int_equal(c.removed, 1);
    assert_int_equal(c.changed, 1);
    assert_int_equal(c.added, 2);
    free(out);
    dg_api_free(&a);
    dg_api_free(&b);
}

static void only_additions_are_not_breaking(void **state)
{
    (void)state;
    dg_api a = {0}, b = {0};
    item(&b, DG_API_ENUM_VALUES, "enum e", "E_NEW", "3", 2);
    dg_api_diff_counts c;
    char *out = diff(&a, &b, &c);
    assert_string_equal(out, "enum values added (1):\n  h.h:2: enum e.E_NEW (3)\n0 removed, 0 changed, 1 added\n");
    assert_int_equal(c.removed + c.changed, 0);
    free(out);
    dg_api_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_apis_have_no_differences),
        cmocka_unit_test(removed_changed_and_added_are_grouped),
        cmocka_unit_test(only_additions_are_not_breaking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
