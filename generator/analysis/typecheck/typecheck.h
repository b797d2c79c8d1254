/* typecheck.h - warnings where a column's DEFAULT, or a CHECK comparing
 * it with a literal, says the column holds values its C type cannot read.
 *
 * The C type is the column's value type (model/vtype.c, so a `-- @type`
 * or a config's override counts); what the column holds is the literal
 * after SQLite's affinity rules (https://www.sqlite.org/datatype3.html):
 * DEFAULT '5' on an INTEGER column is stored as 5 and reads fine, DEFAULT
 * 'abc' stays text and fails the exact read.  A DEFAULT is judged by the
 * storage class the exact read needs (INTEGER for int64 and bool, INTEGER
 * or REAL for double, TEXT, BLOB); a CHECK by kind only (a number, text or
 * a blob: `x > 0.5` on an int64 column is fine).
 *
 * Only what is known is judged: a DEFAULT that is a literal, a signed
 * number, CURRENT_*, NULL or a bare name (SQLite's text), parenthesised or
 * not; a CHECK's `column op literal`, `literal op column`, `column [NOT]
 * IN (literals)` and `column [NOT] BETWEEN literal AND literal`, also
 * under AND, OR and NOT (a double-quoted name that is no column is a
 * literal: SQLite's text).  Everything else is passed over in silence, and
 * so are virtual tables, columns read as `value`, columns whose `@read` is
 * lenient or any, and values a STRICT table refuses anyway. */
#ifndef DG_TYPECHECK_H
#define DG_TYPECHECK_H

#include "model/model.h"
#include "util/diag.h"

/* Adds a warning (at the column for a DEFAULT, at the CHECK for a CHECK)
 * for each contradiction in the ordinary tables of s. */
void dg_schema_type_warnings(const dg_schema *s, dg_diags *d);

#endif
