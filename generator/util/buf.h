/* buf.h - growable byte/string buffer used throughout the generator.
 *
 * A dg_buf always keeps its content NUL-terminated (when data != NULL).
 * Allocation failure aborts the generator: dalgen is a command-line tool and
 * has nothing sensible to do when malloc fails. */
#ifndef DG_BUF_H
#define DG_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct dg_buf {
    char  *data;   /* owned; NULL until the first append */
    size_t len;
    size_t cap;
} dg_buf;

#define DG_BUF_INIT {NULL, 0, 0}

void  dg_buf_reserve(dg_buf *b, size_t extra);
void  dg_buf_append(dg_buf *b, const void *data, size_t len);
void  dg_buf_puts(dg_buf *b, const char *s);
/* Appends each string argument up to a NULL one: for code run per column of
 * a large schema, where parsing a printf format costs more than the copy. */
void  dg_buf_cat(dg_buf *b, ...);
void  dg_buf_putc(dg_buf *b, char c);
void  dg_buf_printf(dg_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void  dg_buf_vprintf(dg_buf *b, const char *fmt, va_list ap);
void  dg_buf_clear(dg_buf *b);          /* len = 0, keeps memory */
const char *dg_buf_cstr(dg_buf *b);     /* never NULL ("" when empty) */
char *dg_buf_steal(dg_buf *b);          /* caller frees; buffer becomes empty */
void  dg_buf_free(dg_buf *b);

/* Small allocation helpers that abort on failure. */
void *dg_xmalloc(size_t n);
void *dg_xcalloc(size_t n, size_t size);
void *dg_xrealloc(void *p, size_t n);
char *dg_xstrdup(const char *s);        /* NULL -> NULL */
char *dg_xstrndup(const char *s, size_t n);
char *dg_xprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* The strings parts[0..] up to a NULL one joined in one allocation (caller
 * frees): for names and calls built per column of a large schema, where
 * parsing a printf format costs more than the copy.  DG_XCAT("a", b, c). */
char *dg_xcat_parts(const char *const *parts);
#define DG_XCAT(...) dg_xcat_parts((const char *const[]){__VA_ARGS__, NULL})

#endif
