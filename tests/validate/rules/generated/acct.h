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

