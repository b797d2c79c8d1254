/* validators_annotations.c - rules for what SQL cannot say:
 *   -- @format email|url|uuid|date|datetime|time|json|jsonb (text)
 *   -- @pattern <POSIX ERE>                               (text)
 *   -- @min N, -- @max N                                  (numbers)
 *   -- @length MIN..MAX | MIN.. | ..MAX | N               (text: characters, blob: bytes)
 *   -- @max_bytes N                                       (text: bytes; a header's char[N+1]) */
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/validators_int.h"

static const struct { const char *name, *message; } formats[] = {
    {"email", "must be a valid email address"},
    {"url", "must be a valid URL"},
    {"uuid", "must be a valid UUID"},
    {"date", "must be a date (YYYY-MM-DD)"},
    {"time", "must be a time (HH:MM[:SS[.fff]])"},
    {"datetime", "must be a date and time (ISO 8601)"},
    {"json", "must be valid JSON"},
    {"jsonb", "must be JSON that jsonb stores (no \\u0000, paired surrogates, numbers in numeric's range)"},
};

static bool is_text(const dg_cfield *f) { return f->kind == DG_CK_TEXT; }
/* PostgreSQL's smallint, integer and real are numbers too (their fields are
 * int16_t, int32_t and float, compared with a double exactly). */
static bool is_number(const dg_cfield *f)
{
    return f->kind == DG_CK_INT64 || f->kind == DG_CK_DOUBLE || f->kind == DG_CK_INT16 || f->kind == DG_CK_INT32 ||
           f->kind == DG_CK_FLOAT;
}

static int format_rule(dg_validator *v, const dg_annotation *a, int i, const dg_cfield *f,
                       const char *row, dg_diags *d)
{
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
        if (strcmp(a->value, formats[k].name) != 0) continue;
        char *ref = dg_cfield_ref(row, f);
        char *set = dg_cfield_text_present(row, f);
        dg_vrule_add(v, i, "DAL_RULE_FORMAT",
                     dg_xprintf("%s && dal_text_valid_utf8(%s) && !dal_format_%s(%s)", set, ref, formats[k].name, ref),
                     dg_xstrdup(formats[k].message));
        free(set);
        free(ref);
        return 0;
    }
    dg_error(d, a->loc, "unknown @format '%s' (email, url, uuid, date, datetime, time, json or jsonb)", a->value);
    return -1;
}

static int pattern_rule(dg_validator *v, const dg_annotation *a, int i, const dg_cfield *f,
                        const char *cname, const char *row, dg_diags *d)
{
    regex_t re;
    int err = a->value[0] ? regcomp(&re, a->value, REG_EXTENDED | REG_NOSUB) : REG_BADPAT;
    if (err != 0) {
        char msg[256] = "empty pattern";
        if (a->value[0]) regerror(err, &re, msg, sizeof msg);
        dg_error(d, a->loc, "@pattern is not a POSIX extended regular expression: %s", msg);
        return -1;
    }
    regfree(&re);
    dg_vpattern *p = DG_VEC_ADD(&v->patterns);
    p->name = dg_xprintf("%s_%s_pattern", cname, f->cname);
    p->ere = dg_xstrdup(a->value);
    char *ref = dg_cfield_ref(row, f), *set = dg_cfield_text_present(row, f);
    dg_vrule_add(v, i, "DAL_RULE_PATTERN",
                 dg_xprintf("%s && dal_pattern_match(&%s, %s) != 1", set, p->name, ref),
                 dg_xprintf("must match the pattern %s", a->value));
    free(set);
    free(ref);
    return 0;
}

/* A finite number that is the whole annotation value. */
static bool number(const char *s, double *out)
{
    char *end;
    *out = strtod(s, &end);
    return end != s && *end == '\0' && isfinite(*out);
}

