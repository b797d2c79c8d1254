/* qinternal.h - private interfaces between the parts of the queries
 * analyser: file reader (qfile.c), scopes and typing (qscope.c, qtype.c),
 * parameters (qparams.c), rewriting (qrewrite.c), driver (queries.c). */
#ifndef DG_QINTERNAL_H
#define DG_QINTERNAL_H

#include <sqlite3.h>

#include "analysis/query/queries.h"
#include "sql/sql_ast.h"

/* An annotation of one query (-- @param / -- @result). */
typedef struct dg_qannot {
    char *name;
    dg_qtype type;
    dg_loc loc;
    bool used;
} dg_qannot;

/* One named query as read from its file, before analysis. */
typedef struct dg_qsrc {
    char *name;
    dg_qkind kind;
    bool execresult;          /* written :execresult (kind :execresult on SQLite, :execrows on PostgreSQL) */
    dg_loc loc;               /* the header */
    const char *file;         /* interned in the set */
    const char *text;         /* the whole file */
    size_t start, end;        /* the query's text (after the header, up to the next) */
    dg_loc start_loc;         /* of text[start]; line 0 when unknown (a NUL byte before it) */
    DG_VEC(dg_qannot) params;
    DG_VEC(dg_qannot) results;
} dg_qsrc;

typedef struct dg_qfiles {
    DG_VEC(dg_qsrc) srcs;
    DG_VEC(char *) texts;     /* file contents (owned) */
} dg_qfiles;

/* Reads one query file into `files` (and its @function declarations into
 * set->functions).  Returns the number of errors reported. */
int  dg_qfile_read(dg_query_set *set, const char *path, dg_qfiles *files, dg_diags *d);
/* Every file of `paths` (a file, or a folder's *.sql in name order) read
 * with dg_qfile_read: both engines' query loaders.  Returns the errors. */
int  dg_qfiles_read(const dg_strings *paths, dg_query_set *set, dg_qfiles *files, dg_diags *d);
void dg_qfiles_free(dg_qfiles *f);

/* ---- an edit of the query text ---- */
typedef struct dg_qedit {
    size_t start, end;        /* replaced span of the original text */
    char *text;               /* replacement */
} dg_qedit;

typedef DG_VEC(dg_qedit) dg_qedits;

void dg_qedit_add(dg_qedits *e, size_t start, size_t end, char *text /* taken */);
/* Applies the edits to text[from, to). Caller frees. */
char *dg_qedits_apply(dg_qedits *e, const char *text, size_t from, size_t to);
/* Offset in the original text of `off` in the edited text. */
size_t dg_qedits_map(const dg_qedits *e, size_t from, size_t off);
void dg_qedits_free(dg_qedits *e);

/* ---- analysis of one statement ---- */

typedef struct dg_qctx dg_qctx;

/* A result column of a table, subquery or statement. */
typedef struct dg_qcol {
    char *name;
    dg_qtype type;
    const dg_table *table;    /* origin: a table column read directly */
    int column;               /* index in table->columns, -1 otherwise */
    bool hidden;              /* left out of * (hidden columns, right side of USING) */
    bool flow_notnull;        /* a WHERE (or an inner join's ON) lets no row with it NULL through */
    char *label;              /* an unaliased expression's field name as sqlc derives it
                                 (dg_qexpr_label), owned; NULL: from `name` */
    const dg_table *embed_table;  /* sqlc.embed: first of embed_ncols columns of this table */
    int embed_ncols;
    size_t pos;               /* 1 + offset of its expression in the query text, 0 when none */
} dg_qcol;

typedef DG_VEC(dg_qcol) dg_qcols;
void dg_qcols_free(dg_qcols *c);
void dg_qcols_push(dg_qcols *c, const char *name, dg_qtype t, const dg_table *table, int column);

/* A FROM item seen by expressions. */
typedef struct dg_qsource {
    char *name;               /* qualifier: alias, table or CTE name; NULL for an unnamed subquery */
    dg_qcols cols;
    bool nullable;            /* on the nullable side of an outer join */
    bool unknown;             /* columns not known (an unknown table-valued function) */
    const dg_table *table;    /* a base table (rowid, embed) */
    bool aliased;             /* FROM t AS a: `name` is the alias */
} dg_qsource;

/* Whether column reference e (a DG_E_COLUMN) may name a column of src: it
 * has no qualifier, or its table qualifier is src's name and its schema
 * one (baz.users.id) the schema of src's unaliased table. */
bool dg_qsource_named(const dg_qsource *src, const dg_expr *e);

typedef struct dg_qscope {
    DG_VEC(dg_qsource) srcs;
    struct dg_qscope *outer;  /* enclosing query of a correlated subquery */
    bool grouped;             /* GROUP BY: every group has a row */
    const dg_qcols *aliases;  /* result columns (ORDER BY / HAVING may name them) */
} dg_qscope;

void dg_qscope_free(dg_qscope *s);
/* Adds a source holding table t's columns (nullable side when `nullable`). */
dg_qsource *dg_qscope_add_table(dg_qscope *s, const char *name, const dg_table *t, bool nullable);

typedef struct dg_qcte_scope {
    const char *name;
    dg_qcols cols;
    struct dg_qcte_scope *next;
} dg_qcte_scope;

/* The type of an expression in scope `s`, learning parameter types from
 * the context on the way; {UNKNOWN, true} when it cannot be known. */
