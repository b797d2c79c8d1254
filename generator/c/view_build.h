/* view_build.h - the view model of a schema's tables and views, and the
 * root it hangs from (the C backend's entry point for the driver). */
#ifndef DG_VIEW_BUILD_H
#define DG_VIEW_BUILD_H

#include <jansson.h>

#include "model/model.h"
#include "util/diag.h"
#include "c/view.h"
#include "c/view_int.h"

/* The typed view model of the schema's tables and views (view_int.h),
 * NULL after errors (reported through d).  `inputs` are copied. */
dg_vtables *dg_view_build_typed(const dg_schema *s, const dg_strings *inputs, const dg_view_opts *opts, dg_diags *d);

/* Appends table t to vts->items: its fields, a user's struct (its header
 * into vts->user_headers), records' checks, enums and validator, functions.  0, or -1
 * after reporting through d.  (dg_view_build_typed's step, for tests.) */
int dg_view_build_table(dg_vctx *v, dg_vtables *vts, const dg_table *t, dg_diags *d);

/* The same as JSON (dg_view_to_json; for tests); NULL after errors.  With
 * `tables` (may be NULL), *tables gets the typed model too (caller frees
 * both, in either order). */
json_t *dg_view_build(const dg_schema *s, const dg_strings *inputs, const dg_view_opts *opts, dg_vtables **tables,
                      dg_diags *d);

#endif
