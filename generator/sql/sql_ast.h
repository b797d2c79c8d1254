/* sql_ast.h - dalgen's parse of SQLite's SELECT, INSERT, UPDATE, DELETE and
 * expression grammar (https://www.sqlite.org/lang.html).
 *
 * SQLite checks the SQL (every query is prepared against the schema); this
 * parse exists because SQLite does not say what a statement means: which
 * table a result column comes from through a LEFT JOIN, what a parameter is
 * compared with, what a CHECK constraint requires.
 *
 * Entry points:
 *   dg_expr_parse(text, len, loc, &ast, diags)   one standalone expression
 *                                                (CHECK, DEFAULT, index WHERE)
 *   dg_stmt_parse(text, len, loc, &ast, diags)   one statement (an optional
 *                                                trailing ';' is allowed)
 * Both return 0 and set *ast (free with dg_sql_ast_free), or report a syntax
 * error `file:line:col: error: ...` (loc = location of text[0]) and return -1
 * with *ast NULL.  `diags` may be NULL (nothing printed).
 *
 * Ownership: every node, string and array reachable from a dg_sql_ast
 * belongs to it and is released by dg_sql_ast_free.  Names are unquoted
 * ("a b" -> a b), keywords are upper-cased in `op`/`type` texts.  Every
 * node keeps its byte span [start, end) in the parsed text. */
#ifndef DG_SQL_AST_H
#define DG_SQL_AST_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

typedef struct dg_expr dg_expr;
typedef struct dg_select dg_select;
typedef struct dg_window dg_window;
typedef struct dg_from dg_from;

typedef struct dg_exprs { dg_expr **items; size_t len; } dg_exprs;
typedef struct dg_sql_names { char **items; size_t len; } dg_sql_names;

typedef enum dg_expr_kind {
    DG_E_LITERAL,   /* lit says which; text = token as written (strings unquoted into `str`) */
    DG_E_PARAM,     /* a bind parameter: ?, ?N, :n, @n, $n, or sqlc.arg/narg/slice(name) */
    DG_E_COLUMN,    /* [schema.][table.]column: schema, table (NULL when absent), name */
    DG_E_UNARY,     /* op "-", "+", "~", "NOT"; args[0] */
    DG_E_BINARY,    /* op "OR" "AND" "=" "==" "!=" "<>" "<" "<=" ">" ">=" "IS" "IS NOT"
                       "IS DISTINCT FROM" "IS NOT DISTINCT FROM" "&" "|" "<<" ">>"
                       "+" "-" "*" "/" "%" "||" "->" "->>"; args[0], args[1] */
    DG_E_NULLTEST,  /* x ISNULL (negated false) / x NOTNULL, x NOT NULL (negated true); args[0] */
    DG_E_BETWEEN,   /* args[0] [NOT] BETWEEN args[1] AND args[2] */
    DG_E_IN,        /* args[0] [NOT] IN (args[1..]) | (select) | [schema.]table | fn(args[1..]) */
    DG_E_LIKE,      /* args[0] [NOT] op args[1] [ESCAPE args[2]]; op "LIKE" "GLOB" "REGEXP" "MATCH" */
    DG_E_CASE,      /* base (NULL when absent); args = WHEN,THEN pairs; else_expr (NULL when absent) */
    DG_E_CAST,      /* CAST(args[0] AS type); type as written, normalised to single spaces */
    DG_E_COLLATE,   /* args[0] COLLATE name */
    DG_E_FUNC,      /* name(args) with distinct, star (count(*)), filter, window/over_name */
    DG_E_EXISTS,    /* [NOT] EXISTS (select) */
    DG_E_SUBQUERY,  /* (select) used as a scalar */
    DG_E_ROW,       /* (args[0], args[1], ...): a row value */
    DG_E_RAISE      /* RAISE(op, args[0]); op "IGNORE" "ROLLBACK" "ABORT" "FAIL" */
} dg_expr_kind;

typedef enum dg_lit_kind {
    DG_LIT_INTEGER, DG_LIT_REAL, DG_LIT_STRING, DG_LIT_BLOB, DG_LIT_NULL,
    DG_LIT_TRUE, DG_LIT_FALSE,
    DG_LIT_CURRENT_TIME, DG_LIT_CURRENT_DATE, DG_LIT_CURRENT_TIMESTAMP
} dg_lit_kind;

