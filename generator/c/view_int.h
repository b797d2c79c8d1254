/* view_int.h - the table/view part of the view model (private to view_*.c
 * and generate.c).
 *
 * Keys of a table object in root["tables"] (and, read-only, root["views"]):
 *   name (SQL), struct, iter, fn (function prefix, = struct), reader,
 *   kind flags: has_pk, rowid_table, virtual, fts5, is_view
 *   fields[] {column, name, has (flag name, absent when none), ctype, kind
 *     (int64|double|bool|text|blob|value|enum), decl, comment, readonly,
 *     conv (a user's struct field of another C type, cbind.c)}
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

#include "c/cbind.h"
#include "c/names.h"
#include "model/model.h"
#include "util/vec.h"
#include "c/view.h"

typedef DG_VEC(int) dg_ints;

/* A table's or a view's fields bound to C, in the order of tv["fields"]:
 * made by dg_view_table_begin / dg_view_view, adjusted by
 * dg_view_clang_struct (a user's struct) and dg_view_add_validators (enums,
 * the columns each rule reads), read by the finishing pass and by the
 * queries (their rows and sqlc.embed). */
typedef struct dg_vtable {
    const dg_table *t;       /* NULL for a view */
    const dg_view  *view;    /* NULL for a table */
    json_t         *tv;      /* its object in the view model (borrowed) */
    dg_cbinds       f;       /* quoted and colname owned */
    bool            user_struct;   /* the user's struct (clang_struct.h) */
    dg_strings      strs;    /* strings the bindings borrow that the JSON does not hold */
    /* the validator's rules, in the order of tv["validator"]["rules"]: the
     * table columns each one's condition reads, in order of appearance */
    DG_VEC(dg_ints) rule_columns;
} dg_vtable;

/* The C type names a unit has generated so far, in the order dg_view_build
 * makes them: the row structs of the tables begun, the enums added to
 * root["enums"] (generated, and the user's).  New names step aside from
 * them. */
typedef struct dg_vtypes {
    dg_strings structs;
    dg_strings enums;
} dg_vtypes;

bool dg_vtypes_has(const dg_strings *names, const char *name);
void dg_vtypes_free(dg_vtypes *t);

/* Every table's and view's typed part of the view model (dg_view_build):
 * tables in schema order, then views; and the names they were built with. */
struct dg_vtables {
    dg_names *names;
    DG_VEC(dg_vtable) items;
    dg_vtypes types;
};

void dg_vtable_free(dg_vtable *vt);    /* its contents */
/* The index in vt->f of column `column`'s field, -1 when it has none. */
int  dg_vtable_field(const dg_vtable *vt, const char *column);
void dg_vtables_free(dg_vtables *v);   /* NULL-safe */

typedef struct dg_vctx {
    const dg_schema    *s;
    const dg_view_opts *opts;
    const dg_names     *names;
    json_t             *root;
} dg_vctx;

/* The static row reader of a table or view's row name (view_tables.c);
 * caller frees. */
char *dg_view_reader(const dg_view_opts *opts, const char *row);
/* "name" quoted for SQL (view_tables.c). */
char *dg_sql_quote(const char *ident);

/* Table and view objects (view_tables.c). */
json_t *dg_view_table_begin(dg_vctx *v, const dg_table *t, dg_vtable *vt);
json_t *dg_view_view(dg_vctx *v, const dg_view *view, dg_vtable *vt);
/* The finishing pass (view_funcs.c) of a table or view from either. */
int     dg_view_table_finish(dg_vctx *v, dg_vtable *vt);

/* Errors (through d) for @id, @timestamp and @version annotations that do
 * not fit their column (view_records.c); 0 or -1. */
int dg_records_check(const dg_table *t, dg_diags *d);

/* Registers a statement of the unit; returns its id name (owned by root). */
const char *dg_view_stmt(dg_vctx *v, const char *row, const char *verb, const char *sql);
/* The same, returning its entry {id, sql, index} in root["stmts"] (borrowed). */
json_t *dg_view_stmt_entry(dg_vctx *v, const char *row, const char *verb, const char *sql);

#endif
