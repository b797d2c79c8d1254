/* pgrt.errors: SQLSTATEs mapped to DAL_* codes, the constraint and the
 * other fields of the error, the packed dal_errcode; lock_timeout, a
 * serialization failure and a deadlock -> DAL_BUSY against a second
 * session. */
#include "pg_util.h"

static const char schema[] =
    "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');"
    "CREATE TABLE authors (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  mail email NOT NULL, name varchar(8) NOT NULL CONSTRAINT authors_name_key UNIQUE);"
    "CREATE TABLE books (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  author_id bigint REFERENCES authors (id), pages int CONSTRAINT pages_positive CHECK (pages > 0));"
    "INSERT INTO authors (mail, name) VALUES ('a@b', 'ann');";

/* Run sql, expect rc and SQLSTATE, and the constraint name (or NULL). */
static void expect(dal_db *db, const char *sql, int rc, const char *state, const char *constraint)
{
    int got = dal_exec(db, sql);
    if (got != rc) fail_msg("%s: %s, expected %s: %s", sql, dal_rc_name(got), dal_rc_name(rc), dal_errmsg(db));
    assert_string_equal(dal_sqlstate(db), state);
    assert_int_equal(dal_errcode(db), DAL_SQLSTATE(state[0], state[1], state[2], state[3], state[4]));
    assert_true(dal_errcode(db) != 0);
    if (constraint) assert_string_equal(dal_error_field(db, DAL_ERRF_CONSTRAINT), constraint);
    else assert_null(dal_error_field(db, DAL_ERRF_CONSTRAINT));
}

static void constraint_violations_are_dal_constraint_naming_the_constraint(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    expect(db, "INSERT INTO authors (mail, name) VALUES ('c@d', 'ann')", DAL_CONSTRAINT, "23505", "authors_name_key");
    assert_string_equal(dal_error_field(db, DAL_ERRF_TABLE), "authors");
    assert_string_equal(dal_error_field(db, DAL_ERRF_DETAIL), "Key (name)=(ann) already exists.");
    assert_non_null(strstr(dal_errmsg(db), "duplicate key"));
    assert_non_null(strstr(dal_errmsg(db), "Key (name)=(ann) already exists."));
    expect(db, "INSERT INTO books (author_id) VALUES (999)", DAL_CONSTRAINT, "23503", "books_author_id_fkey");
    assert_string_equal(dal_error_field(db, DAL_ERRF_TABLE), "books");
    expect(db, "INSERT INTO books (pages) VALUES (0)", DAL_CONSTRAINT, "23514", "pages_positive");
    expect(db, "INSERT INTO authors (mail, name) VALUES ('a@b', NULL)", DAL_CONSTRAINT, "23502", NULL);
    assert_string_equal(dal_error_field(db, DAL_ERRF_COLUMN), "name");
    expect(db, "INSERT INTO authors (mail, name) VALUES ('nope', 'x')", DAL_CONSTRAINT, "23514", "email_check");
    assert_string_equal(dal_error_field(db, DAL_ERRF_DATATYPE), "email");
    dal_close(db);
}

static void other_errors_are_dal_error(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    expect(db, "INSERT INTO authors (mail, name) VALUES ('a@b', 'ninechars')", DAL_ERROR, "22001", NULL);
    expect(db, "SELECT 1 / 0", DAL_ERROR, "22012", NULL);
    expect(db, "SELECT nme FROM authors", DAL_ERROR, "42703", NULL);
    assert_string_equal(dal_error_field(db, DAL_ERRF_POSITION), "8");
    expect(db, "SELECT * FROM nothere", DAL_ERROR, "42P01", NULL);
    expect(db, "SELECT 'x'::int", DAL_ERROR, "22P02", NULL);
    assert_null(dal_error_field(db, DAL_ERRF_HINT));
    expect(db, "SELECT nme FROM authors a", DAL_ERROR, "42703", NULL);
    assert_non_null(dal_error_field(db, DAL_ERRF_HINT));  /* Perhaps you meant ... */
    dal_close(db);
}

