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

#endif
