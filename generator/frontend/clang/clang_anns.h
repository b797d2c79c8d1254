/* clang_anns.h - the DAL annotations a struct or field may carry. */
#ifndef DG_CLANG_ANNS_H
#define DG_CLANG_ANNS_H

#include "util/diag.h"
#include "frontend/clang/clang_tables.h"

enum { DG_ANN_TABLE = 1, DG_ANN_COLUMN = 2 };

/* Checks that `a` is a known annotation with the right number of arguments,
 * allowed `where` (DG_ANN_TABLE or DG_ANN_COLUMN), and that its arguments
 * make sense; normalises FK actions to upper case.  Returns 0, or -1 after
 * reporting at the annotation's location. */
int dg_cann_check(dg_cann *a, int where, dg_diags *d);

/* The macro that writes annotation `key` ("pk" -> "DAL_PK"). */
const char *dg_cann_macro(const char *key);

#endif
