/* pg_int.h - private to the PostgreSQL front end (frontend/pg/): the DDL
 * script (pg_script.c), running it (pg_exec.c), the typing server
 * (pg_server.c, pg_cluster.c), the catalog reader (pg_catalog*.c) and the
 * annotations (pg_annot.c).  pg_load.c drives them in that order; none of
 * them calls pg_load.c or one listed before it, except the catalog reader,
 * which calls pg_annot.c's comment splitter. */
#ifndef DG_PG_INT_H
#define DG_PG_INT_H

#include <jansson.h>
#include <libpq-fe.h>

#include "frontend/pg/pg_front.h"
#include "frontend/pg/pg_lex.h"

/* ---- the script: every DDL file, split and parsed (pg_script.c) ---- */
typedef struct dg_pg_file {
    const char *path;    /* interned in the schema */
    char       *text;    /* NUL-terminated */
    size_t      len;
    dg_pg_lex   lex;
} dg_pg_file;

typedef struct dg_pg_stmt {
    size_t  file;        /* index into dg_pg_script.files */
    size_t  at;          /* where libpg_query's statement starts (its locations count from here) */
    size_t  start, end;  /* the first token; the end (before any ';') */
    const char *kind;    /* the parse node: "CreateStmt", "ViewStmt", ... (points into root) */
    json_t *tree;        /* that node's value (borrowed from root) */
    json_t *root;        /* libpg_query's parse tree as JSON (owned) */
} dg_pg_stmt;

typedef struct dg_pg_script {
    DG_VEC(dg_pg_file) files;
    DG_VEC(dg_pg_stmt) stmts;
} dg_pg_script;

/* Reads, splits and parses the file and folder sources into sc, refusing
 * statements that must not run in a typing database.  0, or -1 after
 * reporting at path:line:col. */
int  dg_pg_script_read(dg_pg_script *sc, const dg_sources *src, const dg_pg_opts *o, dg_schema *s, dg_diags *d);
void dg_pg_script_free(dg_pg_script *sc);
/* Location of byte `off` of file `fi`. */
dg_loc dg_pg_script_loc(const dg_pg_script *sc, size_t fi, size_t off);
/* Lowercase hex SHA-256 of the script's texts and paths, cut to 16 characters. */
void dg_pg_script_hash(const dg_pg_script *sc, char out[17]);

/* ---- running it (pg_exec.c) ---- */
/* Executes every statement in order on `c` (each on its own, in its own
 * transaction), mapping a server error to the file.  0, or -1 after
 * reporting the first failing statement. */
int dg_pg_script_run(PGconn *c, const dg_pg_script *sc, dg_diags *d);

/* ---- connections and the typing server (pg_server.c, pg_cluster.c) ---- */
/* A connection to `conninfo` (URI or key=value), dbname replaced by
 * `dbname` when not NULL; notices are dropped.  NULL after reporting at
 * `where`. */
PGconn *dg_pg_connect(const char *conninfo, const char *dbname, dg_loc where, dg_diags *d);

/* A query returning rows; NULL after reporting at `where`.  PQclear it. */
PGresult   *dg_pg__rows(PGconn *c, const char *sql, dg_loc where, dg_diags *d);
/* Field (row, col): NULL when SQL NULL. */
const char *dg_pg__val(const PGresult *r, int row, int col);
char       *dg_pg__dup(const PGresult *r, int row, int col);    /* copy or NULL */
bool        dg_pg__bool(const PGresult *r, int row, int col);   /* "t" */
long long   dg_pg__int(const PGresult *r, int row, int col);

typedef struct dg_pg_cluster dg_pg_cluster;   /* an auto cluster (pg_cluster.c) */
/* initdb + start in a new temporary folder; a watchdog process stops it
 * and removes the folder when this process ends, however it ends.  NULL
 * after reporting. */
dg_pg_cluster *dg_pg_cluster_start(const char *run_as, dg_diags *d);
const char    *dg_pg_cluster_conninfo(const dg_pg_cluster *k);
void           dg_pg_cluster_stop(dg_pg_cluster *k);   /* NULL-safe; waits for the cleanup */

typedef struct dg_pg_server {
    const char    *conninfo;   /* the server (its maintenance database) */
    dg_pg_cluster *cluster;    /* auto; NULL for a URL */
    PGconn        *admin;      /* connection that creates and drops the typing database */
    char          *dbname;     /* the typing database, NULL before it exists */
} dg_pg_server;

/* Connects to o->server (starting a cluster for "auto") and creates the
 * throwaway database dalgen_<hash>_<pid> (dalgen_<hash>_<pid>_<n> when the
 * process has one of that name open already).  0, or -1 after reporting. */
int  dg_pg_server_open(dg_pg_server *sv, const dg_pg_opts *o, const char *hash, dg_diags *d);
/* Drops the typing database, closes, stops an auto cluster.  NULL-safe parts. */
void dg_pg_server_close(dg_pg_server *sv);

/* ---- the catalog (pg_catalog*.c) ---- */
/* Reads the model from the database of `c` inside one REPEATABLE READ READ
 * ONLY transaction.  0, or -1 after reporting at `where`. */
int dg_pg_catalog_read(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d);
/* Tables with their columns and constraints, then indexes (pg_catalog_rel.c). */
int dg_pg__read_tables(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d);
int dg_pg__read_indexes(PGconn *c, dg_schema *s, dg_loc where, dg_diags *d);
/* The WHERE condition of objects of the user's schemas (namespace alias
 * n) that no extension owns (object oid `oid`, catalog `cat`). */
#define DG_PG_USER_NS(oid, cat) \
    " n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' " \
    "AND n.nspname NOT LIKE 'pg_temp%' AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = " oid \
    " AND e.classid = '" cat "'::regclass AND e.deptype = 'e') "

/* ---- annotations (pg_annot.c) ---- */
/* A COMMENT ON text split into its `@key value` lines (into a) and the
 * rest (*text: NULL when nothing else; caller frees). */
void dg_pg_comment_split(const char *comment, dg_annotations *a, char **text);
/* The files' `-- @key value` comments onto the tables, columns and views
 * they belong to (the SQLite front end's placement rules), and the
 * locations of the statements that created tables, columns, views,
 * indexes and triggers (the first one that names the object); the
 * script's ALTER TABLE ... RENAME statements into s->renames. */
void dg_pg_file_annotations(const dg_pg_script *sc, dg_schema *s, dg_diags *d);

/* pg_type.typtype ('e', 'd', 'c', 'r', 'm', 'p', else base) as dg_pg_column.type_kind
 * ("enum", "domain", ...; "base"). */
const char *dg_pg__type_kind(const char *typtype);

#endif
