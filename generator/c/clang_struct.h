/* clang_struct.h - generated code that reuses the user's own C struct for
 * tables read from annotated headers (`@c_struct`, docs/clang.md).
 *
 * Where the emitter uses it:
 *   1. dg_view_build_table (view_build.h) calls it right after
 *      dg_view_table_begin, before dg_view_add_validators, with the unit's
 *      dg_view_opts (prefix; out_dir, the --out folder, to write the
 *      #include relative to it) and the unit's list of user headers
 *      (dg_vtables.user_headers, root["user_headers"] in the JSON).
 *   2. header.tmpl: `#include "{{path}}"` for each root["user_headers"][]
 *      {path}, after <dal.h>; and for a table with "user_struct" the row type
 *      line is `typedef {{user_struct}} {{struct}};` instead of
 *      `typedef struct {{struct}} {{struct}};`.
 *   3. table_h.tmpl: no `struct {{struct}} { ... };` body when "user_struct". */
#ifndef DG_CLANG_STRUCT_H
#define DG_CLANG_STRUCT_H

#include "model/model.h"
#include "c/view_int.h"
#include "util/diag.h"

/* When table vt->t has @c_struct, adjusts the table (from
 * dg_view_table_begin) and its fields' bindings vt->f to the user's struct
 * and returns 1:
 *   vt->user_type       the C type ("struct user", or a typedef name)
 *   vt->user_header     @c_header relative to opts->out_dir (NULL = "."),
 *                       also added once to *headers
 *   f[].name            the user's field (@c_field, else the column name)
 *   f[].has             "has_<field>" exactly for the companions of
 *                       nullable scalars, enums and char[N]; no flag for
 *                       NOT NULL columns with a DEFAULT (the user's struct
 *                       has none: the field's value is always written)
 *   f[].conv            how to move a field of another C type than the
 *                       kind's (dg_cconv, cbind.h): narrower integers,
 *                       float, pointer scalars, char[N], char *, the user's
 *                       enums (also fx[].user_enum and f[].enum_type: the
 *                       validators add the enum's typedef and conversions)
 *   f[].ctype           the user's C type (char[N]: "char")
 * and how the validators read each field as the kind's (vref, vhas, vkind,
 * varray: "rating[0]" and "rating" for a double *, N for a char[N]).
 * Returns 0 when the table keeps a generated struct: no @c_struct, or a
 * field the emitter cannot move (a pointer to an enum, a const scalar, a
 * rowid key that is not int64_t) — a warning at the field says which.
 * Returns -1 after reporting an error.  opts->prefix names the enums'
 * typedefs, which step aside from the row structs in `types`. */
int dg_view_clang_struct(dg_vtable *vt, const dg_vtypes *types, const dg_view_opts *opts, dg_strings *headers,
                         dg_diags *d);

#endif
