/* model.h - the schema model: the one canonical in-memory form of a schema.
 *
 * Every front end (DDL files and folders, SQLite databases, annotated C
 * headers) produces a dg_schema; everything downstream (emit, queries,
 * validators, differ, erd, JSON/SQL dumps) reads only this.  Nothing here is
 * SQLite-specific beyond what SQLite's own DDL expresses.
 *
 * Ownership: a dg_schema owns every string and array reachable from it;
 * dg_schema_free releases all of it.  Strings are NUL-terminated UTF-8 and
 * allocated with malloc (use dg_xstrdup).  Optional strings are NULL when
 * absent.  Names are kept exactly as the schema spells them (unquoted:
 * `[Order Details]` in DDL is the name `Order Details`).
 *
 * Order: tables, indexes, views and triggers are kept in declaration order
 * (the order of sqlite_schema rows, i.e. creation order); columns in table
 * order.  Front ends must produce the same model for the same schema whatever
 * the source form (file, database built from it), apart from `loc` and from
 * annotations written above statements (which exist only in files). */
#ifndef DG_MODEL_H
#define DG_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "util/map.h"
#include "util/vec.h"

/* `-- @key value` comment attached to a table or column. */
typedef struct dg_annotation {
    char  *key;     /* without the '@' */
    char  *value;   /* trimmed text after the key; "" when none */
    dg_loc loc;
    bool   above;   /* written on the lines above the statement (exists only in files) */
} dg_annotation;

typedef DG_VEC(dg_annotation) dg_annotations;

/* SQLite column affinity (https://www.sqlite.org/datatype3.html 3.1). */
typedef enum dg_affinity {
    DG_AFF_BLOB = 0,   /* "none": no declared type or BLOB */
    DG_AFF_TEXT,
    DG_AFF_NUMERIC,
    DG_AFF_INTEGER,
    DG_AFF_REAL
} dg_affinity;

typedef enum dg_generated {
    DG_GEN_NONE = 0,
    DG_GEN_VIRTUAL,
    DG_GEN_STORED
} dg_generated;

/* PostgreSQL's facts about a column (NULL on SQLite), as the server's
 * catalog states them (design/postgres.md 3.3). */
typedef struct dg_pg_column {
    char *type_schema;   /* schema of the (element) type: "pg_catalog", "public", ... */
    char *type_name;     /* its own name (pg_type.typname of the element type): "int4", "mood" */
    char *type_kind;     /* of the element type: "base", "enum", "domain", "composite", "range",
                            "multirange", "pseudo" */
    int   typmod;        /* atttypmod; -1 when none */
    int   array_dims;    /* 0: not an array; else the declared dimensions (at least 1) */
    char *domain;        /* the domain's name as format_type writes it, NULL when not a domain */
    char *base_type;     /* a domain's base type (format_type), NULL when not a domain */
    char *identity;      /* "always" | "by default", NULL when not an identity column */
    char *sequence;      /* the sequence an identity or serial column owns, NULL when none */
    char *comment;       /* COMMENT ON COLUMN text that is not annotations, NULL when none */
} dg_pg_column;

typedef struct dg_column {
    char        *name;
    char        *type;           /* declared type as written, "" when none */
    dg_affinity  affinity;
    bool         not_null;
    char        *default_sql;    /* DEFAULT expression text, NULL when none */
    int          pk;             /* 0, or 1-based position in the primary key */
    bool         pk_desc;        /* PRIMARY KEY DESC (column constraint form) */
    char        *collation;      /* explicit COLLATE name, NULL when none */
    dg_generated generated;
    char        *generated_expr; /* expression text when generated */
    bool         hidden;         /* hidden column of a virtual table */
    bool         autoincrement;  /* INTEGER PRIMARY KEY AUTOINCREMENT */
    bool         unique;         /* has a column-level UNIQUE constraint */
    char        *not_null_conflict; /* NOT NULL ON CONFLICT action ("REPLACE", ...), NULL when none */
    dg_annotations annotations;
    dg_loc       loc;
    dg_pg_column *pg;            /* PostgreSQL only; NULL on SQLite */
} dg_column;

