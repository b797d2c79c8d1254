/* config.h - the project configuration file: dalgen's own `dalgen.yaml`,
 * and sqlc's `sqlc.yaml` (version 2) as it is, read with libyaml.
 *
 * A config is one or more jobs; each job is what one `dalgen generate`
 * needs (schema, queries, prefix, out, ...).  dalgen.yaml holds exactly
 * one; a sqlc.yaml one per `sql:` entry with `engine: sqlite`.  The command
 * line decides what wins (flags over the file, cli/); this layer only reads
 * and checks the file.  docs/config.md describes every key.
 *
 * Ownership: a dg_config owns everything it holds, strings and overrides
 * included; every dg_loc it hands out (and every override's loc) names
 * `path`, which lives as long as the config.  Free with dg_config_free. */
#ifndef DG_CONFIG_H
#define DG_CONFIG_H

#include <stdbool.h>

#include "model/model.h"
#include "model/override.h"
#include "util/diag.h"
#include "util/vec.h"

typedef enum dg_config_kind {
    DG_CONFIG_DALGEN,   /* dalgen.yaml, version 1 */
    DG_CONFIG_SQLC      /* sqlc.yaml / sqlc.json, version "2" */
} dg_config_kind;

/* One generate run.  Paths are resolved against the config file's folder
 * (absolute ones kept). */
typedef struct dg_config_job {
    char        *name;         /* sqlc's entry `name`, NULL when none */
    char        *engine;       /* "sqlite" or "postgresql" */
    dg_loc       engine_loc;   /* where engine is written (the job's loc when not) */
    dg_strings   schema;       /* files, folders, a .db, a .h: in order */
    dg_strings   queries;      /* files or folders */
    char        *migrations;   /* NULL when none */
    char        *prefix;       /* NULL when not given (a required key: cli reports it) */
    char        *out;          /* NULL when not given (required too) */
    char        *templates;    /* NULL: the built-in templates */
    dg_strings   clang_args;   /* for header sources and api-diff */
    int          timestamps;   /* options.timestamps: -1 not given, else 0 / 1 */
    int          singularize;  /* options.singularize: -1 not given, else 0 / 1 */
    long         query_parameter_limit;   /* options.query_parameter_limit (sqlc: gen.go's): -1 not given */
    dg_overrides overrides;    /* the file's and (sqlc) the entry's, in order */
    dg_loc       loc;          /* where the job is written: "missing key" goes here */
} dg_config_job;

typedef struct dg_config {
    char          *path;   /* the file as given: the file of every location */
    char          *dir;    /* its folder ("." for a bare name) */
    dg_config_kind kind;
    DG_VEC(dg_config_job) jobs;
} dg_config;

/* Reads and checks the config at `path` (which kind: dg_config_is_sqlc).
 * Returns 0 and sets *out (possibly with notes in d: ignored sqlc options,
 * skipped entries), or reports every problem through `d` at
 * path:line:col and returns -1 with *out NULL. */
int  dg_config_load(const char *path, dg_config **out, dg_diags *d);
void dg_config_free(dg_config *c);   /* NULL-safe */

/* Reports that the job lacks the required key `key` (e.g. "prefix"),
 * at the job's location. */
void dg_config_missing(const dg_config_job *j, const char *key, dg_diags *d);

/* True when `name` is the file name (last component) sqlc looks for:
 * sqlc.yaml, sqlc.yml or sqlc.json. */
bool dg_config_is_sqlc_name(const char *path);

#endif
