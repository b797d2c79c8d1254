/* clang_tu.h - parsing one header with libclang, shared by the header front
 * end (clang_front.c) and the API extractor (clang_api.c).
 *
 * Only files under frontend/clang/ include this (it needs clang_dl.h). */
#ifndef DG_CLANG_TU_H
#define DG_CLANG_TU_H

#include "frontend/clang/clang_dl.h"

#include "model/model.h"
#include "util/diag.h"

typedef struct dg_ctu {
    CXIndex           index;
    CXTranslationUnit tu;
    dg_strings       *files;   /* where locations' file names are interned (not owned) */
} dg_ctu;

/* Parses `header` with the user's `args` (--clang-arg values, may be NULL),
 * after which dalgen's own include folder (the one holding dal_annotate.h) is
 * searched.  Every clang diagnostic is passed through `d` with its location.
 * Returns 0 with *out ready (release with dg_ctu_dispose), or -1 when the
 * header is unreadable or has errors (nothing to dispose).  File names of
 * locations are interned in `files`, which must outlive their use. */
int  dg_ctu_parse(const char *header, const dg_strings *args, dg_strings *files, dg_ctu *out, dg_diags *d);
void dg_ctu_dispose(dg_ctu *t);

/* Where the cursor was written (macro uses resolve to the use site). */
dg_loc dg_ctu_loc(dg_ctu *t, CXCursor c);
/* True for cursors in system headers (stdint.h, dal_annotate.h, ...). */
int dg_ctu_in_system_header(CXCursor c);

/* Copies a CXString and disposes it; never NULL. Caller frees. */
char *dg_cx_take(CXString s);

/* Returns the interned copy of `path` in `files`. */
const char *dg_ctu_intern(dg_strings *files, const char *path);

#endif
