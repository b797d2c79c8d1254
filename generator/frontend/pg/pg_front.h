/* pg_front.h - the PostgreSQL schema front end (docs/postgresql.md,
 * "Schema"; design/postgres.md 3.4).
 *
 * "PostgreSQL parses PostgreSQL": DDL files and folders are split and
 * parsed with libpg_query (syntax errors, statements that must not run),
 * executed statement by statement in a throwaway database of a typing
 * server, and the model is read back from pg_catalog; a live database
 * (a postgres:// or postgresql:// URI) is only read, in one REPEATABLE
 * READ READ ONLY transaction.  Both paths share the catalog reader, so a
 * file and a database built from it give the same model.
 *
 * Layering: frontend/pg/ calls util/ and model/ (and libpq, libpg_query);
 * nothing in frontend/ outside it calls into it except through this header,
 * and the command line is its one caller. */
#ifndef DG_PG_FRONT_H
#define DG_PG_FRONT_H

#include <stdbool.h>

#include "frontend/sources.h"
#include "model/model.h"
#include "util/diag.h"

/* How to reach a typing server; strings are borrowed. */
typedef struct dg_pg_opts {
    const char *server;   /* --pg-server / $DALGEN_PG_SERVER: a URI or conninfo, or "auto"; NULL = none */
    const char *run_as;   /* auto as root: the user the cluster runs as (NULL = "nobody") */
    bool        allow_do; /* --allow-do: DO blocks may run in the typing database */
} dg_pg_opts;

/* Whether `s` is a PostgreSQL connection URI (postgres:// or postgresql://). */
bool dg_pg_is_uri(const char *s);

/* Loads the sources (DDL files, folders of *.sql, or one live database URI)
 * into a model with engine postgresql.  Returns 0 and sets *out, or reports
 * through `d` (path:line:col: error: ...) and returns -1 with *out NULL. */
int dg_pg_schema_load(const dg_sources *src, const dg_pg_opts *o, dg_schema **out, dg_diags *d);

/* A typing session: a connection to the database the model was read from
 * (the throwaway typing database, or the live database), kept open after
 * the load so that named queries can be prepared and described there. */
typedef struct dg_pg_session dg_pg_session;

/* dg_pg_schema_load that keeps the typing database and a fresh session on
 * it: *sess is set with *out (close with dg_pg_session_close).  Unlike
 * dg_pg_schema_load, a schema with no table or view is no error here: the
 * caller decides (generate does, with queries that need none). */
int dg_pg_schema_load_session(const dg_sources *src, const dg_pg_opts *o, dg_schema **out, dg_pg_session **sess,
                              dg_diags *d);
/* The session's connection (a PGconn *, borrowed; declared void * so that
 * callers need not include libpq-fe.h). */
void *dg_pg_session_conn(const dg_pg_session *s);
/* The server's major version (15 for 15.4). */
int dg_pg_session_server_major(const dg_pg_session *s);
/* Runs one SQL text on the session's database (outside any transaction
 * unless the text opens one).  0, or -1 with *err set to the server's
 * message (caller frees). */
int dg_pg_session_exec(dg_pg_session *s, const char *sql, char **err);
/* Reads the model of the session's database again (after dg_pg_session_exec
 * changed it): a new model of engine postgresql, without file locations.
 * 0 and *out, or -1 after reporting through d. */
int dg_pg_session_read(dg_pg_session *s, dg_schema **out, dg_diags *d);
/* Closes the connection, drops the typing database, stops an auto cluster.
 * NULL-safe. */
void dg_pg_session_close(dg_pg_session *s);

/* The DDL files of the sources, as dg_pg_schema_load reads them (split,
 * parsed, refused statements reported), without a server: each file's
 * path as the model's locations name it (paths) and the lowercase hex
 * SHA-256 of the text that would run (sha256), for the typing snapshot's
 * key.  0, or -1 after reporting. */
int dg_pg_schema_files(const dg_sources *src, const dg_pg_opts *o, dg_strings *paths, dg_strings *sha256,
                       dg_diags *d);

#endif
