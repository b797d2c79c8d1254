/* view_validators.h - validators and enums of one table's view.
 *
 * What dg_view_add_validators reads from the table view (set by the code
 * emitter before the call):
 *   "struct"   the row struct's C name ("blog_user")
 *   "fields"   [{ "column": SQL column name, "name": C member name,
 *                 "has": name of the has_ flag member or absent/null,
 *                 "ctype": "int64_t" | "bool" | "double" | "const char *" |
 *                          "dal_blob" | anything else (not checked) }]
 * What it writes:
 *   table_view["validator"] = { "fn": "<struct>_validate", "struct", "table"
 *       (SQL name), "rules": [{ "cond": C condition true on a violation,
 *       "code": "DAL_RULE_...", "field": SQL column or "", "message" }],
 *       "patterns": [{ "name": static dal_pattern, "ere" }],
 *       "not_compiled": [{ "sql": "CHECK (...)", "reason" }] }
 *   on each enum column's field: "kind": "enum", "enum_type" and "ctype":
 *       the C enum type, "has": "has_<name>" when the column is nullable or
 *       has a DEFAULT (as for other scalars); the field is read with
 *       <enum_type>_from_string and bound with <enum_type>_to_string;
 *   root["enums"] and table_view["enums"] (append): [{ "type", "unknown",
 *       "table", "column", "values": [{ "name", "sql", "value" }] }].
 * The partials validators_h and validators_c render root["enums"] and every
 * root["tables"][i]["validator"]: include each ONCE at the top level (the
 * header one after the structs' typedefs, before their definitions). */
#ifndef DG_VIEW_VALIDATORS_H
#define DG_VIEW_VALIDATORS_H

#include <jansson.h>

#include "model/model.h"
#include "c/view.h"

/* Adds the validator of table `t` (key "validator") to `table_view`, and turns
 * the fields of enum columns (CHECK (col IN ('a', ...)) on TEXT) into enum
 * fields: sets "kind": "enum" and "enum_type" on the field objects of
 * table_view["fields"], and appends the enum definitions to root["enums"].
 * Returns 0, or -1 after reporting through `d`. */
int dg_view_add_validators(json_t *root, json_t *table_view, const dg_schema *s,
                           const dg_table *t, const dg_view_opts *opts, dg_diags *d);

#endif
