/* clang_front.h - the libclang front end: annotated C headers -> schema model
 * (see runtime/include/dal_annotate.h for the annotations, docs/clang.md). */
#ifndef DG_CLANG_FRONT_H
#define DG_CLANG_FRONT_H

#include "model/model.h"
#include "util/diag.h"

/* Adds the tables (and their indexes) described by `header` to `into`, with
 * locations in the header.  `clang_args` (may be NULL) are the --clang-arg
 * values.  Returns 0, or -1 after reporting header:line:col errors through
 * `d` (clang's own diagnostics included).  When dalgen was built without
 * libclang, reports that and returns -1. */
int dg_clang_load(const char *header, const dg_strings *clang_args, dg_schema *into, dg_diags *d);

/* The DDL that `header` means (what dg_clang_load loads), as one string
 * the caller frees.  Returns 0, or -1 after reporting errors. */
int dg_clang_ddl(const char *header, const dg_strings *clang_args, char **out, dg_diags *d);

#endif
