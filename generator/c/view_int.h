/* view_int.h - the table/view part of the view model (private to view_*.c
 * and the validators): typed C structs, filled once by the builders and
 * turned into JSON only for the templates (view_json.c, whose comments say
 * the keys).
 *
 * Ownership: a dg_vtables owns everything below it.  Its strings live in
 * its arena (dg_vtables.arena, view_arena.c) unless marked "owned" (freed
 * one by one) or "borrowed" (they point into the schema model, the names
 * (dg_names) or a literal); arrays (DG_VEC) are on the heap.  The JSON made
 * from them holds copies. */
#ifndef DG_VIEW_INT_H
#define DG_VIEW_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "c/cbind.h"
#include "c/template.h"
#include "c/validators_rules.h"
#include "c/names.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/map.h"
#include "util/vec.h"
#include "c/template_value.h"
#include "c/view.h"

typedef DG_VEC(int) dg_ints;

/* A bind, a write-back or a row read of a generated function: `call`, made
 * only when `cond` holds (NULL: always).  Both in the arena. */
typedef struct dg_vbind {
    char *cond;
    char *call;
} dg_vbind;
typedef DG_VEC(dg_vbind) dg_vbinds;

/* One prepared statement of the unit: id (the C name) and SQL, in the arena. */
typedef struct dg_vstmt {
    char *id;
    char *sql;
} dg_vstmt;
typedef DG_VEC(dg_vstmt) dg_vstmts;

/* insert's second statement, for a row that sets its rowid alias. */
typedef struct dg_vwith_rowid {
    size_t stmt;         /* index in the unit's statements */
    char  *cond, *note;  /* in the arena */
} dg_vwith_rowid;

/* One generated function of a table or view (get, list_by_x, insert...):
 * strings in the arena unless marked, with_rowid and pg_short too. */
typedef struct dg_vfunc {
    char          *fn;
    size_t         stmt;        /* index in the unit's statements */
    char          *params;      /* ", int64_t id" ("" for none) */
    dg_vbinds      binds;
    /* insert and upsert */
    bool           insert;
    bool           stmt_local;  /* the statement is picked at run time (with_rowid) */
    dg_vwith_rowid *with_rowid; /* NULL: none */
    bool           returning;
    dg_vbinds      writebacks;  /* call: the read of a RETURNING column */
    bool           writeback_enum; /* a write-back reads an enum's text into the local text__ */
    const char    *last_rowid;  /* the field sqlite3_last_insert_rowid fills (borrowed), or NULL */
    char          *many_fn;     /* insert: <row>_insert_many, n rows in one transaction */
    dg_vwith_rowid *pg_short;   /* PostgreSQL insert: the statement without the DEFAULT columns, used
                                   when cond (their parameters all NULL) holds; NULL: none */
    int            pg_short_n;  /* its parameter count */
    /* insert, upsert and update: C statements before and after the write */
    bool           prepared;
    dg_strings     prepare, after;
    char          *missing;      /* update, delete: what a write that changed no row returns */
    char          *doc;          /* finders: a comment beyond the name (condition, order), NULL: none */
    const char    *index;        /* finders: the index they read (borrowed from the model), NULL: none named */
    char          *conflict_msg; /* the missing-row helper's message */
    /* PostgreSQL: the pinned parameter types (", "-joined OID macros), their count */
    char          *pg_types;
    int            nparams;
    /* PostgreSQL: the result column types the function reads (", "-joined OID
     * macros, dg_pgtype_result_oid), their count; NULL when it reads none */
    char          *pg_results;
    int            nresults;
} dg_vfunc;
typedef DG_VEC(dg_vfunc) dg_vfuncs;

/* What a table's field needs besides its binding (parallel to vt->f). */
typedef struct dg_vfield {
    char       *comment;    /* in the arena, as the two below */
    char       *decl;       /* the aligned declaration */
    char       *has_decl;   /* its has_ flag's, NULL without one */
    const char *user_enum;  /* a user's enum field: the @c_enum (borrowed) */
    const dg_column *col;   /* its column in the model (borrowed), NULL for a view's
                               or a virtual table's rowid */
} dg_vfield;

/* One field of a patch struct (view_records.c). */
typedef struct dg_vpatch_field {
    int         field;      /* index in the table's fields */
    char       *decl;       /* its own declaration (a char[N]), NULL: the field's */
    const char *comment;    /* a literal, NULL: the field's */
    char       *has_decl;   /* NULL when the field has no has_ flag */
    char       *set, *set_decl;   /* the set_ flag; NULL for fields dalgen fills */
} dg_vpatch_field;

typedef struct dg_vpatch_bit {
    char *cond;             /* NULL: always set */
    int   bit;
} dg_vpatch_bit;

/* A validator rule the patch checks when it sets the columns it reads. */
typedef struct dg_vpatch_rule {
    size_t rule;            /* index in the table's validator rules */
    char  *guard;
} dg_vpatch_rule;

