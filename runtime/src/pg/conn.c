/* conn.c - PostgreSQL connections: dal_open of a conninfo, dal_wrap_pg,
 * dal_close, dal_exec, dal_reconnect. */
#include "pg_int.h"

#include <stdio.h>
#include <stdlib.h>

/* Servers libdal refuses: before 13, or with float datetimes (binary
 * timestamps would not be int64 µs). */
static int check_server(dal_db *db)
{
    const char *idt = PQparameterStatus(db->pg, "integer_datetimes");
    int v = PQserverVersion(db->pg);
    if (v < 130000)
        return dal__error_state(db, DAL_ERROR, "0A000", "PostgreSQL server %d.%d is too old: libdal needs 13 or later",
                                v / 10000, v % 10000 / 100);
    if (!idt || strcmp(idt, "on") != 0)
        return dal__error_state(db, DAL_ERROR, "0A000",
                                "the server does not use integer datetimes: libdal cannot read its timestamps");
    return DAL_OK;
}

/* The session settings the options ask for, in one round trip. */
static int apply_settings(dal_db *db)
{
    char sql[256];
    int n = snprintf(sql, sizeof sql, "SET lock_timeout = %d; SET statement_timeout = %d",
                     db->opts.busy_timeout_ms, db->opts.statement_timeout_ms);
    if (db->opts.read_only) snprintf(sql + n, sizeof sql - (size_t)n, "; SET default_transaction_read_only = on");
    return dal__pg_exec(db, sql);
}

/* libpq prints NOTICEs on stderr by default; a library keeps quiet (a
 * program sets its own processor on dal_pg(db) to see them). */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

int dal__pg_open(dal_db *db, const char *conninfo)
{
    /* Keywords before dbname are defaults the conninfo (expanded from
     * dbname) overrides: client_encoding=UTF8 unless given. */
    const char *const keys[] = { "client_encoding", "fallback_application_name", "dbname", NULL };
    const char *const vals[] = { "UTF8", "dalgen", conninfo, NULL };
    int rc;
    db->engine = DAL_ENGINE_POSTGRESQL;
    db->pg = PQconnectdbParams(keys, vals, 1);
    db->pg_owns = true;
    if (!db->pg) return dal__oom(db);
    if (PQstatus(db->pg) != CONNECTION_OK) {
        const char *m = PQerrorMessage(db->pg);
        size_t n = strlen(m);
        while (n > 0 && m[n - 1] == '\n') n--;
        rc = dal__error_state(db, DAL_ERROR, "08001", "cannot connect to PostgreSQL: %.*s", (int)n, m);
    } else if ((rc = check_server(db)) == DAL_OK) {
        PQsetNoticeProcessor(db->pg, ignore_notice, NULL);
        rc = apply_settings(db);
    }
    if (rc != DAL_OK) {
        /* Nothing half open: the socket goes now. */
        PQfinish(db->pg);
        db->pg = NULL;
    }
    return rc;
}

int dal_wrap_pg(dal_db **out, PGconn *conn, const dal_options *opts)
{
    int rc;
    if (!out) return DAL_MISUSE;
    if ((rc = dal__db_new(out, opts)) != DAL_OK) return rc;
    (*out)->engine = DAL_ENGINE_POSTGRESQL;
    if (!conn) return dal_error_set(*out, DAL_MISUSE, SQLITE_MISUSE, "dal_wrap_pg: conn is NULL");
    (*out)->pg = conn;
    (*out)->pg_owns = false;
    if (PQstatus(conn) != CONNECTION_OK) return dal__pg_lost(*out);
    return check_server(*out);
}

void dal__pg_close(dal_db *db)
{
    dal__pg_stmt_cache_free(db);
    dal__pg_keyed_free(db);
    if (db->pg_owns && db->pg) PQfinish(db->pg);
    db->pg = NULL;
}

int dal__pg_exec(dal_db *db, const char *sql)
{
    PGresult *res;
    ExecStatusType st;
    int rc = DAL_OK;
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "the connection is not open");
    res = PQexec(db->pg, sql);
    st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY)
        db->pg_changes = strtoll(PQcmdTuples(res), NULL, 10);
    else
        rc = dal__pg_result_error(db, res);
    PQclear(res);
    return rc;
}

int dal_reconnect(dal_db *db)
{
    if (db->engine != DAL_ENGINE_POSTGRESQL || !db->pg)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_reconnect: not a PostgreSQL connection");
    dal__pg_stmt_cache_free(db);
    dal__pg_keyed_free(db);
    db->txn_depth = 0;
    PQreset(db->pg);
    if (PQstatus(db->pg) != CONNECTION_OK) return dal__pg_lost(db);
    return db->pg_owns ? apply_settings(db) : DAL_OK;
}
