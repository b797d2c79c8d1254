/* dal_validate.h - validation reports and the checks generated validators use.
 * Part of libdal, included by dal.h.
 *
 * Tour:
 *   - dal_errors: every violation of a row (not just the first), each with the
 *     field (SQL column name), a stable rule code and a one-line message such
 *     as "users.email: must be at most 64 characters".
 *   - dal_sql_*: SQLite's own semantics of the expressions that CHECK
 *     constraints use (three-valued logic, comparisons, length(), LIKE, GLOB),
 *     so that a compiled CHECK gives the verdict the database would give.
 *   - dal_text_* and dal_format_*: what SQL cannot say (valid UTF-8, length in
 *     characters, @format email|url|uuid|date|datetime|time|json).
 *   - dal_pattern: a POSIX extended regular expression (@pattern), compiled
 *     once per process on first use.
 *
 * Generated code calls these; applications may too (e.g. to add their own
 * violations to a report with dal_errors_add). */
#ifndef DAL_VALIDATE_H
#define DAL_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Validation reports ------------------------------------------------- */

/* Stable rule codes (dal_violation.rule).  Applications may use their own. */
#define DAL_RULE_NOT_NULL   "not_null"   /* NOT NULL column left NULL */
#define DAL_RULE_MAX_LENGTH "max_length" /* VARCHAR(n)/CHAR(n)/NVARCHAR(n): too many characters */
#define DAL_RULE_UTF8       "utf8"       /* TEXT that is not valid UTF-8 */
#define DAL_RULE_CHECK      "check"      /* a compiled CHECK constraint evaluated to false */
#define DAL_RULE_ENUM       "enum"       /* enum field outside its set */
#define DAL_RULE_FORMAT     "format"     /* -- @format */
#define DAL_RULE_PATTERN    "pattern"    /* -- @pattern */
#define DAL_RULE_MIN        "min"        /* -- @min */
#define DAL_RULE_MAX        "max"        /* -- @max */
#define DAL_RULE_LENGTH     "length"     /* -- @length min..max */

/* One violation.  All strings are owned by the dal_errors that holds it and
 * stay valid until dal_errors_clear/dal_errors_free. */
typedef struct dal_violation {
    const char *table;    /* SQL table name, "" when none */
    const char *field;    /* SQL column name, "" for a rule on the whole row */
    const char *rule;     /* stable code: one of DAL_RULE_* */
    const char *message;  /* one line: "table.field: must ..." */
} dal_violation;

/* Every violation found in one or more rows.  Transparent so that it lives on
 * the caller's stack: initialise with DAL_ERRORS_INIT or dal_errors_init. */
typedef struct dal_errors {
    dal_violation *items;
    size_t         count;
    size_t         cap;
    size_t         dropped;  /* violations not recorded because memory ran out */
} dal_errors;

#define DAL_ERRORS_INIT {NULL, 0, 0, 0}

void   dal_errors_init(dal_errors *errs);
/* Forgets every violation, keeps the memory for reuse.  NULL-safe. */
void   dal_errors_clear(dal_errors *errs);
/* Releases everything.  NULL-safe; the struct may be reused after init. */
void   dal_errors_free(dal_errors *errs);
/* Number of violations recorded (0 for NULL). */
size_t dal_errors_count(const dal_errors *errs);
/* The i-th violation in the order found, NULL when out of range. */
const dal_violation *dal_errors_get(const dal_errors *errs, size_t i);
/* The first violation of `field` (and `rule` unless NULL), NULL when none. */
const dal_violation *dal_errors_find(const dal_errors *errs, const char *field, const char *rule);

/* Records a violation; the message is "table.field: " followed by the
 * printf-formatted text ("table: " when field is "" or NULL).  `errs` may be
 * NULL (only the verdict is wanted): nothing is recorded.  Always returns 1,
 * so that a validator can count violations with `bad += dal_errors_add(...)`. */
