/* online_probe.c - a writer and a lock watcher for tests/pgdiff/online_writer.sh.
 *
 *   online_probe TABLE USERS [PAUSE_US]
 *
 * Two connections (the libpq environment: PGHOST, PGDATABASE, ...):
 *   - the writer inserts one row at a time into TABLE
 *     (INSERT INTO TABLE (user_id, note) VALUES ($1, 'w'), user_id in
 *     1..USERS), each in its own transaction, pausing PAUSE_US (default
 *     2000) between inserts, and times each insert;
 *   - the watcher reads pg_locks every millisecond and times each stretch
 *     during which another session holds a lock on TABLE that blocks
 *     inserts (SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE, ACCESS EXCLUSIVE).
 * It prints "ready" once both run, and on SIGTERM or SIGINT stops and
 * prints one line per figure:
 *   inserts N / worst_ms X / p99_ms X / over_200ms N / lock_ms X /
 *   lock_mode M / lock_query Q (the statement running when the longest
 *   stretch began).
 * Exit 1 when an insert fails or a connection breaks. */
#define _POSIX_C_SOURCE 200809L
#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static atomic_int stopping;
static atomic_int failed;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void pause_us(long us)
{
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

static PGconn *connect_env(void)
{
    PGconn *c = PQconnectdb("");
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "online_probe: %s", PQerrorMessage(c));
        exit(1);
    }
    return c;
}

typedef struct writer {
    const char *table;
    long        users, pause;
    double     *lat;   /* ms per insert */
    size_t      n, cap;
    atomic_int  pid;   /* the writer's backend (0 until it has connected) */
} writer;

static void *write_loop(void *arg)
{
    writer *w = arg;
    PGconn *c = connect_env();
    atomic_store(&w->pid, PQbackendPID(c));
    char sql[300];
    snprintf(sql, sizeof sql, "INSERT INTO %s (user_id, note) VALUES ($1::bigint, 'w')", w->table);
    PGresult *r = PQprepare(c, "ins", sql, 1, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        fprintf(stderr, "online_probe: prepare: %s", PQerrorMessage(c));
        atomic_store(&failed, 1);
    }
    PQclear(r);
    unsigned seed = 1;
    while (!atomic_load(&stopping) && !atomic_load(&failed)) {
        char id[24];
        seed = seed * 1103515245u + 12345u;
        snprintf(id, sizeof id, "%ld", 1 + (long)(seed >> 8) % w->users);
        const char *p[1] = {id};
        double t0 = now_ms();
        r = PQexecPrepared(c, "ins", 1, p, NULL, NULL, 0);
        double dt = now_ms() - t0;
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            fprintf(stderr, "online_probe: insert: %s", PQerrorMessage(c));
            atomic_store(&failed, 1);
        }
        PQclear(r);
        if (w->n == w->cap) {
            w->cap = w->cap ? 2 * w->cap : 4096;
            w->lat = realloc(w->lat, w->cap * sizeof *w->lat);
            if (!w->lat) abort();
        }
        w->lat[w->n++] = dt;
        pause_us(w->pause);
    }
    PQfinish(c);
    return NULL;
}

typedef struct watcher {
    const char *table;
    writer     *w;
    double longest;          /* ms */
    char   mode[32], query[200];
} watcher;

static void *watch_loop(void *arg)
{
    watcher *m = arg;
    PGconn *c = connect_env();
    int self = PQbackendPID(c);
    char sql[700], selfs[16];
    snprintf(selfs, sizeof selfs, "%d", self);
    snprintf(sql, sizeof sql,
             "SELECT l.mode, coalesce(left(a.query, 190), '') FROM pg_locks l"
             " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
             " WHERE l.locktype = 'relation' AND l.granted AND l.relation = to_regclass('%s')"
             " AND l.pid NOT IN ($1::int, $2::int)"
             " AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')"
             " ORDER BY l.mode = 'AccessExclusiveLock' DESC LIMIT 1",
             m->table);
    double start = -1;
    char mode[32] = "", query[200] = "";
    while (!atomic_load(&stopping) && !atomic_load(&failed)) {
        char wpid[16];
        snprintf(wpid, sizeof wpid, "%d", atomic_load(&m->w->pid));
        const char *p[2] = {selfs, wpid};
        PGresult *r = PQexecParams(c, sql, 2, NULL, p, NULL, NULL, 0);
        double t = now_ms();
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            fprintf(stderr, "online_probe: pg_locks: %s", PQerrorMessage(c));
            atomic_store(&failed, 1);
        } else if (PQntuples(r) > 0 && start < 0) {
            start = t;
            snprintf(mode, sizeof mode, "%s", PQgetvalue(r, 0, 0));
            snprintf(query, sizeof query, "%s", PQgetvalue(r, 0, 1));
            for (char *q = query; *q; q++)
                if (*q == '\n' || *q == '\r' || *q == '\t') *q = ' ';
        } else if (PQntuples(r) == 0 && start >= 0) {
            if (t - start > m->longest) {
                m->longest = t - start;
                memcpy(m->mode, mode, sizeof mode);
                memcpy(m->query, query, sizeof query);
            }
            start = -1;
        }
        PQclear(r);
        pause_us(1000);
    }
    PQfinish(c);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: online_probe TABLE USERS [PAUSE_US]\n");
        return 2;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);   /* the threads inherit it; main waits for them below */
    writer w = {.table = argv[1], .users = atol(argv[2]), .pause = argc > 3 ? atol(argv[3]) : 2000};
    watcher m = {.table = argv[1], .w = &w};
    if (w.users < 1) w.users = 1;
    pthread_t tw, tm;
    pthread_create(&tw, NULL, write_loop, &w);
    while (!atomic_load(&w.pid) && !atomic_load(&failed)) pause_us(1000);
    pthread_create(&tm, NULL, watch_loop, &m);
    printf("ready\n");
    fflush(stdout);
    int sig;
    sigwait(&set, &sig);
    atomic_store(&stopping, 1);
    pthread_join(tw, NULL);
    pthread_join(tm, NULL);
    size_t over = 0;
    for (size_t i = 0; i < w.n; i++) over += w.lat[i] > 200.0;
    if (w.n) qsort(w.lat, w.n, sizeof *w.lat, cmp_double);
    printf("inserts %zu\nworst_ms %.1f\np99_ms %.1f\nover_200ms %zu\nlock_ms %.1f\nlock_mode %s\nlock_query %s\n", w.n,
           w.n ? w.lat[w.n - 1] : 0.0, w.n ? w.lat[(w.n * 99) / 100] : 0.0, over, m.longest,
           m.mode[0] ? m.mode : "-", m.query[0] ? m.query : "-");
    free(w.lat);
    return atomic_load(&failed) ? 1 : 0;
}