/* update_patch of a table (in the arena; its arrays and pg_set_types on
 * the heap). */
typedef struct dg_vpatch {
    char  *type, *fn, *sets_array, *params, *head, *tail, *missing, *empty;
    size_t sql_max, stmt;   /* stmt: the update's */
    int    nsets;
    DG_VEC(dg_vpatch_field) fields;
    dg_strings sets;        /* SET fragments, in bit order */
    dg_vbinds  binds;       /* call before cond in the JSON */
    DG_VEC(dg_vpatch_bit) bits;
    dg_strings prepare, after;
    char  *check_fn;        /* NULL: no check (no validator) */
    /* PostgreSQL: the keys' pinned types ($1..$nkeys) and the sets' (bit order) */
    char  *pg_key_types;
    dg_buf pg_set_types;
    int    nkeys;
    DG_VEC(dg_vpatch_rule) check;
} dg_vpatch;

/* Where the missing-row helper was first needed (its place among the
 * table's functions). */
typedef enum dg_vmissing_at { DG_VMISSING_UPDATE, DG_VMISSING_PATCH, DG_VMISSING_DELETE } dg_vmissing_at;

/* A table or a view in the view model.  Made by dg_view_table_begin /
 * dg_view_view, adjusted by dg_view_clang_struct (a user's struct) and
 * dg_view_add_validators (enums, the validator), completed by
 * dg_view_table_finish; read by the queries (their rows and sqlc.embed).
 * Owns what it points to unless marked borrowed. */
typedef struct dg_vtable {
    const dg_table *t;       /* NULL for a view */
    const dg_view  *view;    /* NULL for a table */
    dg_cbinds       f;       /* quoted and colname in the arena */
    DG_VEC(dg_vfield) fx;    /* parallel to f */
    bool            user_struct;   /* the user's struct (clang_struct.h) */
    char           *user_type, *user_header;   /* owned */
    int            *col_field;   /* t's column i -> its field in f (-1: none, a hidden
                                    column); in the arena, NULL for a view */
    dg_strings      strs;    /* strings the bindings borrow (owned) */
    const char     *name, *row, *strct;   /* borrowed (model, names) */
    char           *iter, *reader, *heading;
    bool            has_pk, virt, fts5;
    /* dg_view_add_validators */
    bool            validated;
    DG_VEC(size_t)  enums;   /* indexes in the unit's enums */
    char           *val_fn;       /* owned */
    const char     *val_struct;   /* borrowed */
    dg_validator    val;
    /* dg_view_table_finish */
    bool            finished, version, enum_text;
    char           *fills;        /* NULL: none */
    dg_vbinds       reads;        /* call, then after (cond) */
    char           *pg_results;   /* PostgreSQL: the row's result types, as dg_vfunc's */
    int             nresults;
    dg_vfunc       *insert, *get, *update, *del, *upsert, *count, *missing_fn;   /* NULL: none; in the arena */
    dg_vmissing_at  missing_at;
    dg_vpatch      *patch;        /* in the arena */
    dg_vfuncs       get_by, lists;
} dg_vtable;

/* An enum of the unit: generated from an IN-list CHECK, a user's (its
 * typedef and conversions), or a user's stored as its integer. */
typedef enum dg_venum_kind { DG_VENUM_GEN, DG_VENUM_USER, DG_VENUM_USER_INT } dg_venum_kind;

typedef struct dg_venum_value {
    char *name, *sql;        /* owned; a user's enum's name is its value */
} dg_venum_value;

typedef struct dg_venum {
    dg_venum_kind kind;
    char         *type;      /* owned */
    char         *unknown;   /* DG_VENUM_GEN: TYPE_UNKNOWN (owned) */
    const char   *user;      /* the user's C type (borrowed) */
    const char   *table, *column;   /* borrowed */
    DG_VEC(dg_venum_value) values;
    bool          has_ints;  /* DG_VENUM_USER_INT: the values of its CHECK */
    dg_strings    ints;
    const dg_pg_enum *pg;    /* PostgreSQL: the enum type it is (borrowed), NULL otherwise */
    char         *doc;       /* PostgreSQL: what the header says it is (owned), NULL otherwise */
} dg_venum;
typedef DG_VEC(dg_venum) dg_venums;

/* The C type names a unit has generated so far, in the order dg_view_build
 * makes them: the row structs of the tables begun, the enums added to
 * root["enums"] (generated, and the user's).  New names step aside from
 * them. */
typedef struct dg_vtypes {
    dg_strings      structs;
    dg_strings      enums;
    const dg_names *rows;   /* every row's identifiers, those of rows not begun too */
    dg_map          values; /* every generated enum's constants so far (keys: the enums') */
} dg_vtypes;

bool dg_vtypes_has(const dg_strings *names, const char *name);
void dg_vtypes_free(dg_vtypes *t);

