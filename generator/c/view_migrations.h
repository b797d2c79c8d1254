/* view_migrations.h - embedded migrations (generate --migrations DIR):
 * P_migrate() and P_schema_check(), rendered by templates/c/migrations_h.tmpl
 * and migrations_c.tmpl from these structs (dg_vmigrations_to_json). */
#ifndef DG_VIEW_MIGRATIONS_H
#define DG_VIEW_MIGRATIONS_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "migrations/mfolder.h"
#include "model/model.h"
#include "c/view.h"

/* The migrations of a generation.  Strings are owned. */
typedef struct dg_vmigrations {
    char      *migrate_fn;    /* <prefix>_migrate */
    char      *check_fn;      /* <prefix>_schema_check */
    char      *list;          /* <prefix>__migrations, the static array */
    char      *schema;        /* <prefix>__schema, the description's literal */
    dg_mfolder folder;        /* the migrations, ascending id (owned) */
    char      *description;   /* dal_schema_describe of the schema generated */
    bool       long_sql;      /* a literal (up, down, description) longer than
                                 DG_TMPL_MAX_LITERAL */
} dg_vmigrations;

/* Fills *out (zeroed first) with the migrations of `dir`; `s` is the schema
 * being generated (P_schema_check compares against it).  `description` is
 * its dal_schema_describe text when the caller has it (PostgreSQL: made on
 * the typing server, driver/pgmig.h, which also checked that the folder
 * reaches it); NULL on SQLite: described from `db`, a SQLite database
 * holding exactly `s` (borrowed), or from one built here when `db` is
 * NULL, and the folder's replay compared with `s`.  Returns 0, or -1 after
 * reporting through `d` (*out is still to be freed). */
int  dg_vmigrations_build(dg_vmigrations *out, const char *dir, const dg_schema *s, sqlite3 *db,
                          const char *description, const dg_view_opts *opts, dg_diags *d);
void dg_vmigrations_free(dg_vmigrations *m);   /* its contents */

/* Sets root["migrations"]: {migrate_fn, check_fn, list, schema, count,
 * items[] {id, name, up, down (null when none), checksum}, description,
 * long_sql}. */
void dg_vmigrations_to_json(const dg_vmigrations *m, json_t *root);

#endif