typedef struct dg_check {
    char  *name;      /* CONSTRAINT name, NULL when unnamed */
    char  *expr;      /* expression text between the parentheses, as written */
    int    column;    /* index into table->columns for a column constraint, -1 for a table constraint */
    dg_loc loc;
} dg_check;

typedef DG_VEC(char *) dg_strings;

typedef struct dg_foreign_key {
    char      *name;          /* CONSTRAINT name, NULL when unnamed */
    dg_strings columns;       /* child columns, in order */
    char      *table;         /* parent table, as written */
    dg_strings to;            /* parent columns; resolved to the parent's PRIMARY KEY when the DDL omits them */
    bool       to_implicit;   /* the DDL omits them: SQLite then uses the PRIMARY KEY as declared (its
                                 collations too), which naming the columns would not always match */
    bool       dangling;      /* SQLite: the parent table does not exist (set at load, a warning
                                 there; generate refuses it unless --allow-dangling-fk) */
    char      *table_schema;  /* PostgreSQL: the parent's schema; NULL on SQLite */
    char      *on_delete;     /* "NO ACTION", "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT" */
    char      *on_update;
    bool       deferrable;    /* DEFERRABLE INITIALLY DEFERRED */
    char      *deferrable_sql;/* the DEFERRABLE clause as written, NULL when none */
    char      *match;         /* MATCH name as written (SQLite parses and ignores it), NULL when none */
    dg_loc     loc;
} dg_foreign_key;

/* UNIQUE constraint of a table (column or table form, not CREATE INDEX). */
typedef struct dg_unique {
    char      *name;          /* CONSTRAINT name, NULL when unnamed */
    dg_strings columns;
    char      *conflict;      /* ON CONFLICT clause action, NULL when none */
    dg_loc     loc;
} dg_unique;

typedef struct dg_index_term {
    char *column;     /* column name, NULL for an expression term */
    char *expr;       /* expression text, NULL for a column term */
    bool  desc;
    char *collation;  /* explicit COLLATE, NULL when none */
} dg_index_term;

typedef DG_VEC(dg_index_term) dg_index_terms;

typedef struct dg_index {
    char          *name;
    char          *table;
    /* The schema of the index and its table when it is not the default one
     * (dg_schema_default: an attached SQLite schema, a PostgreSQL schema
     * other than public); NULL in the default one. */
    char          *schema;
    bool           unique;
    dg_index_terms terms;
    char          *where;   /* partial index WHERE expression, NULL when none */
    char          *sql;     /* CREATE INDEX text as stored by SQLite (PostgreSQL: pg_get_indexdef) */
    char          *method;  /* PostgreSQL: access method (btree, gin, gist, brin, hash); NULL on SQLite */
    dg_strings     include; /* PostgreSQL: INCLUDE columns; empty on SQLite */
    dg_loc         loc;
} dg_index;

typedef struct dg_view_column {
    char       *name;
    char       *decltype;  /* declared type of the origin column, NULL when unknown */
    dg_affinity affinity;
    dg_pg_column *pg;      /* PostgreSQL: the column's type (type_* fields, typmod, array_dims,
                              domain, base_type); NULL on SQLite */
} dg_view_column;

typedef struct dg_view {
    char *name;
    char *schema;                       /* PostgreSQL: its schema; NULL on SQLite */
    char *sql;                          /* CREATE VIEW text as stored */
    DG_VEC(dg_view_column) columns;     /* result columns */
    dg_annotations annotations;
    dg_loc loc;
} dg_view;

typedef enum dg_trigger_timing {
    DG_TRIGGER_BEFORE = 0,
    DG_TRIGGER_AFTER,
    DG_TRIGGER_INSTEAD_OF
} dg_trigger_timing;

typedef enum dg_trigger_event {
    DG_TRIGGER_INSERT = 0,
    DG_TRIGGER_UPDATE,
    DG_TRIGGER_DELETE
} dg_trigger_event;

typedef struct dg_trigger {
    char             *name;
    char             *function;  /* PostgreSQL: the function it executes (schema.name); NULL on SQLite */
    char             *table;     /* table or view it fires on */
    dg_trigger_timing timing;
    dg_trigger_event  event;
    char             *sql;       /* CREATE TRIGGER text as stored */
    dg_loc            loc;
} dg_trigger;

