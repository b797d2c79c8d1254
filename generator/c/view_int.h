/* view_int.h - the table/view part of the view model (private to view_*.c
 * and generate.c).
 *
 * Keys of a table object in root["tables"] (and, read-only, root["views"]):
 *   name (SQL), struct, iter, fn (function prefix, = struct), reader,
 *   kind flags: has_pk, rowid_table, virtual, fts5, is_view
 *   fields[] {column, name, has (flag name, absent when none), ctype, kind
 *     (int64|double|bool|text|blob|value|enum), decl, comment, readonly,
 *     conv (a user's struct field of another C type, view_fields.c)}
 *   reads[] {call, after?, colname} row reader, in SELECT order
 *   insert, get, update, delete, upsert, count: {fn, sql, stmt, params, binds[] {call, cond?},
 *     writebacks[] {cond?, call}, returning, last_rowid?, prepare[] {stmt}?}
 *     (prepare: statements run first in insert/upsert/update, e.g. to fill
 *     generated ids or timestamps into the row before it is validated);
 *     insert and upsert also stmt_ref (the C expression of the statement's
 *     id), and insert with_rowid {cond, stmt, sql, note} when it leaves the
 *     rowid alias out and a second statement writes it (bound last, cond)
 *   get_by[] (like get), lists[] {fn, sql, stmt, params, binds[]} (list,
 *     list_by_*, match), validator (view_validators.h).
 * root: prefix, guard, header, inputs[], dal_major, dal_minor, unit, slot,
 *   sql_array, label, stmts[] {id, sql}, stmt_count, tables[], views[], enums[]. */
#ifndef DG_VIEW_INT_H
#define DG_VIEW_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "c/names.h"
#include "model/model.h"
#include "util/vec.h"
#include "c/view.h"

typedef enum dg_fkind {
    DG_FK_INT64,
    DG_FK_DOUBLE,
    DG_FK_BOOL,
    DG_FK_TEXT,
    DG_FK_BLOB,
    DG_FK_VALUE,
    DG_FK_ENUM
} dg_fkind;

/* One field as the finishing pass sees it (after validators changed kinds). */
typedef struct dg_vfield {
    const char *column;      /* SQL name (borrowed from the model) */
    const char *name;        /* C field name (borrowed from the JSON) */
    const char *has;         /* has_ flag name or NULL (borrowed) */
    const char *enum_type;   /* DG_FK_ENUM: the C enum type (borrowed) */
    dg_fkind    kind;
    bool        readonly;    /* generated or hidden: read, never written */
    bool        rowid_alias; /* INTEGER PRIMARY KEY */
    bool        pk;
    const char *default_sql; /* NULL when none */
    char       *quoted;      /* "name" quoted for SQL (owned) */
    char       *colname;     /* "table.column" as a C literal, for messages (owned) */
    const char *conv;        /* a user's struct field of another C type than the
                                kind's: how to move it (view_fields.c), NULL when none */
} dg_vfield;

typedef struct dg_vctx {
    const dg_schema    *s;
    const dg_view_opts *opts;
    const dg_names     *names;
    json_t             *root;
} dg_vctx;

/* Field kinds (view_fields.c). */
const char *dg_fkind_name(dg_fkind k);
bool        dg_fkind_parse(const char *s, dg_fkind *out);
const char *dg_fkind_ctype(dg_fkind k);
/* Kind of a table column / view column by declared type (and @type, module). */
dg_fkind dg_column_kind(const dg_table *t, const dg_column *c);
dg_fkind dg_decltype_kind(const char *decltype);
bool     dg_fkind_scalar(dg_fkind k);

/* Bind / read expressions (view_fields.c).  `src` is "row->" for row
 * fields, "" for parameters named like the field; `st` the statement. */
char *dg_bind_call(const dg_vfield *f, int idx, const char *src, const char *st, bool copy);
/* The same with the index as a C expression ("n++"). */
char *dg_bind_call_at(const dg_vfield *f, const char *idx, const char *src, const char *st, bool copy);
char *dg_read_call(const dg_vfield *f, int col, const char *dst);
/* Parameter declaration ("int64_t id", "const char *email"). */
char *dg_param_decl(const dg_vfield *f);
/* Fields with a conv (a user's struct, clang_struct.h): whether insert
 * reads back a column the row may leave unset (a has_ flag or a NULL
 * pointer), and the condition of that read (NULL = always). */
bool  dg_conv_may_unset(const dg_vfield *f);
char *dg_conv_writeback_cond(const dg_vfield *f);
char *dg_sql_quote(const char *ident);

/* Table and view objects (view_tables.c). */
json_t *dg_view_table_begin(dg_vctx *v, const dg_table *t);
int     dg_view_table_finish(dg_vctx *v, json_t *tv, const dg_table *t);
json_t *dg_view_view(dg_vctx *v, const dg_view *view);

/* Errors (through d) for @id, @timestamp and @version annotations that do
 * not fit their column (view_records.c); 0 or -1. */
int dg_records_check(const dg_table *t, dg_diags *d);

/* Registers a statement of the unit; returns its id name (owned by root). */
const char *dg_view_stmt(dg_vctx *v, const char *row, const char *verb, const char *sql);
/* The same, returning its entry {id, sql, index} in root["stmts"] (borrowed). */
json_t *dg_view_stmt_entry(dg_vctx *v, const char *row, const char *verb, const char *sql);

#endif
