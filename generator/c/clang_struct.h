/* clang_struct.h - generated code that reuses the user's own C struct for
 * tables read from annotated headers (`@c_struct`, docs/clang.md).
 *
 * Where the emitter uses it:
 *   1. dg_view_build calls it right after dg_view_table_begin, before
 *      dg_view_add_validators, with the unit's dg_view_opts (prefix; out_dir,
 *      the --out folder, to write the #include relative to it) and its
 *      dg_vuser_headers, which it puts into root["user_headers"] after the
 *      tables (dg_vuser_headers_to_json).
 *   2. header.tmpl: `#include "{{path}}"` for each root["user_headers"][]
 *      {path}, after <dal.h>; and for a table with "user_struct" the row type
 *      line is `typedef {{user_struct}} {{struct}};` instead of
 *      `typedef struct {{struct}} {{struct}};`.
 *   3. table_h.tmpl: no `struct {{struct}} { ... };` body when "user_struct". */
#ifndef DG_CLANG_STRUCT_H
#define DG_CLANG_STRUCT_H

#include <jansson.h>

#include "model/model.h"
#include "c/view_int.h"
#include "util/diag.h"

/* The headers of the user's structs a unit includes, relative to --out,
 * each once, in order of first use. */
typedef struct dg_vuser_headers {
    dg_strings paths;   /* owned */
} dg_vuser_headers;

void dg_vuser_headers_free(dg_vuser_headers *h);   /* its contents */
/* Sets root["user_headers"][] {path} when there are any. */
void dg_vuser_headers_to_json(const dg_vuser_headers *h, json_t *root);

/* When table vt->t has @c_struct, adjusts its table view vt->tv (from
 * dg_view_table_begin) and the fields' bindings vt->f to the user's struct
 * and returns 1:
 *   tv["user_struct"]   the C type ("struct user", or a typedef name)
 *   tv["user_header"]   @c_header relative to opts->out_dir (NULL = "."),
 *                       also added once to *headers
 *   fields[].name       the user's field (@c_field, else the column name)
 *   fields[].has        "has_<field>" exactly for the companions of
 *                       nullable scalars, enums and char[N]; no flag for
 *                       NOT NULL columns with a DEFAULT (the user's struct
 *                       has none: the field's value is always written)
 *   fields[].conv       how to move a field of another C type than the
 *                       kind's (the binding's dg_cconv, cbind.h, spelled
 *                       by dg_cconv_str): narrower integers, float,
 *                       pointer scalars, char[N], char *, the user's enums
 *                       ("enum <prefix>_<name>", also fields[].user_enum
 *                       and enum_type: the validators add the enum's
 *                       typedef and conversions to root["enums"])
 *   fields[].ctype      the user's C type (char[N]: "char")
 * and the same in the bindings vt->f, which also say how the validators
 * read each field as the kind's (vref, vhas, vkind, varray: "rating[0]" and
 * "rating" for a double *, N for a char[N]).
 * Returns 0 when the table keeps a generated struct: no @c_struct, or a
 * field the emitter cannot move (a pointer to an enum, a const scalar, a
 * rowid key that is not int64_t) — a warning at the field says which.
 * Returns -1 after reporting an error.  opts->prefix names the enums'
 * typedefs, which step aside from the row structs in `types`. */
int dg_view_clang_struct(dg_vtable *vt, const dg_vtypes *types, const dg_view_opts *opts, dg_vuser_headers *headers,
                         dg_diags *d);

#endif
