/* dal_migrate.h - libdal's migration runner (part of libdal, included by
 * dal.h).
 *
 * A migration is an up script, an optional down script and the checksum
 * dalgen computed for it (libdal needs no hash library: it compares the
 * text it is given).  The history lives in the table
 *     _dal_migrations(id INTEGER PRIMARY KEY, name, checksum, applied_at)
 *
 * The runner, not the script, owns the transaction and the foreign-key
 * switch.  For each migration it turns foreign keys off (before the
 * transaction: SQLite ignores the pragma inside one), runs BEGIN IMMEDIATE,
 * re-reads the history (so a second process migrating at the same time sees
 * the first one's work and skips it), runs the statements, refuses any
 * foreign-key violation that was not there before, records the migration,
 * commits and restores foreign_keys.  The foreign-key check covers the
 * tables the statements wrote, created, dropped or altered and the tables
 * whose foreign keys name one of them (the only ones whose violations can
 * change): PRAGMA foreign_key_check of each after the statements; only when
 * that finds violations are the statements undone (a savepoint), the same
 * tables checked before them, and the statements run again.  To learn what
 * the statements touch the runner sets its own SQLite authorizer while they
 * run, and clears it afterwards (an authorizer the application set on the
 * connection is not kept).  A
 * failing migration is rolled back: the database stays at the previous
 * version.  A script containing BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT,
 * RELEASE or PRAGMA foreign_keys is refused before anything runs, and so is
 * a history that does not match the list (an applied migration missing from
 * it, a checksum mismatch, a gap).  Every call is refused (DAL_MISUSE) inside
 * an open transaction.
 *
 * On a PostgreSQL connection the same calls run PostgreSQL's runner
 * (docs/migrations.md, "PostgreSQL"): a session advisory lock polled with
 * pg_try_advisory_lock (never a blocking wait), the history
 *     _dal_migrations(id bigint PRIMARY KEY, name, checksum, applied_at
 *                     timestamptz, duration_ms bigint, state, steps_done)
 * in the current schema, every applied checksum verified before anything
 * runs, one transaction per migration, and `-- dalgen:no-transaction`
 * sections run statement by statement outside a transaction, their progress
 * recorded (state 'running', steps_done) so that the next call resumes
 * them.  backup_path is SQLite's only (DAL_MISUSE on PostgreSQL). */
#ifndef DAL_MIGRATE_H
#define DAL_MIGRATE_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dal_migration {
    int64_t     id;        /* >= 0, ascending in a list (a folder may start at 0000) */
    const char *name;      /* e.g. "0001_init" */
    const char *up;        /* SQL statements */
    const char *down;      /* NULL when the migration cannot be reverted */
    const char *checksum;  /* dalgen's SHA-256 of the up file (hex) */
} dal_migration;

/* Called before each statement: stmt is 1-based out of nstmts. */
typedef void (*dal_migrate_progress_fn)(void *ctx, const dal_migration *m, int stmt, int nstmts,
                                        const char *sql);

/* Version 3: called once a migration is committed (applied, or reverted by
 * dal_migrate_down), with how long this call spent on it in milliseconds
 * (a resumed PostgreSQL migration: this call's part).  Not called for a
 * migration another process did, nor for one that failed. */
typedef void (*dal_migrate_done_fn)(void *ctx, const dal_migration *m, int64_t duration_ms);

/* Versions: a struct of an older version (compiled against an older
 * header) gets the defaults of the fields it lacks: version 1 those of
 * version 2's timeouts, versions 1 and 2 no `done` callback. */
#define DAL_MIGRATE_OPTIONS_VERSION 3
#define DAL_MIGRATE_LATEST (-1)

typedef struct dal_migrate_options {
    int         version;      /* DAL_MIGRATE_OPTIONS_VERSION */
    int64_t     target;       /* apply up to this id (DAL_MIGRATE_LATEST: all) */
    int64_t     baseline;     /* > 0: record the migrations up to this id as applied without
                                 running them, on a database whose history is empty or a
                                 prefix of the list, after checking that the database has
                                 their schema (dal_migrate_describe; the first difference is
                                 named); nothing when the history already reaches it */
    const char *backup_path;  /* non-NULL: VACUUM INTO this new file first */
    dal_migrate_progress_fn progress;
    void       *progress_ctx;
    /* Version 2, PostgreSQL only (a version 1 struct gets the defaults): */
    int         lock_wait_ms;         /* how long to wait for another process's migration lock,
                                         then DAL_BUSY (default 60000; 0 = do not wait) */
    int         lock_timeout_ms;      /* lock_timeout of the migrations' statements (0 = the
                                         connection's: dal_options.busy_timeout_ms) */
    int         statement_timeout_ms; /* statement_timeout of the migrations' statements (0 = the
                                         connection's: dal_options.statement_timeout_ms) */
    /* Version 3 (a version 1 or 2 struct: NULL): */
    dal_migrate_done_fn done; /* after each migration committed; gets progress_ctx */
} dal_migrate_options;