static int bound_rule(dg_validator *v, const dg_annotation *a, bool min, int i, const dg_cfield *f,
                      const char *row, dg_diags *d)
{
    double n;
    if (!number(a->value, &n)) {
        dg_error(d, a->loc, "@%s needs a number, not '%s'", a->key, a->value);
        return -1;
    }
    char *ref = dg_cfield_ref(row, f), *set = dg_cfield_set(row, f), *cmp;
    char *lit = dg_c_double(n);
    const char *op = min ? "<" : ">";
    if (f->kind == DG_CK_INT64)
        cmp = dg_xprintf("dal_sql_cmp_int_real(%s, %s) %s 0", ref, lit, op);
    else
        cmp = dg_xprintf("%s %s %s", ref, op, lit);
    dg_vrule_add(v, i, min ? "DAL_RULE_MIN" : "DAL_RULE_MAX",
                 strcmp(set, "1") == 0 ? cmp : dg_xprintf("%s && %s", set, cmp),
                 dg_xprintf("must be at %s %s", min ? "least" : "most", a->value));
    if (strcmp(set, "1") != 0) free(cmp);
    free(lit);
    free(ref);
    free(set);
    return 0;
}

/* "3..10", "3..", "..10" or "8"; an open end is -1. */
static bool length_range(const char *s, long *lo, long *hi)
{
    char *end;
    const char *dots = strstr(s, "..");
    *lo = *hi = -1;
    if (!dots) {
        *lo = *hi = strtol(s, &end, 10);
        return end != s && *end == '\0' && *lo >= 0;
    }
    if (dots != s) {
        *lo = strtol(s, &end, 10);
        if (end != dots || *lo < 0) return false;
    }
    if (dots[2]) {
        *hi = strtol(dots + 2, &end, 10);
        if (*end != '\0' || *hi < 0) return false;
    }
    return (*lo >= 0 || *hi >= 0) && (*lo < 0 || *hi < 0 || *lo <= *hi);
}

static int length_rule(dg_validator *v, const dg_annotation *a, int i, const dg_cfield *f,
                       const char *row, dg_diags *d)
{
    long lo, hi;
    if (!length_range(a->value, &lo, &hi)) {
        dg_error(d, a->loc, "@length needs MIN..MAX, MIN.., ..MAX or N, not '%s'", a->value);
        return -1;
    }
    char *ref = dg_cfield_ref(row, f);
    bool text = is_text(f);
    char *n = text ? dg_xprintf("dal_text_chars(%s)", ref) : dg_xprintf("%s.len", ref);
    char *set = text ? dg_cfield_text_present(row, f) : NULL;
    char *pre = text ? dg_xprintf("%s && dal_text_valid_utf8(%s)", set, ref) : dg_xprintf("%s.data != NULL", ref);
    free(set);
    const char *unit = text ? "characters" : "bytes";
    char *cond, *msg;
    if (lo >= 0 && hi >= 0 && lo == hi) {
        cond = dg_xprintf("%s && %s != %ld", pre, n, lo);
        msg = dg_xprintf("must be exactly %ld %s", lo, unit);
    } else if (lo > 0 && hi >= 0) {
        cond = dg_xprintf("%s && (%s < %ld || %s > %ld)", pre, n, lo, n, hi);
        msg = dg_xprintf("must be %ld to %ld %s", lo, hi, unit);
    } else if (lo >= 0 && hi < 0) {
        /* the count is a size_t: "at least 0" holds for every value */
        cond = lo > 0 ? dg_xprintf("%s && %s < %ld", pre, n, lo) : NULL;
        msg = dg_xprintf("must be at least %ld %s", lo, unit);
    } else {
        /* ..N, or 0..N: no lower-bound test on the unsigned count */
        cond = dg_xprintf("%s && %s > %ld", pre, n, hi);
        msg = lo == 0 ? dg_xprintf("must be 0 to %ld %s", hi, unit) : dg_xprintf("must be at most %ld %s", hi, unit);
    }
    if (cond) dg_vrule_add(v, i, "DAL_RULE_LENGTH", cond, msg);
    else free(msg);
    free(ref);
    free(n);
    free(pre);
    return 0;
}

