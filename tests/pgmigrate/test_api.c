/* pgmigrate.api: the PostgreSQL runner through libdal's C API: the
 * documented lock key and DAL_BUSY, the options' timeouts, the refusals
 * (open transaction, pooled connection, backup_path), progress and done
 * (options version 3; none from a version 2 struct), status,
 * history, and dal_schema_describe/dal_migrate_describe/dal_schema_check. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <dal.h>
#include <dal_pg.h>

static int fails;
#define CHECK(c)                                                                    \
    do {                                                                            \
        if (!(c)) {                                                                 \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #c);           \
            fails++;                                                                \
        }                                                                           \
    } while (0)

static const dal_migration list[] = {
    {1, "0001_a", "CREATE TABLE a (id integer PRIMARY KEY, v text);\n"
                  "-- dalgen:no-transaction\nCREATE INDEX CONCURRENTLY a_v ON a (v);\n",
     "DROP TABLE a;", "c1"},
    {2, "0002_b", "ALTER TABLE a ADD COLUMN w integer; CREATE TABLE b (x bigint);", "DROP TABLE b; ALTER TABLE a DROP COLUMN w;",
     "c2"},
};

/* The key the documentation gives: FNV-1a 64 of "dalgen:<schema>._dal_migrations". */
static int64_t lock_key(const char *schema)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    char text[200];
    snprintf(text, sizeof text, "dalgen:%s._dal_migrations", schema);
    for (const char *p = text; *p; p++) h = (h ^ (unsigned char)*p) * UINT64_C(0x100000001b3);
    return (int64_t)h;
}

/* SHOW name on db's own session. */
static void show(dal_db *db, const char *name, char *out, size_t size)
{
    char sql[100];
    snprintf(sql, sizeof sql, "SHOW %s", name);
    PGresult *r = PQexec(dal_pg(db), sql);
    snprintf(out, size, "%s", PQresultStatus(r) == PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : "?");
    PQclear(r);
}

static int statements;
static void count(void *ctx, const dal_migration *m, int stmt, int nstmts, const char *sql)
{
    (void)ctx, (void)m, (void)sql;
    CHECK(stmt >= 1 && stmt <= nstmts);
    statements++;
}

/* Options version 3: done after each migration committed. */
static int dones;
static int64_t done_ms = -1;
static void on_done(void *ctx, const dal_migration *m, int64_t ms)
{
    (void)ctx, (void)m;
    CHECK(ms >= 0);
    done_ms = ms;
    dones++;
}

static int rows;
static int row(void *ctx, const dal_migrate_entry *e)
{
    (void)ctx;
    CHECK(!strcmp(e->state, "applied") && e->duration_ms >= 0 && e->applied_at[0] == '2');
    rows++;
    return 0;
}

