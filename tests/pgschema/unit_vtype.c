/* The value class of PostgreSQL columns (model/vtype.c): canonical types,
 * domains, enums, arrays, numeric; SQLite columns (pg NULL) unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/model.h"

static dg_vtype pg(const char *type, const char *kind, int dims, const char *base)
{
    dg_pg_column p = {0};
    p.type_kind = (char *)kind;
    p.array_dims = dims;
    p.base_type = (char *)base;
    dg_column c = {0};
    c.type = (char *)type;
    c.pg = &p;
    return dg_vtype_of_column(NULL, &c);
}

static void pg_types(void **state)
{
    (void)state;
    assert_int_equal(pg("bigint", "base", 0, NULL), DG_VT_INT64);
    assert_int_equal(pg("smallint", "base", 0, NULL), DG_VT_INT64);
    assert_int_equal(pg("boolean", "base", 0, NULL), DG_VT_BOOL);
    assert_int_equal(pg("double precision", "base", 0, NULL), DG_VT_DOUBLE);
    assert_int_equal(pg("numeric(12,2)", "base", 0, NULL), DG_VT_TEXT);
    assert_int_equal(pg("character varying(64)", "base", 0, NULL), DG_VT_TEXT);
    assert_int_equal(pg("timestamp with time zone", "base", 0, NULL), DG_VT_TEXT);
    assert_int_equal(pg("bytea", "base", 0, NULL), DG_VT_BLOB);
    assert_int_equal(pg("tstzrange", "range", 0, NULL), DG_VT_TEXT);
    assert_int_equal(pg("text[]", "base", 1, NULL), DG_VT_TEXT);
    assert_int_equal(pg("mood", "enum", 0, NULL), DG_VT_TEXT);
    assert_int_equal(pg("posint", "domain", 0, "integer"), DG_VT_INT64);
    /* SQLite: unchanged (NUMERIC is a double there) */
    dg_column c = {0};
    c.type = "NUMERIC";
    assert_int_equal(dg_vtype_of_column(NULL, &c), DG_VT_DOUBLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(pg_types)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