/* -- @max_bytes N: at most N bytes of text (a char[N+1] field of a header:
 * its NUL within the buffer). */
static int max_bytes_rule(dg_validator *v, const dg_annotation *a, int i, const dg_cfield *f, const char *row,
                          dg_diags *d)
{
    char *end;
    long m = strtol(a->value, &end, 10);
    if (end == a->value || *end || m < 0) {
        dg_error(d, a->loc, "@max_bytes needs a number of bytes, not '%s'", a->value);
        return -1;
    }
    char *ref = dg_cfield_ref(row, f), *cond;
    const char *has = f->has_name ? dg_xprintf("%s->%s && ", row, f->has_name) : dg_xstrdup("");
    if (f->array && m + 1 >= f->array)
        cond = dg_xprintf("%smemchr(%s, '\\0', sizeof %s) == NULL", has, ref, ref);
    else if (f->array)
        cond = dg_xprintf("%smemchr(%s, '\\0', %ld) == NULL", has, ref, m + 1);
    else
        cond = dg_xprintf("%s != NULL && strlen(%s) > %ld", ref, ref, m);
    dg_vrule_add(v, i, "DAL_RULE_MAX_LENGTH", cond, dg_xprintf("must be at most %ld byte%s", m, m == 1 ? "" : "s"));
    free((char *)has);
    free(ref);
    return 0;
}

int dg_validator_annotations(dg_validator *v, const dg_table *t, const dg_column *c, int i,
                             const dg_cfield *f, const char *cname, const char *row, dg_diags *d)
{
    (void)t;
    int rc = 0;
    /* a column declared JSON holds JSON unless an @format says otherwise */
    const char *implied = f->format;
    if (f->pg)   /* PostgreSQL: json and jsonb, also through domains */
        implied = !f->pg->json ? NULL : !strcmp(f->pg->call, "jsonb") ? "jsonb" : "json";
    if (implied && is_text(f) && !dg_annotation_get(&c->annotations, "format")) {
        dg_annotation a = {(char *)"format", (char *)implied, c->loc, false};
        format_rule(v, &a, i, f, row, d);
    }
    for (size_t k = 0; k < c->annotations.len; k++) {
        const dg_annotation *a = &c->annotations.items[k];
        bool fmt = strcmp(a->key, "format") == 0, pat = strcmp(a->key, "pattern") == 0;
        bool min = strcmp(a->key, "min") == 0, max = strcmp(a->key, "max") == 0;
        bool len = strcmp(a->key, "length") == 0, bytes = strcmp(a->key, "max_bytes") == 0;
        if (bytes && f->kind == DG_CK_ENUM) continue;   /* its values are the set's */
        if (bytes && !is_text(f)) {
            dg_error(d, a->loc, "@max_bytes applies to text columns; %s is not one", c->name);
            rc = -1;
            continue;
        }
        if (bytes && max_bytes_rule(v, a, i, f, row, d) != 0) rc = -1;
        if (!fmt && !pat && !min && !max && !len) continue;
        if ((fmt || pat) && !is_text(f)) {
            dg_error(d, a->loc, "@%s applies to text columns; %s is not one", a->key, c->name);
            rc = -1;
        } else if ((min || max) && !is_number(f)) {
            dg_error(d, a->loc, "@%s applies to numeric columns; %s is not one", a->key, c->name);
            rc = -1;
        } else if (len && !is_text(f) && f->kind != DG_CK_BLOB) {
            dg_error(d, a->loc, "@length applies to text and blob columns; %s is neither", c->name);
            rc = -1;
        } else if ((fmt && format_rule(v, a, i, f, row, d) != 0) ||
                   (pat && pattern_rule(v, a, i, f, cname, row, d) != 0) ||
                   ((min || max) && bound_rule(v, a, min, i, f, row, d) != 0) ||
                   (len && length_rule(v, a, i, f, row, d) != 0)) {
            rc = -1;
        }
    }
    return rc;
}
