/* pg_util.h - helpers of libdal's PostgreSQL tests: a database of the
 * test's own on the cluster of tests/pg (PGHOST etc. from run.sh), raw
 * libpq connections for a second session, a counting allocator. */
#ifndef PG_UTIL_H
#define PG_UTIL_H

#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dal_pg.h"

/* The test program's database: dalgen_pgrt_<tag>_<pid>. */
static char pgt_dbname[64];

static inline PGconn *pgt_raw_to(const char *dbname)
{
    const char *const keys[] = { "dbname", NULL };
    const char *const vals[] = { dbname, NULL };
    PGconn *c = PQconnectdbParams(keys, vals, 0);
    if (PQstatus(c) != CONNECTION_OK) fail_msg("connect %s: %s", dbname ? dbname : "", PQerrorMessage(c));
    return c;
}

/* A raw session on the test's database. */
static inline PGconn *pgt_raw(void) { return pgt_raw_to(pgt_dbname); }

static inline void pgt_exec(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail_msg("%s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
}

/* The first value of sql's first row as text, copied into out. */
static inline void pgt_text(PGconn *c, const char *sql, char *out, size_t size)
{
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) < 1) fail_msg("%s: %s", sql, PQresultErrorMessage(r));
    snprintf(out, size, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
}

static inline long long pgt_int(PGconn *c, const char *sql)
{
    char buf[64];
    pgt_text(c, sql, buf, sizeof buf);
    return atoll(buf);
}

/* cmocka group setup/teardown: create and drop the test's database. */
static inline int pgt_setup(const char *tag)
{
    char sql[160];
    PGconn *c = pgt_raw_to(NULL);  /* PGDATABASE */
    snprintf(pgt_dbname, sizeof pgt_dbname, "dalgen_pgrt_%s_%ld", tag, (long)getpid());
    pgt_exec(c, "SET client_min_messages = warning");
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", pgt_dbname);
    pgt_exec(c, sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", pgt_dbname);
    pgt_exec(c, sql);
    PQfinish(c);
    return 0;
}

static inline int pgt_teardown(void)
{
    char sql[160];
    PGconn *c = pgt_raw_to(NULL);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", pgt_dbname);
    pgt_exec(c, sql);
    PQfinish(c);
    return 0;
}

/* dal_open of the test's database (key=value conninfo, engine option). */
static inline dal_db *pgt_open_opts(dal_options *o)
{
    char conninfo[96];
    dal_db *db = NULL;
    int rc;
    o->engine = DAL_ENGINE_POSTGRESQL;
    /* PGT_UNNAMED=1 (the runs through PgBouncer): unnamed statements
     * unless the test chose */
    if (getenv("PGT_UNNAMED") && o->pg_statements == DAL_PG_NAMED) o->pg_statements = DAL_PG_UNNAMED;
    snprintf(conninfo, sizeof conninfo, "dbname=%s", pgt_dbname);
    rc = dal_open(&db, conninfo, o);
    if (rc != DAL_OK) fail_msg("dal_open %s: %s", conninfo, dal_errmsg(db));
    return db;
}

static inline dal_db *pgt_open(void)
{
    dal_options o = DAL_OPTIONS_INIT;
    return pgt_open_opts(&o);
}

static inline void pgt_ok(dal_db *db, int rc)
{
    if (rc != DAL_OK) fail_msg("rc %s: %s (SQLSTATE %s)", dal_rc_name(rc), dal_errmsg(db), dal_sqlstate(db));
}

/* A counting allocator. */
typedef struct pgt_counter { size_t allocs, frees; } pgt_counter;
static inline void *pgt_count_alloc(void *ctx, size_t n) { ((pgt_counter *)ctx)->allocs++; return malloc(n); }
static inline void pgt_count_free(void *ctx, void *p, size_t n)
{
    (void)n;
    if (p) ((pgt_counter *)ctx)->frees++;
    free(p);
}

#endif
