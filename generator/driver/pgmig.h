/* pgmig.h - what `generate --migrations DIR` needs from the typing server
 * on PostgreSQL: the description P_schema_check compares a database with
 * (libdal's dal_schema_describe of the typing database, which holds exactly
 * the schema being generated), and a warning when replaying the folder
 * there does not give that schema. */
#ifndef DG_PGMIG_H
#define DG_PGMIG_H

#include <stdbool.h>

#include "util/diag.h"

/* `conn` is the typing session's PGconn (dg_pg_session_conn), idle.
 * Sets *description (caller frees) to dal_schema_describe of its current
 * schema.  When `dir` is set (the schema came from DDL files, so the
 * database is the throwaway typing database), the up files of `dir` are
 * replayed there in a scratch schema inside a transaction that is rolled
 * back (dal_migrate_describe), and a warning at `dir` names the first
 * line that differs.  0, or -1 after reporting. */
int dg_pgmig_describe(void *conn, const char *dir, char **description, dg_diags *d);

#endif
