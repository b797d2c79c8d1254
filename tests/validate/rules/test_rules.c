/* Behaviour of generated validators (rules/schema.sql, rendered by
 * validate_vgen through the validators_h/validators_c templates): each rule
 * and annotation, enums, reports of several violations. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "acct.h"

static acct_account valid_row(void)
{
    acct_account r;
    memset(&r, 0, sizeof r);
    r.email = "ann@example.com";
    r.name = "\xc3\x89lodie";
    r.nick = "ann";
    r.code = "ABC-1234";
    r.website = "https://example.com/ann";
    r.uid = "0190a6f2-7c3b-7def-8123-456789abcdef";
    r.born = "1990-02-28";
    r.wakes = "07:30";
    r.seen = "2024-05-01T12:00:00Z";
    r.prefs = "{\"theme\": \"dark\"}";
    r.has_age = true;
    r.age = 34;
    r.has_score = true;
    r.score = 99.5;
    r.status = ACCT_ACCOUNT_STATUS_ACTIVE;
    r.has_plan = true;
    r.plan = ACCT_ACCOUNT_PLAN_PRO_PLUS;
    r.avatar.data = "\x89PNG";
    r.avatar.len = 4;
    r.title = "Dr";
    r.country = "FR";
    r.tags = "a,b";
    r.kind = "person";
    r.ratio = 0.75;
    r.payload.type = DAL_TYPE_INTEGER;
    r.payload.as.integer = 7;
    return r;
}

/* Validates and checks that the only violation is (field, rule). */
static void only(const acct_account *r, const char *field, const char *rule, const char *message)
{
    dal_errors e = DAL_ERRORS_INIT;
    assert_int_equal(acct_account_validate(r, &e), DAL_INVALID);
    assert_int_equal(acct_account_validate(r, NULL), DAL_INVALID);
    if (dal_errors_count(&e) != 1) {
        for (size_t i = 0; i < dal_errors_count(&e); i++) print_message("%s\n", dal_errors_get(&e, i)->message);
    }
    assert_int_equal(dal_errors_count(&e), 1);
    const dal_violation *v = dal_errors_get(&e, 0);
    assert_string_equal(v->table, "accounts");
    assert_string_equal(v->field, field);
    assert_string_equal(v->rule, rule);
    if (message) assert_string_equal(v->message, message);
    dal_errors_free(&e);
}

static void valid_row_passes(void **state)
{
    (void)state;
    acct_account r = valid_row();
    dal_errors e = DAL_ERRORS_INIT;
    assert_int_equal(acct_account_validate(&r, &e), DAL_OK);
    assert_int_equal(dal_errors_count(&e), 0);
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
    /* NULL in nullable columns, unset defaults: still valid. */
    acct_account m;
    memset(&m, 0, sizeof m);
    m.email = "a@b.cd";
    m.name = "";
    m.status = ACCT_ACCOUNT_STATUS_CLOSED;
    m.ratio = 1;
    m.payload.type = DAL_TYPE_BLOB;
    m.kind = "k";   /* typeof(NULL) is 'null': CHECK (typeof(kind) = 'text') needs a value */
    assert_int_equal(acct_account_validate(&m, &e), DAL_OK);
    m.kind = NULL;
    only(&m, "kind", DAL_RULE_CHECK, "accounts.kind: must satisfy CHECK (typeof(kind) = 'text')");
    dal_errors_free(&e);
}

static void not_null_and_nan(void **state)
{
    (void)state;
    acct_account r = valid_row();
    r.email = NULL;
    only(&r, "email", DAL_RULE_NOT_NULL, "accounts.email: must not be NULL");
    r = valid_row();
    r.ratio = NAN;   /* SQLite stores NaN as NULL: NOT NULL fails, the CHECK passes */
    only(&r, "ratio", DAL_RULE_NOT_NULL, NULL);
    r = valid_row();
    r.has_balance = true;
    r.balance = NAN;
    only(&r, "balance", DAL_RULE_NOT_NULL, NULL);
    r = valid_row();
    r.payload.type = DAL_TYPE_NULL;   /* a column of no declared type: dal_value */
    only(&r, "payload", DAL_RULE_NOT_NULL, "accounts.payload: must not be NULL");
    r.payload.type = DAL_TYPE_REAL;
    r.payload.as.real = NAN;
    only(&r, "payload", DAL_RULE_NOT_NULL, NULL);
}

