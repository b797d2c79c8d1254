/* Validators of acct, rendered by validate_vgen; do not edit. */
#ifndef ACCT_H
#define ACCT_H

#include <stdbool.h>
#include <stdint.h>

#include "dal.h"

typedef struct acct_accounts acct_accounts;

/* accounts.status: one of the values of its CHECK (... IN (...)).
 * The database stores the text; text outside the set reads as ACCT_ACCOUNTS_STATUS_UNKNOWN. */
typedef enum acct_accounts_status {
    ACCT_ACCOUNTS_STATUS_UNKNOWN = 0,
    ACCT_ACCOUNTS_STATUS_ACTIVE = 1,
    ACCT_ACCOUNTS_STATUS_SUSPENDED = 2,
    ACCT_ACCOUNTS_STATUS_CLOSED = 3,
} acct_accounts_status;
const char *acct_accounts_status_to_string(acct_accounts_status v);    /* NULL for ACCT_ACCOUNTS_STATUS_UNKNOWN and values outside the set */
acct_accounts_status acct_accounts_status_from_string(const char *s);  /* ACCT_ACCOUNTS_STATUS_UNKNOWN for NULL and text outside the set */
bool acct_accounts_status_is_valid(acct_accounts_status v);

/* accounts.plan: one of the values of its CHECK (... IN (...)).
 * The database stores the text; text outside the set reads as ACCT_ACCOUNTS_PLAN_UNKNOWN. */
typedef enum acct_accounts_plan {
    ACCT_ACCOUNTS_PLAN_UNKNOWN = 0,
    ACCT_ACCOUNTS_PLAN_FREE = 1,
    ACCT_ACCOUNTS_PLAN_PRO_PLUS = 2,
} acct_accounts_plan;
const char *acct_accounts_plan_to_string(acct_accounts_plan v);    /* NULL for ACCT_ACCOUNTS_PLAN_UNKNOWN and values outside the set */
acct_accounts_plan acct_accounts_plan_from_string(const char *s);  /* ACCT_ACCOUNTS_PLAN_UNKNOWN for NULL and text outside the set */
bool acct_accounts_plan_is_valid(acct_accounts_plan v);

int acct_accounts_validate(const acct_accounts *row, dal_errors *errs);   /* DAL_OK or DAL_INVALID; errs may be NULL */

struct acct_accounts {
    int64_t id;
    const char *email;
    const char *name;
    const char *nick;
    const char *code;
    const char *website;
    const char *uid;
    const char *born;
    const char *wakes;
    const char *seen;
    const char *prefs;
    bool has_age;
    int64_t age;
    bool has_score;
    double score;
    bool has_balance;
    double balance;
    acct_accounts_status status;
    bool has_plan;
    acct_accounts_plan plan;
    dal_blob avatar;
    const char *title;
    const char *country;
    const char *tags;
    bool has_verified;
    bool verified;
    const char *kind;
    double ratio;
    const char *note;
    const char *stamp;
};

#endif
