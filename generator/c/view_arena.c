/* view_arena.c - the view model's strings, made in its arena (view_int.h).
 *
 * Why: a table's part of the model is a few hundred small strings (names,
 * SQL, one call per bind and read); made with malloc and freed one by one
 * they cost more than building them (at 1,000 tables, 40% of the build and
 * 83 M instructions to free).  In the arena (template_value.h's, reused) a
 * string costs a bump and a copy, and the whole model goes at once. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "c/view_int.h"

char *dg_va_strndup(dg_tarena *a, const char *s, size_t n)
{
    char *r = dg_tarena_alloc(a, n + 1);
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

char *dg_va_strdup(dg_tarena *a, const char *s)
{
    return s ? dg_va_strndup(a, s, strlen(s)) : NULL;
}

char *dg_va_cat_parts(dg_tarena *a, const char *const *parts)
{
    size_t len[32], n = 0, k;
    for (k = 0; parts[k]; k++) n += k < 32 ? (len[k] = strlen(parts[k])) : strlen(parts[k]);
    char *r = dg_tarena_alloc(a, n + 1), *w = r;
    for (k = 0; parts[k]; k++) {
        size_t m = k < 32 ? len[k] : strlen(parts[k]);
        memcpy(w, parts[k], m);
        w += m;
    }
    *w = '\0';
    return r;
}

char *dg_va_printf(dg_tarena *a, const char *fmt, ...)
{
    char small[256];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *r;
    if ((size_t)n < sizeof small) {
        r = dg_va_strndup(a, small, (size_t)n);
    } else {   /* rare: printed again at its length */
        r = dg_tarena_alloc(a, (size_t)n + 1);
        vsnprintf(r, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    return r;
}

char *dg_va_buf(dg_tarena *a, const dg_buf *b)
{
    return dg_va_strndup(a, b->data ? b->data : "", b->len);
}
