/* pgsnap.h - the PostgreSQL typing snapshot (docs/postgresql.md "The
 * typing snapshot"; design/postgres.md 3.5 point 7).
 *
 * What the typing server gave a run (the schema model read from
 * pg_catalog, every query with its described parameter and result types
 * and dalgen's nullability) is written next to the generated code as
 * OUT/PREFIX.pgtypes.json, keyed by the SHA-256 of the inputs: every DDL
 * file's and query file's text (and its path relative to OUT), the
 * config's overrides and the snapshot format.  A later run whose inputs
 * hash the same reads the snapshot instead of a server.
 *
 * The file: {"dalgen_pgtypes": FORMAT, "inputs_sha256", "inputs": [{kind,
 * name, sha256}], "server_major", "diagnostics" (absent when none), "model"
 * (model_snap.h), "queries" (pgq.h, absent without queries),
 * "schema_description" (written by a run with --migrations; absent
 * otherwise), "content_sha256"}, the last the
 * SHA-256 of the compact JSON of everything before it: a hand edit or a
 * damaged file is refused, not used. */
#ifndef DG_PGSNAP_H
#define DG_PGSNAP_H

#include "analysis/query/queries.h"
#include "model/model_snap.h"
#include "driver/generate.h"

/* The snapshot format: bump it whenever what is written, or what the
 * analysis derives from the server, changes meaning (a snapshot of another
 * format is stale). */
#define DG_PGSNAP_FORMAT 1

typedef struct dg_pgsnap_input {
    char *kind;        /* "schema", "queries", "config" */
    char *path;        /* the run's path (the config: NULL) */
    char *name;        /* as the snapshot names it: relative to OUT ("overrides" for the config) */
    char  sha256[65];
} dg_pgsnap_input;

typedef struct dg_pgsnap_key {
    DG_VEC(dg_pgsnap_input) inputs;   /* schema files, query files, then the config */
    char  sha256[65];                 /* of the format and every input */
    char *file;                       /* OUT/PREFIX.pgtypes.json */
    char **paths, **names;            /* the files' paths and names (parallel, borrowed from inputs) */
    dg_snap_paths map;                /* over them */
} dg_pgsnap_key;

/* OUT/PREFIX.pgtypes.json (caller frees). */
char *dg_pgsnap_file(const dg_generate_opts *o);

/* The key of the run's inputs (reads the DDL and query files; no server).
 * 0, or -1 after reporting. */
int  dg_pgsnap_key_make(const dg_generate_opts *o, dg_pgsnap_key *k, dg_diags *d);
void dg_pgsnap_key_free(dg_pgsnap_key *k);

/* What a typed run keeps besides the queries: the JSON of the model
 * before the overrides (dg_schema_snap_dump), the warnings and notes of
 * the typing (replayed by a run from the snapshot, so that --Werror
 * decides the same), the server's major version. */
typedef struct dg_pgsnap_typed {
    json_t *model;
    json_t *diags;   /* [{severity, file, line, col, message}] */
    int     major;
    char   *description;   /* generate --migrations: dal_schema_describe of the typing database (what
                              P_schema_check compares with), else NULL; owned */
} dg_pgsnap_typed;

void dg_pgsnap_typed_free(dg_pgsnap_typed *t);   /* the JSON and description; t itself is the caller's */
/* Appends the warnings and notes d holds from record `first` on to t->diags. */
void dg_pgsnap_keep_diags(dg_pgsnap_typed *t, const dg_diags *d, size_t first, const dg_pgsnap_key *k);

typedef enum dg_pgsnap_state {
    DG_PGSNAP_NONE,      /* no snapshot file */
    DG_PGSNAP_MATCH,     /* read: *s (and *q) set */
    DG_PGSNAP_STALE,     /* another key: the changes are errors without a server (with one: not reported) */
    DG_PGSNAP_CORRUPT,   /* unreadable or damaged: reported (an error without a server, else a warning) */
    DG_PGSNAP_ERROR      /* read, but the inputs are wrong (an override names nothing): reported, stop */
} dg_pgsnap_state;

/* Reads k->file.  On a match sets *s (the model as loaded from the
 * catalog, with `overrides` applied here), *t (as the snapshot is written
 * again; its diagnostics are replayed into d) and *q (NULL without
 * queries; typed against *s).
 * `server`: a server is at hand, so a stale snapshot is no error and a
 * damaged one a warning (it will be replaced). */
dg_pgsnap_state dg_pgsnap_read(const dg_pgsnap_key *k, const dg_overrides *overrides, bool server, dg_schema **s,
                               dg_pgsnap_typed *t, dg_query_set **q, dg_diags *d);

/* The snapshot of a typed run as a new output; `s` is the model the
 * queries were typed against. */
void dg_pgsnap_output(const dg_pgsnap_key *k, const dg_pgsnap_typed *t, const dg_query_set *q, const dg_schema *s,
                      dg_outputs *out);

#endif
