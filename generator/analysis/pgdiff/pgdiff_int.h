/* pgdiff_int.h - internals shared by the files of the PostgreSQL planner.
 *
 * The planner fills one list of statements per phase (pd_phase) and joins
 * them in phase order at the end, so that each file decides its statements
 * where it analyses them and the dependency order is written once, here. */
#ifndef DG_PGDIFF_INT_H
#define DG_PGDIFF_INT_H

#include <stdbool.h>

#include "analysis/diff/diff_int.h"
#include "analysis/pgdiff/pgdiff.h"

typedef enum pd_phase {
    PD_ADD_LABEL = 0,   /* ALTER TYPE ... ADD VALUE: the no-transaction section */
    PD_DROP_DEP,        /* views, triggers and functions that are dropped or recreated */
    PD_DROP_FK,         /* foreign keys not kept */
    PD_DROP_CON,        /* other constraints and indexes not kept */
    PD_SEQ_FREE,        /* kept sequences whose owner goes: OWNED BY NONE before the drop */
    PD_DROP_TABLE,      /* before renames: a table may take a dropped one's name */
    PD_DROP_COL,
    PD_SCHEMA,          /* CREATE SCHEMA, CREATE EXTENSION */
    PD_RENAME_TMP,      /* tables and columns renamed within a cycle: to a temporary name first */
    PD_RENAME,          /* ALTER TABLE/COLUMN/SEQUENCE ... RENAME */
    PD_TYPES,           /* new enums and domains; an enum that loses or reorders labels: renamed
                           away and created again (its columns are retyped in PD_COLS) */
    PD_SEQ,             /* new sequences */
    PD_COLS,            /* ADD COLUMN, ALTER COLUMN */
    PD_CREATE,          /* CREATE TABLE */
    PD_TYPES_DONE,      /* the replaced enums dropped */
    PD_SEQ_DONE,        /* sequence options, owners, counters */
    PD_ADD_CON,         /* constraints added or renamed */
    PD_INDEX,           /* CREATE INDEX, ALTER INDEX ... RENAME */
    PD_ADD_FK,
    PD_DROP_OBJ,        /* sequences, types and domains that go */
    PD_FUNCS,
    PD_VIEWS,
    PD_TRIGGERS,
    PD_COMMENTS,
    PD_DROP_SCHEMA,     /* extensions and schemas that go, last */
    PD_ONLINE,          /* --online: the no-transaction section after the transaction */
    PD_NPHASES
} pd_phase;

/* A table of `to` and the table of `from` it continues (NULL: new). */
typedef struct pd_pair {
    const dg_table *o, *n;
    int  *col_map;          /* per n column: index of its o column, or -1 */
    dd_renames col_renames; /* old column name -> new (names are the models') */
    bool changed;           /* a statement alters the table (its views and triggers are recreated) */
} pd_pair;

typedef struct pd_ctx {
    const dg_schema *from, *to;
    bool reverse, online;
    dg_plan *p;
    dg_strings phase[PD_NPHASES];
    DG_VEC(pd_pair) pairs;     /* one per table of `to`, in `to` order */
    int *pair_of_old;          /* per table of `from`: its pair, or -1 (dropped) */
    dd_renames table_renames;  /* bare old name -> bare new name */
    dg_strings rebuilt_enums;  /* qualified names of enums of `from` replaced by a new type */
    int tmp;                   /* counter of temporary names */
} pd_ctx;

#define PD_LOCK_TIMEOUT "'3s'"   /* --online: how long a statement may wait for a lock */

/* pgdiff_sql.c: text */
char *pd_q(const char *ident);                       /* "ident" */
char *pd_qq(const char *schema, const char *name);   /* "schema"."name" (no schema: "name") */
char *pd_lit(const char *s);                         /* 'text' */
char *pd_qualified(const char *schema, const char *name);   /* schema.name, unquoted (keys, messages) */
void  pd_stmt(pd_ctx *c, pd_phase ph, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void  pd_lint(pd_ctx *c, dg_loc loc, dg_lint_level level, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* The column's type as DDL writes it (format_type plus further [] dimensions). */
char *pd_type(const dg_column *col);
/* The column's definition for CREATE TABLE / ADD COLUMN, without NOT NULL
 * when `with_not_null` is false. */
char *pd_column_def(const dg_schema *s, const dg_table *t, const dg_column *col, bool with_not_null);
char *pd_create_table(const dg_schema *s, const dg_table *t);
/* The sequence that identity column col of t owns in s, or NULL. */
const dg_pg_sequence *pd_identity_seq(const dg_schema *s, const dg_table *t, const dg_column *col);

/* pgdiff_match.c: tables and columns paired through diff_match.c */
void pd_match(pd_ctx *c);
pd_pair *pd_pair_of_old(pd_ctx *c, const dg_table *o);
/* The new name of column `col` of old table o (NULL when dropped). */
const char *pd_new_column(pd_ctx *c, const dg_table *o, const char *col);
void pd_pairs_free(pd_ctx *c);

/* pgdiff_table.c: columns of paired tables, new and dropped tables */
void pd_tables(pd_ctx *c);

/* pgdiff_cons.c: constraints, foreign keys and indexes */
void pd_constraints(pd_ctx *c);
void pd_indexes(pd_ctx *c);

/* pgdiff_types.c: schemas, extensions, enums, domains, sequences */
void pd_types(pd_ctx *c);
void pd_sequences(pd_ctx *c);
/* Whether type `qualified` (schema.name) of `from` is an enum replaced by a new type. */
bool pd_enum_rebuilt(const pd_ctx *c, const char *schema, const char *name);
/* The sequence of kind "serial" or "identity" that column schema.table.col owns in s, or NULL. */
const dg_pg_sequence *pd_owned_seq(const dg_schema *s, const char *schema, const char *table, const char *col,
                                   const char *kind);
char *pd_seq_options(const dg_pg_sequence *q);   /* "AS bigint INCREMENT BY ..." */
/* Whether a column continued from oc to nc switches between serial and
 * identity (identity_change carries the counter from one sequence to the
 * other; pd_sequences leaves both sequences to it). */
bool pd_serial_switch(const dg_column *oc, const dg_column *nc);

/* pgdiff_deps.c: views, triggers, functions, comments */
void pd_dependents(pd_ctx *c);
void pd_comments(pd_ctx *c);

#endif