/* The root of the view model: names of the unit. */
typedef struct dg_vroot {
    const char *prefix;      /* borrowed (options) */
    char       *header, *guard, *unit, *slot, *sql_array;
    dg_strings  inputs;
    bool        long_sql;    /* a statement too long for one C literal */
    bool        pg;          /* PostgreSQL: the *_pg templates render the unit */
} dg_vroot;

/* The typed view model of a unit (dg_view_build): its root, statements and
 * enums, every table (in schema order) then view, and the names they were
 * built with.  Owns all of it. */
struct dg_vtables {
    dg_tarena arena;   /* the strings of the tables and statements */
    dg_names *names;
    DG_VEC(dg_vtable) items;
    dg_vtypes types;
    dg_vroot  root;
    dg_vstmts stmts;
    dg_venums enums;
    /* the headers of the user's structs (clang_struct.h), relative to
     * --out, each once in order of first use */
    dg_strings user_headers;
};

/* The model's strings (view_arena.c): copies in arena a, which frees them
 * with the rest of the model.  NULL -> NULL; DG_VA_CAT(a, "x", y, z). */
char *dg_va_strdup(dg_tarena *a, const char *s);
char *dg_va_strndup(dg_tarena *a, const char *s, size_t n);
char *dg_va_cat_parts(dg_tarena *a, const char *const *parts);
#define DG_VA_CAT(a, ...) dg_va_cat_parts(a, (const char *const[]){__VA_ARGS__, NULL})
char *dg_va_printf(dg_tarena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
char *dg_va_buf(dg_tarena *a, const dg_buf *b);   /* b's text ("" when empty) */

void dg_vtable_free(dg_vtable *vt);    /* its contents */
/* The index in vt->f of column `column`'s field, -1 when it has none. */
int  dg_vtable_field(const dg_vtable *vt, const char *column);
/* The same for the table's column i (vt->t->columns.items[i]), without a
 * search. */
int  dg_vtable_column_field(const dg_vtable *vt, size_t i);
void dg_vtables_free(dg_vtables *v);   /* NULL-safe */

typedef struct dg_vctx {
    dg_tarena          *a;       /* the model's arena */
    const dg_schema    *s;
    const dg_view_opts *opts;
    const dg_names     *names;
    dg_vstmts          *stmts;   /* the unit's, appended to */
    const dg_schema_lookup *lookup;   /* s's names (a table's indexes without a scan) */
} dg_vctx;

/* The static row reader of a table or view's row name (view_tables.c);
 * caller frees. */
char *dg_view_reader(const dg_view_opts *opts, const char *row);
/* "name" quoted for SQL (view_tables.c). */
char *dg_sql_quote(const char *ident);

/* Table and view objects (view_tables.c): vt's first part. */
void dg_view_table_begin(dg_vctx *v, const dg_table *t, dg_vtable *vt);
void dg_view_view(dg_vctx *v, const dg_view *view, dg_vtable *vt);
/* The finishing pass (view_funcs.c) of a table or view from either. */
int  dg_view_table_finish(dg_vctx *v, dg_vtable *vt);

/* Errors (through d) for @id, @timestamp and @version annotations that do
 * not fit their column (view_records.c); 0 or -1. */
int dg_records_check(const dg_table *t, dg_diags *d);

/* Registers a statement of the unit (sql in v->a); returns its index. */
size_t dg_view_stmt(dg_vctx *v, const char *row, const char *verb, char *sql);

/* JSON for the templates (view_json.c).  The unit's statements and enums
 * come first: the tables' objects share their nodes. */
json_t *dg_vstmts_to_json(const dg_vstmts *s);
json_t *dg_venums_to_json(const dg_venums *e);
/* A table's object; its functions' statements are the unit's `stmts` (NULL:
 * no sql and stmt keys), its enums indexes in `enums`. */
json_t *dg_vtable_to_json(const dg_vtable *vt, const dg_vstmts *stmts, const dg_venums *enums);
/* The whole root, in its keys' order (what --dump-view prints). */
json_t *dg_view_to_json(const dg_vtables *v);

/* The root's tables and views as template lists (template.h): each table's
 * object is made from v (as arena values) when a section renders it and
 * released after, so the view of a large schema is never whole in memory. */
typedef struct dg_vtables_lists {
    const dg_vtables *v;
    size_t            ntables;         /* v->items: the tables, then the views */
    dg_tmpl_list      lists[4];        /* "tables", "views", "stmts", "enums"; ctx is this struct */
} dg_vtables_lists;

/* The root without "stmts", "enums", "tables" and "views", and *lists set
 * up to stand for them (it must stay where it is while they are used, and v and the root
 * must outlive it). */
json_t *dg_view_to_json_lists(const dg_vtables *v, dg_vtables_lists *lists);

void dg_vfunc_free(dg_vfunc *f);     /* its contents */
void dg_vbinds_free(dg_vbinds *b);
void dg_vpatch_free(dg_vpatch *p);    /* NULL-safe */
void dg_venums_free(dg_venums *e);

#endif
