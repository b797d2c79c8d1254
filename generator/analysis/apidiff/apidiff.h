/* apidiff.h - what changed in the C API between two headers (`dalgen
 * api-diff`, `dalgen diff --api`). */
#ifndef DG_APIDIFF_H
#define DG_APIDIFF_H

#include <stdio.h>

#include "model/model.h"
#include "util/diag.h"
#include "model/api.h"

typedef struct dg_api_diff_counts {
    int added;
    int removed;
    int changed;
} dg_api_diff_counts;

/* Prints to `out`, grouped by kind, what `new_api` added, removed and
 * changed relative to `old_api`, each with file:line, then a summary line;
 * sets *counts (may be NULL). */
void dg_api_diff(const dg_api *old_api, const dg_api *new_api, FILE *out, dg_api_diff_counts *counts);
/* The same with `prefix` (may be NULL) at the start of every line: `dalgen
 * diff --api` passes "-- " so that its whole output stays SQL. */
void dg_api_diff_prefixed(const dg_api *old_api, const dg_api *new_api, const char *prefix, FILE *out,
                          dg_api_diff_counts *counts);

/* Parses both headers and prints their differences to `out`.  Returns -1
 * when a header could not be parsed (reported through `d`), 1 when
 * something was removed or changed (a breaking change), 0 otherwise.
 * The _args form passes --clang-arg values (may be NULL). */
int dg_api_diff_headers(const char *old_h, const char *new_h, FILE *out, dg_diags *d);
int dg_api_diff_headers_args(const char *old_h, const char *new_h, const dg_strings *clang_args, FILE *out,
                             dg_diags *d);

#endif
