/* pgrt.standby: generated code on a real streaming standby (run by
 * tests/pgrt/standby.sh through e2e.sh).  argv[1]: the database's URI on the
 * primary, its schema loaded; DALGEN_PG_STANDBY_HOST/PORT: the standby.
 * A multi-host conninfo with target_session_attrs=prefer-standby lands on
 * the standby and reads a row written on the primary; a generated insert
 * there is DAL_ERROR with SQLSTATE 25006; read-write reaches the primary. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "standby.h"
#include "../../pg/e2e_check.h"

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* host=FIRST,SECOND port=...: libpq tries them in order and keeps the first
 * whose session matches attrs. */
static void conninfo(char *out, size_t size, const char *dbname, int standby_first, const char *attrs)
{
    const char *ph = getenv("PGHOST"), *pp = getenv("PGPORT");
    const char *sh = getenv("DALGEN_PG_STANDBY_HOST"), *sp = getenv("DALGEN_PG_STANDBY_PORT");
    snprintf(out, size, "host=%s,%s port=%s,%s dbname=%s target_session_attrs=%s connect_timeout=5",
             standby_first ? sh : ph, standby_first ? ph : sh, standby_first ? sp : pp,
             standby_first ? pp : sp, dbname, attrs);
}

/* dal_open, retried for up to 30 s: the database created on the primary
 * appears on the standby once its WAL is replayed (slow on a loaded
 * machine, behind every other test's WAL). */
static dal_db *open_retrying(const char *ci)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    int i;
    o.engine = DAL_ENGINE_POSTGRESQL;   /* a key=value conninfo is no file name */
    for (i = 0; i < 300; i++) {
        db = NULL;
        if (dal_open(&db, ci, &o) == DAL_OK) return db;
        if (i == 299) fprintf(stderr, "cannot open %s: %s\n", ci, dal_errmsg(db));
        dal_close(db);
        sleep_ms(100);
    }
    return NULL;
}

/* The first value of sql's first row on db's connection, into out ("" on error). */
static void sql_text(dal_db *db, const char *sql, char *out, size_t size)
{
    PGresult *r = PQexec(dal_pg(db), sql);
    snprintf(out, size, "%s", PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
}

static int in_recovery(dal_db *db)
{
    bool yes = false, has = false;
    if (standby_in_recovery(db, &yes, &has) != DAL_OK || !has) return -1;
    return yes;
}

/* Waits up to 30 s until the standby has replayed the primary's WAL up to
 * lsn (the schema and the row written there): 1 when it has. */
static int replayed(dal_db *standby, const char *lsn)
{
    char sql[128], yes[8];
    int i;
    snprintf(sql, sizeof sql, "SELECT pg_last_wal_replay_lsn() >= '%s'::pg_lsn", lsn);
    for (i = 0; i < 300; i++) {
        sql_text(standby, sql, yes, sizeof yes);
        if (!strcmp(yes, "t")) return 1;
        sleep_ms(100);
    }
    fprintf(stderr, "%s has not replayed up to %s after 30 s (in recovery: %d)\n", PQhost(dal_pg(standby)), lsn,
            in_recovery(standby));
    return 0;
}

/* Reads on the standby: note 1, written on the primary and replayed. */
static void reads_on_the_standby(dal_db *db, dal_arena *a)
{
    standby_note got = { 0, NULL };
    const char *body = NULL;
    if (in_recovery(db) != 1) fprintf(stderr, "prefer-standby: not on the standby but %s\n", PQhost(dal_pg(db)));
    CHECK(in_recovery(db) == 1);
    CHECK(standby_note_get(db, 1, &got, a) == DAL_OK && got.body && !strcmp(got.body, "written on the primary"));
    CHECK(standby_get_note(db, 1, &body, a) == DAL_OK && body && !strcmp(body, "written on the primary"));
}

/* Generated writes on the standby: DAL_ERROR naming 25006. */
static void writes_on_the_standby_fail(dal_db *db, dal_arena *a)
{
    standby_note row = { 2, "written on the standby" };
    CHECK(standby_note_insert(db, &row, a) == DAL_ERROR);
    if (strcmp(dal_sqlstate(db), "25006") != 0) fprintf(stderr, "insert on the standby: %s\n", dal_errmsg(db));
    CHECK(!strcmp(dal_sqlstate(db), "25006"));
    CHECK(strstr(dal_errmsg(db), "25006") != NULL);
    CHECK(strstr(dal_errmsg(db), "read-only server (standby?)") != NULL);
    CHECK(standby_add_note(db, 3, "also on the standby") == DAL_ERROR);
    CHECK(!strcmp(dal_sqlstate(db), "25006") && strstr(dal_errmsg(db), "25006") != NULL);
    /* the connection stays usable for reads */
    CHECK(in_recovery(db) == 1);
}

int main(int argc, char **argv)
{
    dal_db *primary = e2e_open(argc, argv), *db;
    char ci[1024], dbname[64], lsn[32];
    standby_note row = { 1, "written on the primary" };
    dal_arena a;
    if (!primary) return 1;
    if (!getenv("DALGEN_PG_STANDBY_HOST") || !getenv("DALGEN_PG_STANDBY_PORT")) {
        fprintf(stderr, "no DALGEN_PG_STANDBY_HOST/PORT: run through tests/pgrt/standby.sh\n");
        return 1;
    }
    dal_arena_init(&a, NULL);
    snprintf(dbname, sizeof dbname, "%s", PQdb(dal_pg(primary)));
    CHECK(in_recovery(primary) == 0);
    /* the cluster's synchronous_commit=off would let the commit wait for
     * the WAL writer: flushed at commit, pg_current_wal_lsn() covers it */
    CHECK(dal_exec(primary, "SET synchronous_commit = on") == DAL_OK);
    CHECK(standby_note_insert(primary, &row, &a) == DAL_OK);
    sql_text(primary, "SELECT pg_current_wal_lsn()", lsn, sizeof lsn);
    dal_close(primary);

    /* the primary listed first: prefer-standby still picks the standby */
    conninfo(ci, sizeof ci, dbname, 0, "prefer-standby");
    if ((db = open_retrying(ci)) != NULL && replayed(db, lsn)) {
        reads_on_the_standby(db, &a);
        writes_on_the_standby_fail(db, &a);
    } else {
        failures++;
    }
    dal_close(db);
    /* the standby listed first: read-write skips it, and the insert succeeds */
    conninfo(ci, sizeof ci, dbname, 1, "read-write");
    if ((db = open_retrying(ci)) != NULL) {
        standby_note got = { 0, NULL };
        row.id = 2;
        row.body = "written through read-write";
        CHECK(in_recovery(db) == 0);
        CHECK(standby_note_insert(db, &row, &a) == DAL_OK);
        CHECK(standby_add_note(db, 3, "added through read-write") == DAL_OK);
        CHECK(standby_note_get(db, 2, &got, &a) == DAL_OK && !strcmp(got.body, row.body));
        dal_close(db);
    } else {
        failures++;
    }
    dal_arena_free(&a);
    printf("%s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
