/* diag.h - diagnostics in the one format dalgen prints:
 *     path:line:col: error: message
 *     path:line:col: warning: message
 * and `error: [CODE] message` for lint refusals (no location).
 *
 * A dg_diags collects counts and writes to a stream (stderr by default).
 * Tests point `out` at a memstream to assert the exact text. */
#ifndef DG_DIAG_H
#define DG_DIAG_H

#include <stdio.h>

typedef struct dg_loc {
    const char *file;   /* interned by the model or the caller; NULL = none */
    int line;           /* 1-based; 0 = unknown */
    int col;            /* 1-based, counted in characters (UTF-8 code points) */
} dg_loc;

typedef struct dg_diags {
    FILE *out;          /* NULL = stderr */
    int errors;
    int warnings;
} dg_diags;

#define DG_DIAGS_INIT {NULL, 0, 0}

void dg_error(dg_diags *d, dg_loc loc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void dg_warning(dg_diags *d, dg_loc loc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Lint refusal or other location-less error with a stable code. */
void dg_error_code(dg_diags *d, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Line/column (1-based, columns in UTF-8 code points) of byte `offset`
 * in `text`, starting from `base` (the location of text[0]). */
dg_loc dg_loc_at(const char *text, size_t offset, dg_loc base);

/* dg_loc_at for many offsets of one unchanging text: each call continues
 * from the previous offset (an earlier offset starts over), so a reader
 * asking in increasing order pays once for the whole text.  Same results
 * as dg_loc_at(text, offset, base). */
typedef struct dg_loc_cursor {
    const char *text;
    dg_loc base;
    size_t off;         /* text[0, off) is counted into loc */
    dg_loc loc;
    int at_nul;         /* counting stopped at a NUL byte at `off` */
} dg_loc_cursor;

void   dg_loc_cursor_init(dg_loc_cursor *c, const char *text, dg_loc base);
dg_loc dg_loc_cursor_at(dg_loc_cursor *c, size_t offset);

#endif