#define DAL_MIGRATE_OPTIONS_INIT { DAL_MIGRATE_OPTIONS_VERSION, DAL_MIGRATE_LATEST, 0, NULL, NULL, NULL, 60000, 0, 0, NULL }

/* Where a database stands against a list. */
typedef struct dal_migrate_state {
    int64_t current;   /* highest applied id, 0 when none */
    size_t  applied;   /* migrations of the list recorded as applied */
    size_t  pending;   /* migrations of the list not applied yet */
} dal_migrate_state;

struct dal_db;

/* One row of the history, as dal_migrate_history hands it out (strings
 * valid during the callback only). */
typedef struct dal_migrate_entry {
    int64_t     id;
    const char *name;
    const char *applied_at;   /* ISO 8601, UTC */
    int64_t     duration_ms;  /* -1 when not recorded (SQLite) */
    const char *state;        /* "applied"; PostgreSQL also "running" (an unfinished migration
                                 with no-transaction steps) and "reverting" */
    int         steps_done;   /* PostgreSQL: steps of a running/reverting migration done */
} dal_migrate_entry;

/* Called once per history row, ascending id; a non-zero return stops. */
typedef int (*dal_migrate_history_fn)(void *ctx, const dal_migrate_entry *e);

/* Applies the pending migrations of list[0..n) (opts NULL = defaults) and
 * sets *napplied (may be NULL) to how many ran.  DAL_OK, or an error
 * recorded on db; migrations before the failing one stay applied. */
int dal_migrate_apply(struct dal_db *db, const dal_migration *list, size_t n,
                      const dal_migrate_options *opts, size_t *napplied);

/* Reverts the `steps` most recent migrations with their down scripts (only
 * opts->progress, opts->done, opts->backup_path and PostgreSQL's timeouts
 * are used). */
int dal_migrate_down(struct dal_db *db, const dal_migration *list, size_t n, size_t steps,
                     const dal_migrate_options *opts);

/* Checks the history against the list (as apply does) without changing
 * anything; fills *out. */
int dal_migrate_status(struct dal_db *db, const dal_migration *list, size_t n,
                       dal_migrate_state *out);

/* Hands each row of the history to fn (none when there is no history
 * table).  DAL_OK, or an error recorded on db. */
int dal_migrate_history(struct dal_db *db, dal_migrate_history_fn fn, void *ctx);

/* A canonical text description of the database's schema: one sorted line per
 * table, column (name, declared type, NOT NULL, default, primary key,
 * hidden/generated), index (unique, partial, key columns with order and
 * collation), foreign key, view and trigger; `_dal_migrations` and SQLite's
 * own tables left out.  CHECK constraints and the text of views and
 * triggers are not compared.  *out is allocated with sqlite3_malloc (free
 * with sqlite3_free).  On PostgreSQL: the current schema's tables,
 * columns (format_type, NOT NULL, default, identity, generated), indexes
 * (pg_get_indexdef), constraints (pg_get_constraintdef), views, sequences,
 * enums and triggers, from the catalogs. */
int dal_schema_describe(struct dal_db *db, char **out);

/* dal_schema_describe of the schema the up scripts of list entries with
 * id <= upto build in a new in-memory database (db: the connection errors
 * are reported on).  *out is allocated with sqlite3_malloc.  On
 * PostgreSQL the scripts run in a new scratch schema inside a transaction
 * that is rolled back (CONCURRENTLY dropped: it cannot run there), so
 * scripts that name their schema cannot be described. */
int dal_migrate_describe(struct dal_db *db, const dal_migration *list, size_t n, int64_t upto, char **out);

/* DAL_OK when dal_schema_describe(db) equals `expected`; otherwise DAL_ERROR
 * with a message naming the first line that differs. */
int dal_schema_check(struct dal_db *db, const char *expected);

#ifdef __cplusplus
}
#endif

#endif
