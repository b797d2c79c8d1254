/* pgrt.conn: dal_open of PostgreSQL (URI, key=value with the engine
 * option, environment), the settings it applies, dal_wrap_pg, dal_close,
 * dal_exec, dal_changes, version 1 options. */
#include "pg_util.h"

static void uri_from_the_environment_opens_postgresql(void **state)
{
    dal_db *db = NULL;
    (void)state;
    assert_int_equal(dal_open(&db, "postgresql://", NULL), DAL_OK);
    assert_int_equal(dal_engine(db), DAL_ENGINE_POSTGRESQL);
    assert_non_null(dal_pg(db));
    assert_null(dal_sqlite(db));
    assert_int_equal(PQstatus(dal_pg(db)), CONNECTION_OK);
    dal_close(db);
    db = NULL;
    assert_int_equal(dal_open(&db, "postgres://", NULL), DAL_OK);
    assert_int_equal(dal_engine(db), DAL_ENGINE_POSTGRESQL);
    dal_close(db);
}

static void settings_are_utf8_dalgen_and_the_lock_timeout(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    char buf[64];
    (void)state;
    o.busy_timeout_ms = 1234;
    o.statement_timeout_ms = 5000;
    db = pgt_open_opts(&o);
    assert_string_equal(PQparameterStatus(dal_pg(db), "client_encoding"), "UTF8");
    assert_string_equal(PQparameterStatus(dal_pg(db), "application_name"), "dalgen");
    pgt_text(dal_pg(db), "SHOW lock_timeout", buf, sizeof buf);
    assert_string_equal(buf, "1234ms");
    pgt_text(dal_pg(db), "SHOW statement_timeout", buf, sizeof buf);
    assert_string_equal(buf, "5s");
    dal_close(db);
}

static void a_conninfo_keeps_its_own_settings(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    char conninfo[160];
    dal_db *db = NULL;
    (void)state;
    o.engine = DAL_ENGINE_POSTGRESQL;
    o.busy_timeout_ms = 0;
    snprintf(conninfo, sizeof conninfo, "dbname=%s application_name=mine client_encoding=LATIN1", pgt_dbname);
    assert_int_equal(dal_open(&db, conninfo, &o), DAL_OK);
    assert_string_equal(PQparameterStatus(dal_pg(db), "application_name"), "mine");
    assert_string_equal(PQparameterStatus(dal_pg(db), "client_encoding"), "LATIN1");
    assert_int_equal(pgt_int(dal_pg(db), "SELECT extract(epoch FROM current_setting('lock_timeout')::interval)"), 0);
    dal_close(db);
}

static void a_bad_conninfo_fails_with_a_message(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    (void)state;
    assert_int_equal(dal_open(&db, "postgresql:///no_such_database_dalgen", NULL), DAL_ERROR);
    assert_non_null(db);
    assert_non_null(strstr(dal_errmsg(db), "cannot connect to PostgreSQL"));
    assert_non_null(strstr(dal_errmsg(db), "no_such_database_dalgen"));
    assert_string_equal(dal_sqlstate(db), "08001");
    assert_int_equal(dal_errcode(db), DAL_SQLSTATE('0', '8', '0', '0', '1'));
    assert_null(dal_pg(db));
    assert_int_equal(dal_exec(db, "SELECT 1"), DAL_MISUSE);
    dal_close(db);
    db = NULL;
    o.engine = DAL_ENGINE_POSTGRESQL;
    assert_int_equal(dal_open(&db, "port=1 host=/nonexistent", &o), DAL_ERROR);
    assert_non_null(strstr(dal_errmsg(db), "/nonexistent"));
    dal_close(db);
}

static void other_strings_stay_sqlite_paths(void **state)
{
    dal_db *db = NULL;
    (void)state;
    assert_int_equal(dal_open(&db, ":memory:", NULL), DAL_OK);
    assert_int_equal(dal_engine(db), DAL_ENGINE_SQLITE);
    assert_null(dal_pg(db));
    assert_non_null(dal_sqlite(db));
    assert_int_equal(dal_exec(db, "SELECT nope"), DAL_ERROR);
    assert_string_equal(dal_sqlstate(db), "");
    assert_null(dal_error_field(db, DAL_ERRF_CONSTRAINT));
    assert_int_equal(dal_reconnect(db), DAL_MISUSE);
    dal_close(db);
}

static void wrap_changes_nothing_and_close_leaves_it_open(void **state)
{
    PGconn *c = pgt_raw();
    dal_db *db = NULL;
    char buf[64];
    (void)state;
    pgt_exec(c, "SET application_name = 'prog'");
    assert_int_equal(dal_wrap_pg(&db, c, NULL), DAL_OK);
    assert_ptr_equal(dal_pg(db), c);
    assert_int_equal(dal_engine(db), DAL_ENGINE_POSTGRESQL);
    pgt_ok(db, dal_exec(db, "CREATE TEMP TABLE w (x int)"));
    pgt_text(c, "SHOW application_name", buf, sizeof buf);
    assert_string_equal(buf, "prog");
    pgt_text(c, "SHOW lock_timeout", buf, sizeof buf);
    assert_string_equal(buf, "0");
    dal_close(db);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    assert_int_equal(pgt_int(c, "SELECT count(*) FROM w"), 0);
    PQfinish(c);
    db = NULL;
    assert_int_equal(dal_wrap_pg(&db, NULL, NULL), DAL_MISUSE);
    dal_close(db);
}