int dal_errors_add(dal_errors *errs, const char *table, const char *field,
                   const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* ---- SQL semantics of CHECK constraints --------------------------------- */

/* Three-valued logic: 1 true, 0 false, -1 NULL.  A CHECK constraint fails
 * only when its expression is false (0): NULL passes, as in SQLite. */
#define DAL_SQL_NULL (-1)
static inline int dal_sql_and(int a, int b) { return (a == 0 || b == 0) ? 0 : (a < 0 || b < 0) ? -1 : 1; }
static inline int dal_sql_or(int a, int b)  { return (a == 1 || b == 1) ? 1 : (a < 0 || b < 0) ? -1 : 0; }
static inline int dal_sql_not(int a)        { return a < 0 ? -1 : !a; }
/* A bool field as the INTEGER SQLite stores (a call, so that comparing it
 * with any integer draws no "always true" warning). */
static inline int64_t dal_sql_bool(bool b)  { return b ? 1 : 0; }

/* Collating sequences built into SQLite. */
typedef enum dal_collation {
    DAL_COLL_BINARY = 0,
    DAL_COLL_NOCASE,   /* ASCII letters folded, as SQLite's NOCASE */
    DAL_COLL_RTRIM     /* trailing spaces ignored */
} dal_collation;

/* Compares two TEXT values as SQLite does under `coll`: <0, 0 or >0. */
int dal_sql_cmp_text(const char *a, const char *b, dal_collation coll);
/* Exact comparison of an INTEGER with a REAL, as SQLite compares them (no
 * rounding of large integers): <0, 0 or >0.  `r` must not be NaN. */
int dal_sql_cmp_int_real(int64_t i, double r);
/* The storage class SQLite gives a C double bound to a column of NUMERIC
 * affinity: true when it is stored as an INTEGER. */
bool dal_sql_real_is_int(double r);
/* length(x) of a TEXT value: characters as SQLite counts them (a byte that
 * starts a UTF-8 sequence and the continuation bytes after it count as one). */
int64_t dal_sql_length(const char *s);
/* length(x) of an INTEGER value: the characters of its decimal text. */
int64_t dal_sql_length_int(int64_t i);
/* True when a column of NUMERIC, INTEGER or REAL affinity stores the text s
 * as a number (sqlite3AtoF's grammar: optional spaces, sign, digits with an
 * optional '.', an optional exponent, optional spaces); false when it stays
 * text ('2024-05-01', '0x10', '1e'). */
bool dal_sql_text_is_numeric(const char *s);
/* True when trim(s) is '' (s holds nothing but spaces). */
bool dal_sql_trim_empty(const char *s);
/* s LIKE pattern [ESCAPE esc] (esc 0 = none): ASCII case-insensitive. */
bool dal_sql_like(const char *pattern, const char *s, unsigned esc);
/* s GLOB pattern: case-sensitive. */
bool dal_sql_glob(const char *pattern, const char *s);

/* ---- Text and formats ---------------------------------------------------- */

/* True when `s` is valid UTF-8 (no overlong forms, surrogates or code points
 * above U+10FFFF).  NULL is valid (it is SQL NULL, not text). */
bool   dal_text_valid_utf8(const char *s);
/* Number of code points of a valid UTF-8 string. */
size_t dal_text_chars(const char *s);
/* Number of code points of a valid UTF-8 string without its trailing
 * spaces (U+0020): PostgreSQL's varchar(n) and char(n) take a longer string
 * when the excess characters are all spaces (it cuts them off), so a value
 * fits when this count is at most n. */
size_t dal_text_chars_trimmed(const char *s);

/* @format checks; each takes a NUL-terminated string and is false for NULL.
 *   email     local@domain: one '@', a dot-atom local part, a domain of
 *             dot-separated LDH labels with at least one dot.
 *   url       scheme ":" "//" host [":" port] [path/query/fragment], no spaces;
 *             scheme letters, digits, '+', '-', '.' starting with a letter.
 *   uuid      8-4-4-4-12 hexadecimal digits (any case).
 *   date      YYYY-MM-DD, a real calendar date.
 *   time      HH:MM[:SS[.fraction]] (00:00 to 23:59:59.999...).
 *   datetime  date then 'T' or ' ' then time, optional 'Z' or +HH:MM/-HH:MM.
 *   json      one RFC 8259 JSON value (nesting up to 2,000 levels). */
bool dal_format_email(const char *s);
bool dal_format_url(const char *s);
bool dal_format_uuid(const char *s);
bool dal_format_date(const char *s);
bool dal_format_time(const char *s);
bool dal_format_datetime(const char *s);
bool dal_format_json(const char *s);
/* PostgreSQL's jsonb: JSON (as dal_format_json) that it can store: no
 * \u0000, no surrogate escape outside a high-low pair, numbers within
 * numeric's range (|exponent| < 2^30, at most 16,383 digits after the
 * point and 131,072 before it). */
bool dal_format_jsonb(const char *s);

/* ---- @pattern ------------------------------------------------------------ */

/* A POSIX extended regular expression, compiled on first use and kept for the
 * life of the process (generated code holds one static dal_pattern per
 * annotated column).  Safe to use from several threads. */
typedef struct dal_pattern {
    const char *source;    /* the ERE; must outlive the pattern (a literal) */
    void       *compiled;  /* regex_t, owned by libdal; NULL until first use */
    int         state;     /* 0 not compiled, 1 ready, -1 does not compile */
} dal_pattern;

#define DAL_PATTERN_INIT(ere) {(ere), NULL, 0}

/* 1 when `s` matches (anywhere, unless the ERE is anchored with ^...$),
 * 0 when it does not, -1 when the ERE does not compile or memory ran out. */
int dal_pattern_match(dal_pattern *p, const char *s);

#ifdef __cplusplus
}
#endif

#endif
