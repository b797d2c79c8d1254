/* Validators of acct, rendered by validate_vgen; do not edit. */
#include "acct.h"

/* ---- Enums and validators ---------------------------------------------- */

const char *acct_account_status_to_string(acct_account_status v)
{
    switch (v) {
    case ACCT_ACCOUNT_STATUS_ACTIVE: return "active";
    case ACCT_ACCOUNT_STATUS_SUSPENDED: return "suspended";
    case ACCT_ACCOUNT_STATUS_CLOSED: return "closed";
    default: return NULL;
    }
}

acct_account_status acct_account_status_from_string(const char *s)
{
    if (s == NULL) return ACCT_ACCOUNT_STATUS_UNKNOWN;
    if (dal_sql_cmp_text(s, "active", DAL_COLL_BINARY) == 0) return ACCT_ACCOUNT_STATUS_ACTIVE;
    if (dal_sql_cmp_text(s, "suspended", DAL_COLL_BINARY) == 0) return ACCT_ACCOUNT_STATUS_SUSPENDED;
    if (dal_sql_cmp_text(s, "closed", DAL_COLL_BINARY) == 0) return ACCT_ACCOUNT_STATUS_CLOSED;
    return ACCT_ACCOUNT_STATUS_UNKNOWN;
}

bool acct_account_status_is_valid(acct_account_status v)
{
    return acct_account_status_to_string(v) != NULL;
}

const char *acct_account_plan_to_string(acct_account_plan v)
{
    switch (v) {
    case ACCT_ACCOUNT_PLAN_FREE: return "free";
    case ACCT_ACCOUNT_PLAN_PRO_PLUS: return "pro-plus";
    default: return NULL;
    }
}

acct_account_plan acct_account_plan_from_string(const char *s)
{
    if (s == NULL) return ACCT_ACCOUNT_PLAN_UNKNOWN;
    if (dal_sql_cmp_text(s, "free", DAL_COLL_BINARY) == 0) return ACCT_ACCOUNT_PLAN_FREE;
    if (dal_sql_cmp_text(s, "pro-plus", DAL_COLL_BINARY) == 0) return ACCT_ACCOUNT_PLAN_PRO_PLUS;
    return ACCT_ACCOUNT_PLAN_UNKNOWN;
}

bool acct_account_plan_is_valid(acct_account_plan v)
{
    return acct_account_plan_to_string(v) != NULL;
}

static dal_pattern acct_account_code_pattern = DAL_PATTERN_INIT("^[A-Z]{3}-[0-9]{4}$");

/* Every rule of accounts that C can check: NOT NULL, declared lengths,
 * valid UTF-8, CHECK constraints, enums and annotations. */
