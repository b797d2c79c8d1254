/* pgrt.stmt: the named-statement cache (prepared once per connection,
 * reused), one re-prepare when a concurrent ALTER COLUMN TYPE changes the
 * result type (0A000) or a pooler's DISCARD ALL dropped the statement
 * (26000), the unnamed mode, iterators, misuse. */
#include "pg_util.h"

enum { Q_GET, Q_INSERT, Q_ALL, Q_SCORE, Q_BAD, Q_N };
static unsigned slot;
static const char *const sql[] = {
    "SELECT id, name FROM items WHERE id = $1",
    "INSERT INTO items (name, score) VALUES ($1, $2) RETURNING id",
    "SELECT id, name, score FROM items ORDER BY id",
    "SELECT score FROM items WHERE id = $1",
    "SELEC oops",
};
static const dal_unit unit = { "stmt_test", Q_N, sql, &slot };
static const Oid get_types[] = { DAL_PG_INT8 };
static const Oid insert_types[] = { DAL_PG_TEXT, DAL_PG_INT4 };

static long long server_prepared(dal_db *db)
{
    return pgt_int(dal_pg(db), "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'dal%'");
}

static int64_t insert(dal_db *db, const char *name, int32_t score)
{
    DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
    PGresult *res;
    int64_t id;
    pgt_ok(db, dal_pg_bind_text(&p, 1, name));
    pgt_ok(db, dal_pg_bind_int32(&p, 2, score));
    pgt_ok(db, dal_pg_exec(db, &unit, Q_INSERT, &p, &res));
    assert_int_equal(dal_changes(db), 1);
    pgt_ok(db, dal_pg_read_int64(db, res, 0, 0, "id", &id));
    PQclear(res);
    return id;
}

static const Oid score_int4[] = { DAL_PG_INT4 };

/* results: the result type declared (checked once per prepare), or NULL. */
static int get_score_as(dal_db *db, int64_t id, const Oid *results, PGresult **res)
{
    DAL_PG_PARAMS(p, db, 1, get_types, NULL);
    dal_pg_bind_int64(&p, 1, id);
    if (results) DAL_PG_RESULTS(p, results, 1);
    return dal_pg_exec(db, &unit, Q_SCORE, &p, res);
}

static int get_score(dal_db *db, int64_t id, PGresult **res)
{
    return get_score_as(db, id, score_int4, res);
}

static void a_statement_is_prepared_once_and_reused(void **state)
{
    dal_db *db = pgt_open();
    dal_arena a;
    char name[32];
    int i;
    (void)state;
    dal_arena_init(&a, NULL);
    for (i = 0; i < 3; i++) {
        DAL_PG_PARAMS(p, db, 1, get_types, NULL);
        PGresult *res;
        const char *nm;
        int64_t id;
        pgt_ok(db, dal_pg_bind_int64(&p, 1, 1));
        pgt_ok(db, dal_pg_exec(db, &unit, Q_GET, &p, &res));
        assert_int_equal(PQntuples(res), 1);
        pgt_ok(db, dal_pg_read_int64(db, res, 0, 0, "id", &id));
        pgt_ok(db, dal_pg_read_text(db, res, 0, 1, "name", &a, &nm));
        assert_int_equal(id, 1);
        assert_string_equal(nm, "one");
        PQclear(res);
    }
    assert_int_equal(dal_pg_prepared_count(db), 1);
    assert_int_equal(server_prepared(db), 1);
    snprintf(name, sizeof name, "dal%u_%d", slot, Q_GET);
    {
        char q[128];
        snprintf(q, sizeof q, "SELECT count(*) FROM pg_prepared_statements WHERE name = '%s'", name);
        assert_int_equal(pgt_int(dal_pg(db), q), 1);
    }
    dal_arena_free(&a);
    dal_close(db);
}