static void exec_runs_several_statements_and_counts_changes(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    pgt_ok(db, dal_exec(db, "CREATE TABLE IF NOT EXISTS c (x int); DELETE FROM c"));
    pgt_ok(db, dal_exec(db, "INSERT INTO c SELECT generate_series(1, 7)"));
    assert_int_equal(dal_changes(db), 7);
    pgt_ok(db, dal_exec(db, "UPDATE c SET x = x + 1 WHERE x > 4"));
    assert_int_equal(dal_changes(db), 3);
    assert_int_equal(dal_last_rowid(db), 0);
    assert_int_equal(dal_exec(db, "SELEC 1"), DAL_ERROR);
    assert_string_equal(dal_sqlstate(db), "42601");
    assert_string_equal(dal_error_field(db, DAL_ERRF_POSITION), "1");
    assert_non_null(strstr(dal_errmsg(db), "syntax error"));
    dal_error_clear(db);
    assert_string_equal(dal_sqlstate(db), "");
    assert_int_equal(dal_errcode(db), 0);
    assert_null(dal_error_field(db, DAL_ERRF_POSITION));
    pgt_ok(db, dal_exec(db, "DROP TABLE c"));
    dal_close(db);
}

/* A program compiled against version 1 of dal_options passes a shorter
 * struct: the fields after clock_ctx are not read. */
typedef struct options_v1 {
    int version, busy_timeout_ms;
    bool no_wal, lenient, create_dirs, read_only, skip_validation;
    const dal_allocator *allocator;
    dal_clock_fn clock;
    void *clock_ctx;
} options_v1;

static void version_1_options_keep_working(void **state)
{
    options_v1 *v1 = malloc(sizeof *v1);  /* ASan sees a read past it */
    dal_db *db = NULL;
    (void)state;
    memset(v1, 0, sizeof *v1);
    v1->version = 1;
    v1->busy_timeout_ms = 42;
    assert_int_equal(dal_open(&db, ":memory:", (const dal_options *)(void *)v1), DAL_OK);
    assert_int_equal(dal_db_options(db)->busy_timeout_ms, 42);
    assert_int_equal(dal_db_options(db)->engine, DAL_ENGINE_AUTO);
    assert_int_equal(dal_db_options(db)->pg_statements, DAL_PG_NAMED);
    dal_close(db);
    free(v1);
}

static void read_only_and_reconnect(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    (void)state;
    o.read_only = true;
    db = pgt_open_opts(&o);
    assert_int_equal(dal_exec(db, "CREATE TABLE ro (x int)"), DAL_ERROR);
    assert_string_equal(dal_sqlstate(db), "25006");
    assert_non_null(strstr(dal_errmsg(db), "read-only"));
    pgt_ok(db, dal_reconnect(db));
    assert_int_equal(dal_exec(db, "CREATE TABLE ro (x int)"), DAL_ERROR);  /* settings applied again */
    dal_close(db);
}

static void a_killed_backend_is_connection_lost(void **state)
{
    dal_db *db = pgt_open();
    PGconn *c = pgt_raw();
    char sql[96];
    (void)state;
    snprintf(sql, sizeof sql, "SELECT pg_terminate_backend(%d)", PQbackendPID(dal_pg(db)));
    pgt_exec(c, sql);
    usleep(100000);
    assert_int_equal(dal_exec(db, "SELECT 1"), DAL_ERROR);
    assert_non_null(strstr(dal_errmsg(db), "connection lost"));
    /* 57P01 admin_shutdown when its message arrived, else 08006 */
    assert_true(strcmp(dal_sqlstate(db), "08006") == 0 || strcmp(dal_sqlstate(db), "57P01") == 0);
    pgt_ok(db, dal_reconnect(db));
    pgt_ok(db, dal_exec(db, "SELECT 1"));
    PQfinish(c);
    dal_close(db);
}

/* The migration calls reach PostgreSQL's runner (tested in tests/pgmigrate):
 * a list without checksums is refused before anything runs, the schema is
 * described from the catalogs; SQLite's keyed statements refuse a
 * PostgreSQL connection instead of handing sqlite3 a NULL handle. */
static void sqlite_only_calls_refuse_postgresql(void **state)
{
    static const dal_migration list[] = { { 1, "0001_init", "CREATE TABLE m (x int)", NULL, NULL } };
    dal_db *db = pgt_open();
    dal_migrate_state st;
    char *desc = NULL;
    sqlite3_stmt *s = NULL;
    (void)state;
    assert_int_equal(dal_migrate_apply(db, list, 1, NULL, NULL), DAL_MISUSE);
    assert_non_null(strstr(dal_errmsg(db), "entry 0 is invalid"));
    assert_int_equal(dal_migrate_status(db, list, 1, &st), DAL_MISUSE);
    assert_int_equal(dal_schema_describe(db, &desc), DAL_OK);
    assert_non_null(desc);
    sqlite3_free(desc);
    assert_int_equal(dal_stmt_acquire_keyed(db, NULL, 0, 1, "SELECT 1", &s), DAL_MISUSE);
    dal_close(db);
}

static int setup(void **state) { (void)state; return pgt_setup("conn"); }
static int teardown(void **state) { (void)state; return pgt_teardown(); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uri_from_the_environment_opens_postgresql),
        cmocka_unit_test(settings_are_utf8_dalgen_and_the_lock_timeout),
        cmocka_unit_test(a_conninfo_keeps_its_own_settings),
        cmocka_unit_test(a_bad_conninfo_fails_with_a_message),
        cmocka_unit_test(other_strings_stay_sqlite_paths),
        cmocka_unit_test(wrap_changes_nothing_and_close_leaves_it_open),
        cmocka_unit_test(exec_runs_several_statements_and_counts_changes),
        cmocka_unit_test(version_1_options_keep_working),
        cmocka_unit_test(read_only_and_reconnect),
        cmocka_unit_test(a_killed_backend_is_connection_lost),
        cmocka_unit_test(sqlite_only_calls_refuse_postgresql),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
