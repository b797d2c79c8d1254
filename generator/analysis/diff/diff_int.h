/* diff_int.h - internals shared by the files of the differ. */
#ifndef DG_DIFF_INT_H
#define DG_DIFF_INT_H

#include <stdbool.h>

#include <jansson.h>

#include "util/buf.h"
#include "analysis/diff/diff.h"

/* old -> new identifier renames (tables, or the columns of one table). */
typedef struct dd_rename {
    const char *old_name;
    const char *new_name;
} dd_rename;
typedef DG_VEC(dd_rename) dd_renames;

/* The names of one side's tables (or of one table's columns) and their
 * `@renamed_from` values (NULL when none); the strings are the model's. */
typedef struct dd_names {
    const char **name;
    const char **rf;
    size_t       n;
    dg_map       at;      /* folded name -> its first position (filled when n is large) */
    dg_strings   own;     /* rf values made here (dd_rename_source), freed with the names */
} dd_names;

/* The name a `@renamed_from` value gives.  A value written as SQL writes a
 * name, in double quotes (`"Order Items"`, `"a""b"`, `"s"."t"`: "" inside,
 * parts joined by '.'), is unquoted; any other value is the name as
 * written (docs/migrations.md "Renames").  Caller frees. */
char *dd_rename_source(const char *value);

/* diff_match.c: map[i] = the index of the older item that newer item i
 * continues, or -1 (new); the rule is written at the top of the file. */
void dd_match_names(const dd_names *older, const dd_names *newer, int *map);
/* The same for a plan from `from` to `to` (map over `to`); with `reverse`
 * `from` is the newer side, whose annotations are read backwards. */
void dd_match_sides(const dd_names *from, const dd_names *to, bool reverse, int *map);
/* True when newer item i is renamed within a cycle (a swap): the names of
 * the cycle all exist on both sides. */
/* Whether newer item i (new: map[i] < 0) has a rename annotation naming no
 * item of the older side: a misspelt old name, or one of an older schema
 * than `from`; the item is then added and nothing is renamed. */
bool dd_rename_unknown(const dd_names *older, const dd_names *newer, const int *map, size_t i);
bool dd_match_in_cycle(const dd_names *older, const dd_names *newer, const int *map, size_t i);
void dd_names_of_tables(const dg_schema *s, dd_names *out);
/* With the renames the sources' ALTER TABLE ... RENAME statements made
 * (dg_schema.renames) where an item has no annotation. */
void dd_names_of_columns(const dg_schema *s, const dg_table *t, dd_names *out);
void dd_names_free(dd_names *s);
/* The old name of the latest ALTER TABLE ... RENAME of the schema's sources
 * (dg_schema.renames) that gave `name` (a table when `table` is NULL, else
 * a column of `table`), or NULL. */
const char *dd_history_rename(const dg_schema *s, const char *table, const char *name);

/* A table of `to` matched with its table of `from` (or NULL when new). */
typedef struct dd_pair {
    const dg_table *o, *n;
    int  *col_map;        /* per n column: index of its o column, or -1 */
    dd_renames col_renames;
    bool renamed;         /* table renamed (o->name != n->name) */
    bool swapped;         /* renamed within a cycle of table names (a swap): rebuilt so that the
                             stored schema records the rename */
    bool rebuild;
    bool rename_first;    /* rebuilt after its column renames ran as RENAME COLUMN (no swap or chain):
                             SQLite then renames the parent columns in the children's foreign keys */
    bool changed;         /* anything at all differs */
    bool cols_dropped;
    char *reason;         /* why a rebuild is needed */
} dd_pair;

typedef struct dd_ctx {
    const dg_schema *from, *to;
    bool reverse;
    dg_plan *p;
    DG_VEC(dd_pair) pairs;    /* one per table of `to`, in `to` order */
    dd_renames table_renames;
    dg_strings dirty;         /* old names whose dependent views/triggers must be recreated */
    dg_map dirty_at;          /* the same names, ASCII-folded -> position in dirty */
    json_t *pair_of_old;      /* lower-cased old table name -> index of its first pair (match_tables) */
    dg_schema_lookup from_lk, to_lk;   /* the two schemas' names, asked per index, view and trigger */
} dd_ctx;