static void lengths_count_characters(void **state)
{
    (void)state;
    acct_account r = valid_row();
    r.name = "\xc3\x89\xc3\x89\xc3\x89\xc3\x89\xc3\x89\xc3\x89\xc3\x89\xc3\x89\xc3\x89\xc3\x89";   /* 10 characters, 20 bytes */
    dal_errors e = DAL_ERRORS_INIT;
    assert_int_equal(acct_account_validate(&r, &e), DAL_OK);
    r.name = "abcdefghijk";
    only(&r, "name", DAL_RULE_MAX_LENGTH, "accounts.name: must be at most 10 characters");
    r = valid_row();
    r.nick = "a";
    only(&r, "nick", DAL_RULE_LENGTH, "accounts.nick: must be 2 to 20 characters");
    r.nick = "\xf0\x9f\x98\x80\xf0\x9f\x98\x80";   /* 2 characters */
    assert_int_equal(acct_account_validate(&r, &e), DAL_OK);
    r = valid_row();
    r.avatar.len = 17;
    r.avatar.data = "01234567890123456";
    only(&r, "avatar", DAL_RULE_LENGTH, "accounts.avatar: must be at most 16 bytes");
    dal_errors_free(&e);
}

static void invalid_utf8_is_reported_once(void **state)
{
    (void)state;
    acct_account r = valid_row();
    r.name = "abc\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8";   /* 11 bytes, not UTF-8: no length verdict */
    only(&r, "name", DAL_RULE_UTF8, "accounts.name: must be valid UTF-8");
    r = valid_row();
    r.email = "ann\xc0\xaf@example.com";
    only(&r, "email", DAL_RULE_UTF8, NULL);
    r = valid_row();
    r.payload.type = DAL_TYPE_TEXT;
    r.payload.as.text.data = "caf\xc3";
    r.payload.as.text.len = 4;
    only(&r, "payload", DAL_RULE_UTF8, NULL);
    r.payload.as.text.data = "caf\xc3\xa9";
    r.payload.as.text.len = 5;
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
}

