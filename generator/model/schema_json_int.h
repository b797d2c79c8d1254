/* schema_json_int.h - private to the model's JSON printer: the shared
 * builders (schema_json_util.c) and the PostgreSQL keys
 * (schema_json_pg.c), which schema_json.c adds when the model's engine is
 * postgresql.  A SQLite model's JSON never has them. */
#ifndef DG_SCHEMA_JSON_INT_H
#define DG_SCHEMA_JSON_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "model/model.h"

/* A JSON string of `s` ("" for NULL; bytes that are not UTF-8 become U+FFFD). */
json_t *dg_json__str(const char *s);
json_t *dg_json__str_or_null(const char *s);
json_t *dg_json__strings(const dg_strings *v);
/* o.loc = {file, line, col} (null when unknown); nothing when !locations. */
void    dg_json__put_loc(json_t *o, dg_loc loc, bool locations);
/* {key: value}; `above` false leaves out the annotations only files keep. */
json_t *dg_json__annotations(const dg_annotations *a, bool above);

/* A column's "pg" object (null when c->pg is NULL). */
json_t *dg_json__pg_column(const dg_pg_column *p);
/* A table's keys: schema, comment, exclusions. */
void    dg_json__pg_table(json_t *o, const dg_table *t, bool locations);
/* The root's vectors: schemas, extensions, enums, domains, sequences, functions. */
void    dg_json__pg_schema(json_t *root, const dg_schema *s);

#endif
