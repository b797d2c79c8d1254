/* txn.c - PostgreSQL transactions: BEGIN at the options' isolation level,
 * SAVEPOINT dal_<depth> below it, and PostgreSQL's rule made explicit: a
 * transaction that saw an error is aborted until rolled back, so
 * dal_commit of an aborted level rolls it back and returns DAL_ERROR. */
#include "pg_int.h"

#include <stdio.h>

static int savepoint(dal_db *db, const char *verb, int depth)
{
    char sql[64];
    snprintf(sql, sizeof sql, "%s dal_%d", verb, depth);
    return dal__pg_exec(db, sql);
}

static const char *begin_sql(const dal_db *db, bool read)
{
    if (read) return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    switch (db->opts.pg_isolation) {
    case DAL_PG_REPEATABLE_READ: return "BEGIN ISOLATION LEVEL REPEATABLE READ";
    case DAL_PG_SERIALIZABLE:    return "BEGIN ISOLATION LEVEL SERIALIZABLE";
    default:                     return "BEGIN";
    }
}

int dal__pg_begin(dal_db *db, bool read)
{
    int rc;
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "the connection is not open");
    if (db->txn_depth == 0) {
        /* A wrapped connection may be inside the program's own transaction:
         * then our outermost level is a savepoint too. */
        db->txn_base_savepoint = PQtransactionStatus(db->pg) != PQTRANS_IDLE;
        rc = db->txn_base_savepoint ? savepoint(db, "SAVEPOINT", 1) : dal__pg_exec(db, begin_sql(db, read));
    } else {
        rc = savepoint(db, "SAVEPOINT", db->txn_depth + 1);
    }
    if (rc == DAL_OK) db->txn_depth++;
    return rc;
}

/* The server ended the transaction on its own (connection reset, a
 * program's COMMIT through dal_pg): the levels we track are gone. */
static bool lost_transaction(dal_db *db)
{
    PGTransactionStatusType ts = db->pg ? PQtransactionStatus(db->pg) : PQTRANS_UNKNOWN;
    if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR || ts == PQTRANS_ACTIVE) return false;
    db->txn_depth = 0;
    return true;
}

/* Undo the current level: ROLLBACK TO + RELEASE for a savepoint. */
static int undo_level(dal_db *db)
{
    int rc;
    if (db->txn_depth > 1 || db->txn_base_savepoint) {
        rc = savepoint(db, "ROLLBACK TO", db->txn_depth);
        if (rc == DAL_OK) rc = savepoint(db, "RELEASE", db->txn_depth);
    } else {
        rc = dal__pg_exec(db, "ROLLBACK");
    }
    db->txn_depth--;  /* gone even when the server complains: never half open */
    return rc;
}

int dal__pg_commit(dal_db *db)
{
    int rc;
    if (db->txn_depth == 0)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_commit: no transaction is open");
    if (lost_transaction(db))
        return dal__error_state(db, DAL_ERROR, "25000", "dal_commit: the transaction is gone (connection reset?)");
    if (PQtransactionStatus(db->pg) == PQTRANS_INERROR) {
        int depth = db->txn_depth;
        if ((rc = undo_level(db)) != DAL_OK) return rc;
        return dal__error_state(db, DAL_ERROR, "25P02",
                                "dal_commit: the transaction was aborted by an earlier error: %s",
                                depth > 1 || db->txn_base_savepoint
                                    ? "rolled back to its savepoint (the outer transaction goes on)"
                                    : "rolled back");
    }
    if (db->txn_depth > 1 || db->txn_base_savepoint)
        rc = savepoint(db, "RELEASE", db->txn_depth);
    else
        rc = dal__pg_exec(db, "COMMIT");
    /* A COMMIT the server refused (serialization failure, a deferred
     * constraint) still ended the transaction. */
    if (rc == DAL_OK || PQtransactionStatus(db->pg) == PQTRANS_IDLE) db->txn_depth--;
    return rc;
}

int dal__pg_rollback(dal_db *db)
{
    if (db->txn_depth == 0)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_rollback: no transaction is open");
    if (lost_transaction(db)) return DAL_OK;
    return undo_level(db);
}
