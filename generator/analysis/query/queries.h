/* queries.h - named query files (sqlc syntax) analysed against a schema. */
#ifndef DG_QUERIES_H
#define DG_QUERIES_H

#include "../../model/model.h"
#include "../../util/diag.h"

typedef struct dg_query_set dg_query_set;   /* defined by the queries analyser */

/* Reads every query file (a file, or every *.sql of a folder in name order),
 * prepares each query against the schema and types it.  Returns 0 and sets
 * *out (free with dg_query_set_free), or reports every error found through
 * `d` and returns -1. */
int  dg_queries_load(const dg_strings *paths, const dg_schema *schema, dg_query_set **out, dg_diags *d);
void dg_query_set_free(dg_query_set *q);   /* NULL-safe */

#endif
