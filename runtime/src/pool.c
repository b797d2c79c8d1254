/* pool.c - dal_pool (dal_pool.h): a mutex-guarded array of the pool's
 * connections and a stack of the idle ones; waiters sleep on a condition
 * variable (CLOCK_MONOTONIC) signalled by each release.  Connecting and
 * closing happen outside the mutex. */
#define _POSIX_C_SOURCE 200809L
#include "dal_pool.h"
#include "dal_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if DAL_HAVE_POSTGRESQL
#include <libpq-fe.h>
#endif

struct dal_pool {
    pthread_mutex_t mu;
    pthread_cond_t freed;
    char *conninfo;
    dal_options opts;
    int size;               /* at most this many open */
    int open;               /* open or being opened */
    int nidle;
    int acquired;
    dal_db *idle[DAL_POOL_MAX];
    dal_db *mine[DAL_POOL_MAX];  /* every open connection (release checks membership) */
    char errmsg[256];
};

int dal_pool_open(dal_pool **out, const char *conninfo, int size, const dal_options *opts)
{
    dal_pool *p;
    pthread_condattr_t ca;
    if (!out) return DAL_MISUSE;
    *out = NULL;
    if (!conninfo || size < 1 || size > DAL_POOL_MAX) return DAL_MISUSE;
    if (!(p = calloc(1, sizeof *p)) || !(p->conninfo = malloc(strlen(conninfo) + 1))) {
        free(p);
        return DAL_ERROR;
    }
    strcpy(p->conninfo, conninfo);
    if (opts) p->opts = *opts;
    else {
        dal_options d = DAL_OPTIONS_INIT;
        p->opts = d;
    }
    p->size = size;
    pthread_mutex_init(&p->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->freed, &ca);
    pthread_condattr_destroy(&ca);
    *out = p;
    return DAL_OK;
}

static void remember(dal_pool *p, dal_db *db, bool add)
{
    int i;
    for (i = 0; i < DAL_POOL_MAX; i++)
        if (p->mine[i] == (add ? NULL : db)) {
            p->mine[i] = add ? db : NULL;
            return;
        }
}

static bool is_mine(dal_pool *p, dal_db *db)
{
    int i;
    for (i = 0; i < DAL_POOL_MAX; i++)
        if (p->mine[i] == db) return db != NULL;
    return false;
}

/* Whether db's link is down: a PostgreSQL connection whose server closed
 * it (read without blocking what is waiting on the socket). */
static bool broken(dal_db *db, bool probe)
{
#if DAL_HAVE_POSTGRESQL
    if (db->engine == DAL_ENGINE_POSTGRESQL) {
        if (!db->pg) return true;
        /* a server that ended the session sent a FATAL message, then EOF:
         * the first read takes the message, the second meets the EOF
         * (each returns at once on a live idle connection) */
        if (probe && PQstatus(db->pg) == CONNECTION_OK && PQconsumeInput(db->pg)) PQconsumeInput(db->pg);
        return PQstatus(db->pg) != CONNECTION_OK;
    }
#else
    (void)probe;
#endif
    return db->handle == NULL && db->engine != DAL_ENGINE_POSTGRESQL;
}

/* Roll back what the caller left open (dal_begin levels, or a BEGIN of
 * its own on PostgreSQL); whether there was anything. */
static bool roll_back_leftovers(dal_db *db)
{
    bool any = false;
    while (dal_txn_depth(db) > 0) {
        any = true;
        if (dal_rollback(db) != DAL_OK) break;
    }
#if DAL_HAVE_POSTGRESQL
    if (db->engine == DAL_ENGINE_POSTGRESQL && db->pg && PQstatus(db->pg) == CONNECTION_OK &&
        PQtransactionStatus(db->pg) != PQTRANS_IDLE) {
        any = true;
        dal_exec(db, "ROLLBACK");
    }
#endif
    return any;
}

