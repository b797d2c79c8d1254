/* loader.h - the in-memory SQLite database every schema source is applied
 * to, and what the loader remembers about where each object came from.
 *
 * SQL files run statement by statement under an authorizer (no ATTACH, no
 * VACUUM, no extension loading, nothing that touches a file); databases are
 * opened read-only and their stored schema is replayed; headers go through
 * the libclang front end and its model's DDL.  Afterwards dg_introspect reads
 * the model back from the database.  Internal to the front end. */
#ifndef DG_LOADER_H
#define DG_LOADER_H

#include <sqlite3.h>

#include "model/model.h"
#include "frontend/ddl_parse.h"

typedef enum dg_rec_kind {
    DG_REC_TABLE = 0,
    DG_REC_INDEX,
    DG_REC_VIEW,
    DG_REC_TRIGGER,
    DG_REC_ADD_COLUMN,
    DG_REC_RENAME_COLUMN,   /* column -> new_column */
    DG_REC_DROP_COLUMN
} dg_rec_kind;

/* A source file's text with its line starts, kept while the model is built. */
typedef struct dg_srcfile {
    const char *path;        /* interned in the schema */
    char       *text;        /* NULL for databases and headers */
    size_t      len;
    DG_VEC(size_t) lines;    /* byte offset of each line start */
} dg_srcfile;

/* A statement that created (or altered) a schema object. */
typedef struct dg_stmt_rec {
    dg_rec_kind kind;
    char       *name;        /* object name; the table for the *_COLUMN kinds */
    char       *schema;      /* CREATE / DROP: an attached schema the name is qualified with; NULL for main */
    char       *column;      /* ADD/RENAME/DROP_COLUMN: the column's name */
    char       *new_column;  /* RENAME_COLUMN: its new name */
    size_t      file;        /* index into dg_loader.files */
    size_t      start;       /* offset of the statement's first token */
    size_t      name_off;    /* offset of the name token (ADD_COLUMN: the column definition) */
    dg_annotations above;    /* annotations on the lines right above the statement */
    dg_annotations trailing; /* annotations after its ';' on its last line (files only too) */
} dg_stmt_rec;

/* A sqlite_schema row moved aside while CREATE statements run (park.c). */
typedef struct dg_parked {
    char         *text[3];    /* type, name, tbl_name */
    sqlite3_int64 rootpage;
    char         *sql;        /* NULL for automatic indexes */
} dg_parked;

typedef struct dg_loader {
    sqlite3   *db;
    dg_schema *s;
    dg_diags  *d;
    DG_VEC(dg_srcfile)  files;
    DG_VEC(dg_stmt_rec) recs;
    DG_VEC(dg_schema *) headers;   /* models from header sources (for their locations) */
    const char *denied;            /* why the authorizer refused, for the message */
    size_t add_columns;            /* ADD_COLUMN records so far (none: no column lookup scans recs) */
    /* For handing the database over (dg_loader_take_db): */
    dg_strings stubs;              /* functions dg_prepare_checked declared for views and triggers */
    bool stateful;                 /* a statement may have left state besides the schema (a PRAGMA, ANALYZE) */
    int defensive, attached;       /* SQLite's settings before dg_loader_open changed them */
    long ticks;                    /* progress-handler calls in the running statement (DG_LOADER_MAX_TICKS) */
    DG_VEC(sqlite3_stmt *) cached; /* dg_loader_q's statements */
    struct json_t *rec_index;      /* kind + folded name -> latest record; NULL until dg_loader_index_recs */
    struct {
        bool on;
        sqlite3_int64 base;        /* rows up to this rowid stay in sqlite_schema */
        int pending;               /* statements since the last move */
        DG_VEC(dg_parked) rows;    /* the rows after it, in rowid order */
    } park;
} dg_loader;

/* A schema file's statement is stopped after this many calls of the
 * progress handler (each DG_LOADER_TICK virtual-machine steps: fifty
 * million in all, seconds of work): a recursive CTE without an end made
 * every command that loads the schema hang. */
