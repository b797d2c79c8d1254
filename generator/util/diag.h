/* diag.h - diagnostics as records, printed in the one format dalgen uses:
 *     path:line:col: error: message
 *     path:line:col: warning: message
 *     path:line:col: note: message          (information; counted nowhere)
 *     path: error: message                  (a file, no line)
 *     error: [CODE] message                 (lint refusals: a code, no location)
 *
 * Contract:
 *   - dg_error/dg_warning/dg_note/dg_error_code add a record to the
 *     dg_diags and count it (errors, warnings; a note is not counted, so
 *     that --Werror ignores it); nothing is printed then.  The records own
 *     copies of everything they hold (file, code, message): what the caller
 *     passed may be freed at once.
 *   - dg_diags_print writes the pending records to a stream and frees them;
 *     the counts stay.  Each record is printed at most once.  The dalgen
 *     command line prints after a command returns (main.c); a command
 *     prints the ones so far earlier only where text of its own must follow
 *     them (cli.h).
 *   - Printed order: a stable sort by location.  Files in the order the
 *     pending records first name them (records without a file are one more
 *     group, placed the same way); within a file by line and column (a
 *     record without a line first), records at one place in the order
 *     added.
 *   - The owner of a dg_diags releases it with dg_diags_print (which
 *     leaves nothing to free) or dg_diags_free (which drops what was never
 *     printed: for diagnostics nobody is to see).
 *   - d == NULL (here and as dg_diags_add's or dg_diags_move's target): a
 *     diagnostic has no one to collect it and is printed to stderr at once
 *     (and counted nowhere).
 *   - A dg_diags is used by one thread at a time; a second thread gets its
 *     own and hands it over with dg_diags_move. */
#ifndef DG_DIAG_H
#define DG_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef struct dg_loc {
    const char *file;   /* interned by the model or the caller; NULL = none */
    int line;           /* 1-based; 0 = unknown */
    int col;            /* 1-based, counted in characters (UTF-8 code points) */
} dg_loc;

typedef enum dg_severity { DG_SEV_ERROR, DG_SEV_WARNING, DG_SEV_NOTE } dg_severity;

/* One diagnostic.  In a dg_diags, loc.file, code and message are heap
 * copies owned by the record (dg_diag_free). */
typedef struct dg_diag {
    dg_loc      loc;
    dg_severity severity;
    char       *code;      /* lint code, or NULL */
    char       *message;   /* without the location and severity prefix */
} dg_diag;

typedef struct dg_diags {
    dg_diag *items;     /* pending records, in the order added */
    size_t   len, cap;
    int errors;         /* every error added (printed or not) */
    int warnings;
} dg_diags;

#define DG_DIAGS_INIT {NULL, 0, 0, 0, 0}

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
/* Something the user may want to know that is not a problem (an option
 * that is ignored, an entry that is skipped). */
void dg_note(dg_diags *d, dg_loc loc, const char *fmt, ...)
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

/* Appends `rec` (heap strings, which become d's) and counts it. */
void dg_diags_add(dg_diags *d, dg_diag rec);
/* Moves every pending record of `from` to the end of `into`, in order, and
 * adds from's counts (the records it printed included); `from` is left
 * empty with zero counts. */
void dg_diags_move(dg_diags *into, dg_diags *from);
/* Prints the pending records in the order above to `out` (NULL = stderr),
 * then frees them.  Counts are kept. */
void dg_diags_print(dg_diags *d, FILE *out);
/* Frees the pending records (unprinted ones are lost) and zeroes d. */
void dg_diags_free(dg_diags *d);

/* Replaces a record's location (its file copied). */
void dg_diag_set_loc(dg_diag *g, dg_loc loc);
/* Writes one record in the format above. */
void dg_diag_print(const dg_diag *g, FILE *out);
void dg_diag_free(dg_diag *g);

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
