/* view_migrations.h - embedded migrations (generate --migrations DIR):
 * P_migrate() and P_schema_check(). */
#ifndef DG_VIEW_MIGRATIONS_H
#define DG_VIEW_MIGRATIONS_H

#include <jansson.h>
#include <sqlite3.h>

#include "model/model.h"
#include "c/view.h"

/* Adds the migrations of `dir` (key "migrations") to `root`; `s` is the
 * schema being generated (P_schema_check compares against it), `db` a SQLite
 * database holding exactly `s` (borrowed), or NULL to build one.  Returns 0,
 * or -1 after reporting through `d`. */
int dg_view_add_migrations(json_t *root, const char *dir, const dg_schema *s, sqlite3 *db,
                           const dg_view_opts *opts, dg_diags *d);

#endif
