/* model_snap.h - the whole schema model as JSON and back, without loss:
 * the `model` part of the PostgreSQL typing snapshot (docs/postgresql.md
 * "The typing snapshot").  Unlike `schema --json` (a user-facing view)
 * this writes every field of every struct of model.h, so that a model
 * read back is the model that was written: generation from it gives the
 * same bytes as from the server's catalog.
 *
 * Locations are "file:line:col" with `file` an index into the model's
 * "files", which hold the names the caller chooses (paths relative to the
 * snapshot's folder, so that the file does not depend on the current
 * directory) and are mapped back to the run's paths when read. */
#ifndef DG_MODEL_SNAP_H
#define DG_MODEL_SNAP_H

#include <jansson.h>

#include "model/model.h"
#include "util/jsonio.h"

/* The run's paths and the names a snapshot gives them (parallel arrays,
 * borrowed).  A path not listed is written as it is; a name not listed is
 * read as it is. */
typedef struct dg_snap_paths {
    char *const *path;
    char *const *name;
    size_t       n;
} dg_snap_paths;

const char *dg_snap_name_of(const dg_snap_paths *p, const char *path);
const char *dg_snap_path_of(const dg_snap_paths *p, const char *name);

/* The model as a new JSON object. */
json_t *dg_schema_snap_dump(const dg_schema *s, const dg_snap_paths *p);
/* A model from `j` (written by dg_schema_snap_dump); NULL with r->err set
 * when `j` is not one. */
dg_schema *dg_schema_snap_load(json_t *j, const dg_snap_paths *p, dg_jr *r);

/* A column's PostgreSQL facts, the same way (for the queries' types). */
json_t       *dg_pg_column_snap_dump(const dg_pg_column *p);
dg_pg_column *dg_pg_column_snap_load(json_t *o, dg_jr *r);   /* never NULL; r->err on a problem */

#endif
