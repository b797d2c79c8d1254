/* queries.h - named query files (sqlc syntax) analysed against a schema.
 *
 * A query file holds statements, each after a header
 *     -- name: GetAuthor :one        or   / * name: GetAuthor :one * /
 * (kinds :one :many :exec :execrows :execlastid :execresult), with
 * annotations in comments anywhere in the query:
 *     -- @param name TYPE [NULL]     type of a parameter (overrides inference)
 *     -- @result col TYPE [NOT NULL] type of a result column
 * and, anywhere in any file, application-defined functions:
 *     -- @function name(TYPE, ...) TYPE [NOT NULL]
 * docs/queries.md is the user's description. */
#ifndef DG_QUERIES_H
#define DG_QUERIES_H

#include <sqlite3.h>
#include <stdbool.h>

#include "model/model.h"
#include "util/diag.h"

typedef struct dg_query_set dg_query_set;   /* defined by the queries analyser */

/* Reads every query file (a file, or every *.sql of a folder in name order),
 * prepares each query against the schema and types it.  `db` is a SQLite
 * database holding exactly `schema` (borrowed; functions declared with
 * @function are registered on it), or NULL to build one from the model.
 * Returns 0 and sets *out (free with dg_query_set_free), or reports every
 * error found through `d` and returns -1. */
int  dg_queries_load(const dg_strings *paths, const dg_schema *schema, sqlite3 *db, dg_query_set **out,
                     dg_diags *d);
void dg_query_set_free(dg_query_set *q);   /* NULL-safe */

/* ---- the analysed queries (read by the view model) ---- */

typedef enum dg_qkind {
    DG_QK_ONE, DG_QK_MANY, DG_QK_EXEC, DG_QK_EXECROWS, DG_QK_EXECLASTID,
    DG_QK_EXECRESULT,     /* sqlc's sql.Result: both rows affected and last insert id */
    DG_QK_COPYFROM,       /* PostgreSQL only: rows of an INSERT ... VALUES sent with binary COPY */
    DG_QK_BATCHEXEC,      /* PostgreSQL only: n executions of an :exec statement in one pipeline */
    DG_QK_BATCHONE,       /* PostgreSQL only: n executions of a :one query in one pipeline */
    DG_QK_BATCHMANY       /* PostgreSQL only: n executions of a :many query in one pipeline */
} dg_qkind;

/* Whether queries of kind k read result rows: :one, :many, :batchone,
 * :batchmany. */
bool dg_qkind_rows(dg_qkind k);
/* The kinds that run in a pipeline: :batchexec, :batchone, :batchmany. */
bool dg_qkind_batch(dg_qkind k);

/* The type of a value: its class of SQL values (model.h) and whether it
 * may be NULL. */
typedef struct dg_qtype {
    dg_vtype v;
    bool nullable;
} dg_qtype;

/* PostgreSQL: the server's type of a parameter or result column
 * (analysis/query/pg/pgq.h; NULL on SQLite).  `col` holds the facts the
 * catalog reader gives a table column (type_schema, type_name, type_kind,
 * typmod, array_dims, domain, base_type), so that one mapping serves both;
 * never an OID. */
typedef struct dg_qpgtype {
    char        *type;   /* format_type(oid, typmod): "integer", "character varying(64)", "mood[]" */
    dg_pg_column col;
} dg_qpgtype;

void dg_qpgtype_free(dg_qpgtype *t);   /* NULL-safe; frees t too */

/* One C argument of a query function. */
typedef struct dg_qparam {
    char *name;           /* C name (unique within the query) */
    char *sql_name;       /* name as written (:x, @x, $x, sqlc.arg(x) -> "x"), NULL for ?/?N */
    dg_qtype type;
    bool slice;           /* sqlc.slice: (const T *name, size_t name_len) */
    DG_VEC(int) binds;    /* SQLite parameter indexes (1-based) bound from it */
    dg_loc loc;           /* first use */
    /* The table column every comparison of the parameter (=, <, IS, IN
     * lists) and every write of it (INSERT, UPDATE SET) is with, when they
     * are all with the same plain column reference and no @param typed it:
     * so that it is passed as the column's field is held (a generated or
     * the user's enum); NULL / -1 otherwise. */
    const dg_table *origin;
    int origin_column;    /* index in origin->columns */
    bool origin_mixed;    /* (while typing) a use with another column or an expression */
    dg_qpgtype *pg;       /* PostgreSQL: the server's type (of the array for a slice); NULL on SQLite */
} dg_qparam;

/* One field of the result row. */
typedef struct dg_qfield {
    char *name;           /* C field name (unique within the row) */
    char *column;         /* result column name as SQLite reports it */
    dg_qtype type;
    int col;              /* 0-based result column */
    /* The table column the result column reads as it is (a plain column
     * reference whose type no @result changed): its origin, so that the
     * row's field holds it as the table's struct does; NULL / -1 otherwise. */
    const dg_table *origin;
    int origin_column;    /* index in origin->columns */
    /* sqlc.embed(table): the field is the table's struct, read from the
     * `ncols` result columns starting at `col` (the table's columns in order). */
    const dg_table *embed_table;
    int ncols;
    dg_qpgtype *pg;       /* PostgreSQL: the server's type (a domain's own); NULL on SQLite and for embeds */
} dg_qfield;

typedef struct dg_query {
    char *name;           /* as written in the header: GetAuthor */
    char *c_name;         /* snake case: get_author */
    dg_qkind kind;
    char *sql;            /* the statement SQLite prepares (parameters rewritten, * expanded) */
    char *copy_sql;       /* :copyfrom: COPY t (a, b) FROM STDIN (FORMAT binary); NULL otherwise */
    dg_loc loc;           /* the header */
    DG_VEC(dg_qparam) params;   /* C arguments in order of their first SQLite index */
    int nbind;            /* SQLite's parameter count */
    DG_VEC(dg_qfield) fields;   /* result row (empty for statements without result) */
    int ncols;            /* result columns (an :exec's too: they are stepped through and dropped) */
    const dg_table *row_table;   /* the result is exactly this table's columns: reuse its struct */
} dg_query;

/* An application-defined function declared with @function. */
typedef struct dg_qfunc {
    char *name;
    DG_VEC(dg_qtype) args;
    bool variadic;        /* declared with a trailing "..." */
    dg_qtype ret;
    dg_loc loc;
} dg_qfunc;

struct dg_query_set {
    DG_VEC(dg_query) queries;   /* in file order, files in the order given */
    DG_VEC(dg_qfunc) functions;
    dg_strings files;           /* the query files read (dg_loc.file points here) */
};

#endif
