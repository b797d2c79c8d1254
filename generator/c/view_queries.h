/* view_queries.h - the named queries' part of the view model: every C
 * declaration and statement the templates print (templates/c/queries_*.tmpl)
 * is decided by dg_vqueries_build and held in these structs; the JSON the
 * templates read is made from them once (dg_vqueries_to_json). */
#ifndef DG_VIEW_QUERIES_H
#define DG_VIEW_QUERIES_H

#include <jansson.h>
#include <stdbool.h>

#include "analysis/query/queries.h"
#include "c/template.h"
#include "c/view.h"
#include "model/model.h"
#include "util/vec.h"

/* One query.  Strings are owned, except name and sql (borrowed from the
 * query set, which must outlive it). */
typedef struct dg_vquery {
    char       *fn;            /* the function: <prefix>_<c_name> */
    const char *name, *sql;    /* the query's name and SQL */
    int         id;            /* its statement's index in the queries' unit */
    dg_qkind    kind;
    bool        drop_rows;     /* :exec-like on a statement that returns rows: step to the end */
    char       *proto;         /* the function's prototype */
    /* more parameters than the limit: a struct `params_type` passed as
     * `const T *params`, with these field declarations; NULL / empty otherwise */
    char       *params_type;
    dg_strings  params_fields;
    dg_strings  binds;         /* the bind calls, one per SQLite parameter use */
    dg_strings  locals;        /* declarations of the sqlc.slice arrays (not :many) */
    dg_strings  iter_fields;   /* :many: the iterator's slice arrays */
    dg_strings  iter_sets;     /*   and the statements that set them */
    /* :one and :many; NULL / empty otherwise */
    char       *row_type;      /* the row's C type (a scalar result: the value's) */
    bool        scalar;        /* one result column, yielded as its C type (no row struct) */
    bool        no_arena;      /* a scalar result read without an arena: the caller passes none */
    char       *out_params;    /* the out-parameters of the function (:one) or _next (:many) */
    char       *reader;        /* the static row reader: a table's, an earlier query's, or its own */
    char       *reader_params; /* its parameters after (db, st) (own_reader) */
    char       *reader_args;   /* the arguments it is called with after (db, st) */
    bool        own_reader;    /* the query's own reader, of `reads` */
    dg_strings  reads;         /* its statements, one per result column (own_reader) */
    bool        own_row;       /* a row struct of the query's own, named row_type, */
    dg_strings  row_fields;    /*   with these field declarations */
    char       *iter_type, *proto_next, *proto_end;   /* :many */
    /* PostgreSQL (pg true): binds are dal_pg_bind_* calls on the parameter
     * block `p`, reads dal_pg_read_* calls on (res, row__) */
    bool        pg;
    int         nparams;
    char       *pg_types;      /* the parameters' pinned type OIDs ("DAL_PG_INT8, 0"), NULL when none */
    char       *pg_results;    /* the result columns' types the reads expect (dg_pgtype_result_oid),
                                  NULL when the function reads no row */
    int         nresults;
    char       *own_sql;       /* the SQL with casts for types moved as text (sql points here), NULL */
    char       *lastid;        /* :execlastid: the statements that read the key into *out_id */
    bool        copyfrom;      /* :copyfrom: rows of params_type sent with binary COPY (sql) */
    char       *copy_row;      /* :copyfrom whose fields all have a COPY writer (dg_cbind_copy_put):
                                  the static function writing a row straight into the COPY's
                                  buffer, with copy_lens (declarations of the text fields'
                                  lengths), copy_max (the row's bytes at most) and copy_puts
                                  (the writers, one per field); NULL otherwise */
    dg_strings  copy_lens, copy_puts;
    char       *copy_max;
    char       *batch_bind;    /* :batchexec, :batchone, :batchmany: the static function binding
                                  item i (binds on `p`) */
    char       *batch_ctx;     /* :batchone, :batchmany: the struct their callbacks share */
    bool        local_arena;   /* a parameter needs an arena (arrays, jsonb, numeric) and the
                                  function has none: a local one, freed before it returns */
    const char *params_arena;  /* the arena the parameters encode into: "&arena__" (local),
                                  "arena" (a :one's caller's) or "NULL" (static) */
} dg_vquery;

/* The queries of a generation. */
typedef struct dg_vqueries {
    /* the queries' unit (root["queries_unit"]): NULL when there are none */
    char *unit, *sql_array, *slot, *label;
    DG_VEC(dg_vquery) items;   /* in the order of the query set; owned */
    dg_strings keep;           /* strings the PostgreSQL bindings borrow */
} dg_vqueries;

/* Fills *out (zeroed first) with the queries q and checks their names;
 * `tables` is the tables' typed part of the same view model (from
 * dg_view_build), NULL when the queries are rendered alone (their rows then
 * hold no enums).  Returns 0, or -1 after reporting through `d` (*out is
 * still to be freed). */
int  dg_vqueries_build(dg_vqueries *out, const dg_vtables *tables, const dg_query_set *q, const dg_schema *s,
                       const dg_view_opts *opts, dg_diags *d);
void dg_vqueries_free(dg_vqueries *v);   /* its contents */

/* Sets root["queries"][] and, when there are queries, root["queries_unit"]:
 *   queries_unit  {unit, sql_array, slot, label, count, prepared (true when
 *                 a query runs through the unit: all but :copyfrom, which
 *                 reads sql_array only), long_sql (a query longer than the
 *                 4,095 characters of one C literal)}
 *   queries[]     fn, name, sql, id, one|many|exec|execrows|execlastid|execresult
 *                 (true; execresult sets execrows and execlastid too),
 *                 has_binds, binds[] {call}, locals[] {decl}, iter_fields[]
 *                 {decl}, iter_sets[] {stmt}; for :one and :many row {name,
 *                 fields[] {decl}} (own_row), row_type, reader, reads[]
 *                 {stmt}, reader_params and own_reader (the query's own
 *                 reader), reader_args, out_params, scalar; for :many
 *                 iter_type, proto_next, proto_end; drop_rows (true: an
 *                 :exec-like query on rows, stepped to the end); proto;
 *                 params_struct {name, fields[] {decl}} when the
 *                 parameters come in a struct;
 *                 PostgreSQL: pg (true), nparams, pg_types, pg_results and
 *                 nresults (checked by dal_pg_exec), params_block (true when
 *                 either: the function declares dal_pg_params params__),
 *                 lastid, local_arena; :copyfrom copy_row, copy_lens[]
 *                 {decl}, copy_max, copy_puts[] {stmt} (dg_vquery). */
void dg_vqueries_to_json(const dg_vqueries *v, json_t *root);
/* The same with root["queries"] left out and *list standing for it
 * (template.h: each query's object made when rendered; v must outlive it). */
void dg_vqueries_to_json_list(const dg_vqueries *v, json_t *root, dg_tmpl_list *list);

/* A query keeps its name when a table's or view's function has it: the
 * function yields, renamed <fn>_table (<fn>_view; then _2, _3... while
 * taken) in `tables` (the typed model of the same unit, built on its own
 * thread while the queries were typed: this is the one place that sees
 * both), with one note per rename at the query.  A query named like a
 * generated enum type is an error.  Returns the number renamed, or -1
 * after reporting through d. */
int  dg_vqueries_claim_names(const dg_vqueries *v, const dg_query_set *q, dg_vtables *tables, dg_diags *d);

#endif
