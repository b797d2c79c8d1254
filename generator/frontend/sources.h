/* sources.h - the schema sources a command was given, and the one entry point
 * that turns them into a schema model.
 *
 * Any schema source works in every command (DESIGN.md): a DDL file, a folder
 * of DDL files (every *.sql in name order, skipping *.down.sql; a dbmate file
 * contributes its `-- migrate:up` part), a SQLite database (recognised by its
 * header, opened read-only), or an annotated C header (libclang). */
#ifndef DG_SOURCES_H
#define DG_SOURCES_H

#include <sqlite3.h>

#include "model/model.h"
#include "util/diag.h"
#include "util/vec.h"

typedef enum dg_source_kind {
    DG_SRC_AUTO = 0,    /* decide from the path: folder, SQLite header, .h, else SQL */
    DG_SRC_SQL_FILE,
    DG_SRC_SQL_DIR,
    DG_SRC_DATABASE,
    DG_SRC_HEADER,
    DG_SRC_EMPTY,       /* the word `empty` in diff --from/--to */
    DG_SRC_SQL_TEXT,    /* DDL held in memory (dg_sources_add_text); `path` names it in locations */
    DG_SRC_PG_URI       /* a postgres:// or postgresql:// URI: a live PostgreSQL database */
} dg_source_kind;

typedef struct dg_source {
    dg_source_kind kind;
    char          *path;
    char          *text;   /* DG_SRC_SQL_TEXT: the SQL (owned); NULL for the other kinds */
    size_t         len;
} dg_source;

typedef struct dg_sources {
    DG_VEC(dg_source) items;
    dg_strings clang_args;    /* --clang-arg values, for header sources */
} dg_sources;

void dg_sources_add(dg_sources *s, dg_source_kind kind, const char *path);
/* Adds SQL text (copied) as a source: it loads as a SQL file named `name`
 * would, and its diagnostics are at name:line:col.  No file is read. */
void dg_sources_add_text(dg_sources *s, const char *name, const char *text, size_t len);
void dg_sources_free(dg_sources *s);
/* The kind DG_SRC_AUTO resolves to for `path` (without reading more than the header). */
dg_source_kind dg_source_detect(const char *path);
/* Whether every source is the word `empty` (diff --from empty), the one
 * kind of input that may give an empty schema. */
bool dg_sources_only_empty(const dg_sources *s);

/* A file of a migration tool that keeps both directions in one file keeps
 * only its up part: dbmate (`-- migrate:up` / `-- migrate:down`), goose
 * (`-- +goose Up` / `-- +goose Down`) and sql-migrate (`-- +migrate Up` /
 * `-- +migrate Down`), markers matched ignoring ASCII case at the start of
 * a line.  The rest of `text` is blanked (newlines kept) so that locations
 * stay right.  Nothing changes when no line is an up marker. */
void dg_keep_up_part(char *text, size_t len);

/* Loads every source in order into one model (later sources apply on top of
 * earlier ones, as a migrations folder does).  Returns 0 and sets *out, or
 * reports every problem through `d` (path:line:col: error: ...) and returns
 * -1 with *out NULL.  No file is written. */
int dg_schema_load(const dg_sources *src, dg_schema **out, dg_diags *d);
/* Loads one DDL text (not read from a file; `name` is its path in
 * locations) on its own, as dg_schema_load does a single SQL source, except
 * that an empty schema is no error.  Returns 0 and sets *out, or -1 after
 * reporting through `d`. */
int dg_schema_load_text(const char *name, const char *text, size_t len, dg_schema **out, dg_diags *d);
/* dg_schema_load that also hands over the in-memory SQLite database the
 * sources were loaded into as *db when it holds just the schema (NULL
 * otherwise), for callers that would otherwise load the model into SQLite
 * again (the query analyser, embedded migrations).  The caller closes it
 * with sqlite3_close.  An empty schema is no error here: generate decides
 * (queries over no table are fine, nothing at all to generate is not). */
int dg_schema_load_db(const dg_sources *src, dg_schema **out, sqlite3 **db, dg_diags *d);
/* The model of a database already open (its stored schema replayed and read
 * back, as for a database file; `name` names it in locations; `db` is only
 * read).  An empty schema is no error.  0 and *out, or -1 after reporting. */
int dg_schema_load_sqlite(sqlite3 *db, const char *name, dg_schema **out, dg_diags *d);

#endif