static int connect_new(dal_pool *p, dal_db **out)
{
    dal_db *db = NULL;
    int rc = dal_open(&db, p->conninfo, &p->opts);
    pthread_mutex_lock(&p->mu);
    if (rc == DAL_OK) {
        remember(p, db, true);
        p->acquired++;
    } else {
        snprintf(p->errmsg, sizeof p->errmsg, "%s", dal_errmsg(db));
        p->open--;
        pthread_cond_signal(&p->freed);  /* the slot is free again */
    }
    pthread_mutex_unlock(&p->mu);
    if (rc != DAL_OK) {
        dal_close(db);
        db = NULL;
    }
    *out = db;
    return rc;
}

/* Reconnect an idle connection the server closed; on failure it is
 * closed and its slot freed. */
static int revive(dal_pool *p, dal_db *db, dal_db **out)
{
    if (dal_reconnect(db) == DAL_OK) return (*out = db, DAL_OK);
    pthread_mutex_lock(&p->mu);
    snprintf(p->errmsg, sizeof p->errmsg, "%s", dal_errmsg(db));
    remember(p, db, false);
    p->open--;
    p->acquired--;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->mu);
    dal_close(db);
    *out = NULL;
    return DAL_ERROR;
}

static void deadline_after(struct timespec *t, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, t);
    t->tv_sec += ms / 1000;
    t->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t->tv_nsec >= 1000000000L) {
        t->tv_sec++;
        t->tv_nsec -= 1000000000L;
    }
}

int dal_pool_acquire(dal_pool *p, int timeout_ms, dal_db **out)
{
    struct timespec deadline;
    dal_db *db;
    if (!out) return DAL_MISUSE;
    *out = NULL;
    if (!p) return DAL_MISUSE;
    if (timeout_ms > 0) deadline_after(&deadline, timeout_ms);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->nidle > 0) {
            db = p->idle[--p->nidle];
            p->acquired++;
            pthread_mutex_unlock(&p->mu);
            if (broken(db, true)) return revive(p, db, out);
            *out = db;
            return DAL_OK;
        }
        if (p->open < p->size) {
            p->open++;
            pthread_mutex_unlock(&p->mu);
            return connect_new(p, out);
        }
        if (timeout_ms == 0) break;
        if (timeout_ms < 0) pthread_cond_wait(&p->freed, &p->mu);
        else if (pthread_cond_timedwait(&p->freed, &p->mu, &deadline) == ETIMEDOUT) break;
    }
    pthread_mutex_unlock(&p->mu);
    return DAL_BUSY;
}

int dal_pool_release(dal_pool *p, dal_db *db)
{
    int rc = DAL_OK;
    bool mine, bad;
    if (!p || !db) return DAL_MISUSE;
    pthread_mutex_lock(&p->mu);
    mine = is_mine(p, db);
    pthread_mutex_unlock(&p->mu);
    if (!mine) return DAL_MISUSE;
    if (roll_back_leftovers(db)) rc = DAL_MISUSE;
    bad = broken(db, false);
    pthread_mutex_lock(&p->mu);
    p->acquired--;
    if (bad) {
        remember(p, db, false);
        p->open--;
    } else {
        p->idle[p->nidle++] = db;
    }
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->mu);
    if (bad) dal_close(db);
    return rc;
}

const char *dal_pool_errmsg(dal_pool *p) { return p ? p->errmsg : ""; }

int dal_pool_size(dal_pool *p, int *idle)
{
    int n;
    pthread_mutex_lock(&p->mu);
    n = p->open;
    if (idle) *idle = p->nidle;
    pthread_mutex_unlock(&p->mu);
    return n;
}

int dal_pool_close(dal_pool *p)
{
    int i;
    if (!p) return DAL_OK;
    pthread_mutex_lock(&p->mu);
    if (p->acquired > 0) {
        pthread_mutex_unlock(&p->mu);
        return DAL_MISUSE;
    }
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < p->nidle; i++) dal_close(p->idle[i]);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->mu);
    free(p->conninfo);
    free(p);
    return DAL_OK;
}
