/* jsonio.c - jsonio.h: optional values written only when present, read
 * back with their types checked and the first problem named by its path. */
#include "util/jsonio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void dg_jw_str(json_t *o, const char *k, const char *v)
{
    if (v) json_object_set_new(o, k, json_string(v));
}

void dg_jw_bool(json_t *o, const char *k, bool v)
{
    if (v) json_object_set_new(o, k, json_true());
}

void dg_jw_int(json_t *o, const char *k, long long v, long long dflt)
{
    if (v != dflt) json_object_set_new(o, k, json_integer((json_int_t)v));
}

void dg_jw_loc(json_t *o, const char *k, dg_loc loc, char *const *files, size_t n)
{
    if (!loc.file && !loc.line && !loc.col) return;
    long fi = -1;
    for (size_t i = 0; loc.file && i < n && fi < 0; i++)
        if (!strcmp(files[i], loc.file)) fi = (long)i;
    char text[64];
    snprintf(text, sizeof text, "%ld:%d:%d", fi, loc.line, loc.col);
    json_object_set_new(o, k, json_string(text));
}

void dg_jw_strs(json_t *o, const char *k, char *const *v, size_t n)
{
    if (!n) return;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, json_string(v[i]));
    json_object_set_new(o, k, a);
}

void dg_jr_free(dg_jr *r)
{
    free(r->err);
    r->err = NULL;
}

size_t dg_jr_enter(dg_jr *r, const char *key, long idx)
{
    size_t mark = r->plen, cap = sizeof r->path;
    int n = 0;
    if (key && r->plen < cap) n = snprintf(r->path + r->plen, cap - r->plen, "%s%s", r->plen ? "." : "", key);
    r->plen += n > 0 ? (size_t)n : 0;
    if (r->plen >= cap) r->plen = cap - 1;
    n = 0;
    if (idx >= 0 && r->plen < cap) n = snprintf(r->path + r->plen, cap - r->plen, "[%ld]", idx);
    r->plen += n > 0 ? (size_t)n : 0;
    if (r->plen >= cap) r->plen = cap - 1;
    return mark;
}

void dg_jr_leave(dg_jr *r, size_t mark)
{
    r->plen = mark;
    r->path[mark] = '\0';
}

void dg_jr_fail(dg_jr *r, const char *fmt, ...)
{
    if (r->err) return;
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    r->err = dg_xprintf("%.*s%s%s", (int)r->plen, r->path, r->plen ? ": " : "", what);
}

/* o[k], failing (at path.k) when o is not an object. */
static json_t *get(dg_jr *r, json_t *o, const char *k)
{
    if (json_is_object(o)) {
        json_t *v = json_object_get(o, k);
        return json_is_null(v) ? NULL : v;
    }
    dg_jr_fail(r, "expected an object");
    return NULL;
}

static void fail_at(dg_jr *r, const char *k, const char *what)
{
    size_t m = dg_jr_enter(r, k, -1);
    dg_jr_fail(r, "%s", what);
    dg_jr_leave(r, m);
}

char *dg_jr_str(dg_jr *r, json_t *o, const char *k, bool req)
{
    json_t *v = get(r, o, k);
    if (v && json_is_string(v)) return dg_xstrdup(json_string_value(v));
    if (v || req) fail_at(r, k, v ? "expected a string" : "missing");
    return NULL;
}

bool dg_jr_bool(dg_jr *r, json_t *o, const char *k)
{
    json_t *v = get(r, o, k);
    if (v && !json_is_boolean(v)) fail_at(r, k, "expected true or false");
    return json_is_true(v);
}

long long dg_jr_int(dg_jr *r, json_t *o, const char *k, long long dflt, long long min, long long max)
{
    json_t *v = get(r, o, k);
    if (!v) return dflt;
    long long x = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
    if (!json_is_integer(v) || x < min || x > max) {
        char what[96];
        snprintf(what, sizeof what, "expected an integer from %lld to %lld", min, max);
        fail_at(r, k, what);
        return dflt;
    }
    return x;
}

json_t *dg_jr_arr(dg_jr *r, json_t *o, const char *k)
{
    json_t *v = get(r, o, k);
    if (v && !json_is_array(v)) {
        fail_at(r, k, "expected an array");
        return NULL;
    }
    return v;
}

json_t *dg_jr_obj(dg_jr *r, json_t *a, size_t i)
{
    json_t *v = json_array_get(a, i);
    if (json_is_object(v)) return v;
    size_t m = dg_jr_enter(r, NULL, (long)i);
    dg_jr_fail(r, "expected an object");
    dg_jr_leave(r, m);
    return NULL;
}

int dg_jr_enum(dg_jr *r, json_t *o, const char *k, const char *const *names, size_t n, int dflt)
{
    json_t *v = get(r, o, k);
    if (!v) return dflt;
    for (size_t i = 0; json_is_string(v) && i < n; i++)
        if (!strcmp(names[i], json_string_value(v))) return (int)i;
    fail_at(r, k, "not a known value");
    return dflt;
}

dg_loc dg_jr_loc(dg_jr *r, json_t *o, const char *k, char *const *files, size_t n)
{
    json_t *v = get(r, o, k);
    if (!v) return (dg_loc){NULL, 0, 0};
    long fi = 0;
    int line = 0, col = 0, end = 0;
    const char *text = json_string_value(v);
    if (!text || sscanf(text, "%ld:%d:%d%n", &fi, &line, &col, &end) != 3 || text[end] || fi < -1 ||
        fi >= (long)n || line < 0 || col < 0) {
        fail_at(r, k, "expected \"file:line:column\"");
        return (dg_loc){NULL, 0, 0};
    }
    return (dg_loc){fi < 0 ? NULL : files[fi], line, col};
}

void dg_jr_strs(dg_jr *r, json_t *o, const char *k, void (*push)(void *ctx, const char *s), void *ctx)
{
    json_t *a = dg_jr_arr(r, o, k);
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *s = json_array_get(a, i);
        if (json_is_string(s)) {
            push(ctx, json_string_value(s));
            continue;
        }
        size_t m = dg_jr_enter(r, k, (long)i);
        dg_jr_fail(r, "expected a string");
        dg_jr_leave(r, m);
    }
}
