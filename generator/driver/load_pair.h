/* load_pair.h - two schemas loaded at once, the second on a thread of its
 * own (dalgen diff's --from and --to).  Each load has its own database and
 * model; the second's diagnostics are kept apart and added after the
 * first's, and a failed first load drops the second's result and messages,
 * so the output and the messages are those of loading one after the other
 * and stopping at the first failure. */
#ifndef DG_LOAD_PAIR_H
#define DG_LOAD_PAIR_H

#include "frontend/sources.h"
#include "model/model.h"
#include "util/diag.h"

/* dg_schema_load(a, out_a, d), then dg_schema_load(b, out_b, d) when the
 * first succeeded, run side by side (one after the other when a source is a
 * C header: the libclang front end is loaded once, lazily, and not shared).
 * Returns 0 with both models (the caller frees them with dg_schema_free);
 * -1 with both NULL. */
int dg_schema_load_pair(const dg_sources *a, const dg_sources *b, dg_schema **out_a, dg_schema **out_b,
                        dg_diags *d);

#endif
