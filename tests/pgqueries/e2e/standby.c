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

/* dal_open, retried for up to 10 s: the database created on the primary
 * appears on the standby once its WAL is replayed. */
static dal_db *open_retrying(const char *ci)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    int i;
    o.engine = DAL_ENGINE_POSTGRESQL;   /* a key=value conninfo is no file name */
    for (i = 0; i < 200; i++) {
        db = NULL;
        if (dal_open(&db, ci, &o) == DAL_OK) return db;
        if (i == 199) fprintf(stderr, "cannot open %s: %s\n", ci, dal_errmsg(db));
        dal_close(db);
        sleep_ms(50);
    }
    return NULL;
}

static int in_recovery(dal_db *db)
{
    bool yes = false, has = false;
    if (standby_in_recovery(db, &yes, &has) != DAL_OK || !has) return -1;
    return yes;
}

/* Reads on the standby: note 1 (written on the primary) once replayed. */
static void reads_on_the_standby(dal_db *db, dal_arena *a)
{
    standby_note got = { 0, NULL };
    const char *body = NULL;
    int rc = DAL_NOTFOUND, i;
    CHECK(in_recovery(db) == 1);
    for (i = 0; i < 200 && rc == DAL_NOTFOUND; i++) {
        rc = standby_note_get(db, 1, &got, a);
        if (rc == DAL_NOTFOUND) sleep_ms(50);
    }
    CHECK(rc == DAL_OK && got.body && !strcmp(got.body, "written on the primary"));
    CHECK(standby_get_note(db, 1, &body, a) == DAL_OK && body && !strcmp(body, "written on the primary"));
}

/* Generated writes on the standby: DAL_ERROR naming 25006. */
static void writes_on_the_standby_fail(dal_db *db, dal_arena *a)
{
    standby_note row = { 2, "written on the standby" };
    CHECK(standby_note_insert(db, &row, a) == DAL_ERROR);
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
    char ci[1024], dbname[64];
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
    CHECK(standby_note_insert(primary, &row, &a) == DAL_OK);
    dal_close(primary);

    /* the primary listed first: prefer-standby still picks the standby */
    conninfo(ci, sizeof ci, dbname, 0, "prefer-standby");
    if ((db = open_retrying(ci)) != NULL) {
        reads_on_the_standby(db, &a);
        writes_on_the_standby_fail(db, &a);
        dal_close(db);
    } else {
        failures++;
    }
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
