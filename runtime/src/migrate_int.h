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

#endif
