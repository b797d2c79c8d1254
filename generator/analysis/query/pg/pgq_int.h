/* pgq_int.h - private to the PostgreSQL queries analyser (pg/): the text
 * helpers (pgq_text.c), parameters (pgq_params.c), result columns and
 * nullability (pgq_select.c, pgq_null.c), the server pass (pgq_describe.c)
 * and the driver (pgq_load.c).  Calls go: load -> describe, select,
 * params, null, text; select -> null, params, text; params, null,
 * describe -> text (unit.layers checks there is no circle). */
#ifndef DG_PGQ_INT_H
#define DG_PGQ_INT_H

#include <jansson.h>

#include "analysis/query/pg/pgq.h"
#include "analysis/query/qinternal.h"

/* ---- text (pgq_text.c) ---- */
/* Offset just after the ')' matching the '(' at `open`; len when none.
 * Skips strings, quoted identifiers, dollar quotes and comments. */
size_t pgq_paren_end(const char *t, size_t len, size_t open);
/* The first offset >= off of character `ch` outside strings, identifiers
 * and comments; len when none. */
size_t pgq_find(const char *t, size_t len, size_t off, char ch);
/* Offset after the identifier (plain or "quoted") at off. */
size_t pgq_ident_end(const char *t, size_t len, size_t off);
/* Byte offset of the chars-th (0-based) UTF-8 character from byte 0. */
size_t pgq_char_offset(const char *t, size_t len, long chars);
/* The first offset >= off that is neither blank nor in a comment. */
size_t pgq_skip_blank(const char *t, size_t len, size_t off);
/* The offset after the last character of code in t[from, to) (blanks and
 * comments are not code); from when none. */
size_t pgq_code_end(const char *t, size_t from, size_t to);
/* "name" quoted as a PostgreSQL identifier. Caller frees. */
char  *pgq_quote(const char *name);

/* ---- JSON tree helpers ---- */
/* The node's kind and body: {"SelectStmt": {...}} -> "SelectStmt". */
const char *pgq_kind(const json_t *node, json_t **body);
/* body[key] when the node is of kind `kind`, else NULL. */
json_t     *pgq_as(const json_t *node, const char *kind);
long        pgq_loc(const json_t *body);   /* "location", -1 when absent */
/* The n-th String sval of a list (funcname, ColumnRef fields), NULL. */
const char *pgq_str_at(const json_t *list, size_t n);

/* ---- one query's state ---- */
typedef struct pgq_param {
    char  *name;       /* sql name (x of @x / sqlc.arg(x)); NULL for $n */
    int    number;     /* the $n it becomes */
    bool   nullable;   /* sqlc.narg, an IS NULL test, @param ... NULL */
    bool   slice;
    size_t at;         /* first use (offset in the query text) */
    char  *derived;    /* $n: the column it is compared with or written to */
    int    uses;       /* occurrences in the query */
    int    lit_uses;   /* of which beside an untyped literal or alone in a result ($1 + 1, SELECT $1) */
    size_t lit_at;     /* the first of those (offset + 1; 0: none) */
} pgq_param;

/* A result column of a table, view, CTE, subquery or the statement. */
typedef struct pgq_col {
    char *name;
    bool  notnull;
    const dg_table *table;   /* origin: a table column read as it is */
    int   column;
    const dg_table *embed_table; /* sqlc.embed: first of embed_ncols columns */
    int   embed_ncols;
} pgq_col;
typedef DG_VEC(pgq_col) pgq_cols;
void pgq_cols_free(pgq_cols *c);
void pgq_cols_push(pgq_cols *c, const char *name, bool notnull, const dg_table *t, int column);

typedef struct pgq_src {
    char    *name;       /* alias, or the relation's name; NULL for none */
    pgq_cols cols;
    bool     nullable;   /* on the nullable side of an outer join */
    bool     unknown;    /* columns not known (a function, an unknown relation) */
    const dg_table *table;
} pgq_src;

