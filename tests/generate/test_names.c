/* Unit tests of the C naming rules (generator/c/names.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "c/names.h"

#define CHECK(fn, in, expected)                 \
    do {                                        \
        char *got_ = fn(in);                    \
        assert_string_equal(got_, expected);    \
        free(got_);                             \
    } while (0)

static void snake_case_splits_camel_case_and_replaces_other_characters(void **state)
{
    (void)state;
    CHECK(dg_snake_case, "InvoiceLine", "invoice_line");
    CHECK(dg_snake_case, "HTTPCode", "http_code");
    CHECK(dg_snake_case, "userID2Name", "user_id2_name");
    CHECK(dg_snake_case, "Order Details", "order_details");
    CHECK(dg_snake_case, "a.b/c\"d'e-f", "a_b_c_d_e_f");
    CHECK(dg_snake_case, "__x__", "x");
    CHECK(dg_snake_case, "caf\xc3\xa9", "caf_u00e9");
    CHECK(dg_snake_case, "\xe6\x97\xa5", "u65e5");
    CHECK(dg_snake_case, "???", "unnamed");
}

static void singular_handles_regular_and_irregular_plurals(void **state)
{
    (void)state;
    CHECK(dg_singular, "users", "user");
    CHECK(dg_singular, "addresses", "address");
    CHECK(dg_singular, "categories", "category");
    CHECK(dg_singular, "status", "status");
    CHECK(dg_singular, "people", "person");
    CHECK(dg_singular, "boxes", "box");
    CHECK(dg_singular, "matches", "match");
    CHECK(dg_singular, "post_tags", "post_tag");
    CHECK(dg_singular, "user_children", "user_child");
    CHECK(dg_singular, "analysis", "analysis");
    CHECK(dg_singular, "series", "series");
    CHECK(dg_singular, "data", "data");
    CHECK(dg_singular, "class", "class");
}

static dg_schema *schema_of(const char *const *tables, size_t n, const char *const *cols, size_t ncols)
{
    dg_schema *s = dg_schema_new();
    for (size_t i = 0; i < n; i++) {
        dg_table *t = DG_VEC_ADD(&s->tables);
        t->name = dg_xstrdup(tables[i]);
        for (size_t c = 0; c < ncols; c++) {
            dg_column *col = DG_VEC_ADD(&t->columns);
            col->name = dg_xstrdup(cols[c]);
            col->type = dg_xstrdup("");
        }
    }
    return s;
}

static void colliding_rows_get_numbered_in_declaration_order(void **state)
{
    (void)state;
    const char *tables[] = {"users", "user_lists", "User", "user_count", "posts"};
    dg_schema *s = schema_of(tables, 5, NULL, 0);
    dg_view_opts o = {"p", true, false};
    dg_names *n = dg_names_build(s, &o, NULL);
    assert_non_null(n);
    assert_string_equal(dg_names_row(n, NULL, "users"), "user");
    assert_string_equal(dg_names_row(n, NULL, "user_lists"), "user_list_2");   /* P_user_list is users' list() */
    assert_string_equal(dg_names_row(n, NULL, "User"), "user_2");
    assert_string_equal(dg_names_row(n, NULL, "user_count"), "user_count_2");   /* P_user_count */
    assert_string_equal(dg_names_struct(n, NULL, "posts"), "p_post");
    dg_names_free(n);
    o.singularize = false;
    n = dg_names_build(s, &o, NULL);
    assert_string_equal(dg_names_row(n, NULL, "users"), "users");
    assert_string_equal(dg_names_row(n, NULL, "user_lists"), "user_lists");
    dg_names_free(n);
    dg_schema_free(s);
}

/* The longer name first: "user" would make P_user_list, user_lists' row. */
static void a_row_that_a_claimed_one_extends_is_numbered(void **state)
{
    (void)state;
    const char *tables[] = {"user_lists", "users", "user_get_by_id", "user_2", "order_item_delete", "order_items"};
    dg_schema *s = schema_of(tables, 6, NULL, 0);
    dg_view_opts o = {"p", true, false};
    dg_names *n = dg_names_build(s, &o, NULL);
    assert_non_null(n);
    assert_string_equal(dg_names_row(n, NULL, "user_lists"), "user_list");
    assert_string_equal(dg_names_row(n, NULL, "users"), "user_2");
    assert_string_equal(dg_names_row(n, NULL, "user_2"), "user_2_2");
    assert_string_equal(dg_names_row(n, NULL, "user_get_by_id"), "user_get_by_id");
    assert_string_equal(dg_names_row(n, NULL, "order_item_delete"), "order_item_delete");
    assert_string_equal(dg_names_row(n, NULL, "order_items"), "order_item_2");
    dg_names_free(n);
    dg_schema_free(s);
}

static void fields_avoid_keywords_digits_and_flag_collisions(void **state)
{
    (void)state;
    const char *tables[] = {"t"};
    const char *cols[] = {"default", "int", "class", "errno", "2fa", "has_age", "age", "Age",
                          "db", "x y", "x.y", "_x"};
    dg_schema *s = schema_of(tables, 1, cols, 12);
    dg_view_opts o = {"p", true, false};
    dg_names *n = dg_names_build(s, &o, NULL);
    const char *expect[] = {"default_", "int_", "class_", "errno_", "n2fa", "has_age", "age_2",
                            "age_3", "db_", "x_y", "x_y_2", "x"};
    for (size_t i = 0; i < 12; i++) assert_string_equal(dg_names_field(n, NULL, "t", cols[i]), expect[i]);
    assert_null(dg_names_field(n, NULL, "t", "missing"));
    dg_names_free(n);
    dg_schema_free(s);
}

static void name_annotation_overrides_and_is_checked(void **state)
{
    (void)state;
    const char *tables[] = {"people_v2"};
    const char *cols[] = {"weird col"};
    dg_schema *s = schema_of(tables, 1, cols, 1);
    dg_loc loc = {"s.sql", 3, 5};
    dg_annotations_add(&s->tables.items[0].annotations, "name", "human", loc);
    dg_annotations_add(&s->tables.items[0].columns.items[0].annotations, "name", "nice", loc);
    dg_view_opts o = {"p", true, false};
    dg_names *n = dg_names_build(s, &o, NULL);
    assert_string_equal(dg_names_struct(n, NULL, "people_v2"), "p_human");
    assert_string_equal(dg_names_field(n, NULL, "people_v2", "weird col"), "nice");
    dg_names_free(n);
    dg_annotations_add(&s->tables.items[0].annotations, "name", "not valid", loc);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    dg_diags d = DG_DIAGS_INIT;
    assert_null(dg_names_build(s, &o, &d));
    dg_diags_print(&d, mem);
    fclose(mem);
    assert_string_equal(buf, "s.sql:3:5: error: @name 'not valid' is not a C identifier\n");
    free(buf);
    dg_schema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(snake_case_splits_camel_case_and_replaces_other_characters),
        cmocka_unit_test(singular_handles_regular_and_irregular_plurals),
        cmocka_unit_test(colliding_rows_get_numbered_in_declaration_order),
        cmocka_unit_test(a_row_that_a_claimed_one_extends_is_numbered),
        cmocka_unit_test(fields_avoid_keywords_digits_and_flag_collisions),
        cmocka_unit_test(name_annotation_overrides_and_is_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
