/* Validators of acct, rendered by validate_vgen; do not edit. */
#ifndef ACCT_H
#define ACCT_H

#include <stdbool.h>
#include <stdint.h>

#include "dal.h"

typedef struct acct_account acct_account;

/* ---- Enums and validators ---------------------------------------------- */

/* accounts.status: one of the values of its CHECK (... IN (...)).
 * The database stores the text; text outside the set reads as ACCT_ACCOUNT_STATUS_UNKNOWN. */
typedef enum acct_account_status {
    ACCT_ACCOUNT_STATUS_UNKNOWN = 0,
    ACCT_ACCOUNT_STATUS_ACTIVE = 1,
    ACCT_ACCOUNT_STATUS_SUSPENDED = 2,
    ACCT_ACCOUNT_STATUS_CLOSED = 3,
} acct_account_status;
const char *acct_account_status_to_string(acct_account_status v);    /* NULL for ACCT_ACCOUNT_STATUS_UNKNOWN and values outside the set */
acct_account_status acct_account_status_from_string(const char *s);  /* ACCT_ACCOUNT_STATUS_UNKNOWN for NULL and text outside the set */
bool acct_account_status_is_valid(acct_account_status v);

/* accounts.plan: one of the values of its CHECK (... IN (...)).
 * The database stores the text; text outside the set reads as ACCT_ACCOUNT_PLAN_UNKNOWN. */
typedef enum acct_account_plan {
    ACCT_ACCOUNT_PLAN_UNKNOWN = 0,
    ACCT_ACCOUNT_PLAN_FREE = 1,
    ACCT_ACCOUNT_PLAN_PRO_PLUS = 2,
} acct_account_plan;
const char *acct_account_plan_to_string(acct_account_plan v);    /* NULL for ACCT_ACCOUNT_PLAN_UNKNOWN and values outside the set */
acct_account_plan acct_account_plan_from_string(const char *s);  /* ACCT_ACCOUNT_PLAN_UNKNOWN for NULL and text outside the set */
bool acct_account_plan_is_valid(acct_account_plan v);

int acct_account_validate(const acct_account *row, dal_errors *errs);   /* DAL_OK or DAL_INVALID; errs may be NULL */

struct acct_account {
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
    acct_account_status status;
    bool has_plan;
    acct_account_plan plan;
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
    dal_value payload;
};

#endif
