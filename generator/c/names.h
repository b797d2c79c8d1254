/* names.h - C names of the schema's tables, views and columns.
 *
 * The rules (docs/generate.md, "Names"), applied in this order:
 *   1. `-- @name x` on a table or column is used as written (it must be a
 *      C identifier: an error otherwise).
 *   2. snake_case: ASCII letters lower-cased, a `_` at each camelCase
 *      boundary (InvoiceLine -> invoice_line, HTTPCode -> http_code); every
 *      other ASCII character (space, dot, slash, quote, dash...) becomes `_`;
 *      a non-ASCII character becomes `u` and its code point in 4+ hex digits
 *      (café -> caf_u00e9); runs of `_` collapse, leading/trailing `_` go;
 *      nothing left -> `unnamed`.
 *   3. Row names (tables and views) are singular (dg_singular), unless
 *      --no-singularize.
 *   4. A field name starting with a digit gets the prefix `n` (2fa -> n2fa);
 *      row names need none: they follow the prefix (blog_2fa_code).
 *   5. A field name that is a C or C++ keyword or a reserved identifier
 *      (default, int, class, errno, bool, int64_t, ...; dg_c_reserved), or
 *      that generated code uses for its own parameters and locals (db, st,
 *      rc, row, out, arena, it), a C library function it calls (memcpy,
 *      strlen, ...), a name in libdal's or SQLite's namespace (dal_arena,
 *      sqlite3_stmt), or an identifier generated for a row (P_<row>,
 *      P_<row>_..., P__...), gets a trailing `_` (default -> default_):
 *      no parameter hides what the generated code uses.
 *   6. Collisions, resolved in declaration order (first come keeps the name,
 *      later ones get `_2`, `_3`...): fields of one struct (including the
 *      has_<field> flags and a virtual table's `rowid`); and across tables
 *      and views, every identifier a table generates (P_<row>, P_<row>_iter,
 *      P_<row>_<verb>...) against every one an earlier table generates, so
 *      `users` (P_user_list) and `user_lists` (P_user_list) yield `user` and
 *      `user_list_2`.
 *   7. Schemas (dg_schema_c_qualifier): a table of an attached SQLite schema,
 *      and a PostgreSQL table or view outside public whose name another
 *      schema's table or view has too, start from "<schema>_<name>"
 *      (baz.users -> baz_user); other names carry no schema. */
#ifndef DG_NAMES_H
#define DG_NAMES_H

#include <stdbool.h>

#include "c/view.h"
#include "model/model.h"
#include "util/ident.h"
#include "util/diag.h"

typedef struct dg_names dg_names;

/* Names of every table and view of `s` (tables first, then views, each in
 * declaration order).  Returns NULL after reporting a bad @name. */
dg_names *dg_names_build(const dg_schema *s, const dg_view_opts *opts, dg_diags *d);
void dg_names_free(dg_names *n);   /* NULL-safe */

/* Row name of a table or view without the prefix ("user"); NULL if unknown.
 * Tables and views are found by their schema (as in the model: NULL for
 * SQLite's main) and name.  Owned by `n`. */
const char *dg_names_row(const dg_names *n, const char *schema, const char *table);
/* Struct name with the prefix ("blog_user"); owned by `n`. */
const char *dg_names_struct(const dg_names *n, const char *schema, const char *table);
/* Field name of a column of a table or view ("email", "default_"); owned by
 * `n`. */
const char *dg_names_field(const dg_names *n, const char *schema, const char *table, const char *column);


/* True when `ident` is an identifier the generated code has for some row:
 * its typedef P_<row>, or P_<row>_<what a table generates> (dg_table_verbs,
 * get_by_*, list_by_*).  A generated enum's name steps aside from them. */
bool dg_names_generates(const dg_names *n, const char *ident);

/* What a table may generate after P_<row>_ besides get_by_* and list_by_*
 * (for the collision rule; parts that add functions extend this list). */
extern const char *const dg_table_verbs[];

/* Why `prefix` cannot name the generated files, or NULL when it can.  It
 * must be a C identifier, and neither PREFIX.h nor its guard PREFIX_H may be
 * those of a header the generated code includes (libdal's, SQLite's,
 * libpq's, the C library's it uses), compared without case: `--prefix dal`
 * wrote a dal.h that hid libdal's, `--prefix sqlite3` one that hid SQLite's.
 * The reason is static text, to follow "prefix 'NAME' ". */
const char *dg_c_prefix_refusal(const char *prefix);

#endif