#define DG_LOADER_TICK      1000
#define DG_LOADER_MAX_TICKS 50000L

int  dg_loader_open(dg_loader *L, dg_schema *s, dg_diags *d);
void dg_loader_close(dg_loader *L);
/* The loader's database as a fresh one holding just the schema would be
 * (no authorizer, SQLite's own limits, no stub functions), taken from L;
 * NULL (and closed) when the sources left more in it than the schema:
 * TEMP objects, PRAGMA settings, statistics.  Caller closes it. */
sqlite3 *dg_loader_take_db(dg_loader *L);

/* Replaces the main database by the serialized image `data` (size bytes,
 * from sqlite3_malloc, taken over even on failure); 0 or -1.  The pages are
 * copied in (sqlite3_backup from a connection of its own): SQLite then
 * reads the schema again into the same schema object, where opening the
 * image over main (sqlite3_deserialize) would leave the connection's
 * eponymous virtual tables (pragma_table_list, json_each) pointing to the
 * freed one. */
int dg_loader_deserialize(dg_loader *L, unsigned char *data, sqlite3_int64 size);
/* sqlite_schema writable (on: DEFENSIVE off), or as the loader keeps it
 * (off: SQLite's checks of names and of the stored schema apply). */
void dg_loader_writable_schema(dg_loader *L, bool on);

/* Each returns 0, or -1 after reporting path:line:col errors. */
int dg_apply_sql_file(dg_loader *L, const char *path);
int dg_apply_sql_dir(dg_loader *L, const char *path);
/* SQL held in memory, loaded as a file named `name` would be. */
int dg_apply_sql_text(dg_loader *L, const char *name, const char *text, size_t len);
int dg_apply_database(dg_loader *L, const char *path);
/* The stored schema of a database already open (`name` names it in
 * locations), replayed as dg_apply_database does a file's; `src` is only read. */
int dg_apply_open_database(dg_loader *L, const char *name, sqlite3 *src);
int dg_apply_header(dg_loader *L, const char *path, const dg_strings *clang_args);

/* Around a run of CREATE statements in the main schema (park.c):
 * dg_park_begin before the first, dg_park_after after each one that
 * succeeded, dg_park_end before any other statement and after the last (it
 * puts sqlite_schema back as the statements left it).  Only the CREATE
 * statements' rows may be moved aside: nothing may read sqlite_schema (or
 * alter, drop, or change the schema otherwise) between begin and end.
 * dg_park_after and dg_park_end return 0, or -1 after reporting. */
void dg_park_begin(dg_loader *L);
int  dg_park_after(dg_loader *L);
int  dg_park_end(dg_loader *L);

/* A plain CREATE TABLE, CREATE [UNIQUE] INDEX or CREATE VIEW of the main
 * schema, which batch.c can apply as rows of sqlite_schema. */
typedef struct dg_batch_stmt {
    dg_rec_kind kind;          /* DG_REC_TABLE, DG_REC_INDEX or DG_REC_VIEW */
    size_t fi;                 /* the file (L->files) the offsets are in */
    size_t from, start, end;   /* [start, end): the statement; from: where the text after the one before starts */
    size_t name_at, name_end;  /* the name token */
    size_t text_end;           /* what SQLite stores: "CREATE <kind> " and [name_at, text_end) */
    char  *name;               /* the object, unquoted */
    char  *table;              /* an index's table, as the statement names it */
    size_t table_at;           /* the batch's CREATE TABLE of that table; SIZE_MAX: none */
    bool   unique, if_not_exists, without_rowid;
    bool   keys;               /* a table SQLite may give automatic indexes (UNIQUE, PRIMARY KEY) */
    bool   autoincrement;      /* a table that says AUTOINCREMENT */
} dg_batch_stmt;

/* Whether [start, end) of text is such a statement (filled in; free it with
 * dg_batch_stmt_free); false leaves nothing to free. */
