/* schema_print.h - a schema model as JSON and as SQL: what `dalgen schema
 * --json|--sql` print, and what the differ and `check` compare. */
#ifndef DG_SCHEMA_PRINT_H
#define DG_SCHEMA_PRINT_H

#include <stdbool.h>

#include "model/model.h"
#include "util/diag.h"

/* The model as JSON (docs/schema.md lists the keys): deterministic, 2-space
 * indent, keys in a fixed order, ending in a newline.  Caller frees. */
char *dg_schema_to_json(const dg_schema *s);
/* Same, leaving out every "loc" (source locations) and, when
 * `above_annotations` is false, the annotations written above statements
 * (those a database built from the file cannot keep). */
char *dg_schema_to_json_ex(const dg_schema *s, bool locations, bool above_annotations);

/* DDL that recreates exactly this model (tables, indexes, views, triggers in
 * model order; annotations as `/ * @key value * /` comments inside the
 * statements so that they survive in sqlite_schema).  Loading it gives the
 * same model apart from locations.  Caller frees. */
char *dg_schema_to_sql(const dg_schema *s);
/* The PostgreSQL DDL of a model of engine postgresql, in dependency order
 * (schemas, extensions, types, sequences, functions, tables, foreign keys,
 * sequence owners, indexes, views, triggers, comments; annotations as
 * COMMENT ON).  dg_schema_to_sql calls it for such models
 * (schema_sql_pg.c).  Caller frees. */
char *dg_schema_to_sql_pg(const dg_schema *s);
/* CREATE TABLE statement of one table (no trailing ';'); a virtual table's
 * annotations come first, as comment lines. Caller frees. */
char *dg_table_to_sql(const dg_table *t);
/* CREATE INDEX statement of one index (no trailing ';'). Caller frees. */
char *dg_index_to_sql(const dg_index *ix);

#endif
