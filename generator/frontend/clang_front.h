/* clang_front.h - the libclang front end: annotated C headers -> schema model
 * (see runtime/include/dal_annotate.h for the annotations). */
#ifndef DG_CLANG_FRONT_H
#define DG_CLANG_FRONT_H

#include "../model/model.h"
#include "../util/diag.h"

/* Adds the tables described by `header` to `into`.  Returns 0, or -1 after
 * reporting header:line:col errors through `d`.  When dalgen was built
 * without libclang, reports that and returns -1. */
int dg_clang_load(const char *header, const dg_strings *clang_args, dg_schema *into, dg_diags *d);

#endif
