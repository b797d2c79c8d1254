/* pgrt.pool: dal_pool - threads sharing at most size connections, the
 * wait timeout, a connection the server closed replaced, a release inside
 * a transaction rolled back and reported; plus the replica rules of
 * docs/scale.md: a write on a read-only session is DAL_ERROR with SQLSTATE
 * 25006, and a multi-host conninfo with target_session_attrs passes
 * through dal_open. */
#include "pg_util.h"
#include "dal_pool.h"

#include <pthread.h>
#include <time.h>

enum { Q_INSERT, Q_N };
static unsigned slot;
static const char *const sql[] = { "INSERT INTO hits (thread, n) VALUES ($1, $2)" };
static const dal_unit unit = { "pool_test", Q_N, sql, &slot };
static const Oid insert_types[] = { DAL_PG_INT4, DAL_PG_INT4 };

static char conninfo[128];
static pthread_mutex_t held_mu = PTHREAD_MUTEX_INITIALIZER;
static int held, held_max;

typedef struct worker { dal_pool *pool; int thread, done, failed; } worker;

static void *work(void *arg)
{
    worker *w = arg;
    int i;
    for (i = 0; i < 40; i++) {
        dal_db *db;
        PGresult *res;
        if (dal_pool_acquire(w->pool, 10000, &db) != DAL_OK) {
            w->failed++;
            continue;
        }
        pthread_mutex_lock(&held_mu);
        if (++held > held_max) held_max = held;
        pthread_mutex_unlock(&held_mu);
        {
            DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
            dal_pg_bind_int32(&p, 1, w->thread);
            dal_pg_bind_int32(&p, 2, i);
            if (dal_pg_exec(db, &unit, Q_INSERT, &p, &res) == DAL_OK) {
                PQclear(res);
                w->done++;
            } else {
                w->failed++;
            }
        }
        pthread_mutex_lock(&held_mu);
        held--;
        pthread_mutex_unlock(&held_mu);
        if (dal_pool_release(w->pool, db) != DAL_OK) w->failed++;
    }
    return NULL;
}

