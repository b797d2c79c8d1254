/* clang_walk.h - the DAL_TABLE structs of a parsed header -> dg_ctables. */
#ifndef DG_CLANG_WALK_H
#define DG_CLANG_WALK_H

#include "frontend/clang/clang_tables.h"
#include "frontend/clang/clang_tu.h"

/* Appends one dg_ctable per DAL_TABLE struct defined outside system headers,
 * in declaration order.  `header` is recorded as @c_header.  Reports every
 * problem (unmappable type, bad annotation) at its location; returns 0, or
 * -1 when anything was reported. */
int dg_clang_walk(dg_ctu *t, const char *header, dg_ctables *out, dg_diags *d);

#endif