static void lock_timeout_is_dal_busy(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    PGconn *holder = pgt_raw();
    dal_db *db;
    (void)state;
    o.busy_timeout_ms = 50;
    db = pgt_open_opts(&o);
    pgt_exec(holder, "BEGIN");
    pgt_exec(holder, "LOCK TABLE books IN ACCESS EXCLUSIVE MODE");
    expect(db, "SELECT count(*) FROM books", DAL_BUSY, "55P03", NULL);
    assert_non_null(strstr(dal_errmsg(db), "lock timeout"));
    pgt_exec(holder, "ROLLBACK");
    pgt_ok(db, dal_exec(db, "SELECT count(*) FROM books"));
    PQfinish(holder);
    dal_close(db);
}

static void serialization_failure_is_dal_busy(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    PGconn *other = pgt_raw();
    dal_db *db;
    (void)state;
    o.pg_isolation = DAL_PG_SERIALIZABLE;
    db = pgt_open_opts(&o);
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "SELECT count(*) FROM authors"));
    pgt_exec(other, "UPDATE authors SET mail = 'x@y' WHERE name = 'ann'");
    expect(db, "UPDATE authors SET mail = 'z@y' WHERE name = 'ann'", DAL_BUSY, "40001", NULL);
    assert_int_equal(dal_rollback(db), DAL_OK);
    PQfinish(other);
    dal_close(db);
}

static void statement_timeout_is_dal_error(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    (void)state;
    o.statement_timeout_ms = 20;
    db = pgt_open_opts(&o);
    expect(db, "SELECT pg_sleep(2)", DAL_ERROR, "57014", NULL);
    assert_non_null(strstr(dal_errmsg(db), "statement timeout"));
    dal_close(db);
}

static void deadlock_is_dal_busy(void **state)
{
    PGconn *other = pgt_raw();
    dal_db *db = pgt_open();
    PGresult *r;
    (void)state;
    pgt_ok(db, dal_exec(db, "CREATE TABLE IF NOT EXISTS dl (id int PRIMARY KEY); "
                            "INSERT INTO dl VALUES (1), (2) ON CONFLICT DO NOTHING"));
    pgt_ok(db, dal_exec(db, "SET deadlock_timeout = '10ms'"));  /* db's wait detects it */
    pgt_exec(other, "SET deadlock_timeout = '10s'");
    pgt_exec(other, "BEGIN");
    pgt_exec(other, "UPDATE dl SET id = id WHERE id = 1");
    pgt_ok(db, dal_begin(db));
    pgt_ok(db, dal_exec(db, "UPDATE dl SET id = id WHERE id = 2"));
    assert_int_equal(PQsendQuery(other, "UPDATE dl SET id = id WHERE id = 2"), 1);  /* waits for db */
    usleep(50000);
    expect(db, "UPDATE dl SET id = id WHERE id = 1", DAL_BUSY, "40P01", NULL);
    assert_non_null(strstr(dal_errmsg(db), "deadlock detected"));
    pgt_ok(db, dal_rollback(db));
    while ((r = PQgetResult(other)) != NULL) {
        assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);  /* other went on */
        PQclear(r);
    }
    pgt_exec(other, "COMMIT");
    PQfinish(other);
    dal_close(db);
}

static void dal_error_set_on_postgresql_carries_a_sqlstate(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    assert_int_equal(dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "misused"), DAL_MISUSE);
    assert_string_equal(dal_sqlstate(db), "55000");
    assert_int_equal(dal_errcode(db), DAL_SQLSTATE('5', '5', '0', '0', '0'));
    assert_string_equal(dal_errmsg(db), "misused");
    dal_close(db);
}

static int setup(void **state)
{
    PGconn *c;
    (void)state;
    pgt_setup("errors");
    c = pgt_raw();
    pgt_exec(c, schema);
    PQfinish(c);
    return 0;
}
static int teardown(void **state) { (void)state; return pgt_teardown(); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(constraint_violations_are_dal_constraint_naming_the_constraint),
        cmocka_unit_test(other_errors_are_dal_error),
        cmocka_unit_test(lock_timeout_is_dal_busy),
        cmocka_unit_test(serialization_failure_is_dal_busy),
        cmocka_unit_test(statement_timeout_is_dal_error),
        cmocka_unit_test(deadlock_is_dal_busy),
        cmocka_unit_test(dal_error_set_on_postgresql_carries_a_sqlstate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
