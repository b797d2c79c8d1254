/* validate_sql.c - SQLite's semantics of the expressions compiled CHECK
 * constraints use, so that the C verdict is the database's verdict. */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "dal_validate.h"

int dal_sql_cmp_text(const char *a, const char *b, dal_collation coll)
{
    size_t la = strlen(a), lb = strlen(b);
    int r;
    switch (coll) {
    case DAL_COLL_NOCASE:
        /* SQLite's NOCASE: ASCII folding over the common prefix, then length. */
        r = sqlite3_strnicmp(a, b, (int)(la < lb ? la : lb));
        break;
    case DAL_COLL_RTRIM:
        while (la > 0 && a[la - 1] == ' ') la--;
        while (lb > 0 && b[lb - 1] == ' ') lb--;
        r = memcmp(a, b, la < lb ? la : lb);
        break;
    default:
        r = memcmp(a, b, la < lb ? la : lb);
        break;
    }
    if (r != 0) return r;
    return la < lb ? -1 : la > lb ? 1 : 0;
}

/* sqlite3IntFloatCompare without long double: exact for every input. */
int dal_sql_cmp_int_real(int64_t i, double r)
{
    if (r < -9223372036854775808.0) return 1;
    if (r >= 9223372036854775808.0) return -1;
    int64_t y = (int64_t)r;
    if (i < y) return -1;
    if (i > y) return 1;
    double s = (double)i;
    return s < r ? -1 : s > r ? 1 : 0;
}

/* sqlite3VdbeIntegerAffinity: integral doubles strictly inside the int64
 * range are stored as INTEGER in a NUMERIC column. */
bool dal_sql_real_is_int(double r)
{
    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) return false;
    int64_t ix = (int64_t)r;
    return (double)ix == r && ix != INT64_MIN;
}

/* lengthFunc of SQLite's func.c. */
int64_t dal_sql_length(const char *s)
{
    const unsigned char *z = (const unsigned char *)s;
    int64_t n = 0;
    while (*z) {
        unsigned char c = *z++;
        n++;
        if (c >= 0xc0)
            while ((*z & 0xc0) == 0x80) z++;
    }
    return n;
}

int64_t dal_sql_length_int(int64_t i)
{
    char tmp[32];
    return snprintf(tmp, sizeof tmp, "%lld", (long long)i);
}

/* sqlite3Isspace */
static bool sql_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool sql_digit(char c) { return c >= '0' && c <= '9'; }

/* The acceptance test of sqlite3AtoF (applyNumericAffinity converts only what
 * it accepts whole). */
bool dal_sql_text_is_numeric(const char *s)
{
    int digits = 0;
    while (sql_space(*s)) s++;
    if (*s == '-' || *s == '+') s++;
    for (; sql_digit(*s); s++) digits++;
    if (*s == '.')
        for (s++; sql_digit(*s); s++) digits++;
    if (digits == 0) return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '-' || *s == '+') s++;
        if (!sql_digit(*s)) return false;
        while (sql_digit(*s)) s++;
    }
    while (sql_space(*s)) s++;
    return *s == '\0';
}

bool dal_sql_trim_empty(const char *s)
{
    while (*s == ' ') s++;
    return *s == '\0';
}

bool dal_sql_like(const char *pattern, const char *s, unsigned esc)
{
    return sqlite3_strlike(pattern, s, esc) == 0;
}

bool dal_sql_glob(const char *pattern, const char *s)
{
    return sqlite3_strglob(pattern, s) == 0;
}
