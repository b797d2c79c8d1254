#define _POSIX_C_SOURCE 200809L
/* main.c - bench_pg_workloads: W1-W5 of one implementation against the
 * server of the libpq environment (PGHOST ...), printing per workload wall
 * time, the process's CPU time, the backend's CPU time, a check value and
 * heap allocations per operation.
 *
 *   bench_pg_workloads --impl generated|handwritten [--n 20000]
 *                      [--updates 20000] [--only W2]
 *
 * The table is created afresh from schema.sql (the file dalgen generated
 * from) before W1.  --only runs the earlier workloads as set-up and
 * measures just one (under callgrind with --collect-atstart=no: collection
 * is switched on only around it, so the count is the client's own
 * instructions, libpq included, the server being another process). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "dal_pg.h"
#include "workloads.h"

extern uint64_t bench_allocs;   /* every malloc of the process (alloc_count.c) */
uint64_t bench_dal_allocs;      /* libdal's own, through its allocator */

static const pg_impl *impl;
static int n = 20000, updates = 20000;
static const char *only;
static int64_t *ids;
static dal_db *db;

void data_email(int64_t i, char *buf, int cap) { snprintf(buf, (size_t)cap, "user%lld@example.com", (long long)i); }
void data_name(int64_t i, char *buf, int cap) { snprintf(buf, (size_t)cap, "User Number %lld", (long long)i); }
int data_age_is_null(int64_t i) { return i % 10 == 0; }
int32_t data_age(int64_t i) { return (int32_t)(18 + (i * 7) % 70); }
double data_score(int64_t i) { return (double)(i % 1000) * 0.5; }

void bench_fail(const char *what, const char *msg)
{
    fprintf(stderr, "bench_pg: %s failed: %s\n", what, msg ? msg : "?");
    exit(1);
}

static void *count_alloc(void *ctx, size_t size)
{
    (void)ctx;
    bench_dal_allocs++;
    return malloc(size);
}

static void count_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)size;
    free(ptr);
}

static const dal_allocator counting = {count_alloc, count_free, NULL};

static double clock_ns(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* The backend's CPU time (user + system, ms) from /proc (same machine);
 * -1 when unreadable. */
static double backend_cpu_ms(void)
{
    char path[64], buf[1024];
    unsigned long ut, st;
    snprintf(path, sizeof path, "/proc/%d/stat", PQbackendPID(dal_pg(db)));
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    char *p = strrchr(buf, ')');   /* fields after the command name */
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2) return -1;
    return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static int64_t run(int w)
{
    switch (w) {
    case 1: return impl->w1_insert(n);
    case 2: return impl->w2_get(ids, n);
    case 3: return impl->w3_get_by_email(ids, n);
    case 4: return impl->w4_scan();
    default: return impl->w5_update(ids, updates);
    }
}

static void measure(int w)
{
    char name[4] = {'W', (char)('0' + w), 0, 0};
    int measured = !only || strcmp(only, name) == 0;
    if (only && !measured && w > atoi(only + 1)) return;
    int ops = w == 5 ? updates : n;
    double s0 = measured ? backend_cpu_ms() : 0;
    if (measured) CALLGRIND_TOGGLE_COLLECT;
    uint64_t a0 = bench_allocs, d0 = bench_dal_allocs;
    double t0 = clock_ns(CLOCK_MONOTONIC), c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    int64_t check = run(w);
    double t1 = clock_ns(CLOCK_MONOTONIC), c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    uint64_t a1 = bench_allocs, d1 = bench_dal_allocs;
    if (measured) CALLGRIND_TOGGLE_COLLECT;
    if (!measured) return;
    double s1 = backend_cpu_ms();
    printf("%s impl=%s n=%d ns=%.0f cpu_ns=%.0f server_cpu_ms=%.0f check=%lld dal_allocs=%llu dal_allocs_per_op=%.4f",
           name, impl->name, ops, t1 - t0, c1 - c0, s1 - s0, (long long)check, (unsigned long long)(d1 - d0),
           (double)(d1 - d0) / ops);
    if (bench_allocs == UINT64_MAX) printf(" allocs_per_op=n/a\n");
    else printf(" allocs_per_op=%.4f\n", (double)(a1 - a0) / ops);
}

/* DROP and CREATE the table from schema.sql. */
static void create_schema(void)
{
    FILE *f = fopen(BENCH_PG_SCHEMA_PATH, "rb");
    if (!f) bench_fail("open " BENCH_PG_SCHEMA_PATH, "cannot read");
    char ddl[4096];
    size_t len = fread(ddl, 1, sizeof ddl - 1, f);
    fclose(f);
    ddl[len] = '\0';
    if (dal_exec(db, "SET client_min_messages = warning; DROP TABLE IF EXISTS users") != DAL_OK ||
        dal_exec(db, ddl) != DAL_OK)
        bench_fail("create schema", dal_errmsg(db));
}

static void final_check(void)
{
    PGresult *r = PQexec(dal_pg(db), "SELECT count(*), sum(score), sum(age) FROM users");
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        printf("final impl=%s rows=%s score=%s age=%s\n", impl->name, PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1),
               PQgetvalue(r, 0, 2));
    PQclear(r);
}

int main(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--impl")) impl = !strcmp(argv[i + 1], "generated") ? &pg_generated
                                               : !strcmp(argv[i + 1], "handwritten") ? &pg_handwritten : NULL;
        else if (!strcmp(argv[i], "--n")) n = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--updates")) updates = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--only")) only = argv[i + 1];
    }
    if (!impl || n < 1 || updates < 1 || updates > n) {
        fprintf(stderr, "usage: bench_pg_workloads --impl generated|handwritten [--n N] [--updates U] [--only Wk]\n");
        return 2;
    }
    dal_options opts = DAL_OPTIONS_INIT;
    opts.allocator = &counting;
    if (dal_open(&db, "postgresql://", &opts) != DAL_OK) {
        fprintf(stderr, "bench_pg: %s\n", dal_errmsg(db));
        dal_close(db);
        return 77;
    }
    /* ids in 1..n in a fixed pseudo-random order (the same on both sides) */
    ids = malloc((size_t)n * sizeof *ids);
    if (!ids) bench_fail("malloc", "out of memory");
    for (int64_t i = 0, x = 0; i < n; i++) {
        x = (x * 1103515245 + 12345) % n;
        ids[i] = 1 + (x < 0 ? -x : x);
    }
    create_schema();
    impl->open(db, &counting);
    for (int w = 1; w <= 5; w++) measure(w);
    impl->close();
    final_check();
    dal_close(db);
    free(ids);
    return 0;
}