/* PostgreSQL EXCLUDE constraint, kept as the server prints it. */
typedef struct dg_exclusion {
    char  *name;
    char  *sql;       /* pg_get_constraintdef: "EXCLUDE USING gist (...)" */
    dg_loc loc;
} dg_exclusion;

typedef struct dg_table {
    char *name;
    bool  strict;
    bool  without_rowid;
    DG_VEC(dg_column)      columns;
    char                  *pk_name;      /* CONSTRAINT name of the PRIMARY KEY, NULL when unnamed */
    char                  *pk_conflict;  /* PRIMARY KEY ON CONFLICT action, NULL when none */
    /* The terms of a table-constraint PRIMARY KEY (...) as written, in key
     * order (column, DESC, COLLATE; expr is always NULL); empty when the key
     * is a column constraint (see dg_column.pk_desc) or there is none.
     * `PRIMARY KEY (id DESC)` on an INTEGER column is still a rowid alias. */
    dg_index_terms         pk_terms;
    DG_VEC(dg_unique)      uniques;
    DG_VEC(dg_check)       checks;
    DG_VEC(dg_foreign_key) foreign_keys;
    dg_annotations         annotations;
    /* PostgreSQL only (NULL / empty on SQLite): */
    char                  *schema;       /* the table's schema ("public", ...) */
    char                  *comment;      /* COMMENT ON TABLE text that is not annotations */
    DG_VEC(dg_exclusion)   exclusions;
    char *partition_by;          /* a partitioned table's key, pg_get_partkeydef: "RANGE (at)"; NULL otherwise */
    char *partition_of;          /* a partition's parent table (in partition_of_schema), NULL otherwise */
    char *partition_of_schema;
    char *partition_bound;       /* its bound, "FOR VALUES FROM (...) TO (...)" or "DEFAULT" */
    /* Virtual tables (CREATE VIRTUAL TABLE): module is "fts5", "rtree", ...;
     * NULL for ordinary tables.  columns are the declared columns as SQLite
     * reports them; shadow tables are not part of the model. */
    char *module;
    char *module_args;   /* text between the parentheses of USING m(...), NULL when none */
    char *sql;           /* CREATE text as stored by SQLite */
    dg_loc loc;
} dg_table;

typedef enum dg_engine {
    DG_ENGINE_SQLITE = 0,
    DG_ENGINE_POSTGRESQL
} dg_engine;

/* ---- PostgreSQL objects (empty vectors on SQLite), in creation (OID)
 * order.  `schema` is the object's schema; names are bare. ---- */
typedef struct dg_pg_enum {
    char      *schema, *name;
    dg_strings labels;            /* in sort order */
    char      *comment;           /* COMMENT ON TYPE, NULL when none */
} dg_pg_enum;

typedef struct dg_pg_domain {
    char  *schema, *name;
    char  *base;                  /* format_type of the base type */
    bool   not_null;
    char  *default_sql;           /* NULL when none */
    char  *collation;             /* explicit COLLATE, NULL when none */
    DG_VEC(dg_check) checks;      /* name, expr (the CHECK's text, "CHECK (...)" stripped); column -1 */
    char  *comment;
} dg_pg_domain;

typedef struct dg_pg_sequence {
    char *schema, *name;
    char *type;                   /* "bigint", "integer", "smallint" */
    long long start, increment, min, max, cache;
    bool  cycle;
    char *owned_table;            /* OWNED BY table (bare name), NULL when free-standing */
    char *owned_column;
    char *owner_kind;             /* "serial" (deptype a), "identity" (deptype i), NULL */
} dg_pg_sequence;

typedef struct dg_pg_extension {
    char *name, *schema, *version;
} dg_pg_extension;

/* A function or procedure of the schema (PL/pgSQL, SQL, ...), kept as text:
 * triggers need them; dalgen does not analyse their bodies. */
typedef struct dg_pg_function {
    char *schema, *name;
    char *args;                   /* pg_get_function_identity_arguments */
    char *sql;                    /* pg_get_functiondef: CREATE OR REPLACE FUNCTION ... */
} dg_pg_function;

/* A data statement of an SQL source (INSERT or REPLACE, a seed row): run
 * when the schema loads; `dalgen migrate new` carries those into the tables
 * a migration creates (docs/migrations.md).  Not part of `schema --json`. */