/* ASCII lower-cased copy (the keys of pair_of_old); caller frees. */
char *dd_fold(const char *s);

/* diff_canon.c */
char *dd_canon(const char *text, const dd_renames *cols, const dd_renames *tables);
/* Whether two SQL texts are the same after dd_canon (no renames); two NULLs
 * are the same, NULL and a text are not. */
bool  dd_same_sql(const char *a, const char *b);
/* dd_canon of an expression inside table t (CHECK): a "word" naming no column is a string. */
char *dd_canon_in_table(const char *text, const dd_renames *cols, const dd_renames *tables, const dg_table *t);
bool  dd_mentions(const char *sql, const char *name);
/* dd_mentions but for a word right after AS (an alias or a CAST's type). */
bool  dd_mentions_outside_aliases(const char *sql, const char *name);
/* Whether DEFAULT text d (NULL when none) gives NULL. */
bool  dd_is_null_default(const char *d);
/* Whether sql names any key of `names` (a map made with fold: ASCII case-insensitive). */
bool  dd_mentions_any(const char *sql, const dg_map *names);
char *dd_sql_out(const char *sql);
/* Appends a statement (printf format) to the plan. */
void dd_stmt(dd_ctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* "-- " and the formatted text made safe for a line comment
 * (dg_sql_comment_text): names in it cannot end the comment. Caller frees. */
char *dd_comment(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
char *dd_create_table_named(const char *sql, const char *name);
char *dd_column_def(const char *table_sql, const char *column);
bool  dd_def_has_kw(const char *def, const char *kw);
const char *dd_rename_lookup(const dd_renames *r, const char *old_name);
char *dd_q(const char *ident);   /* quoted identifier, caller frees */
bool  dd_is_ignored_table(const char *name);

/* diff_table.c */
/* A temporary table name: prefix + table (_dalgen_new_t for a rebuild,
 * _dalgen_swap_t for a swap of names), or with _2, _3, ... after it when
 * either schema already names something so.  Caller frees. */
char *dd_temp_name(const dd_ctx *c, const char *prefix, const char *table);
void dd_pair_analyse(dd_ctx *c, dd_pair *pr);
/* After every pair is analysed: rebuilds the tables whose foreign keys
 * name a column that a rebuilt parent renames by copy (a swap or chain),
 * which no RENAME COLUMN renames in their stored text. */
void dd_pair_rebuild_children(dd_ctx *c);
void dd_pair_emit(dd_ctx *c, dd_pair *pr);
void dd_pair_free(dd_pair *pr);
dd_pair *dd_pair_of_old(dd_ctx *c, const char *old_name);

/* diff_canon.c */
void dd_lint(dd_ctx *c, dg_lint_level level, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* dd_lint located at `loc` (the schema element the lint is about). */
void dd_lint_at(dd_ctx *c, dg_loc loc, dg_lint_level level, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Reports, at its annotation, a `@renamed_from` that names nothing on the
 * older side (dd_rename_unknown): of table `table` when column is NULL,
 * else of that column of it (`older_table`: the table it continues). */
void dd_lint_rename_unknown(dg_plan *p, const dg_annotations *a, const char *table, const char *older_table,
                            const char *column);
/* diff_lint.c */
/* Where a lint about a pair of tables (o older, n newer; either may be
 * NULL) points: the table in the schema the user edits (`to`, or `from` for
 * a down plan), else the other one.  Both differs locate lints so. */
dg_loc dd_table_loc(bool reverse, const dg_table *o, const dg_table *n);
/* The same for a column (a NULL side falls back to the table). */
dg_loc dd_column_loc(bool reverse, const dg_table *o, const dg_column *oc, const dg_table *n,
                     const dg_column *nc);
void dd_lint_pair(dd_ctx *c, const dd_pair *pr);

/* diff_keys.c: the DATA_DEPENDENT lints of table o (of from_lk's schema)
 * becoming n (of to_lk's). */
typedef struct dd_data_pair {
    const dg_table *o, *n;
    const int *col_map;                      /* as dd_pair's */
    const dd_renames *col_renames, *table_renames;
    /* whether two values of oc that differ still differ once converted to nc */
    bool (*keeps)(const dg_column *oc, const dg_column *nc);
} dd_data_pair;
void dd_lint_data(dg_plan *p, bool reverse, const dg_schema_lookup *from_lk, const dg_schema_lookup *to_lk,
                  const dd_data_pair *pr);
void dd_lint_views(dd_ctx *c);


/* diff_verify_set.c: the part of two schemas (from, to) a plan check
 * builds and compares, as a set of names (the rule is at the top of the
 * file).  Objects of one side are numbered: table i, view T + i, trigger
 * T + V + i. */
typedef struct dv_link {
    size_t obj, next;
} dv_link;

#define DV_NONE ((size_t)-1)

typedef struct dv_side {
    const dg_schema *s;
    dg_schema_lookup lk;
    size_t nt, nv, nr;        /* tables, views, triggers */
    size_t *children;         /* per table: first link to a table whose foreign key references it */
    size_t *users;            /* per table and view: first link to a view or trigger naming it */
    size_t *uses;             /* per view and trigger (numbered from 0 = first view): what it names */
    DG_VEC(dv_link) links;
    DG_VEC(size_t) vtabs;     /* the virtual tables */
} dv_side;

typedef struct dv_set {
    dv_side side[2];
    dg_map in, touched, renamed;   /* folded names (keys borrowed from the models) */
    DG_VEC(const char *) work;
    DG_VEC(const char *) added;    /* the names of `in`, in the order they came */
    bool all;                      /* every object is in the set (the fallback of dg_plan_verify) */
    bool keys_apart;               /* a table a word after REFERENCES names goes to `keys`, not the set */
    DG_VEC(const char *) keys;     /* those tables (model names; repeats possible) */
} dv_set;

/* The statements of a plan and its inverse in groups (diff_verify.c). */
typedef struct dv_groups {
    size_t n;                      /* groups; 0 when a statement cannot be grouped */
    size_t *of;                    /* per statement (plan's, then back's): its group */
    dg_map owner;                  /* folded name -> the one group whose part has it */
    dg_map shared;                 /* folded name of a table only referenced -> its slot in heads */
    DG_VEC(size_t) heads;          /* per shared table: first link (obj: a group whose part has it) */
    DG_VEC(dv_link) links;
} dv_groups;

void dv_set_init(dv_set *c, const dg_schema *from, const dg_schema *to);
void dv_set_free(dv_set *c);
/* Adds what the statements of p name, and closes the set. */
void dv_set_close(dv_set *c, const dg_plan *p);
/* The same for one statement. */
void dv_set_close_stmt(dv_set *c, const char *sql);
/* Empties the set (the schemas' links stay). */
void dv_set_clear(dv_set *c);
/* The part of s (from or to) in the set: a shallow copy (dv_part_free). */
void dv_part(const dv_set *c, const dg_schema *s, dg_schema *out);
/* The parts of s for the groups of gs (gs->n of them), each as dv_part
 * makes it: the names gs->owner gives the group, and the shared tables. */
void dv_part_grouped(const dv_groups *gs, const dg_schema *s, dg_schema *parts);
/* Whether group g's part has `name` (a shared table when `key`). */
bool dv_groups_has(const dv_groups *gs, const char *name, size_t g, bool key);
void dv_part_free(dg_schema *part);
/* diff_verify.c: groups the statements of plan and back (numbered on from
 * plan's; back may be NULL) as its "check in independent groups" says, into
 * *gs (names borrowed from the schemas; dv_groups_free). */
void dv_group_stmts(dv_set *c, const dg_plan *plan, const dg_plan *back, dv_groups *gs);
void dv_groups_free(dv_groups *gs);
/* Where to report a problem with statement `sql`: the first object it
 * names that the schemas locate (side `newer` first: 1 = to). */
dg_loc dv_locate(const dv_set *c, int newer, const char *sql);

#endif
