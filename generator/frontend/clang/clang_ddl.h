/* clang_ddl.h - dg_ctables -> the DDL they mean, with where each line came
 * from, so that errors SQLite finds in it point into the header. */
#ifndef DG_CLANG_DDL_H
#define DG_CLANG_DDL_H

#include "util/buf.h"
#include "frontend/clang/clang_tables.h"

typedef struct dg_cddl {
    dg_buf text;
    DG_VEC(dg_loc) origin;   /* origin.items[i]: header location of line i + 1 */
} dg_cddl;

/* Writes CREATE TABLE / CREATE INDEX statements (annotations as `-- @key
 * value` lines: the table's above its statement, a column's above the
 * column).  The exact form is documented in docs/clang.md. */
void dg_cddl_build(const dg_ctables *v, dg_cddl *out);
void dg_cddl_free(dg_cddl *c);

/* Header location of DDL line `line` (1-based); {NULL,0,0} when unknown. */
dg_loc dg_cddl_origin(const dg_cddl *c, int line);

#endif