typedef enum dg_param_form {
    DG_P_QUESTION,    /* ? */
    DG_P_NUMBERED,    /* ?N: number */
    DG_P_NAMED,       /* :name @name $name: name without the sigil, sigil = ':' '@' '$' */
    DG_P_SQLC_ARG,    /* sqlc.arg(name) */
    DG_P_SQLC_NARG,   /* sqlc.narg(name): nullable */
    DG_P_SQLC_SLICE,  /* sqlc.slice(name): an array for IN */
    DG_P_SQLC_EMBED   /* sqlc.embed(table): only valid as a result column; name = table */
} dg_param_form;

struct dg_expr {
    dg_expr_kind kind;
    size_t start, end;        /* byte span in the parsed text */
    const char *op;           /* operator / keyword text (static string), see kinds */
    bool negated;             /* NOT BETWEEN, NOT IN, NOT LIKE, NOT EXISTS, NOTNULL */
    /* literals */
    dg_lit_kind lit;
    char *text;               /* token text as written (literals, parameters) */
    char *str;                /* value of a string literal */
    /* parameters */
    dg_param_form form;
    char sigil;
    long number;              /* ?N */
    /* columns, functions, COLLATE, IN table */
    char *schema, *table, *name;
    char *type;               /* CAST type */
    dg_exprs args;
    dg_expr *base, *else_expr;/* CASE */
    dg_select *select;        /* IN (select), EXISTS, scalar subquery */
    bool distinct, star;      /* f(DISTINCT x), count(*) */
    dg_expr *filter;          /* FILTER (WHERE filter) */
    dg_window *over;          /* OVER (...) */
    char *over_name;          /* OVER name */
    int param_index;          /* free for analyses (0 after parsing) */
    int height;               /* 1 + the height of its deepest argument (at most DG_SQL_MAX_EXPR_DEPTH) */
};

/* SQLite's SQLITE_MAX_EXPR_DEPTH: a deeper expression (a flat chain
 * `1+1+...` of more terms, say) is a syntax error, so that no pass over the
 * tree recurses without bound. */
#define DG_SQL_MAX_EXPR_DEPTH 1000

typedef struct dg_order_term {
    dg_expr *expr;
    bool desc;
    int nulls;                /* 0 default, 1 NULLS FIRST, 2 NULLS LAST */
} dg_order_term;

typedef struct dg_order { dg_order_term *items; size_t len; } dg_order;

struct dg_window {
    char *base;               /* name of the window it extends, NULL when none */
    dg_exprs partition;
    dg_order order;
    char *frame_unit;         /* "ROWS" "RANGE" "GROUPS", NULL when no frame */
    dg_expr *frame_start, *frame_end;  /* offset expressions, NULL for UNBOUNDED/CURRENT ROW */
};

typedef struct dg_named_window { char *name; dg_window *window; } dg_named_window;

typedef enum dg_join_kind {
    DG_JOIN_NONE = 0,         /* the first item */
    DG_JOIN_COMMA,            /* a, b */
    DG_JOIN_INNER,            /* [INNER] JOIN, CROSS JOIN */
    DG_JOIN_LEFT,
    DG_JOIN_RIGHT,
    DG_JOIN_FULL
} dg_join_kind;

typedef struct dg_from_item {
    dg_join_kind join;        /* how this item joins the items before it */
    bool natural, cross;
    char *schema, *name;      /* a table, view, CTE or table-valued function */
    bool is_func;
    dg_exprs func_args;
    dg_select *select;        /* (select) */
    dg_from *nested;          /* (a JOIN b) */
    char *alias;
    dg_expr *on;
    dg_sql_names using_cols;
    size_t start, end;
} dg_from_item;

struct dg_from { dg_from_item *items; size_t len; };

typedef struct dg_result_col {
    bool star;                /* * or table.* */
    char *star_table;         /* table.*: the table or alias, NULL for a bare * */
    dg_expr *expr;            /* NULL for stars */
    char *alias;
    size_t start, end;        /* span of the whole result column (expr through alias) */
} dg_result_col;

typedef struct dg_result_cols { dg_result_col *items; size_t len; } dg_result_cols;

