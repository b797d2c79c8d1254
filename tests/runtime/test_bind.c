/* Binders and steppers.  dal.h makes them inline; this file is built twice:
 * runtime.bind as is (the inline forms) and runtime.bind_exported with
 * DAL_NO_INLINE (libdal's exported functions), so both must pass the same
 * assertions. */
#include "rt_util.h"

#ifdef DAL_NO_INLINE
#  ifdef dal_bind_text
#    error "DAL_NO_INLINE: dal_bind_text must be the exported function"
#  endif
#else
#  if !defined(dal_bind_text) || !defined(dal_step) || !defined(dal_step_done)
#    error "dal.h: the binders and steppers must be inline"
#  endif
#endif

/* A statement "SELECT ?1, typeof(?1)" on db's handle. */
static sqlite3_stmt *echo(dal_db *db)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), "SELECT ?1, typeof(?1)", -1, &st, NULL), SQLITE_OK);
    return st;
}

/* Step st (bound), check the type SQLite saw, and leave the row to read. */
static void stepped_as(dal_db *db, sqlite3_stmt *st, const char *type)
{
    assert_int_equal(dal_step(db, st), DAL_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), type);
}

static void numbers_and_nulls(void **state)
{
    dal_db *db = rt_memdb();
    sqlite3_stmt *st = echo(db);
    (void)state;
    assert_int_equal(dal_bind_int64(db, st, 1, INT64_MIN), DAL_OK);
    stepped_as(db, st, "integer");
    assert_true(sqlite3_column_int64(st, 0) == INT64_MIN);
    sqlite3_reset(st);
    assert_int_equal(dal_bind_int64_null(db, st, 1, true, INT64_MAX), DAL_OK);
    stepped_as(db, st, "integer");
    assert_true(sqlite3_column_int64(st, 0) == INT64_MAX);
    sqlite3_reset(st);
    assert_int_equal(dal_bind_int64_null(db, st, 1, false, 7), DAL_OK);
    stepped_as(db, st, "null");
    sqlite3_reset(st);
    assert_int_equal(dal_bind_double(db, st, 1, -0.25), DAL_OK);
    stepped_as(db, st, "real");
    assert_true(sqlite3_column_double(st, 0) == -0.25);
    sqlite3_reset(st);
    assert_int_equal(dal_bind_double_null(db, st, 1, true, 1e300), DAL_OK);
    stepped_as(db, st, "real");
    assert_true(sqlite3_column_double(st, 0) == 1e300);
    sqlite3_reset(st);
    assert_int_equal(dal_bind_double_null(db, st, 1, false, 1.0), DAL_OK);
    stepped_as(db, st, "null");
    sqlite3_reset(st);
    assert_int_equal(dal_bind_bool(db, st, 1, true), DAL_OK);
    stepped_as(db, st, "integer");
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_reset(st);
    assert_int_equal(dal_bind_bool_null(db, st, 1, true, false), DAL_OK);
    stepped_as(db, st, "integer");
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_reset(st);
    assert_int_equal(dal_bind_bool_null(db, st, 1, false, true), DAL_OK);
    stepped_as(db, st, "null");
    sqlite3_reset(st);
    assert_int_equal(dal_bind_int64(db, st, 1, 5), DAL_OK);
    assert_int_equal(dal_bind_null(db, st, 1), DAL_OK);
    stepped_as(db, st, "null");
    sqlite3_finalize(st);
    dal_close(db);
}

static void text_forms(void **state)
{
    dal_db *db = rt_memdb();
    sqlite3_stmt *st = echo(db);
    char buf[16];
    (void)state;
    assert_int_equal(dal_bind_text(db, st, 1, "h\xc3\xa9llo"), DAL_OK);
    stepped_as(db, st, "text");
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "h\xc3\xa9llo");
    assert_int_equal(sqlite3_column_bytes(st, 0), 6);
    sqlite3_reset(st);
    assert_int_equal(dal_bind_text(db, st, 1, NULL), DAL_OK);
    stepped_as(db, st, "null");
    sqlite3_reset(st);
    strcpy(buf, "copied");
    assert_int_equal(dal_bind_text_copy(db, st, 1, buf), DAL_OK);
    strcpy(buf, "changed");  /* the copy is what was bound */
    stepped_as(db, st, "text");
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "copied");
    sqlite3_reset(st);
    assert_int_equal(dal_bind_text_copy(db, st, 1, NULL), DAL_OK);
    stepped_as(db, st, "null");
    sqlite3_reset(st);
    assert_int_equal(dal_bind_text_len(db, st, 1, "activeXXX", 6), DAL_OK);
    stepped_as(db, st, "text");
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "active");
    sqlite3_reset(st);
    assert_int_equal(dal_bind_text_len(db, st, 1, NULL, 3), DAL_OK);
    stepped_as(db, st, "null");
    sqlite3_finalize(st);
    dal_close(db);
}

