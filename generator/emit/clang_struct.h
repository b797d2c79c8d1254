/* clang_struct.h - generated code that reuses the user's own C struct for
 * tables read from annotated headers (`@c_struct`, docs/clang.md).
 *
 * Where the emitter uses it:
 *   1. dg_view_build calls it right after dg_view_table_begin, before
 *      dg_view_add_validators, with dg_view_opts.out_dir (the --out folder,
 *      to write the #include relative to it).
 *   2. header.tmpl: `#include "{{path}}"` for each root["user_headers"][]
 *      {path}, after <dal.h>; and for a table with "user_struct" the row type
 *      line is `typedef {{user_struct}} {{struct}};` instead of
 *      `typedef struct {{struct}} {{struct}};`.
 *   3. table_h.tmpl: no `struct {{struct}} { ... };` body when "user_struct". */
#ifndef DG_CLANG_STRUCT_H
#define DG_CLANG_STRUCT_H

#include <jansson.h>

#include "../model/model.h"
#include "../util/diag.h"

/* When table `t` has @c_struct and every field can be moved as it is,
 * adjusts its table view `tv` (from dg_view_table_begin) to the user's
 * struct and returns 1:
 *   tv["user_struct"]   the C type ("struct user", or a typedef name)
 *   tv["user_header"]   @c_header relative to `out_dir` (NULL = "."), also
 *                       added once to root["user_headers"][] as {path}
 *   fields[].name       the user's field (@c_field, else the column name)
 *   fields[].has        "has_<field>" exactly for the nullable scalars; no
 *                       flag for NOT NULL columns with a DEFAULT (the user's
 *                       struct has none: the field's value is always written)
 * Returns 0 when the table keeps a generated struct: no @c_struct, or a
 * field the emitter cannot move yet (a @c_type or @c_enum field, or a TEXT
 * column that the validators turn into an enum) — a warning at the field
 * says which.  Returns -1 after reporting an error. */
int dg_view_clang_struct(json_t *root, json_t *tv, const dg_table *t, const char *out_dir, dg_diags *d);

#endif
