/* validate_format.c - the @format checks other than json.  Written by hand:
 * no Debian library libdal may depend on validates these forms. */
#include <string.h>

#include "dal_validate.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
static bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/* Reads exactly n digits at *s as a number; -1 when they are not digits. */
static int digits(const char **s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit((*s)[i])) return -1;
        v = v * 10 + ((*s)[i] - '0');
    }
    *s += n;
    return v;
}

static bool parse_date(const char **s)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = digits(s, 4);
    if (y < 0 || **s != '-') return false;
    (*s)++;
    int m = digits(s, 2);
    if (m < 1 || m > 12 || **s != '-') return false;
    (*s)++;
    int d = digits(s, 2);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap);
    return d >= 1 && d <= max;
}

static bool parse_time(const char **s)
{
    int h = digits(s, 2);
    if (h < 0 || h > 23 || **s != ':') return false;
    (*s)++;
    int m = digits(s, 2);
    if (m < 0 || m > 59) return false;
    if (**s != ':') return true;
    (*s)++;
    int sec = digits(s, 2);
    if (sec < 0 || sec > 59) return false;
    if (**s != '.') return true;
    (*s)++;
    if (!is_digit(**s)) return false;
    while (is_digit(**s)) (*s)++;
    return true;
}

bool dal_format_date(const char *s)
{
    return s && parse_date(&s) && *s == '\0';
}

bool dal_format_time(const char *s)
{
    return s && parse_time(&s) && *s == '\0';
}

bool dal_format_datetime(const char *s)
{
    if (!s || !parse_date(&s) || (*s != 'T' && *s != ' ')) return false;
    s++;
    if (!parse_time(&s)) return false;
    if (*s == 'Z') return s[1] == '\0';
    if (*s == '+' || *s == '-') {
        s++;
        int h = digits(&s, 2);
        if (h < 0 || h > 23 || *s != ':') return false;
        s++;
        int m = digits(&s, 2);
        return m >= 0 && m <= 59 && *s == '\0';
    }
    return *s == '\0';
}

bool dal_format_uuid(const char *s)
{
    if (!s || strlen(s) != 36) return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
    }
    return true;
}

/* One LDH label ending at '.' or at `end`; returns its length, 0 when bad. */
static size_t label(const char *s, const char *end)
{
    size_t n = 0;
    while (s + n < end && s[n] != '.') {
        if (!is_alnum(s[n]) && s[n] != '-') return 0;
        n++;
    }
    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-') return 0;
    return n;
}

/* A host name of at least two labels, between s and end. */
static bool domain(const char *s, const char *end)
{
    if (end - s > 253) return false;
    int labels = 0;
    for (;;) {
        size_t n = label(s, end);
        if (n == 0) return false;
        labels++;
        s += n;
        if (s == end) return labels >= 2;
        s++;   /* the '.' */
    }
}

bool dal_format_email(const char *s)
{
    static const char atext[] = "!#$%&'*+/=?^_`{|}~-";
    if (!s) return false;
    const char *at = strchr(s, '@');
    if (!at || at == s || at - s > 64 || strchr(at + 1, '@')) return false;
    for (const char *p = s; p < at; p++) {
        if (*p == '.') {
            if (p == s || p + 1 == at || p[1] == '.') return false;
        } else if (!is_alnum(*p) && !strchr(atext, *p)) {
            return false;
        }
    }
    return domain(at + 1, at + 1 + strlen(at + 1));
}

bool dal_format_url(const char *s)
{
    static const char host_chars[] = "-._~%!$&'()*+,;=:@[]";
    if (!s || !is_alpha(*s)) return false;
    const char *p = s;
    while (is_alnum(*p) || *p == '+' || *p == '-' || *p == '.') p++;
    if (strncmp(p, "://", 3) != 0) return false;
    p += 3;
    const char *host = p;
    while (*p && *p != '/' && *p != '?' && *p != '#') {
        if (!is_alnum(*p) && !strchr(host_chars, *p)) return false;
        p++;
    }
    if (p == host) return false;
    for (; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f || strchr("\"<>\\^`{|}", *p)) return false;
    return true;
}