static void alter_column_type_is_absorbed_by_one_reprepare(void **state)
{
    dal_db *db = pgt_open();
    PGconn *other = pgt_raw();
    int64_t id = insert(db, "alt", 41), big;
    int32_t score;
    PGresult *res;
    (void)state;
    pgt_ok(db, get_score(db, id, &res));
    pgt_ok(db, dal_pg_read_int32(db, res, 0, 0, "score", &score));
    assert_int_equal(score, 41);
    PQclear(res);
    pgt_exec(other, "ALTER TABLE items ALTER COLUMN score TYPE bigint");
    /* 0A000 absorbed by one re-prepare; the new result type is checked
     * against the declared one after that prepare: schema drift */
    assert_int_equal(get_score(db, id, &res), DAL_ERROR);
    assert_null(res);
    assert_string_equal(dal_errmsg(db), "column \"score\": expected integer, found bigint");
    assert_string_equal(dal_sqlstate(db), "42804");
    assert_int_equal(get_score(db, id, &res), DAL_ERROR);  /* every call, until it fits */
    pgt_ok(db, get_score_as(db, id, NULL, &res));          /* undeclared: read as it is */
    assert_int_equal(dal_pg_read_int32(db, res, 0, 0, "score", &score), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"score\": expected integer, found a value of another width");
    pgt_ok(db, dal_pg_read_int64(db, res, 0, 0, "score", &big));
    assert_int_equal(big, 41);
    PQclear(res);
    /* inside a transaction the error stands; after the rollback the
     * statement is prepared afresh */
    pgt_exec(other, "ALTER TABLE items ALTER COLUMN score TYPE int");
    pgt_ok(db, dal_begin(db));
    assert_int_equal(get_score(db, id, &res), DAL_ERROR);
    assert_null(res);
    assert_string_equal(dal_sqlstate(db), "0A000");
    assert_int_equal(dal_commit(db), DAL_ERROR);          /* aborted: rolled back */
    pgt_ok(db, get_score(db, id, &res));
    pgt_ok(db, dal_pg_read_int32(db, res, 0, 0, "score", &score));
    PQclear(res);
    assert_int_equal(server_prepared(db), 2);
    PQfinish(other);
    dal_close(db);
}

static void a_discarded_statement_is_prepared_again(void **state)
{
    dal_db *db = pgt_open();
    PGresult *res;
    (void)state;
    pgt_ok(db, get_score(db, 1, &res));
    PQclear(res);
    pgt_ok(db, dal_exec(db, "DISCARD ALL"));                /* what a pooler does between clients */
    assert_int_equal(server_prepared(db), 0);
    pgt_ok(db, get_score(db, 1, &res));
    PQclear(res);
    assert_int_equal(server_prepared(db), 1);
    dal_close(db);
}

static void unnamed_mode_prepares_nothing(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    PGresult *res;
    int32_t score;
    (void)state;
    o.pg_statements = DAL_PG_UNNAMED;
    db = pgt_open_opts(&o);
    insert(db, "unnamed", 7);
    pgt_ok(db, get_score(db, 1, &res));
    assert_int_equal(PQfformat(res, 0), 1);               /* binary all the same */
    pgt_ok(db, dal_pg_read_int32(db, res, 0, 0, "score", &score));
    assert_int_equal(score, 1);
    PQclear(res);
    {   /* every result is checked against its declared types */
        static const Oid score_int8[] = { DAL_PG_INT8 };
        int i;
        for (i = 0; i < 2; i++) {
            assert_int_equal(get_score_as(db, 1, score_int8, &res), DAL_ERROR);
            assert_string_equal(dal_errmsg(db), "column \"score\": expected bigint, found integer");
        }
    }
    assert_int_equal(server_prepared(db), 0);
    assert_int_equal(dal_pg_prepared_count(db), 0);
    dal_close(db);
}

static void iterator_walks_the_rows(void **state)
{
    dal_db *db = pgt_open();
    dal_pg_iter it = DAL_PG_ITER_INIT, never = DAL_PG_ITER_INIT;
    int64_t prev = 0, id;
    int rows = 0, rc;
    (void)state;
    dal_pg_iter_end(&never);
    dal_pg_iter_end(NULL);
    pgt_ok(db, dal_pg_iter_open(&it, db, &unit, Q_ALL, NULL));
    while ((rc = dal_pg_iter_step(&it)) == DAL_ROW) {
        pgt_ok(db, dal_pg_read_int64(db, it.res, it.row, 0, "id", &id));
        assert_true(id > prev);
        prev = id;
        rows++;
    }
    assert_int_equal(rc, DAL_DONE);
    assert_null(it.res);
    assert_int_equal(dal_pg_iter_step(&it), DAL_DONE);
    dal_pg_iter_end(&it);
    assert_int_equal(rows, pgt_int(dal_pg(db), "SELECT count(*) FROM items"));
    /* ended early */
    pgt_ok(db, dal_pg_iter_open(&it, db, &unit, Q_ALL, NULL));
    assert_int_equal(dal_pg_iter_step(&it), DAL_ROW);
    dal_pg_iter_end(&it);
    dal_pg_iter_end(&it);
    assert_null(it.res);
    dal_close(db);
}