typedef struct dg_data_stmt {
    char  *table;   /* the table it writes */
    char  *sql;     /* the statement's text, as written */
    dg_loc loc;     /* where it starts */
    bool   values;  /* INSERT/REPLACE ... VALUES or DEFAULT VALUES: reads no table */
} dg_data_stmt;

/* An ALTER TABLE ... RENAME of an SQL source (a migrations folder's own
 * history): the differ reads it as a `@renamed_from` where the schema has
 * no annotation (docs/migrations.md).  Not part of `schema --json`. */
typedef struct dg_rename_stmt {
    char *table;      /* the column's table under its latest name; NULL for a table rename */
    char *old_name;   /* PostgreSQL: a table's may be schema-qualified ("s.t") */
    char *new_name;
} dg_rename_stmt;

typedef struct dg_schema {
    DG_VEC(dg_table)   tables;
    DG_VEC(dg_index)   indexes;   /* explicit CREATE INDEX only (not autoindexes) */
    DG_VEC(dg_view)    views;
    DG_VEC(dg_trigger) triggers;
    DG_VEC(dg_data_stmt) data;    /* in source order (SQLite SQL sources only) */
    DG_VEC(dg_rename_stmt) renames;   /* in source order (SQL sources of either engine) */
    dg_engine          engine;
    /* PostgreSQL only (empty on SQLite): */
    dg_strings                 schemas;     /* schemas other than public and the system ones */
    DG_VEC(dg_pg_extension)    extensions;
    DG_VEC(dg_pg_enum)         enums;
    DG_VEC(dg_pg_domain)       domains;
    DG_VEC(dg_pg_sequence)     sequences;
    DG_VEC(dg_pg_function)     functions;
    /* Source files in load order, as given on the command line.  dg_loc.file
     * points into these strings. */
    dg_strings files;
} dg_schema;

dg_schema *dg_schema_new(void);
void       dg_schema_free(dg_schema *s);           /* NULL-safe */

/* Interns `path` in s->files and returns the stored copy (for dg_loc.file). */
const char *dg_schema_intern_file(dg_schema *s, const char *path);

/* Lookups by exact name, falling back to ASCII case-insensitive match as
 * SQLite does for identifiers.  NULL / -1 when absent. */
dg_table  *dg_schema_table(const dg_schema *s, const char *name);
dg_view   *dg_schema_view(const dg_schema *s, const char *name);
dg_index  *dg_schema_index(const dg_schema *s, const char *name);
int        dg_table_column_index(const dg_table *t, const char *name);
dg_column *dg_table_column(const dg_table *t, const char *name);
/* Tables are keyed by (schema, name): two schemas may hold tables of the
 * same name.  The default schema is the one an unqualified name means
 * first: SQLite's main (a table's `schema` NULL; "main" names it too),
 * PostgreSQL's public (the search_path dalgen runs with).  True when
 * `sch` names it (NULL does). */
bool       dg_schema_default(const dg_schema *s, const char *sch);
/* Whether schema names `a` and `b` name the same schema (SQLite: ASCII
 * case-insensitively; either default one as above). */
bool       dg_schema_same(const dg_schema *s, const char *a, const char *b);
/* A schema-qualified name (sch.name), matched as dg_schema_table within
 * schema `sch` only; with `sch` NULL, by the search path: the default
 * schema's first, else the first of any schema (SQLite: main, then the
 * attached ones in the order they were attached). */
dg_table  *dg_schema_table_in(const dg_schema *s, const char *sch, const char *name);
dg_view   *dg_schema_view_in(const dg_schema *s, const char *sch, const char *name);
/* The schema a table's or view's C names carry as a prefix (baz.users ->
 * baz_user), NULL for none: SQLite: an attached schema's, always;
 * PostgreSQL: a schema other than public when a table or view of another
 * schema has the same name (ASCII case-insensitively), so that names
 * without such a collision stay the bare ones.  docs/generate.md, "Names". */
const char *dg_schema_c_qualifier(const dg_schema *s, const char *schema, const char *name);
/* Whether a table or view of a schema other than `schema` is named `name`
 * (ASCII case-insensitively). */
