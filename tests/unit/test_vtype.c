/* The declared-type table (model/vtype.c, docs/generate.md "Types"): every
 * name it lists, sizes and spacing, names it does not list (SQLite's
 * affinity), and each column's read mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/model.h"

static const struct { const char *decl; dg_vtype v; } cases[] = {
    /* text, whatever the affinity says */
    {"JSON", DG_VT_TEXT}, {"jsonb", DG_VT_TEXT}, {"UUID", DG_VT_TEXT}, {"STRING", DG_VT_TEXT},
    {"CITEXT", DG_VT_TEXT}, {"INET", DG_VT_TEXT}, {"cidr", DG_VT_TEXT}, {"INTERVAL", DG_VT_TEXT},
    {"VARCHAR(255)", DG_VT_TEXT}, {"CHAR(2)", DG_VT_TEXT}, {"CLOB", DG_VT_TEXT}, {"NVARCHAR(40)", DG_VT_TEXT},
    {"character varying(20)", DG_VT_TEXT}, {"ENUM", DG_VT_TEXT}, {"mood_enum", DG_VT_TEXT},
    {"DATE", DG_VT_TEXT}, {"TIME", DG_VT_TEXT}, {"DATETIME", DG_VT_TEXT}, {"TIMESTAMP", DG_VT_TEXT},
    {"TIMESTAMPTZ", DG_VT_TEXT}, {"timestamp with time zone", DG_VT_TEXT}, {"smalldatetime", DG_VT_TEXT},
    /* int64 */
    {"SERIAL", DG_VT_INT64}, {"BIGSERIAL", DG_VT_INT64}, {"smallserial", DG_VT_INT64}, {"INT2", DG_VT_INT64},
    {"INT4", DG_VT_INT64}, {"INT8", DG_VT_INT64}, {"BIGINT", DG_VT_INT64}, {"INTEGER", DG_VT_INT64},
    {"UNSIGNED BIG INT", DG_VT_INT64}, {"tinyint(1)", DG_VT_INT64},
    /* bool, double, blob, value */
    {"BOOL", DG_VT_BOOL}, {"BOOLEAN", DG_VT_BOOL},
    {"NUMERIC(10,2)", DG_VT_DOUBLE}, {"DECIMAL", DG_VT_DOUBLE}, {"MONEY", DG_VT_DOUBLE}, {"REAL", DG_VT_DOUBLE},
    {"double  precision", DG_VT_DOUBLE}, {"FLOAT8", DG_VT_DOUBLE},
    {"BLOB", DG_VT_BLOB}, {"BYTEA", DG_VT_BLOB}, {"varbinary(16)", DG_VT_BLOB},
    {"", DG_VT_VALUE}, {"ANY", DG_VT_VALUE},
    /* names the table does not list keep SQLite's affinity */
    {"WIDGET", DG_VT_DOUBLE}, {"POINT", DG_VT_INT64}, {"MEDIUMTEXT", DG_VT_TEXT}, {"LONGBLOB", DG_VT_BLOB},
    {"BLOB SUB_TYPE TEXT", DG_VT_TEXT}, {"JSON TEXT", DG_VT_TEXT}, {"UUID BLOB", DG_VT_BLOB},
};

static void declared_types(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dg_vtype v = dg_vtype_of_decl(cases[i].decl);
        if (v != cases[i].v) fail_msg("'%s': %s, expected %s", cases[i].decl, dg_vtype_name(v), dg_vtype_name(cases[i].v));
    }
    /* @type words, digits included (int64 was once never matched) */
    assert_int_equal(dg_vtype_word("int64", 5), DG_VT_INT64);
    assert_int_equal(dg_vtype_word("INT64", 5), DG_VT_INT64);
    assert_int_equal(dg_vtype_word("Text", 4), DG_VT_TEXT);
    assert_int_equal(dg_vtype_word("int6", 4), DG_VT_UNKNOWN);
    assert_string_equal(dg_decl_format("JSON"), "json");
    assert_string_equal(dg_decl_format("jsonb"), "json");
    assert_null(dg_decl_format("TEXT"));
    assert_null(dg_decl_format("JSONISH"));
}

static dg_column column(const char *type)
{
    dg_column c;
    memset(&c, 0, sizeof c);
    c.name = (char *)"c";
    c.type = (char *)type;
    return c;
}

static void read_modes(void **state)
{
    (void)state;
    dg_loc at = {"t.sql", 1, 1};
    /* text under NUMERIC/INTEGER affinity, numbers under TEXT: lenient */
    dg_column json = column("JSON"), date = column("DATE"), interval = column("INTERVAL");
    assert_true(dg_column_reads_lenient(NULL, &json));
    assert_true(dg_column_reads_lenient(NULL, &date));
    assert_true(dg_column_reads_lenient(NULL, &interval));
    /* the C type is the affinity's own: exact */
    dg_column text = column("TEXT"), serial = column("BIGSERIAL"), blob = column("BLOB"), none = column("");
    assert_false(dg_column_reads_lenient(NULL, &text));
    assert_false(dg_column_reads_lenient(NULL, &serial));
    assert_false(dg_column_reads_lenient(NULL, &blob));
    assert_false(dg_column_reads_lenient(NULL, &none));
    /* @type int64 on a TEXT column: numbers are stored as text */
    dg_column code = column("TEXT");
    dg_annotations_add(&code.annotations, "type", "int64", at);
    assert_true(dg_column_reads_lenient(NULL, &code));
    /* @read wins both ways; @read any is a dal_value */
    dg_annotations_add(&code.annotations, "read", "exact", at);
    assert_false(dg_column_reads_lenient(NULL, &code));
    dg_annotations_add(&blob.annotations, "read", "lenient", at);
    assert_true(dg_column_reads_lenient(NULL, &blob));
    dg_annotations_add(&text.annotations, "read", "any", at);
    assert_int_equal(dg_vtype_of_column(NULL, &text), DG_VT_VALUE);
    assert_false(dg_column_reads_lenient(NULL, &text));
    assert_true(dg_read_known("exact") && dg_read_known("lenient") && dg_read_known("any"));
    assert_false(dg_read_known("loose"));
    dg_annotations_free(&code.annotations);
    dg_annotations_free(&blob.annotations);
    dg_annotations_free(&text.annotations);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(declared_types),
        cmocka_unit_test(read_modes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
