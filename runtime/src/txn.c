/* txn.c - transactions; nested calls become savepoints named dal_<depth>. */
#include "dal_internal.h"

#include <stdio.h>

/* The outermost statements run through the statement cache: a program that
 * commits often does not prepare BEGIN and COMMIT every time. */
enum { TX_BEGIN_IMMEDIATE, TX_BEGIN_DEFERRED, TX_COMMIT, TX_ROLLBACK };
static unsigned tx_slot;
static const char *const tx_sql[] = { "BEGIN IMMEDIATE", "BEGIN DEFERRED", "COMMIT", "ROLLBACK" };
static const dal_unit tx_unit = { "libdal transactions", 4, tx_sql, &tx_slot };

static int run(dal_db *db, int id)
{
    sqlite3_stmt *st = NULL;
    int rc = dal_stmt_acquire(db, &tx_unit, id, &st);
    if (rc != DAL_OK) return rc;
    rc = dal_step_done(db, st);
    dal_stmt_release(db, &tx_unit, id, st);
    return rc;
}

static int savepoint(dal_db *db, const char *verb, int depth)
{
    char sql[64];
    snprintf(sql, sizeof sql, "%s dal_%d", verb, depth);
    return dal_exec(db, sql);
}

static int begin(dal_db *db, int id)
{
    int rc;
    if (!db->handle) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "the connection is not open");
    if (db->txn_depth == 0) {
        /* A wrapped connection may already be inside the program's own
         * transaction: then our outermost level is a savepoint too. */
        db->txn_base_savepoint = !sqlite3_get_autocommit(db->handle);
        rc = db->txn_base_savepoint ? savepoint(db, "SAVEPOINT", 1) : run(db, id);
    } else {
        rc = savepoint(db, "SAVEPOINT", db->txn_depth + 1);
    }
    if (rc == DAL_OK) db->txn_depth++;
    return rc;
}

#if DAL_HAVE_POSTGRESQL
#define DAL__PG_DISPATCH(db, call) \
    if ((db)->engine == DAL_ENGINE_POSTGRESQL) return call
#else
#define DAL__PG_DISPATCH(db, call) (void)0
#endif

int dal_begin(dal_db *db)
{
    DAL__PG_DISPATCH(db, dal__pg_begin(db, false));
    return begin(db, TX_BEGIN_IMMEDIATE);
}

int dal_begin_read(dal_db *db)
{
    DAL__PG_DISPATCH(db, dal__pg_begin(db, true));
    return begin(db, TX_BEGIN_DEFERRED);
}

/* SQLite rolls back on its own after some errors (SQLITE_FULL, IOERR, ...):
 * then the levels we track are gone. */
static int lost_transaction(dal_db *db)
{
    if (!db->handle) return 1;
    if (db->txn_base_savepoint || !sqlite3_get_autocommit(db->handle)) return 0;
    db->txn_depth = 0;
    return 1;
}

int dal_commit(dal_db *db)
{
    int rc;
    DAL__PG_DISPATCH(db, dal__pg_commit(db));
    if (db->txn_depth == 0)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_commit: no transaction is open");
    if (lost_transaction(db))
        return dal_error_set(db, DAL_ERROR, SQLITE_ABORT,
                             "dal_commit: SQLite already rolled the transaction back after an error");
    if (db->txn_depth > 1 || db->txn_base_savepoint)
        rc = savepoint(db, "RELEASE", db->txn_depth);
    else
        rc = run(db, TX_COMMIT);
    if (rc == DAL_OK) db->txn_depth--;
    return rc;
}

int dal_rollback(dal_db *db)
{
    int rc;
    DAL__PG_DISPATCH(db, dal__pg_rollback(db));
    if (db->txn_depth == 0)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_rollback: no transaction is open");
    if (lost_transaction(db)) return DAL_OK;
    if (db->txn_depth > 1 || db->txn_base_savepoint) {
        rc = savepoint(db, "ROLLBACK TO", db->txn_depth);
        if (rc == DAL_OK) rc = savepoint(db, "RELEASE", db->txn_depth);
    } else {
        rc = run(db, TX_ROLLBACK);
    }
    /* The level is gone even when SQLite complains: never leave it half open. */
    db->txn_depth--;
    return rc;
}

int dal_txn_depth(const dal_db *db) { return db->txn_depth; }