static void errors_and_misuse(void **state)
{
    dal_db *db = pgt_open(), *lite = NULL;
    PGresult *res = (PGresult *)&res;
    sqlite3_stmt *st = NULL;
    DAL_PG_PARAMS(p, db, 1, get_types, NULL);
    (void)state;
    assert_int_equal(dal_pg_exec(db, &unit, Q_BAD, NULL, &res), DAL_ERROR);
    assert_null(res);
    assert_non_null(strstr(dal_errmsg(db), "stmt_test statement 4: syntax error"));
    assert_string_equal(dal_sqlstate(db), "42601");
    assert_int_equal(dal_pg_exec(db, &unit, Q_N, NULL, &res), DAL_MISUSE);
    assert_int_equal(dal_pg_bind_int64(&p, 2, 1), DAL_MISUSE);
    assert_int_equal(dal_pg_bind_text(&p, 0, "x"), DAL_MISUSE);
    assert_int_equal(dal_pg_bind_int64_array(&p, 1, NULL, 0), DAL_MISUSE);  /* no arena */
    assert_int_equal(dal_stmt_acquire(db, &unit, Q_GET, &st), DAL_MISUSE);
    assert_non_null(strstr(dal_errmsg(db), "SQLite statement on a PostgreSQL connection"));
    /* the reverse */
    assert_int_equal(dal_open(&lite, ":memory:", NULL), DAL_OK);
    assert_int_equal(dal_pg_exec(lite, &unit, Q_GET, NULL, &res), DAL_MISUSE);
    assert_non_null(strstr(dal_errmsg(lite), "on a SQLite connection"));
    dal_close(lite);
    dal_close(db);
}

/* A keyed statement: the SQL for key k selects score * k. */
static int keyed(dal_db *db, uint64_t k, bool with_sql, int32_t *out)
{
    char sql_k[96];
    PGresult *res;
    int rc;
    DAL_PG_PARAMS(p, db, 1, get_types, NULL);
    dal_pg_bind_int64(&p, 1, 1);
    snprintf(sql_k, sizeof sql_k, "SELECT score * %d FROM items WHERE id = $1", (int)k);
    rc = dal_pg_exec_keyed(db, &unit, Q_SCORE, k, with_sql ? sql_k : NULL, &p, &res);
    if (rc != DAL_OK) return rc;
    pgt_ok(db, dal_pg_read_int32(db, res, 0, 0, "score", out));
    PQclear(res);
    return DAL_OK;
}

static void keyed_statements_are_cached_per_key_with_lru_eviction(void **state)
{
    dal_db *db = pgt_open();
    int32_t v;
    uint64_t k;
    (void)state;
    assert_int_equal(keyed(db, 3, false, &v), DAL_NOTFOUND);
    pgt_ok(db, keyed(db, 3, true, &v));
    assert_int_equal(v, 3);
    pgt_ok(db, keyed(db, 3, false, &v));                    /* cached: no SQL needed */
    assert_int_equal(v, 3);
    for (k = 100; k < 100 + DAL_KEYED_MAX; k++) pgt_ok(db, keyed(db, k, true, &v));
    assert_int_equal(dal_pg_keyed_count(db), DAL_KEYED_MAX);
    assert_int_equal(pgt_int(dal_pg(db), "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'dalk%'"),
                     DAL_KEYED_MAX);
    assert_int_equal(keyed(db, 3, false, &v), DAL_NOTFOUND); /* the least recently used went */
    pgt_ok(db, keyed(db, 100 + DAL_KEYED_MAX - 1, false, &v));
    assert_int_equal(v, 100 + DAL_KEYED_MAX - 1);
    /* a cached keyed statement whose plan went stale asks for its SQL */
    pgt_ok(db, dal_exec(db, "DISCARD ALL"));
    assert_int_equal(keyed(db, 101, false, &v), DAL_NOTFOUND);
    pgt_ok(db, keyed(db, 101, true, &v));
    assert_int_equal(v, 101);
    dal_close(db);
}

static void keyed_statements_in_unnamed_mode_are_never_cached(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    int32_t v;
    (void)state;
    o.pg_statements = DAL_PG_UNNAMED;
    db = pgt_open_opts(&o);
    assert_int_equal(keyed(db, 5, false, &v), DAL_NOTFOUND);
    pgt_ok(db, keyed(db, 5, true, &v));
    assert_int_equal(v, 5);
    assert_int_equal(keyed(db, 5, false, &v), DAL_NOTFOUND);
    assert_int_equal(dal_pg_keyed_count(db), 0);
    dal_close(db);
}

static void rewrapping_a_connection_finds_its_statements(void **state)
{
    PGconn *c = pgt_raw();
    dal_db *db = NULL;
    PGresult *res;
    int round;
    (void)state;
    for (round = 0; round < 2; round++) {
        assert_int_equal(dal_wrap_pg(&db, c, NULL), DAL_OK);
        pgt_ok(db, get_score(db, 1, &res));
        PQclear(res);
        dal_close(db);
    }
    assert_int_equal(pgt_int(c, "SELECT count(*) FROM pg_prepared_statements"), 1);
    PQfinish(c);
}

