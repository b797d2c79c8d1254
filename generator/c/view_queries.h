/* view_queries.h - the named queries' part of the view model. */
#ifndef DG_VIEW_QUERIES_H
#define DG_VIEW_QUERIES_H

#include <jansson.h>

#include "analysis/query/queries.h"
#include "c/view.h"

/* Adds the queries (key "queries") and any structs they need to `root`;
 * `tables` is the tables' typed part of the same view model (from
 * dg_view_build), NULL when the queries are rendered alone (their rows then
 * hold no enums).  Returns 0, or -1 after reporting through `d`. */
int dg_view_add_queries(json_t *root, const dg_vtables *tables, const dg_query_set *q, const dg_schema *s,
                        const dg_view_opts *opts, dg_diags *d);

#endif
