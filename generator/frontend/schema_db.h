/* schema_db.h - a schema model loaded into an in-memory SQLite database: what
 * the queries analyser prepares queries against and what embedded migrations
 * describe, when the loader's own database (dg_schema_load_db) is not at hand. */
#ifndef DG_SCHEMA_DB_H
#define DG_SCHEMA_DB_H

#include <sqlite3.h>

#include "model/model.h"
#include "util/diag.h"

/* Opens an in-memory SQLite database holding exactly this schema (built
 * from dg_schema_to_sql).  Returns 0 and sets *out (close it with
 * sqlite3_close), or -1 after reporting through `d` with *out NULL. */
int dg_schema_open_db(const dg_schema *s, sqlite3 **out, dg_diags *d);

#endif