/* Keyed names count from 1 in every dal_db: a second dal_db on the same
 * connection must not run the first one's "dalk1". */
static void rewrapping_does_not_confuse_keyed_statements(void **state)
{
    PGconn *c = pgt_raw();
    dal_db *db = NULL;
    int32_t v;
    (void)state;
    assert_int_equal(dal_wrap_pg(&db, c, NULL), DAL_OK);
    pgt_ok(db, keyed(db, 7, true, &v));
    assert_int_equal(v, 7);
    dal_close(db);
    assert_int_equal(dal_wrap_pg(&db, c, NULL), DAL_OK);
    pgt_ok(db, keyed(db, 9, true, &v));                     /* also "dalk1" on the server */
    assert_int_equal(v, 9);
    dal_close(db);
    PQfinish(c);
}

static int setup(void **state)
{
    PGconn *c;
    (void)state;
    pgt_setup("stmt");
    c = pgt_raw();
    pgt_exec(c, "CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,"
                " score int NOT NULL); INSERT INTO items (name, score) VALUES ('one', 1), ('two', 2)");
    PQfinish(c);
    return 0;
}
static int teardown(void **state) { (void)state; return pgt_teardown(); }

/* dal_changes after a command run through dal_pg_exec is the number that
 * ends its tag (INSERT 0 n, UPDATE n, DELETE n, MERGE n, COPY n), 0 for a
 * tag without one (CREATE TABLE, DO), never the previous statement's. */
enum { T_CREATE, T_INSERT, T_UPDATE, T_MERGE, T_DELETE, T_DO, T_N };
static unsigned tag_slot;
static const char *const tag_sql[] = {
    "CREATE TEMP TABLE tagged (k int PRIMARY KEY, v int)",
    "INSERT INTO tagged SELECT g, g FROM generate_series(1, $1) g",
    "UPDATE tagged SET v = v + 1 WHERE k <= $1",
    ("MERGE INTO tagged t USING (SELECT g FROM generate_series(1, $1) g) s ON t.k = s.g "
     "WHEN MATCHED THEN UPDATE SET v = 0 WHEN NOT MATCHED THEN INSERT VALUES (s.g, 0)"),
    "DELETE FROM tagged WHERE k > $1",
    "DO $$ BEGIN PERFORM 1; END $$",
};
static const dal_unit tag_unit = { "tag_test", T_N, tag_sql, &tag_slot };

static int64_t command_count(dal_db *db, int id, int32_t arg)
{
    static const Oid types[] = { DAL_PG_INT4 };
    DAL_PG_PARAMS(p, db, 1, types, NULL);
    dal_pg_params none = { db, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 };
    PGresult *res;
    pgt_ok(db, dal_pg_bind_int32(&p, 1, arg));
    pgt_ok(db, dal_pg_exec(db, &tag_unit, id, id == T_CREATE || id == T_DO ? &none : &p, &res));
    PQclear(res);
    return dal_changes(db);
}

static void command_tags_give_dal_changes(void **state)
{
    dal_db *db = pgt_open();
    (void)state;
    assert_int_equal(command_count(db, T_CREATE, 0), 0);
    assert_int_equal(command_count(db, T_INSERT, 1234), 1234);
    assert_int_equal(command_count(db, T_UPDATE, 7), 7);
    assert_int_equal(command_count(db, T_MERGE, 1300), 1300);   /* 1,234 updated, 66 inserted */
    assert_int_equal(command_count(db, T_DO, 0), 0);
    assert_int_equal(command_count(db, T_DELETE, 1000), 300);
    assert_int_equal(command_count(db, T_DO, 0), 0);
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_statement_is_prepared_once_and_reused),
        cmocka_unit_test(command_tags_give_dal_changes),
        cmocka_unit_test(alter_column_type_is_absorbed_by_one_reprepare),
        cmocka_unit_test(a_discarded_statement_is_prepared_again),
        cmocka_unit_test(unnamed_mode_prepares_nothing),
        cmocka_unit_test(iterator_walks_the_rows),
        cmocka_unit_test(errors_and_misuse),
        cmocka_unit_test(rewrapping_a_connection_finds_its_statements),
        cmocka_unit_test(keyed_statements_are_cached_per_key_with_lru_eviction),
        cmocka_unit_test(keyed_statements_in_unnamed_mode_are_never_cached),
        cmocka_unit_test(rewrapping_does_not_confuse_keyed_statements),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