bool       dg_schema_name_shared(const dg_schema *s, const char *schema, const char *name);
/* The table index `ix` is on (its schema's), NULL when absent. */
dg_table  *dg_index_table(const dg_schema *s, const dg_index *ix);

/* The same lookups without a scan, for code that makes one per table or
 * index of a large schema (lookup.c).  Built once from a schema that does
 * not change while the lookup is used (it points into it); answers exactly
 * what dg_schema_table / _index / _view answer.  Triggers are matched
 * ASCII case-insensitively only (the first of that name). */
typedef struct dg_schema_lookup {
    const dg_schema *s;
    dg_map tables, tables_folded, indexes, indexes_folded, views, views_folded, triggers_folded;
    dg_map index_tables;   /* folded schema + table name -> its first index (position in s->indexes) */
    dg_map tables_in, tables_in_folded, views_in, views_in_folded; /* schema + name (scoped_keys) */
    dg_strings scoped_keys;   /* tables_in's and views_in's keys (the maps borrow them) */
    size_t *index_next;    /* per index: the next index on the same table, or SIZE_MAX */
    dg_strings index_keys; /* index_tables' keys (the map borrows them) */
} dg_schema_lookup;

void dg_schema_lookup_init(dg_schema_lookup *lk, const dg_schema *s);
void dg_schema_lookup_free(dg_schema_lookup *lk);   /* NULL-safe */
dg_table   *dg_lookup_table(const dg_schema_lookup *lk, const char *name);
dg_index   *dg_lookup_index(const dg_schema_lookup *lk, const char *name);
dg_view    *dg_lookup_view(const dg_schema_lookup *lk, const char *name);
dg_trigger *dg_lookup_trigger(const dg_schema_lookup *lk, const char *name);
/* What dg_schema_table_in / dg_schema_view_in answer (`sch` NULL: the
 * default schema, else the first of that name in any schema). */
dg_table   *dg_lookup_table_in(const dg_schema_lookup *lk, const char *sch, const char *name);
dg_view    *dg_lookup_view_in(const dg_schema_lookup *lk, const char *sch, const char *name);
/* The indexes on table `t` (their `table` equals its name ASCII
 * case-insensitively, in its schema), in schema order: the first one's
 * position in s->indexes (SIZE_MAX when none), then dg_lookup_next_index
 * of it, up to SIZE_MAX. */
size_t dg_lookup_first_index(const dg_schema_lookup *lk, const dg_table *t);
size_t dg_lookup_next_index(const dg_schema_lookup *lk, size_t i);

/* A UNIQUE key of a table: what no two of its rows may share. */
typedef struct dg_key {
    DG_VEC(int) cols;     /* column indexes in the table, ascending */
    const char *where;    /* a partial UNIQUE index's WHERE (borrowed), NULL when none */
    const char *what;     /* "PRIMARY KEY", "UNIQUE" or "UNIQUE index" */
    const char *index;    /* the UNIQUE index's name (borrowed), NULL for a constraint */
    dg_loc      loc;      /* where it is declared */
} dg_key;
typedef DG_VEC(dg_key) dg_keys;

/* Appends the UNIQUE keys of `t` (a table of lk's schema) to *out: its
 * PRIMARY KEY (a rowid alias too), its UNIQUE columns and constraints,
 * and the UNIQUE indexes on it whose terms are all columns.  Free with
 * dg_keys_free. */
void dg_table_keys(const dg_schema_lookup *lk, const dg_table *t, dg_keys *out);
void dg_keys_free(dg_keys *k);   /* NULL-safe */

/* Number of primary-key columns (0 when the table has none). Rowid tables
 * without a declared PRIMARY KEY have 0. */
int  dg_table_pk_count(const dg_table *t);
/* Column index of the k-th (1-based) primary-key column, -1 when absent. */
int  dg_table_pk_column(const dg_table *t, int k);
/* True when the table's primary key is a single INTEGER PRIMARY KEY column
 * (a rowid alias). */
bool dg_table_has_rowid_alias(const dg_table *t);

/* Annotation value for `key` (NULL when absent; the last one wins). */
const char *dg_annotation_get(const dg_annotations *a, const char *key);
void dg_annotations_add(dg_annotations *a, const char *key, const char *value, dg_loc loc);
/* Frees every annotation and the array (leaves it empty). */
void dg_annotations_free(dg_annotations *a);