/* Every binder maps SQLite's error and records it on the connection. */
static void errors_are_recorded(void **state)
{
    dal_db *db = rt_memdb();
    sqlite3_stmt *st = echo(db);
    (void)state;
#define OUT_OF_RANGE(call)                                   \
    do {                                                     \
        dal_error_clear(db);                                 \
        assert_int_equal(call, DAL_MISUSE);                  \
        assert_int_equal(dal_errcode(db), SQLITE_RANGE);     \
    } while (0)
    OUT_OF_RANGE(dal_bind_null(db, st, 2));
    OUT_OF_RANGE(dal_bind_int64(db, st, 2, 1));
    OUT_OF_RANGE(dal_bind_int64_null(db, st, 2, true, 1));
    OUT_OF_RANGE(dal_bind_int64_null(db, st, 0, false, 1));
    OUT_OF_RANGE(dal_bind_double(db, st, 2, 1.0));
    OUT_OF_RANGE(dal_bind_double_null(db, st, 2, true, 1.0));
    OUT_OF_RANGE(dal_bind_double_null(db, st, 2, false, 1.0));
    OUT_OF_RANGE(dal_bind_bool(db, st, 2, true));
    OUT_OF_RANGE(dal_bind_bool_null(db, st, 2, true, true));
    OUT_OF_RANGE(dal_bind_bool_null(db, st, 2, false, true));
    OUT_OF_RANGE(dal_bind_text(db, st, 2, "x"));
    OUT_OF_RANGE(dal_bind_text(db, st, 2, NULL));
    OUT_OF_RANGE(dal_bind_text_copy(db, st, 2, "x"));
    OUT_OF_RANGE(dal_bind_text_len(db, st, 2, "x", 1));
#undef OUT_OF_RANGE
    sqlite3_finalize(st);
    dal_close(db);
}

static void steps_map_results(void **state)
{
    dal_db *db = rt_memdb();
    sqlite3_stmt *ins = NULL, *sel = NULL;
    (void)state;
    assert_int_equal(dal_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY)"), DAL_OK);
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), "INSERT INTO t(id) VALUES (1)", -1, &ins, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), "SELECT id FROM t", -1, &sel, NULL), SQLITE_OK);
    assert_int_equal(dal_step_done(db, ins), DAL_OK);
    sqlite3_reset(ins);
    assert_int_equal(dal_step_done(db, ins), DAL_CONSTRAINT);
    assert_int_equal(dal_errcode(db), SQLITE_CONSTRAINT_PRIMARYKEY);
    sqlite3_reset(ins);
    dal_error_clear(db);
    assert_int_equal(dal_step(db, ins), DAL_CONSTRAINT);
    assert_int_equal(dal_errcode(db), SQLITE_CONSTRAINT_PRIMARYKEY);
    assert_int_equal(dal_step(db, sel), DAL_ROW);
    assert_int_equal(dal_step(db, sel), DAL_DONE);
    sqlite3_reset(sel);
    assert_int_equal(dal_step_done(db, sel), DAL_OK);  /* a row is not an error */
    sqlite3_finalize(ins);
    sqlite3_finalize(sel);
    dal_close(db);
}

/* Taking the address gets libdal's exported function, in both builds. */
static void addresses_are_the_exported_functions(void **state)
{
    int (*bind_text)(dal_db *, sqlite3_stmt *, int, const char *) = dal_bind_text;
    int (*step)(dal_db *, sqlite3_stmt *) = dal_step;
    dal_db *db = rt_memdb();
    sqlite3_stmt *st = echo(db);
    (void)state;
    assert_int_equal(bind_text(db, st, 1, "via pointer"), DAL_OK);
    assert_int_equal(step(db, st), DAL_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "via pointer");
    assert_int_equal(step(db, st), DAL_DONE);
    sqlite3_finalize(st);
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_and_nulls),
        cmocka_unit_test(text_forms),
        cmocka_unit_test(errors_are_recorded),
        cmocka_unit_test(steps_map_results),
        cmocka_unit_test(addresses_are_the_exported_functions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
