/* view_async.h - the tables' view model (dg_view_build_typed) built on a second
 * thread while the caller does other work on the same schema (dalgen
 * generate types the named queries meanwhile).  Both sides only read the
 * schema model; the build's diagnostics are kept apart and added to the
 * caller's when it is collected, so the output and the messages are those of
 * running one after the other. */
#ifndef DG_VIEW_ASYNC_H
#define DG_VIEW_ASYNC_H

#include <stdbool.h>

#include "model/model.h"
#include "util/diag.h"
#include "c/view.h"

typedef struct dg_view_async dg_view_async;

/* Starts dg_view_build_typed(s, inputs, opts) (opts is copied; what it and inputs
 * point to must live until dg_view_build_collect).  Without a thread it
 * builds at collection time instead.  Never NULL. */
dg_view_async *dg_view_build_start(const dg_schema *s, const dg_strings *inputs, const dg_view_opts *opts);

/* Waits for the build and frees `a`.  With `keep`, moves the build's
 * diagnostics (collected in a dg_diags of its own) to the end of d and
 * returns the typed view model (caller owns it; NULL when the build
 * failed); otherwise drops it and returns NULL. */
dg_vtables *dg_view_build_collect(dg_view_async *a, bool keep, dg_diags *d);

#endif