/* SQLite's affinity rules applied to a declared type. */
dg_affinity dg_affinity_of(const char *decltype);
const char *dg_affinity_name(dg_affinity a);   /* "INTEGER", "TEXT", "BLOB", "REAL", "NUMERIC" */

/* Deep copies and frees of the pieces, for analyses that build new models
 * (the differ, the libclang front end). */
void dg_column_free(dg_column *c);
void dg_table_free(dg_table *t);
void dg_index_free(dg_index *ix);
void dg_view_free(dg_view *v);
void dg_trigger_free(dg_trigger *tr);
void dg_strings_free(dg_strings *v);
void dg_pg_column_free(dg_pg_column *p);   /* NULL-safe; frees p too */
/* Frees the PostgreSQL vectors of s (model_pg.c). */
void dg_schema_free_pg(dg_schema *s);
const char *dg_engine_name(dg_engine e);  /* "sqlite", "postgresql" */
void dg_strings_push(dg_strings *v, const char *s);   /* pushes a copy */

int dg_strcasecmp_ascii(const char *a, const char *b);

/* ---- value types (vtype.c) ----
 * The class of SQL values dalgen types a column or an expression with
 * (DESIGN.md "Types"): what the engine holds, not how a language holds it. */
typedef enum dg_vtype {
    DG_VT_UNKNOWN = 0,
    DG_VT_INT64,      /* INTEGER */
    DG_VT_DOUBLE,     /* REAL (and NUMERIC) */
    DG_VT_TEXT,
    DG_VT_BLOB,
    DG_VT_BOOL,       /* INTEGER 0/1 */
    DG_VT_VALUE       /* any storage class */
} dg_vtype;

/* A declared SQL type: no type -> value; the names vtype.c knows (JSON,
 * UUID -> text, SERIAL, INT8 -> int64, BOOLEAN -> bool, TIMESTAMP -> text,
 * MONEY -> double, BYTEA -> blob, ...; docs/generate.md "Types"); names
 * containing ENUM -> text, BOOL -> bool, DATE or TIME -> text; then SQLite's
 * affinity: INTEGER -> int64, TEXT -> text, REAL/NUMERIC -> double. */
dg_vtype dg_vtype_of_decl(const char *decltype);
/* Column c of table t (t may be NULL): `-- @read any` -> value, its
 * `-- @type`, else on PostgreSQL (c->pg) its canonical type (a domain's
 * base type; arrays, enums, numeric, money and unlisted types -> text),
 * else the untyped columns of fts and rtree virtual tables, else its
 * declared type. */
dg_vtype dg_vtype_of_column(const dg_table *t, const dg_column *c);
/* A type word of an annotation (INTEGER, INT64, TEXT, REAL, BLOB, BOOL,
 * ANY, VALUE, ...; ASCII case-insensitive), DG_VT_UNKNOWN when not one. */
dg_vtype dg_vtype_word(const char *s, size_t n);
const char *dg_vtype_name(dg_vtype v);
/* A column's read mode (`-- @read` or an override's read:): exact | lenient
 * | any. */
bool dg_read_known(const char *mode);
/* Whether column c reads leniently (SQLite's conversions instead of a
 * mismatch): `-- @read lenient`, or by default when its affinity stores its
 * C type's values as another class (text under NUMERIC affinity). */
bool dg_column_reads_lenient(const dg_table *t, const dg_column *c);
/* The @format a declared type implies ("json" for JSON and JSONB), NULL
 * when none. */
const char *dg_decl_format(const char *decltype);
/* What column c of table t (t may be NULL) holds, decided once for the C
 * binding (view_tables.c): dg_vtype_of_column, dg_column_reads_lenient and
 * dg_decl_format of its declared type. */
typedef struct dg_colvalue {
    dg_vtype    v;
    bool        lenient;
    const char *format;   /* a literal, NULL: none */
} dg_colvalue;
dg_colvalue dg_column_value(const dg_table *t, const dg_column *c);
/* The same default for a value of declared type decltype (a view's column). */
bool dg_decl_reads_lenient(const char *decltype);   /* "int64", "double", "text", "blob", "bool", "value" */

#endif
