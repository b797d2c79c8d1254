/* view_validators.h - validators and enums of one table's view.
 *
 * dg_view_add_validators reads the table's field bindings (vt->f, how the
 * row struct holds each column: kind, has_ flag, a user's struct's vref,
 * vhas, vkind, varray) and the row struct's C name.
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
#include "c/view_int.h"

/* Adds the validator of table vt->t (key "validator") to vt->tv, and turns
 * the fields of enum columns (CHECK (col IN ('a', ...)) on TEXT) into enum
 * fields: in vt->f (kind DG_CK_ENUM, enum_type) and on the field objects of
 * vt->tv["fields"] ("kind": "enum", "enum_type"), and appends the enum
 * definitions to root["enums"].  vt->rule_columns gets the columns each
 * rule reads.  `cname` is the row struct's C name; `types` the names
 * generated so far, which the enums' names step aside from and are added
 * to.  Returns 0, or -1 after reporting through `d`. */
int dg_view_add_validators(json_t *root, dg_vtable *vt, const char *cname, dg_vtypes *types, dg_diags *d);

#endif
