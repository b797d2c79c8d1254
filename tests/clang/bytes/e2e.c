/* @max_bytes on a DDL column counts bytes, not characters; @length 0..N
 * limits only the upper end.  The generated code is compiled with the
 * strict flags (-Wextra includes -Wtype-limits). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bytes.h"

static void max_bytes_counts_bytes(void **state)
{
    (void)state;
    bytes_note n;
    memset(&n, 0, sizeof n);
    n.code = "abcd";
    assert_int_equal(bytes_note_validate(&n, NULL), DAL_OK);
    n.code = "abcde";
    dal_errors errs = DAL_ERRORS_INIT;
    assert_int_equal(bytes_note_validate(&n, &errs), DAL_INVALID);
    const dal_violation *v = dal_errors_get(&errs, 0);
    assert_non_null(v);
    assert_string_equal(v->field, "code");
    assert_string_equal(v->rule, DAL_RULE_MAX_LENGTH);
    assert_non_null(strstr(v->message, "at most 4 bytes"));
    dal_errors_free(&errs);
    n.code = "\xc3\xa9\xc3\xa9";          /* two characters, four bytes */
    assert_int_equal(bytes_note_validate(&n, NULL), DAL_OK);
    n.code = "\xc3\xa9\xc3\xa9\xc3\xa9";  /* three characters, six bytes */
    assert_int_equal(bytes_note_validate(&n, NULL), DAL_INVALID);
}

static void length_from_zero(void **state)
{
    (void)state;
    bytes_note n;
    memset(&n, 0, sizeof n);
    n.code = "a";
    n.body = "";
    n.tail = "";
    assert_int_equal(bytes_note_validate(&n, NULL), DAL_OK);
    n.body = "0123456789";
    assert_int_equal(bytes_note_validate(&n, NULL), DAL_OK);
    n.body = "0123456789a";
    assert_int_equal(bytes_note_validate(&n, NULL), DAL_INVALID);
    n.body = NULL;
    n.data.data = "abcd";
    n.data.len = 4;
    assert_int_equal(bytes_note_validate(&n, NULL), DAL_INVALID);
    n.data.len = 0;
    assert_int_equal(bytes_note_validate(&n, NULL), DAL_OK);
}

static void insert_refuses_over_long_text(void **state)
{
    (void)state;
    dal_db *db = NULL;
    assert_int_equal(dal_open(&db, ":memory:", NULL), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, code TEXT NOT NULL, body TEXT,"
                                  " tail TEXT, data BLOB)"), DAL_OK);
    bytes_note n;
    memset(&n, 0, sizeof n);
    n.code = "abcdef";
    assert_int_equal(bytes_note_insert(db, &n, NULL), DAL_INVALID);
    n.code = "abc";
    assert_int_equal(bytes_note_insert(db, &n, NULL), DAL_OK);
    int64_t count = 0;
    assert_int_equal(bytes_note_count(db, &count), DAL_OK);
    assert_int_equal(count, 1);
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(max_bytes_counts_bytes),
        cmocka_unit_test(length_from_zero),
        cmocka_unit_test(insert_refuses_over_long_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
