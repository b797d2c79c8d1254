/* pgq.h - named queries (sqlc syntax, queries.h) typed against a
 * PostgreSQL server (docs/postgresql.md "Queries"; design/postgres.md 3.5).
 *
 * Each query is parsed with libpg_query (one statement, sqlc.* checked),
 * rewritten to server SQL (@name, sqlc.arg/narg -> $n, IN (sqlc.slice(x))
 * -> = ANY($n), *, t.* and sqlc.embed(t) expanded from the model,
 * :execlastid -> RETURNING the key), then every query is prepared and
 * described in one pipelined pass on `conn` (inside transactions that are
 * rolled back).  Types are the server's (dg_qparam.pg, dg_qfield.pg; user
 * types by name, never by OID); nullability is dalgen's own analysis of the
 * tree (outer joins, subqueries, CTEs, views).  The result is the same
 * dg_query_set the SQLite analyser builds. */
#ifndef DG_PGQ_H
#define DG_PGQ_H

#include <jansson.h>

#include "analysis/query/queries.h"
#include "model/model_snap.h"

/* `conn` is a PGconn * (frontend/pg/pg_front.h: dg_pg_session_conn) on a
 * database holding exactly `schema`.  Returns 0 and sets *out, or reports
 * every error found (path:line:col: error: ...) and returns -1. */
int dg_pg_queries_load(const dg_strings *paths, const dg_schema *schema, void *conn, dg_query_set **out,
                       dg_diags *d);

/* `sql` (a query's server SQL) with casts[k - 1] written after every
 * parameter $k outside strings, identifiers and comments (NULL: none), for
 * the types generated code binds as text ($1::inet).  Caller frees. */
char *dg_pg_sql_cast_params(const char *sql, const char *const *casts, size_t n);

/* Whether each column of view v (of `schema`) is NOT NULL by dalgen's
 * analysis of its definition, as a query reading the view sees it
 * (outer joins, subqueries, CTEs, views within views); every column is
 * nullable when the definition is beyond the analysis.  out: one entry per
 * column of v.  Needs no server. */
void dg_pg_view_notnull(const dg_schema *schema, const dg_view *v, bool *out);

/* The typed queries as JSON and back, without loss (the `queries` part of
 * the typing snapshot, docs/postgresql.md "The typing snapshot"): every
 * field of queries.h; pointers into the schema as table indexes of `s`,
 * the schema the set was typed against (and is read back with); file
 * names as model_snap.h writes them.  Load: NULL with r->err set when `j`
 * is not such a set. */
json_t       *dg_pg_queries_snap_dump(const dg_query_set *q, const dg_schema *s, const dg_snap_paths *p);
dg_query_set *dg_pg_queries_snap_load(json_t *j, const dg_schema *s, const dg_snap_paths *p, dg_jr *r);

#endif