bool dg_batch_form(const char *text, size_t start, size_t end, dg_batch_stmt *out);
void dg_batch_stmt_free(dg_batch_stmt *b);
/* Applies the n statements in v (of one file or of several, in the order
 * they are read) as running them one after the other would (sqlite_schema the same row for row), without running them:
 * 0.  -1: not applied (too few statements to be worth it, a statement
 * SQLite refuses, or anything unexpected), the database as it was; the
 * caller runs them one by one.  -2: the
 * database could not be put back (an internal error).  The main schema must
 * hold no parked rows and no open statement. */
int dg_batch_apply(dg_loader *L, const dg_batch_stmt *v, size_t n);
/* Whether main has a table, view or index of that name (SQLite's in-memory
 * schema; an error counts as taken). */
bool dg_batch_name_taken(dg_loader *L, const char *name);

/* Runs SQL text from a model (no locations) in the loader's database. */
int dg_apply_model_sql(dg_loader *L, const char *path, const char *sql);

/* `msg` cut to one line of at most 120 bytes ("..." marks a cut): SQLite
 * quotes whole unterminated tokens in its messages.  Caller frees. */
char *dg_one_line(const char *msg);

/* Adds a file to L->files and returns its index (text taken over, may be NULL). */
size_t dg_loader_add_file(dg_loader *L, const char *path, char *text, size_t len);
/* Location of byte `off` of file `fi` (no file: line 0). */
dg_loc dg_loader_loc(const dg_loader *L, size_t fi, size_t off);

/* A statement of the loader's database with ?1 bound to `arg` (may be
 * NULL), NULL on error; prepared once per SQL text and reused (for the few
 * fixed queries of introspection).  Give it back with dg_loader_q_done,
 * never sqlite3_finalize. */
sqlite3_stmt *dg_loader_q(dg_loader *L, const char *sql, const char *arg);
/* The same with ?2 bound to `schema` ("main" when NULL): the schema
 * argument of the pragma functions that read one table or index. */
sqlite3_stmt *dg_loader_q_in(dg_loader *L, const char *sql, const char *arg, const char *schema);
void dg_loader_q_done(dg_loader *L, sqlite3_stmt *st);   /* NULL-safe */

/* The latest record of an object (kind, name), NULL when none. */
const dg_stmt_rec *dg_loader_rec(const dg_loader *L, dg_rec_kind kind, const char *name);
/* The same in schema `schema` (an attached one; NULL or "main": main). */
const dg_stmt_rec *dg_loader_rec_in(const dg_loader *L, dg_rec_kind kind, const char *schema, const char *name);
/* Indexes the records for dg_loader_rec once every source is applied (the
 * records must not change afterwards). */
void dg_loader_index_recs(dg_loader *L);
const dg_stmt_rec *dg_loader_add_column_rec(const dg_loader *L, const char *table, const char *column);

/* Maps offsets of stored CREATE text to the file statement it came from. */
typedef struct dg_srcmap {
    const dg_loader   *L;
    const dg_stmt_rec *rec;                 /* NULL: no file location */
    DG_VEC(size_t) from, to, len;            /* token starts in stored text -> file, token length */
} dg_srcmap;

void   dg_srcmap_init(dg_srcmap *m, const dg_loader *L, const dg_stmt_rec *rec, const char *stored);
/* Same over the tokens of the stored text (dg_toks_init), which the caller
 * keeps and frees. */
void   dg_srcmap_init_toks(dg_srcmap *m, const dg_loader *L, const dg_stmt_rec *rec, const dg_toks *stored);
void   dg_srcmap_free(dg_srcmap *m);
dg_loc dg_srcmap_locate(const void *m, size_t offset);   /* a dg_locate_fn */

/* Builds L->s from the database: tables, indexes, views, triggers. */
int dg_introspect(dg_loader *L);
/* Views and triggers over missing tables or columns; unknown annotations. */
int dg_check_schema(dg_loader *L);

#endif
