/* api_side.h - the pipeline behind `dalgen diff --api`: the C API of the
 * code that one side of a diff generates, read back with libclang. */
#ifndef DG_API_SIDE_H
#define DG_API_SIDE_H

#include "model/api.h"
#include "driver/generate.h"

typedef struct dg_diff_api_side {
    const dg_sources *schema;    /* the side's sources; their clang_args are also used for the header */
    const dg_strings *queries;   /* --queries and the side's own --from-/--to-queries (may be empty) */
    const char       *label;     /* "from" or "to": reports name the header <label>/<prefix>.h */
} dg_diff_api_side;

/* Generates the header of `side` with the options of `base` (prefix,
 * templates, view options) into a private folder that mkdtemp creates under
 * $TMPDIR (/tmp when unset), reads its API with libclang, and removes the
 * folder again on every path.  Returns 0 and fills *out, or -1 after
 * reporting errors through `d`; free *out with dg_api_free either way. */
int dg_diff_api_load(const dg_generate_opts *base, const dg_diff_api_side *side, dg_api *out, dg_diags *d);

#endif