typedef enum dg_compound_op {
    DG_COMPOUND_NONE = 0, DG_UNION, DG_UNION_ALL, DG_INTERSECT, DG_EXCEPT
} dg_compound_op;

typedef struct dg_select_core {
    dg_compound_op op;        /* how it combines with the core before it */
    bool distinct;
    bool is_values;           /* VALUES (...), (...): rows */
    struct { dg_exprs *items; size_t len; } rows;
    dg_result_cols cols;
    dg_from from;             /* len 0 when no FROM */
    dg_expr *where;
    dg_exprs group_by;
    dg_expr *having;
    struct { dg_named_window *items; size_t len; } windows;
    size_t start, end;
} dg_select_core;

typedef struct dg_cte {
    char *name;
    dg_sql_names columns;
    dg_select *select;
    int materialized;         /* 0 default, 1 MATERIALIZED, -1 NOT MATERIALIZED */
} dg_cte;

typedef struct dg_with {
    bool recursive;
    struct { dg_cte *items; size_t len; } ctes;
} dg_with;

struct dg_select {
    dg_with *with;            /* NULL when none */
    struct { dg_select_core *items; size_t len; } cores;
    dg_order order_by;
    dg_expr *limit, *offset;
    size_t start, end;
};

typedef struct dg_set_item {
    dg_sql_names columns;         /* one column, or (a, b) = row value */
    dg_expr *expr;
    size_t start, end;
} dg_set_item;

typedef struct dg_set_list { dg_set_item *items; size_t len; } dg_set_list;

typedef struct dg_upsert {
    dg_order target;          /* ON CONFLICT (target) */
    dg_expr *target_where;
    bool do_nothing;
    dg_set_list set;
    dg_expr *where;
} dg_upsert;

typedef enum dg_stmt_kind {
    DG_STMT_SELECT, DG_STMT_INSERT, DG_STMT_UPDATE, DG_STMT_DELETE,
    DG_STMT_OTHER             /* PRAGMA, DDL, ATTACH, ...: only `keyword` is parsed */
} dg_stmt_kind;

typedef struct dg_stmt {
    dg_stmt_kind kind;
    dg_with *with;
    dg_select *select;        /* SELECT; the source rows of INSERT (VALUES or SELECT) */
    /* INSERT / UPDATE / DELETE target */
    char *or_action;          /* "REPLACE", "IGNORE", ... NULL when none */
    char *schema, *table, *alias;
    dg_sql_names columns;         /* INSERT column list (len 0 when absent) */
    size_t columns_end;       /* INSERT: offset just after the table name/alias where a column list may go */
    bool default_values;
    struct { dg_upsert *items; size_t len; } upserts;
    dg_set_list set;          /* UPDATE SET */
    dg_from from;             /* UPDATE ... FROM */
    dg_expr *where;
    dg_result_cols returning;
    dg_order order_by;        /* UPDATE/DELETE ... ORDER BY / LIMIT */
    dg_expr *limit, *offset;
    char *keyword;            /* first keyword, upper-cased (OTHER statements) */
    dg_exprs params;          /* OTHER statements: their parameters (ATTACH ? AS x) */
    size_t start, end;        /* without the trailing ';' */
} dg_stmt;

typedef struct dg_sql_ast {
    dg_expr *expr;            /* dg_expr_parse */
    dg_stmt *stmt;            /* dg_stmt_parse */
    struct dg_ast_pool *pool; /* private: the memory of every node */
} dg_sql_ast;

int  dg_expr_parse(const char *text, size_t len, dg_loc loc, dg_sql_ast **out, dg_diags *d);
int  dg_stmt_parse(const char *text, size_t len, dg_loc loc, dg_sql_ast **out, dg_diags *d);
void dg_sql_ast_free(dg_sql_ast *a);   /* NULL-safe */

/* Visits `e` and every expression below it (not into subqueries), parent first. */
typedef void (*dg_expr_visit_fn)(dg_expr *e, void *ctx);
void dg_expr_walk(dg_expr *e, dg_expr_visit_fn fn, void *ctx);

/* The expression as SQL text (normalised: keywords upper-case, identifiers
 * quoted only when needed); for messages and tests.  Caller frees. */
char *dg_expr_to_sql(const dg_expr *e);

#endif