int acct_account_validate(const acct_account *row, dal_errors *errs)
{
    int bad = 0;
    /* Not compiled (the database enforces it): CHECK (lower(note) <> 'x')
     *   because of the function lower() */
    if (row->email == NULL)
        bad += dal_errors_add(errs, "accounts", "email", DAL_RULE_NOT_NULL, "%s",
                              "must not be NULL");
    if (row->email != NULL && !dal_text_valid_utf8(row->email))
        bad += dal_errors_add(errs, "accounts", "email", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->email != NULL && dal_text_valid_utf8(row->email) && dal_text_chars(row->email) > 64)
        bad += dal_errors_add(errs, "accounts", "email", DAL_RULE_MAX_LENGTH, "%s",
                              "must be at most 64 characters");
    if (row->email != NULL && dal_text_valid_utf8(row->email) && !dal_format_email(row->email))
        bad += dal_errors_add(errs, "accounts", "email", DAL_RULE_FORMAT, "%s",
                              "must be a valid email address");
    if (row->name == NULL)
        bad += dal_errors_add(errs, "accounts", "name", DAL_RULE_NOT_NULL, "%s",
                              "must not be NULL");
    if (row->name != NULL && !dal_text_valid_utf8(row->name))
        bad += dal_errors_add(errs, "accounts", "name", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->name != NULL && dal_text_valid_utf8(row->name) && dal_text_chars(row->name) > 10)
        bad += dal_errors_add(errs, "accounts", "name", DAL_RULE_MAX_LENGTH, "%s",
                              "must be at most 10 characters");
    if (row->nick != NULL && !dal_text_valid_utf8(row->nick))
        bad += dal_errors_add(errs, "accounts", "nick", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->nick != NULL && dal_text_valid_utf8(row->nick) && (dal_text_chars(row->nick) < 2 || dal_text_chars(row->nick) > 20))
        bad += dal_errors_add(errs, "accounts", "nick", DAL_RULE_LENGTH, "%s",
                              "must be 2 to 20 characters");
    if (row->code != NULL && !dal_text_valid_utf8(row->code))
        bad += dal_errors_add(errs, "accounts", "code", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->code != NULL && dal_pattern_match(&acct_account_code_pattern, row->code) != 1)
        bad += dal_errors_add(errs, "accounts", "code", DAL_RULE_PATTERN, "%s",
                              "must match the pattern ^[A-Z]{3}-[0-9]{4}$");
    if (row->website != NULL && !dal_text_valid_utf8(row->website))
        bad += dal_errors_add(errs, "accounts", "website", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->website != NULL && dal_text_valid_utf8(row->website) && !dal_format_url(row->website))
        bad += dal_errors_add(errs, "accounts", "website", DAL_RULE_FORMAT, "%s",
                              "must be a valid URL");
    if (row->uid != NULL && !dal_text_valid_utf8(row->uid))
        bad += dal_errors_add(errs, "accounts", "uid", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->uid != NULL && dal_text_valid_utf8(row->uid) && !dal_format_uuid(row->uid))
        bad += dal_errors_add(errs, "accounts", "uid", DAL_RULE_FORMAT, "%s",
                              "must be a valid UUID");
    if (row->born != NULL && !dal_text_valid_utf8(row->born))
        bad += dal_errors_add(errs, "accounts", "born", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->born != NULL && dal_text_valid_utf8(row->born) && !dal_format_date(row->born))
        bad += dal_errors_add(errs, "accounts", "born", DAL_RULE_FORMAT, "%s",
                              "must be a date (YYYY-MM-DD)");
    if (row->wakes != NULL && !dal_text_valid_utf8(row->wakes))
        bad += dal_errors_add(errs, "accounts", "wakes", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->wakes != NULL && dal_text_valid_utf8(row->wakes) && !dal_format_time(row->wakes))
        bad += dal_errors_add(errs, "accounts", "wakes", DAL_RULE_FORMAT, "%s",
                              "must be a time (HH:MM[:SS[.fff]])");
    if (row->seen != NULL && !dal_text_valid_utf8(row->seen))
        bad += dal_errors_add(errs, "accounts", "seen", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->seen != NULL && dal_text_valid_utf8(row->seen) && !dal_format_datetime(row->seen))
        bad += dal_errors_add(errs, "accounts", "seen", DAL_RULE_FORMAT, "%s",
                              "must be a date and time (ISO 8601)");
    if (row->prefs != NULL && !dal_text_valid_utf8(row->prefs))
        bad += dal_errors_add(errs, "accounts", "prefs", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->prefs != NULL && dal_text_valid_utf8(row->prefs) && !dal_format_json(row->prefs))
        bad += dal_errors_add(errs, "accounts", "prefs", DAL_RULE_FORMAT, "%s",
                              "must be valid JSON");
    if (row->has_age && dal_sql_cmp_int_real(row->age, 18.0) < 0)
        bad += dal_errors_add(errs, "accounts", "age", DAL_RULE_MIN, "%s",
                              "must be at least 18");
    if (row->has_score && row->score > 100.0)
        bad += dal_errors_add(errs, "accounts", "score", DAL_RULE_MAX, "%s",
                              "must be at most 100");
    if (row->has_balance && row->balance != row->balance)
        bad += dal_errors_add(errs, "accounts", "balance", DAL_RULE_NOT_NULL, "%s",
                              "must not be NULL");
    if (!acct_account_status_is_valid(row->status))
        bad += dal_errors_add(errs, "accounts", "status", DAL_RULE_ENUM, "%s",
                              "must be one of 'active', 'suspended', 'closed'");
    if (row->has_plan && !acct_account_plan_is_valid(row->plan))
        bad += dal_errors_add(errs, "accounts", "plan", DAL_RULE_ENUM, "%s",
                              "must be one of 'free', 'pro-plus'");
    if (row->avatar.data != NULL && row->avatar.len > 16)
        bad += dal_errors_add(errs, "accounts", "avatar", DAL_RULE_LENGTH, "%s",
                              "must be at most 16 bytes");
    if (row->title != NULL && !dal_text_valid_utf8(row->title))
        bad += dal_errors_add(errs, "accounts", "title", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->country != NULL && !dal_text_valid_utf8(row->country))
        bad += dal_errors_add(errs, "accounts", "country", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->country != NULL && dal_text_valid_utf8(row->country) && dal_text_chars(row->country) > 2)
        bad += dal_errors_add(errs, "accounts", "country", DAL_RULE_MAX_LENGTH, "%s",
                              "must be at most 2 characters");
    if (row->tags != NULL && !dal_text_valid_utf8(row->tags))
        bad += dal_errors_add(errs, "accounts", "tags", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->kind != NULL && !dal_text_valid_utf8(row->kind))
        bad += dal_errors_add(errs, "accounts", "kind", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->ratio != row->ratio)
        bad += dal_errors_add(errs, "accounts", "ratio", DAL_RULE_NOT_NULL, "%s",
                              "must not be NULL");
    if (row->note != NULL && !dal_text_valid_utf8(row->note))
        bad += dal_errors_add(errs, "accounts", "note", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (row->stamp != NULL && !dal_text_valid_utf8(row->stamp))
        bad += dal_errors_add(errs, "accounts", "stamp", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if ((row->payload.type == DAL_TYPE_NULL || (row->payload.type == DAL_TYPE_REAL && row->payload.as.real != row->payload.as.real)))
        bad += dal_errors_add(errs, "accounts", "payload", DAL_RULE_NOT_NULL, "%s",
                              "must not be NULL");
    if (row->payload.type == DAL_TYPE_TEXT && !dal_utf8_valid(row->payload.as.text.data, row->payload.as.text.len))
        bad += dal_errors_add(errs, "accounts", "payload", DAL_RULE_UTF8, "%s",
                              "must be valid UTF-8");
    if (dal_sql_and((!row->has_age ? -1 : (row->age >= 0)), (!row->has_age ? -1 : (row->age <= 150))) == 0)
        bad += dal_errors_add(errs, "accounts", "age", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (age BETWEEN 0 AND 150)");
    if (((row->title == NULL) ? -1 : !dal_sql_trim_empty(row->title)) == 0)
        bad += dal_errors_add(errs, "accounts", "title", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (trim(title) <> '')");
    if (dal_sql_and(((row->country == NULL) ? -1 : (dal_sql_length(row->country) == 2)), ((row->country == NULL) ? -1 : dal_sql_glob("[A-Z][A-Z]", row->country))) == 0)
        bad += dal_errors_add(errs, "accounts", "country", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (length(country) = 2 AND country GLOB '[A-Z][A-Z]')");
    if (dal_sql_or(dal_sql_or(((row->tags == NULL) ? 1 : 0), ((row->tags == NULL) ? -1 : dal_sql_like("%,%", row->tags, 0))), ((row->tags == NULL) ? -1 : !dal_sql_like("% %", row->tags, 0))) == 0)
        bad += dal_errors_add(errs, "accounts", "tags", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (tags IS NULL OR tags LIKE '%,%' OR tags NOT LIKE '% %')");
    if ((row->has_verified) && dal_sql_or((!row->has_verified ? -1 : (dal_sql_bool(row->verified) == 0)), (!row->has_verified ? -1 : (dal_sql_bool(row->verified) == 1))) == 0)
        bad += dal_errors_add(errs, "accounts", "verified", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (verified IN (0, 1))");
    if ((dal_sql_cmp_text(((row->kind == NULL) ? "null" : "text"), "text", DAL_COLL_BINARY) == 0) == 0)
        bad += dal_errors_add(errs, "accounts", "kind", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (typeof(kind) = 'text')");
    if (((row->ratio != row->ratio) ? -1 : (row->ratio >= 0.5)) == 0)
        bad += dal_errors_add(errs, "accounts", "ratio", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (ratio >= 0.5)");
    if ((row->stamp != NULL) && ((row->stamp == NULL) ? -1 : (dal_sql_cmp_text(row->stamp, "2000-01-01", DAL_COLL_BINARY) >= 0)) == 0)
        bad += dal_errors_add(errs, "accounts", "stamp", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (stamp >= '2000-01-01')");
    if (dal_sql_or((!row->has_age ? 1 : 0), ((!row->has_score || row->score != row->score) ? 0 : 1)) == 0)
        bad += dal_errors_add(errs, "accounts", "", DAL_RULE_CHECK, "%s",
                              "must satisfy CHECK (age IS NULL OR score IS NOT NULL)");
    if ((row->has_balance) && dal_sql_or(((acct_account_status_to_string(row->status) == NULL) ? -1 : (dal_sql_cmp_text(acct_account_status_to_string(row->status), "closed", DAL_COLL_BINARY) != 0)), ((!row->has_balance || row->balance != row->balance) ? -1 : (0 == dal_sql_cmp_int_real(0, row->balance)))) == 0)
        bad += dal_errors_add(errs, "accounts", "", DAL_RULE_CHECK, "%s",
                              "must satisfy CONSTRAINT closed_is_settled CHECK (status <> 'closed' OR balance = 0)");
    (void)row;
    (void)errs;
    return bad ? DAL_INVALID : DAL_OK;
}
