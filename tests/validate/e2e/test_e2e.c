/* Generated insert/update/upsert validate first: DAL_INVALID and the database
 * untouched; skip_validation lets rows through to the database's own checks;
 * enums are stored as text and read back (unknown text -> _UNKNOWN). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "val.h"

static const char *schema_sql;

static dal_db *open_db(bool skip)
{
    dal_options o = DAL_OPTIONS_INIT;
    o.skip_validation = skip;
    o.no_wal = true;
    dal_db *db = NULL;
    assert_int_equal(dal_open(&db, ":memory:", &o), DAL_OK);
    assert_int_equal(dal_exec(db, schema_sql), DAL_OK);
    return db;
}

static int64_t count(dal_db *db)
{
    int64_t n = -1;
    assert_int_equal(val_account_count(db, &n), DAL_OK);
    return n;
}

static val_account good(void)
{
    val_account a;
    memset(&a, 0, sizeof a);
    a.email = "ann@example.com";
    a.has_status = true;
    a.status = VAL_ACCOUNT_STATUS_ACTIVE;
    a.has_age = true;
    a.age = 30;
    return a;
}

static void insert_refuses_invalid_rows_without_touching_the_database(void **state)
{
    (void)state;
    dal_db *db = open_db(false);
    val_account a = good();
    assert_int_equal(val_account_insert(db, &a, NULL), DAL_OK);
    assert_true(a.id > 0);
    val_account b = good();
    b.email = "not an email";
    b.age = -1;
    assert_int_equal(val_account_insert(db, &b, NULL), DAL_INVALID);
    assert_string_equal(dal_errmsg(db), "accounts.email: must be a valid email address");
    assert_int_equal(b.id, 0);
    assert_int_equal(val_account_upsert(db, &b, NULL), DAL_INVALID);
    assert_int_equal(count(db), 1);
    dal_errors e = DAL_ERRORS_INIT;
    assert_int_equal(val_account_validate(&b, &e), DAL_INVALID);
    assert_int_equal(dal_errors_count(&e), 2);
    assert_string_equal(dal_errors_get(&e, 0)->message, "accounts.email: must be a valid email address");
    assert_string_equal(dal_errors_get(&e, 1)->message, "accounts.age: must satisfy CHECK (age >= 0)");
    dal_errors_free(&e);
    dal_close(db);
}

static void update_refuses_invalid_rows_and_keeps_the_stored_one(void **state)
{
    (void)state;
    dal_db *db = open_db(false);
    val_account a = good();
    assert_int_equal(val_account_insert(db, &a, NULL), DAL_OK);
    a.status = VAL_ACCOUNT_STATUS_UNKNOWN;
    a.email = "abcdefghijklmnopqrstuvwxyz@example.com";   /* 38 characters > VARCHAR(32) */
    assert_int_equal(val_account_update(db, &a, NULL), DAL_INVALID);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    val_account back;
    assert_int_equal(val_account_get(db, a.id, &back, &arena), DAL_OK);
    assert_string_equal(back.email, "ann@example.com");
    assert_int_equal(back.status, VAL_ACCOUNT_STATUS_ACTIVE);
    dal_arena_free(&arena);
    dal_close(db);
}

static void skip_validation_leaves_the_database_to_decide(void **state)
{
    (void)state;
    dal_db *db = open_db(true);
    val_account a = good();
    a.email = "not an email";   /* only the validator minds */
    assert_int_equal(val_account_insert(db, &a, NULL), DAL_OK);
    val_account b = good();
    b.email = "bob@example.com";
    b.age = -5;                 /* the database's CHECK refuses */
    assert_int_equal(val_account_insert(db, &b, NULL), DAL_CONSTRAINT);
    assert_int_equal(count(db), 1);
    dal_close(db);
}

static void checks_not_compiled_are_enforced_by_the_database(void **state)
{
    (void)state;
    dal_db *db = open_db(false);
    val_account a = good();
    a.note = "FORBIDDEN";
    assert_int_equal(val_account_validate(&a, NULL), DAL_OK);
    assert_int_equal(val_account_insert(db, &a, NULL), DAL_CONSTRAINT);
    assert_int_equal(count(db), 0);
    dal_close(db);
}

/* An unset column with a DEFAULT is the database's to judge: the DEFAULT on
 * insert, the stored value on update (so the validator must not guess). */
static void checks_on_unset_defaults_are_left_to_the_database(void **state)
{
    (void)state;
    dal_db *db = open_db(false);
    val_account a = good();
    a.kind = "bulk";
    a.has_qty = false;   /* DEFAULT 0: CHECK (kind IS NOT 'bulk' OR qty > 0) fails */
    assert_int_equal(val_account_validate(&a, NULL), DAL_OK);
    assert_int_equal(val_account_insert(db, &a, NULL), DAL_CONSTRAINT);
    a.has_qty = true;
    a.qty = 0;
    assert_int_equal(val_account_insert(db, &a, NULL), DAL_INVALID);
    a.qty = 5;
    assert_int_equal(val_account_insert(db, &a, NULL), DAL_OK);
    a.has_qty = false;   /* update keeps the stored 5 */
    a.has_age = false;
    assert_int_equal(val_account_update(db, &a, NULL), DAL_OK);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    val_account back;
    assert_int_equal(val_account_get(db, a.id, &back, &arena), DAL_OK);
    assert_int_equal(back.qty, 5);
    assert_false(back.has_age);
    dal_arena_free(&arena);
    dal_close(db);
}

static void enums_are_stored_as_text(void **state)
{
    (void)state;
    dal_db *db = open_db(false);
    val_account a = good();
    a.status = VAL_ACCOUNT_STATUS_SUSPENDED;
    assert_int_equal(val_account_insert(db, &a, NULL), DAL_OK);
    val_account d = good();
    d.email = "dee@example.com";
    d.has_status = false;   /* DEFAULT 'active' */
    assert_int_equal(val_account_insert(db, &d, NULL), DAL_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(dal_sqlite(db), "SELECT status FROM accounts ORDER BY id", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "suspended");
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "active");
    sqlite3_finalize(st);
    /* Text outside the set (written behind the CHECK's back) reads as UNKNOWN. */
    assert_int_equal(dal_exec(db, "PRAGMA ignore_check_constraints = 1;"
                                  "UPDATE accounts SET status = 'deleted' WHERE email = 'ann@example.com'"), DAL_OK);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    val_account back;
    assert_int_equal(val_account_get(db, a.id, &back, &arena), DAL_OK);
    assert_int_equal(back.status, VAL_ACCOUNT_STATUS_UNKNOWN);
    assert_int_equal(val_account_get(db, d.id, &back, &arena), DAL_OK);
    assert_int_equal(back.status, VAL_ACCOUNT_STATUS_ACTIVE);
    dal_arena_free(&arena);
    dal_close(db);
}

int main(int argc, char **argv)
{
    if (argc != 2) return 2;
    static char buf[4096];
    FILE *fp = fopen(argv[1], "r");
    if (!fp) return 1;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    schema_sql = buf;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(insert_refuses_invalid_rows_without_touching_the_database),
        cmocka_unit_test(update_refuses_invalid_rows_and_keeps_the_stored_one),
        cmocka_unit_test(skip_validation_leaves_the_database_to_decide),
        cmocka_unit_test(checks_not_compiled_are_enforced_by_the_database),
        cmocka_unit_test(checks_on_unset_defaults_are_left_to_the_database),
        cmocka_unit_test(enums_are_stored_as_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
