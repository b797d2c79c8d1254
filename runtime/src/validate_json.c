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
