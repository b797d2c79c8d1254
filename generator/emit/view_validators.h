/* view_validators.h - validators and enums of one table's view. */
#ifndef DG_VIEW_VALIDATORS_H
#define DG_VIEW_VALIDATORS_H

#include <jansson.h>

#include "../model/model.h"
#include "view.h"

/* Adds the validator of table `t` (key "validator") to `table_view`, and turns
 * the fields of enum columns (CHECK (col IN ('a', ...)) on TEXT) into enum
 * fields: sets "kind": "enum" and "enum_type" on the field objects of
 * table_view["fields"], and appends the enum definitions to root["enums"].
 * Returns 0, or -1 after reporting through `d`. */
int dg_view_add_validators(json_t *root, json_t *table_view, const dg_schema *s,
                           const dg_table *t, const dg_view_opts *opts, dg_diags *d);

#endif
