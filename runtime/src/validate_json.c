/* validate_json.c - @format json: one RFC 8259 value, nesting up to 2,000
 * levels (what SQLite 3.40's json_valid() accepts).  Written by hand so that
 * libdal depends on nothing but SQLite (a JSON library would become a
 * dependency of every generated program). */
#include "dal_validate.h"

#define JSON_MAX_DEPTH 2000

typedef struct jp { const unsigned char *s; int depth; } jp;

static void ws(jp *p)
{
    while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r') p->s++;
}

static bool hex4(const unsigned char *s)
{
    for (int i = 0; i < 4; i++) {
        unsigned char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
}

static bool string(jp *p)
{
    p->s++;   /* opening quote */
    for (;;) {
        unsigned char c = *p->s;
        if (c == '"') { p->s++; return true; }
        if (c < 0x20) return false;   /* control characters and the end */
        if (c == '\\') {
            c = *++p->s;
            if (c == 'u') {
                if (!hex4(p->s + 1)) return false;
                p->s += 4;
            } else if (!(c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' ||
                         c == 'n' || c == 'r' || c == 't')) {
                return false;
            }
        }
        p->s++;
    }
}

static bool digits(jp *p)
{
    if (*p->s < '0' || *p->s > '9') return false;
    while (*p->s >= '0' && *p->s <= '9') p->s++;
    return true;
}

static bool number(jp *p)
{
    if (*p->s == '-') p->s++;
    if (*p->s == '0') p->s++;
    else if (!digits(p)) return false;
    if (*p->s == '.') { p->s++; if (!digits(p)) return false; }
    if (*p->s == 'e' || *p->s == 'E') {
        p->s++;
        if (*p->s == '+' || *p->s == '-') p->s++;
        if (!digits(p)) return false;
    }
    return true;
}

static bool word(jp *p, const char *w)
{
    for (; *w; w++, p->s++)
        if (*p->s != (unsigned char)*w) return false;
    return true;
}

static bool value(jp *p);

/* Array or object: `close` is ']' or '}'; objects have "key": before values. */
static bool container(jp *p, unsigned char close)
{
    if (++p->depth > JSON_MAX_DEPTH) return false;
    p->s++;
    ws(p);
    if (*p->s == close) { p->s++; p->depth--; return true; }
    for (;;) {
        if (close == '}') {
            if (*p->s != '"' || !string(p)) return false;
            ws(p);
            if (*p->s++ != ':') return false;
        }
        if (!value(p)) return false;
        ws(p);
        if (*p->s == close) { p->s++; p->depth--; return true; }
        if (*p->s++ != ',') return false;
        ws(p);
    }
}

static bool value(jp *p)
{
    ws(p);
    switch (*p->s) {
    case '{': return container(p, '}');
    case '[': return container(p, ']');
    case '"': return string(p);
    case 't': return word(p, "true");
    case 'f': return word(p, "false");
    case 'n': return word(p, "null");
    default:  return number(p);
    }
}

bool dal_format_json(const char *s)
{
    if (!s) return false;
    jp p = {(const unsigned char *)s, 0};
    if (!value(&p)) return false;
    ws(&p);
    return *p.s == '\0';
}

/* A number jsonb stores as numeric (s at its first character; *end after
 * it): |exponent| under 2^30, at most 16,383 digits after the point (the
 * scale the literal shows) and, unless zero, at most 131,072 before it. */
static bool jsonb_number(const unsigned char *s, const unsigned char **end)
{
    long lead = 0, frac = 0, zeros = 0, exp = 0;   /* lead: integer digits from the first nonzero */
    bool nonzero = false, neg = false;
    if (*s == '-') s++;
    for (; *s >= '0' && *s <= '9'; s++)
        if (nonzero || *s != '0') nonzero = true, lead++;
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++, frac++) {
            if (!nonzero && *s == '0') zeros++;
            else nonzero = true;
        }
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') neg = *s++ == '-';
        for (; *s >= '0' && *s <= '9'; s++)
            if (exp < 1073741823L) exp = exp * 10 + (*s - '0');
        if (neg) exp = -exp;
    }
    *end = s;
    if (exp >= 1073741823L || exp <= -1073741823L) return false;
    if (frac - exp > 16383) return false;
    return !nonzero || (lead ? lead : -zeros) + exp <= 131072;
}

/* The code unit of the \uXXXX escape at s (s at the 'u'). */
static unsigned escape_unit(const unsigned char *s)
{
    unsigned v = 0;
    for (int i = 1; i <= 4; i++) {
        unsigned char c = s[i];
        v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* The \u escape at s (at the 'u') jsonb can store: not \u0000, no
 * surrogate outside a high-low pair; *end after it. */
static bool jsonb_escape(const unsigned char *s, const unsigned char **end)
{
    unsigned u = escape_unit(s);
    *end = s + 5;
    if (u == 0 || (u >= 0xdc00 && u <= 0xdfff)) return false;
    if (u < 0xd800 || u > 0xdbff) return true;
    if (s[5] != '\\' || s[6] != 'u') return false;
    unsigned low = escape_unit(s + 6);
    *end = s + 11;
    return low >= 0xdc00 && low <= 0xdfff;
}

/* What jsonb refuses of valid JSON s: escapes and numbers (above). */
static bool jsonb_storable(const unsigned char *s)
{
    bool in_string = false;
    while (*s) {
        const unsigned char *next = s + 1;
        if (*s == '"') in_string = !in_string;
        else if (in_string && *s == '\\' && s[1] == 'u') {
            if (!jsonb_escape(s + 1, &next)) return false;
        } else if (in_string && *s == '\\') {
            next = s + 2;
        } else if (!in_string && (*s == '-' || (*s >= '0' && *s <= '9'))) {
            if (!jsonb_number(s, &next)) return false;
        }
        s = next;
    }
    return true;
}

bool dal_format_jsonb(const char *s)
{
    return dal_format_json(s) && jsonb_storable((const unsigned char *)s);
}
