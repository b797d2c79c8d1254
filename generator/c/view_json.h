/* view_json.h - the jansson calls that make the view model's JSON
 * (view_json.c, queries_view.c, migrations_view.c), made cheaper
 * without changing any value: keys are ASCII literals (not checked again),
 * strings skip jansson's UTF-8 check when they are plain ASCII (anything
 * else is checked as before: NULL when invalid), and one-key objects are
 * built without json_pack's format parsing.  A large schema creates millions
 * of these nodes. */
#ifndef DG_VIEW_JSON_H
#define DG_VIEW_JSON_H

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* json_string(s), NULL when s is NULL or not valid UTF-8. */
static inline json_t *dg_jstr(const char *s)
{
    if (!s) return NULL;
    const unsigned char *u = (const unsigned char *)s;
    while (*u && *u < 0x80) u++;
    return *u ? json_string(s) : json_stringn_nocheck(s, (size_t)(u - (const unsigned char *)s));
}

/* o[key] = v (v's reference taken; key an ASCII literal). */
static inline void dg_jset(json_t *o, const char *key, json_t *v)
{
    json_object_set_new_nocheck(o, key, v);
}

static inline void dg_jset_str(json_t *o, const char *key, const char *s)
{
    json_object_set_new_nocheck(o, key, dg_jstr(s));
}

/* Like dg_jset_str, then frees s. */
static inline void dg_jset_own(json_t *o, const char *key, char *s)
{
    json_object_set_new_nocheck(o, key, dg_jstr(s));
    free(s);
}

/* {key: s}, NULL when s is not valid UTF-8 (as json_pack("{s:s}")). */
static inline json_t *dg_jobj1(const char *key, const char *s)
{
    json_t *v = dg_jstr(s);
    if (!v) return NULL;
    json_t *o = json_object();
    json_object_set_new_nocheck(o, key, v);
    return o;
}

/* json_stringn(s, n) with the same ASCII shortcut as dg_jstr. */
static inline json_t *dg_jstrn(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return json_stringn(s, n);
    return json_stringn_nocheck(s, n);
}

/* The parts (NULL-terminated list, at most 15) joined as a JSON string:
 * no temporary string on the heap for the usual short ones. */
static inline json_t *dg_jcat_parts(const char *const *p)
{
    size_t len[16], n = 0, k;
    for (k = 0; p[k]; k++) n += len[k] = strlen(p[k]);
    char small[256], *buf = n < sizeof small ? small : dg_xmalloc(n + 1), *w = buf;
    for (k = 0; p[k]; k++) memcpy(w, p[k], len[k]), w += len[k];
    json_t *j = dg_jstrn(buf, n);
    if (buf != small) free(buf);
    return j;
}

#define DG_JCAT(...) dg_jcat_parts((const char *const[]){__VA_ARGS__, NULL})

#endif