static void formats_and_patterns(void **state)
{
    (void)state;
    static const struct { size_t off; const char *bad, *field, *msg; } cases[] = {
        {offsetof(acct_account, email), "ann@", "email", "accounts.email: must be a valid email address"},
        {offsetof(acct_account, website), "example.com", "website", "accounts.website: must be a valid URL"},
        {offsetof(acct_account, uid), "0190a6f2", "uid", "accounts.uid: must be a valid UUID"},
        {offsetof(acct_account, born), "1990-02-30", "born", "accounts.born: must be a date (YYYY-MM-DD)"},
        {offsetof(acct_account, wakes), "25:00", "wakes", "accounts.wakes: must be a time (HH:MM[:SS[.fff]])"},
        {offsetof(acct_account, seen), "2024-05-01", "seen", "accounts.seen: must be a date and time (ISO 8601)"},
        {offsetof(acct_account, prefs), "{theme: 1}", "prefs", "accounts.prefs: must be valid JSON"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        acct_account r = valid_row();
        memcpy((char *)&r + cases[i].off, &cases[i].bad, sizeof(const char *));
        only(&r, cases[i].field, DAL_RULE_FORMAT, cases[i].msg);
    }
    acct_account r = valid_row();
    r.code = "abc-1234";
    only(&r, "code", DAL_RULE_PATTERN, "accounts.code: must match the pattern ^[A-Z]{3}-[0-9]{4}$");
    r.code = "XYZ-0000";
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
}

static void min_and_max(void **state)
{
    (void)state;
    acct_account r = valid_row();
    r.age = 17;
    only(&r, "age", DAL_RULE_MIN, "accounts.age: must be at least 18");
    r.age = 18;
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
    r = valid_row();
    r.score = 100.5;
    only(&r, "score", DAL_RULE_MAX, "accounts.score: must be at most 100");
}

static void compiled_checks(void **state)
{
    (void)state;
    acct_account r = valid_row();
    r.title = "   ";
    only(&r, "title", DAL_RULE_CHECK, "accounts.title: must satisfy CHECK (trim(title) <> '')");
    r = valid_row();
    r.country = "fr";
    only(&r, "country", DAL_RULE_CHECK, NULL);
    r = valid_row();
    r.tags = "a b";
    only(&r, "tags", DAL_RULE_CHECK, "accounts.tags: must satisfy CHECK (tags IS NULL OR tags LIKE '%,%' OR tags NOT LIKE '% %')");
    r.tags = "A B,C";   /* LIKE '%,%' */
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
    r = valid_row();
    r.has_verified = true;
    r.verified = true;
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
    r = valid_row();
    r.age = 151;
    only(&r, "age", DAL_RULE_CHECK, "accounts.age: must satisfy CHECK (age BETWEEN 0 AND 150)");
    r = valid_row();
    r.has_score = false;   /* CHECK (age IS NULL OR score IS NOT NULL) reads two columns */
    only(&r, "", DAL_RULE_CHECK, "accounts: must satisfy CHECK (age IS NULL OR score IS NOT NULL)");
    /* lower() is not compiled: the database alone refuses 'X'. */
    r = valid_row();
    r.note = "X";
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
}

static void checks_on_unset_defaults_are_left_to_the_database(void **state)
{
    (void)state;
    acct_account r = valid_row();
    r.status = ACCT_ACCOUNT_STATUS_CLOSED;
    r.has_balance = false;   /* DEFAULT 0 on insert, the stored value on update */
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
    r.stamp = NULL;
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
    r.stamp = "1999-12-31";
    only(&r, "stamp", DAL_RULE_CHECK, "accounts.stamp: must satisfy CHECK (stamp >= '2000-01-01')");
    r.stamp = NULL;
    r.has_balance = true;
    r.balance = 0.0;
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
    r.balance = 12.5;
    only(&r, "", DAL_RULE_CHECK,
         "accounts: must satisfy CONSTRAINT closed_is_settled CHECK (status <> 'closed' OR balance = 0)");
}

static void enums_round_trip(void **state)
{
    (void)state;
    static const char *names[] = {"active", "suspended", "closed"};
    for (int i = 0; i < 3; i++) {
        acct_account_status s = acct_account_status_from_string(names[i]);
        assert_int_equal(s, i + 1);
        assert_true(acct_account_status_is_valid(s));
        assert_string_equal(acct_account_status_to_string(s), names[i]);
    }
    assert_int_equal(acct_account_status_from_string("Active"), ACCT_ACCOUNT_STATUS_UNKNOWN);
    assert_int_equal(acct_account_status_from_string("deleted"), ACCT_ACCOUNT_STATUS_UNKNOWN);
    assert_int_equal(acct_account_status_from_string(NULL), ACCT_ACCOUNT_STATUS_UNKNOWN);
    assert_null(acct_account_status_to_string(ACCT_ACCOUNT_STATUS_UNKNOWN));
    assert_null(acct_account_status_to_string((acct_account_status)42));
    assert_false(acct_account_status_is_valid(ACCT_ACCOUNT_STATUS_UNKNOWN));
    assert_string_equal(acct_account_plan_to_string(ACCT_ACCOUNT_PLAN_PRO_PLUS), "pro-plus");
    assert_int_equal(acct_account_plan_from_string("pro-plus"), ACCT_ACCOUNT_PLAN_PRO_PLUS);

    acct_account r = valid_row();
    r.status = ACCT_ACCOUNT_STATUS_UNKNOWN;
    only(&r, "status", DAL_RULE_ENUM, "accounts.status: must be one of 'active', 'suspended', 'closed'");
    r = valid_row();
    r.plan = ACCT_ACCOUNT_PLAN_UNKNOWN;
    only(&r, "plan", DAL_RULE_ENUM, NULL);
    r.has_plan = false;   /* nullable enum left NULL */
    assert_int_equal(acct_account_validate(&r, NULL), DAL_OK);
}

static void every_violation_is_reported_in_order(void **state)
{
    (void)state;
    acct_account r = valid_row();
    r.email = NULL;
    r.name = "far too long a name";
    r.code = "nope";
    r.age = 200;
    r.status = ACCT_ACCOUNT_STATUS_UNKNOWN;
    dal_errors e = DAL_ERRORS_INIT;
    assert_int_equal(acct_account_validate(&r, &e), DAL_INVALID);
    static const char *expected[] = {
        "accounts.email: must not be NULL",
        "accounts.name: must be at most 10 characters",
        "accounts.code: must match the pattern ^[A-Z]{3}-[0-9]{4}$",
        "accounts.status: must be one of 'active', 'suspended', 'closed'",
        "accounts.age: must satisfy CHECK (age BETWEEN 0 AND 150)",
    };
    assert_int_equal(dal_errors_count(&e), 5);
    for (size_t i = 0; i < 5; i++) assert_string_equal(dal_errors_get(&e, i)->message, expected[i]);
    assert_non_null(dal_errors_find(&e, "code", DAL_RULE_PATTERN));
    /* A second row adds to the same report until it is cleared. */
    acct_account_validate(&r, &e);
    assert_int_equal(dal_errors_count(&e), 10);
    dal_errors_clear(&e);
    assert_int_equal(dal_errors_count(&e), 0);
    dal_errors_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_row_passes),
        cmocka_unit_test(not_null_and_nan),
        cmocka_unit_test(lengths_count_characters),
        cmocka_unit_test(invalid_utf8_is_reported_once),
        cmocka_unit_test(formats_and_patterns),
        cmocka_unit_test(min_and_max),
        cmocka_unit_test(compiled_checks),
        cmocka_unit_test(checks_on_unset_defaults_are_left_to_the_database),
        cmocka_unit_test(enums_round_trip),
        cmocka_unit_test(every_violation_is_reported_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
