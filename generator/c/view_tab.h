/* view_tab.h - the finishing pass's working state of one table or view
 * (private to view_*.c; calls go one way: view_funcs.c -> view_insert.c ->
 * view_records.c -> view_tab.c). */
#ifndef DG_VIEW_TAB_H
#define DG_VIEW_TAB_H

#include "c/view_int.h"
#include "util/buf.h"

/* Record conveniences of a table (docs/generate.md): field indexes, -1 when
 * the table has none. */
/* The dal_pg_params local of a generated PostgreSQL table function (the
 * templates declare it so).  Ends in `__`, as every local of generated code
 * that shares a scope with parameters named after columns (names.h, rule 5
 * never makes such a name). */
#define DG_PG_PARAMS "params__"

typedef struct dg_records {
    int  id;          /* TEXT primary key with `@id uuidv7|nanoid[(n)]` */
    bool id_nanoid;
    int  id_len;      /* nanoid length */
    int  created;     /* `@timestamp created` (or created_at with --timestamps) */
    int  updated;     /* `@timestamp updated` (or updated_at with --timestamps) */
    int  version;     /* `@version` INTEGER */
} dg_records;

typedef struct dg_tab {
    dg_vctx        *v;
    const dg_table *t;       /* NULL for a view */
    const char     *name, *row, *strct;
    dg_vtable      *vt;
    dg_cbinds       f;       /* vt->f (owned there) */
    dg_ints         pk;      /* field indexes of the primary key, in key order */
    char           *qtable;  /* these three in the arena (x->v->a) */
    char           *cols;    /* the SELECT list */
    const char     *order;   /* ORDER BY list, NULL for none */
    dg_buf          tmp;     /* scratch of view_tab.c's helpers, never held across a call */
    bool            is_view, virt, fts5;
    bool            pg;      /* PostgreSQL: $n placeholders, dal_pg_* calls */
    const char     *st;      /* the bind target: "st" (SQLite) or "&" DG_PG_PARAMS (PostgreSQL) */
    dg_records      rec;
    size_t          decl_width;   /* the struct's type column (names start there) */
    size_t          decl_end;     /* where comments after the fields start */
} dg_tab;

/* view_tab.c.  Strings returned are in the model's arena (x->v->a), as
 * the SQL and strings given to them must be. */
/* Field i's aligned declaration ("int64_t     id;   ") into b, with `dims`
 * ("[16]" or "") after the name. */
void    dg_tab_decl(dg_tab *x, size_t i, const char *dims, dg_buf *b);
/* Sets x->decl_width and x->decl_end, and every field's decl (has_decl). */
void    dg_tab_set_decls(dg_tab *x);
/* "bool<spaces>name;" with the name at column `width` (a has_ or set_ flag). */
char   *dg_tab_bool_decl(dg_tab *x, size_t width, const char *name);
/* Function `verb` of the table over statement `sql`: fills *o (made in the
 * arena when NULL) with fn, stmt and no params; returns it. */
dg_vfunc *dg_tab_func(dg_tab *x, dg_vfunc *o, const char *verb, char *sql);
char   *dg_tab_where_eq(dg_tab *x, const dg_ints *idx);
/* The same with PostgreSQL's $n numbered from `first`. */
char   *dg_tab_where_eq_at(dg_tab *x, const dg_ints *idx, int first);
/* Field f's placeholder: "?" on SQLite, "$n" and the type's cast on
 * PostgreSQL. */
const char *dg_tab_ph(const dg_tab *x, const dg_cbind *f, int n);
/* dg_cbind_bind, dg_cbind_bind_at and dg_cbind_read of f (cbind.h). */
char   *dg_tab_bind(dg_tab *x, const dg_cbind *f, int n, const char *src, const char *st, bool copy);
char   *dg_tab_bind_at(dg_tab *x, const dg_cbind *f, const char *idx, const char *src, const char *st, bool copy);
char   *dg_tab_read(dg_tab *x, const dg_cbind *f, int col, const char *dst);
/* The bind of field fi of `row` as parameter n of a write (insert,
 * upsert, update): on PostgreSQL, a text the validator's check measured
 * is bound with that length (len__[k]); else dg_cbind_bind's. */
char   *dg_tab_bind_write(dg_tab *x, int fi, int n);
/* PostgreSQL: the pinned types of a function's parameters (fields idx in
 * order), appended to o->pg_types; o->nparams counts them. */
void    dg_tab_pg_types(dg_tarena *a, dg_vfunc *o, const dg_cbind *const *fs, size_t n);
void    dg_tab_pg_types_idx(dg_tab *x, dg_vfunc *o, const dg_ints *idx);
/* Appends the result type f's reader expects (dg_pgtype_result_oid) to
 * *list (", "-joined, in arena a) and counts it in *n. */
void    dg_tab_pg_result(dg_tarena *a, char **list, int *n, const dg_cbind *f);
char   *dg_tab_params(dg_tab *x, const dg_ints *idx);
void    dg_tab_add_bind(dg_vbinds *binds, char *cond, char *call);   /* both in the arena */
char   *dg_tab_join_fields(dg_tab *x, const dg_ints *idx, const char *sep);

/* view_insert.c: vt->insert (verb "insert") or vt->upsert (upsert true). */
void dg_tab_build_insert(dg_tab *x, const char *verb, bool upsert);
/* The same on PostgreSQL: one statement, $n placeholders, COALESCE($n,
 * DEFAULT) for columns the row may leave unset, RETURNING what the server
 * assigned. */
void dg_tab_build_insert_pg(dg_tab *x, const char *verb, bool upsert);

/* view_records.c */
void dg_records_find(dg_tab *x);
/* True when field i is set by dalgen (id, timestamps, version). */
bool dg_records_auto(const dg_tab *x, int i);
/* prepare[] of insert/upsert ("insert") or update ("update"): fill the
 * generated values into the row (update: first refuse a version at
 * INT64_MAX). */
void dg_records_prepare(dg_tab *x, dg_vfunc *fn, bool insert);
/* An upsert's version guard: the WHERE of its DO UPDATE (NULL without a
 * version) and in *refused what the upsert returns when that WHERE leaves
 * the row (a C expression). */
char *dg_records_upsert_guard(dg_tab *x, char **refused);
/* "missing": what a write that changed no row returns (DAL_NOTFOUND, or the
 * call of the helper that tells DAL_CONFLICT from DAL_NOTFOUND, made where
 * `at` says when first needed); src is "row->" or "" for the key's source. */
char *dg_records_missing(dg_tab *x, const char *src, dg_vmissing_at at);
/* Bind of the version the caller read (idx a C expression). */
char *dg_records_version_bind(dg_tab *x, const char *idx, const char *src);
/* vt->patch (and vt->missing_fn). */
void dg_records_patch(dg_tab *x);

#endif
