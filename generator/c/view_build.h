/* view_build.h - the view model of a schema's tables and views, and the
 * root it hangs from (the C backend's entry point for the driver). */
#ifndef DG_VIEW_BUILD_H
#define DG_VIEW_BUILD_H

#include <jansson.h>

#include "model/model.h"
#include "util/diag.h"
#include "c/view.h"

/* The view model alone (for tests and `--dump-view`); NULL after errors.
 * With `tables` (may be NULL), *tables gets its typed part (free with
 * dg_vtables_free after the root: it borrows the root's strings). */
json_t *dg_view_build(const dg_schema *s, const dg_strings *inputs, const dg_view_opts *opts, dg_vtables **tables,
                      dg_diags *d);

#endif