static void threads_share_at_most_size_connections(void **state)
{
    dal_pool *pool;
    dal_options o = DAL_OPTIONS_INIT;
    pthread_t t[8];
    worker w[8];
    PGconn *raw = pgt_raw();
    int i, idle;
    (void)state;
    o.engine = DAL_ENGINE_POSTGRESQL;
    assert_int_equal(dal_pool_open(&pool, conninfo, 0, &o), DAL_MISUSE);
    pgt_ok(NULL, dal_pool_open(&pool, conninfo, 3, &o));
    assert_int_equal(dal_pool_size(pool, NULL), 0);  /* opened on demand */
    for (i = 0; i < 8; i++) {
        w[i] = (worker){ pool, i, 0, 0 };
        assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (i = 0; i < 8; i++) pthread_join(t[i], NULL);
    for (i = 0; i < 8; i++) {
        assert_int_equal(w[i].failed, 0);
        assert_int_equal(w[i].done, 40);
    }
    assert_true(held_max >= 1 && held_max <= 3);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM hits"), 320);
    assert_true(dal_pool_size(pool, &idle) <= 3);
    assert_int_equal(idle, dal_pool_size(pool, NULL));
    /* each connection prepared the insert once, in its own cache */
    assert_int_equal(pgt_int(raw, "SELECT count(DISTINCT thread) FROM hits"), 8);
    pgt_ok(NULL, dal_pool_close(pool));
    PQfinish(raw);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void timeout_broken_connections_and_leftover_transactions(void **state)
{
    dal_pool *pool;
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *a, *b;
    PGconn *raw = pgt_raw();
    double t0;
    int pid, pid2;
    char sqlbuf[96];
    (void)state;
    o.engine = DAL_ENGINE_POSTGRESQL;
    pgt_ok(NULL, dal_pool_open(&pool, conninfo, 1, &o));
    pgt_ok(NULL, dal_pool_acquire(pool, 0, &a));
    /* the only connection is out: no wait, then a 150 ms wait, both DAL_BUSY */
    assert_int_equal(dal_pool_acquire(pool, 0, &b), DAL_BUSY);
    assert_null(b);
    t0 = now_ms();
    assert_int_equal(dal_pool_acquire(pool, 150, &b), DAL_BUSY);
    assert_true(now_ms() - t0 >= 140);
    assert_int_equal(dal_pool_close(pool), DAL_MISUSE);  /* still acquired */
    /* left inside a transaction: rolled back, reported */
    pgt_ok(a, dal_begin(a));
    pgt_ok(a, dal_exec(a, "INSERT INTO hits (thread, n) VALUES (-1, -1)"));
    assert_int_equal(dal_pool_release(pool, a), DAL_MISUSE);
    assert_int_equal(pgt_int(raw, "SELECT count(*) FROM hits WHERE thread = -1"), 0);
    {
        dal_db *other = pgt_open();
        assert_int_equal(dal_pool_release(pool, other), DAL_MISUSE);  /* not the pool's */
        dal_close(other);
    }
    /* the server closes the idle connection: the next acquire reconnects */
    pgt_ok(NULL, dal_pool_acquire(pool, 0, &a));
    pid = PQbackendPID(dal_pg(a));
    pgt_ok(NULL, dal_pool_release(pool, a));
    snprintf(sqlbuf, sizeof sqlbuf, "SELECT pg_terminate_backend(%d)", pid);
    pgt_exec(raw, sqlbuf);
    usleep(100000);
    pgt_ok(NULL, dal_pool_acquire(pool, 0, &a));
    pid2 = PQbackendPID(dal_pg(a));
    assert_int_not_equal(pid, pid2);
    pgt_ok(a, dal_exec(a, "SELECT 1"));
    pgt_ok(NULL, dal_pool_release(pool, a));
    assert_int_equal(dal_pool_size(pool, NULL), 1);
    pgt_ok(NULL, dal_pool_close(pool));
    /* cannot connect: DAL_ERROR with the reason */
    pgt_ok(NULL, dal_pool_open(&pool, "host=/nonexistent-dir port=1", 2, &o));
    assert_int_equal(dal_pool_acquire(pool, 0, &a), DAL_ERROR);
    assert_non_null(strstr(dal_pool_errmsg(pool), "cannot connect"));
    assert_int_equal(dal_pool_size(pool, NULL), 0);
    pgt_ok(NULL, dal_pool_close(pool));
    PQfinish(raw);
}

static void a_write_on_a_read_only_session_names_25006(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db;
    char ci[192];
    PGresult *res;
    (void)state;
    /* a standby answers writes with 25006, as default_transaction_read_only does */
    o.engine = DAL_ENGINE_POSTGRESQL;
    snprintf(ci, sizeof ci, "dbname=%s options='-c default_transaction_read_only=on'", pgt_dbname);
    pgt_ok(NULL, dal_open(&db, ci, &o));
    {
        DAL_PG_PARAMS(p, db, 2, insert_types, NULL);
        dal_pg_bind_int32(&p, 1, 1);
        dal_pg_bind_int32(&p, 2, 1);
        assert_int_equal(dal_pg_exec(db, &unit, Q_INSERT, &p, &res), DAL_ERROR);
    }
    assert_string_equal(dal_sqlstate(db), "25006");
    assert_non_null(strstr(dal_errmsg(db), "read-only server (standby?)"));
    assert_non_null(strstr(dal_errmsg(db), "25006"));
    dal_close(db);
}

static void multi_host_conninfo_with_target_session_attrs(void **state)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    char ci[512];
    const char *host = getenv("PGHOST"), *port = getenv("PGPORT");
    (void)state;
    o.engine = DAL_ENGINE_POSTGRESQL;
    /* the first host is unreachable: libpq goes on to the second */
    snprintf(ci, sizeof ci, "host=/nonexistent-dir,%s port=5432,%s dbname=%s target_session_attrs=read-write"
             " connect_timeout=5", host ? host : "/tmp", port ? port : "5432", pgt_dbname);
    pgt_ok(db, dal_open(&db, ci, &o));
    pgt_ok(db, dal_exec(db, "SELECT 1"));
    dal_close(db);
    /* the URI form, prefer-standby: a primary is taken when no standby answers */
    snprintf(ci, sizeof ci, "postgresql:///%s?host=/nonexistent-dir,%s&port=5432,%s&target_session_attrs=prefer-standby",
             pgt_dbname, host ? host : "/tmp", port ? port : "5432");
    db = NULL;
    pgt_ok(db, dal_open(&db, ci, NULL));
    pgt_ok(db, dal_exec(db, "SELECT 1"));
    dal_close(db);
    /* read-only wanted, none there: the error names the attribute */
    snprintf(ci, sizeof ci, "host=%s port=%s dbname=%s target_session_attrs=standby", host ? host : "/tmp",
             port ? port : "5432", pgt_dbname);
    db = NULL;
    assert_int_equal(dal_open(&db, ci, &o), DAL_ERROR);
    assert_non_null(strstr(dal_errmsg(db), "cannot connect"));
    dal_close(db);
}

static void a_pool_of_sqlite_connections(void **state)
{
    dal_pool *pool;
    dal_db *a, *b, *c;
    char path[64];
    (void)state;
    snprintf(path, sizeof path, "/tmp/dalgen_pgrt_pool_%ld.db", (long)getpid());
    pgt_ok(NULL, dal_pool_open(&pool, path, 2, NULL));
    pgt_ok(NULL, dal_pool_acquire(pool, 0, &a));
    pgt_ok(NULL, dal_pool_acquire(pool, 0, &b));
    assert_ptr_not_equal(a, b);
    assert_int_equal(dal_engine(a), DAL_ENGINE_SQLITE);
    assert_int_equal(dal_pool_acquire(pool, 20, &c), DAL_BUSY);
    pgt_ok(a, dal_exec(a, "CREATE TABLE t (x)"));
    pgt_ok(b, dal_exec(b, "INSERT INTO t VALUES (1)"));
    pgt_ok(NULL, dal_pool_release(pool, a));
    pgt_ok(NULL, dal_pool_acquire(pool, 0, &c));
    assert_ptr_equal(a, c);  /* the idle one, kept open */
    pgt_ok(NULL, dal_pool_release(pool, c));
    pgt_ok(NULL, dal_pool_release(pool, b));
    pgt_ok(NULL, dal_pool_close(pool));
    unlink(path);
}

static int setup(void **state)
{
    PGconn *c;
    (void)state;
    pgt_setup("pool");
    snprintf(conninfo, sizeof conninfo, "dbname=%s", pgt_dbname);
    c = pgt_raw();
    pgt_exec(c, "CREATE TABLE hits (thread int NOT NULL, n int NOT NULL)");
    PQfinish(c);
    return 0;
}
static int teardown(void **state) { (void)state; return pgt_teardown(); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_share_at_most_size_connections),
        cmocka_unit_test(timeout_broken_connections_and_leftover_transactions),
        cmocka_unit_test(a_write_on_a_read_only_session_names_25006),
        cmocka_unit_test(multi_host_conninfo_with_target_session_attrs),
        cmocka_unit_test(a_pool_of_sqlite_connections),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
