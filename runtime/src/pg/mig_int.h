/* mig_int.h - the PostgreSQL migration runner's private parts (dal__pgm_
 * prefix), reached through dal_migrate.h's calls when the connection is
 * PostgreSQL (design/postgres.md §3.9; docs/migrations.md, PostgreSQL).
 *
 *   mig_split.c   a script cut into statements and steps (quotes, dollar
 *                 quotes and comments respected; `-- dalgen:no-transaction`
 *                 sections), statements that take over the runner's job
 *                 refused
 *   mig_run.c     dal_migrate_apply/down/status: advisory lock polled,
 *                 history with duration and state, one transaction per
 *                 migration, resumable no-transaction steps
 *   mig_schema.c  dal_schema_describe and dal_migrate_describe from the
 *                 catalogs */
#ifndef DAL_PG_MIG_INT_H
#define DAL_PG_MIG_INT_H

#include "pg_int.h"
#include "mig_api.h"

/* One statement: an exact copy of its text in the file (first token to
 * its `;`), so that a progress callback can find it there. */
typedef struct dal__pgm_stmt {
    char  *sql;       /* sqlite3_malloc'd */
    bool   notxn;     /* in a -- dalgen:no-transaction section */
} dal__pgm_stmt;

/* A step is what the history counts: a run of transactional statements
 * (one transaction) or one no-transaction statement. */
typedef struct dal__pgm_step {
    int  first, count;
    bool notxn;
} dal__pgm_step;

typedef struct dal__pgm_script {
    dal__pgm_stmt *stmts;
    int            n;
    dal__pgm_step *steps;
    int            nsteps;
} dal__pgm_script;

/* Cuts `text` (migration `name`) into statements and steps, and refuses
 * (DAL_MISUSE, naming the statement) transaction control and statements
 * that cannot run in a transaction outside a no-transaction section. */
int  dal__pgm_split(dal_db *db, const char *name, const char *text, dal__pgm_script *out);
void dal__pgm_script_free(dal__pgm_script *s);

/* For CREATE [UNIQUE] INDEX CONCURRENTLY: the index's name as a regclass
 * text (qualified with the table's schema when the table's is), written
 * into out; false for any other statement. */
bool dal__pgm_concurrent_index(const char *sql, char *out, size_t size);

/* A query with text parameters; *out (may be NULL: cleared) is the result
 * of a successful call. */
int dal__pgm_query(dal_db *db, const char *sql, int nparams, const char *const *params, PGresult **out);

#endif