dg_qtype dg_qexpr_type(dg_qctx *c, dg_qscope *s, dg_expr *e);
/* dg_qexpr_type of a condition (WHERE, HAVING, ON, FILTER): a parameter
 * that is the whole condition becomes a bool when nothing else typed it. */
dg_qtype dg_qcond_type(dg_qctx *c, dg_qscope *s, dg_expr *e);
/* Name SQLite gives a result column without alias (column name, or the
 * expression's text). Caller frees. */
char *dg_qexpr_name(dg_qctx *c, const dg_expr *e);
/* The field name sqlc gives an unaliased result expression: a column's
 * name (also through CAST and COLLATE), a function's name (count, sum,
 * coalesce), exists / not_exists, a scalar subquery's column's; column_N
 * (N: the 1-based result position) for anything else.  Caller frees. */
char *dg_qexpr_label(const dg_expr *e, size_t n);
/* Columns of a table (non-hidden first, as SQLite's * sees them). */
void dg_qtable_cols(const dg_table *t, dg_qcols *out);
/* The type column i of t reads as (FTS hidden columns typed). */
dg_qtype dg_qcolumn_type(const dg_table *t, int i);

/* The state of analysing one query. */
struct dg_qctx {
    const dg_schema *schema;
    const dg_schema_lookup *lk;   /* schema's names, looked up per table a query names */
    const dg_query_set *set;
    const dg_qsrc *src;
    dg_diags *d;
    const char *text;         /* the query text as parsed (src->text) */
    dg_qedits edits;          /* * expansions, sqlc.* rewrites, INSERT column lists */
    dg_query *q;              /* being built: params live here */
    dg_expr **param_nodes;    /* every parameter node, in text order */
    size_t nparam_nodes;
    int errors;
    dg_qcte_scope *ctes;      /* visible CTEs (innermost first) */
    bool star_unknown;        /* a * was left unexpanded: result columns come from SQLite */
};

dg_loc dg_qctx_loc(const dg_qctx *c, size_t offset);

/* Result columns of a SELECT (types, origins), expanding its stars into
 * ctx->edits; `outer` is the scope of a correlated subquery (NULL at top). */
int dg_qselect_columns(dg_qctx *c, dg_select *s, dg_qscope *outer, dg_qcols *out);
/* Adds the sources of a FROM clause to s (UPDATE ... FROM). */
int dg_qfrom_scope(dg_qctx *c, dg_from *from, dg_qscope *s);
/* Pushes the CTEs of `w` onto c->ctes (typing each); pop with dg_qwith_pop. */
int  dg_qwith_push(dg_qctx *c, dg_with *w, dg_qscope *outer);
void dg_qwith_pop(dg_qctx *c, dg_with *w);
/* Result columns of a whole statement (SELECT, or RETURNING of DML), and
 * parameter hints from every expression in it. */
int dg_qstmt_columns(dg_qctx *c, dg_stmt *st, dg_qcols *out);

/* Parameters: numbering in SQLite's order, one C argument per name, the
 * rewrite of sqlc.* forms. */
int  dg_qparams_collect(dg_qctx *c, dg_stmt *st);
/* A type learned for the parameter node `e` (nothing when e is not a
 * parameter) from its context; `name` (may be NULL) names a positional
 * parameter after the column it is compared with or assigned to. */
void dg_qparam_hint_named(dg_qctx *c, const dg_expr *e, dg_qtype t, const char *name);
/* The type known so far of parameter node `e`. */
dg_qtype dg_qparam_type(dg_qctx *c, const dg_expr *e);
/* A comparison or write of parameter e (when it is one) with column
 * `column` of table t; t NULL: with something else (dg_qparam.origin). */
void dg_qparam_use(dg_qctx *c, const dg_expr *e, const dg_table *t, int column);
/* Checks every parameter got a type; reports the others. */
int  dg_qparams_finish(dg_qctx *c);

/* Function result typing (qfuncs.c). `args` are the argument types. */
bool dg_qfunc_type(dg_qctx *c, const dg_expr *call, const dg_qtype *args, size_t nargs, bool grouped, dg_qtype *out);
/* Type expected of argument i of a known function (for parameters). */
bool dg_qfunc_arg_type(dg_qctx *c, const char *fn, size_t i, dg_qtype *out);

/* min()/max(): the aggregate with one argument, the scalar with more. */
bool dg_qfunc_minmax(const dg_expr *call, const dg_qtype *args, size_t nargs, bool grouped, dg_qtype *out);
/* The common value type of two values (CASE branches, compound SELECTs). */
dg_vtype dg_qmerge_vtype(dg_vtype a, dg_vtype b);

/* ---- shared with the PostgreSQL analyser (pg/) ---- */
void  dg_query_free(dg_query *q);   /* the query's contents, not q */
/* C field name of result column `col` of q (snake case, keywords, _2 on
 * collisions with the fields already in q->fields); `flag`: the field has a
 * has_ flag. Caller frees. */
char *dg_qfield_name(const dg_query *q, const char *col, bool flag);
/* The field name of sqlc.embed(t): the table's name, "<schema>_<name>" for
 * a table outside the default schema whose name another schema's table or
 * view has too (users and baz.users: users, baz_users). */
char *dg_qembed_field_name(const dg_query *q, const dg_schema *s, const dg_table *t);
/* C names of q's parameters from their sql_name (else param<first bind>),
 * unique and clear of the generated functions' locals. */
void  dg_qparams_name(dg_query *q);

#endif
