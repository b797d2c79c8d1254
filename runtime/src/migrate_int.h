/* migrate_int.h - private helpers of the migration runner (dal__ prefix). */
#ifndef DAL_MIGRATE_INT_H
#define DAL_MIGRATE_INT_H

#include "dal.h"

/* The calls of dal_migrate.h hand a PostgreSQL connection to pg/mig_run.c
 * (DAL__PG_MIGRATE, pg/mig_api.h); in a libdal built without PostgreSQL
 * one is refused here instead of reaching sqlite3 with no handle. */
static inline int dal__migrate_sqlite_only(dal_db *db, const char *what)
{
    return dal_engine(db) == DAL_ENGINE_SQLITE
               ? DAL_OK
               : dal_error_set(db, DAL_ERROR, SQLITE_MISUSE, "%s: not available on PostgreSQL yet", what);
}

/* opts->done of a struct of version 3 or later (older ones have no such
 * field), after migration m was committed in `ms` milliseconds. */
static inline void dal__migrate_done(const dal_migrate_options *o, const dal_migration *m, int64_t ms)
{
    if (o && o->version >= 3 && o->done) o->done(o->progress_ctx, m, ms);
}

/* A script split into complete statements (sqlite3_complete decides). */
typedef struct dal__script {
    char  **stmts;    /* each NUL-terminated, sqlite3_malloc'd */
    int     n;
} dal__script;

int  dal__script_split(dal_db *db, const char *sql, dal__script *out);
void dal__script_free(dal__script *s);
/* DAL_OK, or DAL_MISUSE naming the statement that takes over the runner's job. */
int  dal__script_check(dal_db *db, const char *name, const dal__script *s);

/* The rows of PRAGMA foreign_key_check as sorted "table|rowid|parent" lines. */
typedef struct dal__fkset {
    char **rows;
    int    n;
} dal__fkset;

int  dal__fk_snapshot(dal_db *db, dal__fkset *out);
void dal__fk_free(dal__fkset *s);
/* First row of `after` missing from `before`, or NULL. */
const char *dal__fk_new_violation(const dal__fkset *before, const dal__fkset *after);

/* Names (sqlite3_malloc'd strings) of tables; migrate_fk.c. */
typedef struct dal__names {
    char **names;
    int    n;
    int    oom;       /* a name could not be recorded: the set is incomplete */
} dal__names;

void dal__names_free(dal__names *s);
/* Records in *t every table the statements prepared from now on write,
 * create, drop, alter or drop an index of (SQLite's authorizer, which sees
 * trigger bodies too), until dal__touched_stop. */
void dal__touched_start(dal_db *db, dal__names *t);
void dal__touched_stop(dal_db *db);
/* The tables whose foreign-key violations a script that touched `t` can
 * have changed: the touched tables that exist, and every table with a
 * foreign key whose parent is a touched name (dropped, renamed or created
 * ones included). */
int  dal__fk_scope(dal_db *db, const dal__names *t, dal__names *out);
/* dal__fk_snapshot limited to the tables of `scope` that exist, less
 * those of `skip` (may be NULL). */
int  dal__fk_snapshot_of(dal_db *db, const dal__names *scope, const dal__names *skip, dal__fkset *out);

/* A parent's rowids at the first statement of a script that touched it
 * (migrate_fkkeys.c). */
typedef struct dal__keysnap {
    char          *table;   /* as the authorizer named it */
    char          *alias;   /* its INTEGER PRIMARY KEY column; NULL: not kept (check its children) */
    sqlite3_int64 *keys;    /* ascending */
    sqlite3_int64  n;
    int            after;   /* 0 not compared yet, 1 the same after the script, 2 not */
} dal__keysnap;

/* What dal__fkwatch_unchanged needs to know of the database before a script. */
typedef struct dal__fkwatch {
    dal__names    tables;    /* the main schema's tables at the start */
    dal__names    children;  /* those with foreign keys */
    char        **fks;       /* per child: its foreign keys, as one string */
    dal__names    parents;   /* the tables their foreign keys name */
    dal__keysnap *snaps;
    int           nsnaps;
    int           seen;      /* touched names already looked at */
    int           failed;    /* out of memory: leave nothing out */
} dal__fkwatch;

/* Before a script (dal__touched_start's set still empty). */
int  dal__fkwatch_start(dal_db *db, dal__fkwatch *w);
/* After each statement is prepared and before it runs: snapshots of the
 * parents `touched` names for the first time. */
void dal__fkwatch_touched(dal_db *db, dal__fkwatch *w, const dal__names *touched);
/* The tables of `scope` whose violations the script provably left as they
 * were (*out, empty when unsure). */
int  dal__fkwatch_unchanged(dal_db *db, dal__fkwatch *w, const dal__names *touched, const dal__names *scope,
                            dal__names *out);
void dal__fkwatch_free(dal__fkwatch *w);
/* The shared step of the snapshots: appends "table|rowid|parent" rows of
 * `st` (a foreign_key_check query) to *out, unsorted (migrate_sql.c). */
int  dal__fk_rows(dal_db *db, sqlite3_stmt *st, dal__fkset *out);
void dal__fk_sort(dal__fkset *s);
int  dal__strv_push(dal_db *db, char ***v, int *n, const char *s, size_t len);

#endif