typedef struct pgq_scope {
    DG_VEC(pgq_src) srcs;
    struct pgq_scope *outer;
    bool using_join;     /* a JOIN USING / NATURAL: a bare * merges columns */
} pgq_scope;
void pgq_scope_free(pgq_scope *s);

typedef struct pgq_cte {
    const char *name;
    pgq_cols cols;
    struct pgq_cte *next;
} pgq_cte;

typedef struct pgq_ctx {
    const dg_schema *schema;
    const dg_qsrc *src;
    dg_diags *d;
    const char *text;        /* the query's text (NUL-terminated copy) */
    size_t len;
    dg_qedits edits;         /* rewrites (none while reading a view) */
    bool quiet;              /* a view's definition: no edits, no errors */
    int depth;               /* views within views */
    pgq_cte *ctes;
    DG_VEC(pgq_param) params;
    bool star_unknown;       /* a * left as it is: columns come from the server */
    int errors;
} pgq_ctx;

dg_loc pgq_loc_of(const pgq_ctx *c, size_t off);
void   pgq_error(pgq_ctx *c, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Parameters (pgq_params.c): collects $n, @x, sqlc.arg/narg/slice and
 * rewrites them into c->edits; errors for unknown sqlc.* and misplaced
 * sqlc.slice / sqlc.embed. */
void pgq_params_collect(pgq_ctx *c, json_t *stmt);
void pgq_params_free(pgq_ctx *c);
/* The parameter that became $n, NULL when none did. */
const pgq_param *pgq_param_numbered(const pgq_ctx *c, int n);

/* Result columns of a statement (SELECT, VALUES, or DML's RETURNING),
 * expanding stars and embeds into c->edits (pgq_select.c). */
void pgq_stmt_columns(pgq_ctx *c, json_t *stmt, pgq_scope *outer, pgq_cols *out);
/* A table column's NOT NULL: its own, or its domain's (pgq_text.c). */
bool pgq_column_notnull(const dg_schema *s, const dg_column *col);
/* Resolves a ColumnRef body in s (and its outer scopes) (pgq_null.c). */
const pgq_col *pgq_resolve(const pgq_scope *s, const json_t *colref, bool *src_nullable);

/* Whether expression `e` can never be NULL (pgq_null.c). */
bool pgq_notnull(pgq_ctx *c, const pgq_scope *s, const json_t *e);
/* The name PostgreSQL gives an unaliased result expression ("?column?"
 * when none). */
const char *pgq_expr_name(const json_t *e);

/* ---- the server pass (pgq_describe.c) ---- */
typedef struct pgq_item {
    dg_query  *q;          /* the query being built (sql set) */
    size_t     start;      /* where the statement starts in c->text (for dg_qedits_map) */
    pgq_ctx   *c;          /* for locating errors */
    pgq_cols   cols;       /* dalgen's result columns (names, nullability, origins) */
    DG_VEC(unsigned) ptypes;   /* described: parameter type OIDs */
    DG_VEC(unsigned) ftypes;   /* result type OIDs, */
    DG_VEC(int) fmods;         /* typmods, */
    DG_VEC(unsigned) ftables;  /* origin table OIDs (0: none), */
    DG_VEC(int) fcols;         /* origin attnums, */
    dg_strings fnames;         /* names */
    DG_VEC(dg_qpgtype *) pt;   /* resolved parameter types (owned until moved into q) */
    DG_VEC(dg_qpgtype *) ft;   /* resolved result types (a domain's own, through its origin column) */
    bool failed;
} pgq_item;

/* Prepares and describes every item's q->sql in one pipelined pass (a
 * sync every 250 queries, each segment in a transaction rolled back); the
 * server's errors are reported at their place in the query file and mark
 * the item failed.  Then resolves the OIDs of the others into item->pt /
 * item->ft (a result column of a table gets its column's type, so that a
 * domain is kept).  Returns the number of errors. */
int  pgq_describe_all(void *conn, pgq_item *items, size_t n, dg_diags *d);
void pgq_item_free(pgq_item *it);

#endif