int main(void)
{
    dal_db *admin = NULL, *db = NULL, *other = NULL, *pooled = NULL;
    dal_options po = DAL_OPTIONS_INIT;
    po.pg_statements = DAL_PG_UNNAMED;
    if (dal_open(&admin, "postgresql:///postgres", NULL) != DAL_OK) return fprintf(stderr, "%s\n", dal_errmsg(admin)), 1;
    dal_exec(admin, "DROP DATABASE IF EXISTS pgm_api WITH (FORCE)");
    CHECK(dal_exec(admin, "CREATE DATABASE pgm_api") == DAL_OK);
    CHECK(dal_open(&db, "postgresql:///pgm_api", NULL) == DAL_OK);
    CHECK(dal_open(&other, "postgresql:///pgm_api", NULL) == DAL_OK);
    CHECK(dal_open(&pooled, "postgresql:///pgm_api", &po) == DAL_OK);

    /* refusals */
    dal_migrate_options o = DAL_MIGRATE_OPTIONS_INIT;
    o.backup_path = "x.db";
    CHECK(dal_migrate_apply(db, list, 2, &o, NULL) == DAL_MISUSE);
    CHECK(strstr(dal_errmsg(db), "pg_dump") != NULL);
    CHECK(dal_migrate_apply(pooled, list, 2, NULL, NULL) == DAL_MISUSE);
    CHECK(strstr(dal_errmsg(pooled), "direct connection") != NULL);
    CHECK(dal_begin(db) == DAL_OK && dal_exec(db, "CREATE TABLE mine (x integer)") == DAL_OK);
    CHECK(dal_migrate_apply(db, list, 2, NULL, NULL) == DAL_MISUSE);
    CHECK(dal_migrate_down(db, list, 2, 1, NULL) == DAL_MISUSE);
    CHECK(dal_exec(db, "INSERT INTO mine VALUES (1)") == DAL_OK);   /* the caller's transaction goes on */
    CHECK(dal_rollback(db) == DAL_OK);

    /* the lock, held by another session under the documented key */
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT pg_advisory_lock(%" PRId64 ")", lock_key("public"));
    CHECK(dal_exec(other, sql) == DAL_OK);
    o = (dal_migrate_options)DAL_MIGRATE_OPTIONS_INIT;
    o.lock_wait_ms = 200;
    CHECK(dal_migrate_apply(db, list, 2, &o, NULL) == DAL_BUSY);
    CHECK(strstr(dal_errmsg(db), "another process is migrating") != NULL);
    CHECK(dal_exec(other, "SELECT pg_advisory_unlock_all()") == DAL_OK);

    /* apply 1 with progress; status; history */
    size_t n = 0;
    o = (dal_migrate_options)DAL_MIGRATE_OPTIONS_INIT;
    o.target = 1;
    o.progress = count;
    o.done = on_done;
    CHECK(dal_migrate_apply(db, list, 2, &o, &n) == DAL_OK && n == 1);
    CHECK(statements == 2);
    CHECK(dones == 1 && done_ms >= 0);   /* once, for the migration of two steps */
    dal_migrate_state st;
    CHECK(dal_migrate_status(db, list, 2, &st) == DAL_OK && st.current == 1 && st.applied == 1 && st.pending == 1);
    CHECK(dal_migrate_history(db, row, NULL) == DAL_OK && rows == 1);

    /* lock_timeout: another session holds a lock on a */
    CHECK(dal_begin(other) == DAL_OK && dal_exec(other, "LOCK TABLE a IN ACCESS SHARE MODE") == DAL_OK);
    o = (dal_migrate_options)DAL_MIGRATE_OPTIONS_INIT;
    o.lock_timeout_ms = 100;
    CHECK(dal_migrate_apply(db, list, 2, &o, &n) == DAL_BUSY && n == 0);
    CHECK(strstr(dal_errmsg(db), "migration 0002_b, statement 1") != NULL && !strcmp(dal_sqlstate(db), "55P03"));
    CHECK(dal_rollback(other) == DAL_OK);
    /* the options' timeouts hold for the run only: the session's come back */
    char lock_before[32], stmt_before[32], lock_after[32], stmt_after[32];
    show(db, "lock_timeout", lock_before, sizeof lock_before);
    show(db, "statement_timeout", stmt_before, sizeof stmt_before);
    o.lock_timeout_ms = 1234;
    o.statement_timeout_ms = 4321;
    CHECK(dal_migrate_apply(db, list, 2, &o, &n) == DAL_OK && n == 1);
    show(db, "lock_timeout", lock_after, sizeof lock_after);
    show(db, "statement_timeout", stmt_after, sizeof stmt_after);
    CHECK(!strcmp(lock_before, "5s") && !strcmp(lock_before, lock_after));
    CHECK(!strcmp(stmt_before, "0") && !strcmp(stmt_before, stmt_after));

    /* schema description, of the database and of the list */
    char *have = NULL, *want = NULL;
    CHECK(dal_schema_describe(db, &have) == DAL_OK && strstr(have, "index a.a_v unique=false valid=true USING btree (v)"));
    CHECK(dal_migrate_describe(db, list, 2, 2, &want) == DAL_OK && want && have && !strcmp(have, want));
    CHECK(dal_schema_check(db, want) == DAL_OK);
    CHECK(dal_exec(db, "ALTER TABLE b ADD COLUMN y text") == DAL_OK);
    CHECK(dal_schema_check(db, want) == DAL_ERROR && strstr(dal_errmsg(db), "column b.y type=text") != NULL);
    sqlite3_free(have);
    sqlite3_free(want);

    /* down both */
    CHECK(dal_exec(db, "ALTER TABLE b DROP COLUMN y") == DAL_OK);
    o = (dal_migrate_options)DAL_MIGRATE_OPTIONS_INIT;
    o.done = on_done;
    o.version = 2;   /* an older struct has no done: none is called */
    CHECK(dal_migrate_down(db, list, 2, 1, &o) == DAL_OK && dones == 1);
    o.version = DAL_MIGRATE_OPTIONS_VERSION;
    CHECK(dal_migrate_down(db, list, 2, 1, &o) == DAL_OK && dones == 2);
    CHECK(dal_migrate_status(db, list, 2, &st) == DAL_OK && st.applied == 0 && st.pending == 2);

    /* the statement cut: E'' strings, nested comments, dollar quotes, no $1 confusion */
    static const dal_migration lex[] = {
        {1, "0001_lex", "CREATE TABLE s (t text);\n"
                        "INSERT INTO s VALUES (E'a\\'; b'); /* c /* ; */ ; */ INSERT INTO s VALUES ($t$x;y$t$);\n"
                        "CREATE FUNCTION f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1 + 1; ';\n"
                        "-- dalgen:no-transaction\n-- a comment; with a semicolon\nVACUUM s;\n",
         "DROP TABLE s; DROP FUNCTION f(integer);", "c3"},
    };
    statements = 0;
    o = (dal_migrate_options)DAL_MIGRATE_OPTIONS_INIT;
    o.progress = count;
    CHECK(dal_migrate_apply(db, lex, 1, &o, &n) == DAL_OK && n == 1);
    CHECK(statements == 5);
    char got[64];
    PGresult *r = PQexec(dal_pg(db), "SELECT string_agg(t, '|' ORDER BY t) || f(1) FROM s");
    snprintf(got, sizeof got, "%s", PQresultStatus(r) == PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : "?");
    PQclear(r);
    CHECK(!strcmp(got, "a'; b|x;y2"));

    dal_close(pooled);
    dal_close(other);
    dal_close(db);
    dal_exec(admin, "DROP DATABASE pgm_api WITH (FORCE)");
    dal_close(admin);
    printf("%d failures\n", fails);
    return fails != 0;
}
