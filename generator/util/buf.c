#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("dalgen: out of memory\n", stderr);
    abort();
}

void *dg_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *dg_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *dg_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    return p;
}

char *dg_xstrdup(const char *s)
{
    return s ? dg_xstrndup(s, strlen(s)) : NULL;
}

char *dg_xstrndup(const char *s, size_t n)
{
    char *p = dg_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dg_xprintf(const char *fmt, ...)
{
    dg_buf b = DG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return dg_buf_steal(&b);
}

void dg_buf_reserve(dg_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    b->data = dg_xrealloc(b->data, cap);
    b->cap = cap;
}

void dg_buf_append(dg_buf *b, const void *data, size_t len)
{
    if (b->len + len >= b->cap) dg_buf_reserve(b, len);   /* the call only to grow: appends run per byte */
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void dg_buf_puts(dg_buf *b, const char *s)
{
    dg_buf_append(b, s, strlen(s));
}

void dg_buf_putc(dg_buf *b, char c)
{
    if (b->len + 1 >= b->cap) dg_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void dg_buf_vprintf(dg_buf *b, const char *fmt, va_list ap)
{
    dg_buf_reserve(b, 64);   /* most fit the spare room: format once, not measure then format */
    va_list ap2;
    va_copy(ap2, ap);
    size_t room = b->cap - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        dg_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

void dg_buf_printf(dg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dg_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void dg_buf_clear(dg_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

const char *dg_buf_cstr(dg_buf *b)
{
    return b->data ? b->data : "";
}

char *dg_buf_steal(dg_buf *b)
{
    char *p = b->data ? b->data : dg_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void dg_buf_free(dg_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Per part one strlen and one memcpy, the room checked inline and the NUL
 * written once: the parts are short and many (a call per bind of every
 * field), so the calls of dg_buf_puts per part were most of the cost. */
void dg_buf_cat(dg_buf *b, ...)
{
    va_list ap;
    va_start(ap, b);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
        size_t n = strlen(s);
        if (b->len + n >= b->cap) dg_buf_reserve(b, n);
        memcpy(b->data + b->len, s, n);
        b->len += n;
    }
    if (b->data) b->data[b->len] = '\0';
    va_end(ap);
}

char *dg_xcat_parts(const char *const *parts)
{
    size_t len[32], n = 0, k;
    for (k = 0; parts[k]; k++) n += k < 32 ? (len[k] = strlen(parts[k])) : strlen(parts[k]);
    char *r = dg_xmalloc(n + 1), *w = r;
    for (k = 0; parts[k]; k++) {
        size_t m = k < 32 ? len[k] : strlen(parts[k]);
        memcpy(w, parts[k], m);
        w += m;
    }
    *w = '\0';
    return r;
}
