/* view_validators.h - validators and enums of one table's view.
 *
 * dg_view_add_validators reads the table's field bindings (vt->f, how the
 * row struct holds each column: kind, has_ flag, a user's struct's vref,
 * vhas, vkind, varray) and the row struct's C name.
 * What it fills (JSON keys: view_json.c):
 *   vt->val, vt->val_fn, vt->val_struct: the validator,
 *     table_view["validator"] = { "fn": "<struct>_validate", "struct",
 *     "table" (SQL name), "rules": [{ "cond": C condition true on a
 *     violation, "code": "DAL_RULE_...", "field": SQL column or "",
 *     "message" }], "patterns": [{ "name": static dal_pattern, "ere" }],
 *     "not_compiled": [{ "sql": "CHECK (...)", "reason" }] }
 *   each enum column's binding: kind DG_CK_ENUM, enum_type and ctype the C
 *     enum type, has "has_<name>" when the column is nullable or has a
 *     DEFAULT (as for other scalars); the field is read with
 *     <enum_type>_from_string and bound with <enum_type>_to_string;
 *   the unit's enums and vt->enums (appended): JSON root["enums"] and
 *     table_view["enums"]: [{ "type", "unknown", "table", "column",
 *     "values": [{ "name", "sql", "value" }] }] (a user's: "user" instead of
 *     "unknown", and "count"; stored as integers: "as_int").
 * The partials validators_h and validators_c render root["enums"] and every
 * root["tables"][i]["validator"]: include each ONCE at the top level (the
 * header one after the structs' typedefs, before their definitions). */
#ifndef DG_VIEW_VALIDATORS_H
#define DG_VIEW_VALIDATORS_H

#include "model/model.h"
#include "c/view_int.h"

/* Builds the validator of table vt->t into vt (validated set: free with
 * dg_vtable_free even after an error), and turns the fields of enum columns
 * (CHECK (col IN ('a', ...)) on TEXT) into enum fields in vt->f; appends
 * the enum definitions to `enums` and their indexes to vt->enums.  `cname`
 * is the row struct's C name (borrowed until vt is freed); `types` the
 * names generated so far, which the enums' names step aside from and are
 * added to.  Returns 0, or -1 after reporting through `d`. */
/* PostgreSQL: the generated C enums of the enum types vt's fields hold
 * (one per type in the unit, named prefix_<type>); marks those fields. */
void dg_view_pg_enums(dg_venums *enums, dg_vtable *vt, const char *prefix, dg_vtypes *types);
int dg_view_add_validators(dg_venums *enums, dg_vtable *vt, const char *cname, dg_vtypes *types, dg_diags *d);

#endif
