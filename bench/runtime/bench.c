#define _POSIX_C_SOURCE 200809L
/* bench.c - runs the five workloads of one implementation and prints, per
 * workload, wall time, CPU time, a check value and heap allocations per
 * operation.
 *
 *   bench_runtime --impl generated|handwritten [--n 200000] [--updates 50000]
 *                 [--db PATH] [--only W2]
 *
 * --only runs the earlier workloads as set-up and measures just one (used
 * under callgrind with --collect-atstart=no: collection is switched on only
 * around the measured workload).  The last line is a check of the database
 * itself, read with plain sqlite3 after the implementation closed it. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "workloads.h"

extern uint64_t bench_allocs;     /* every malloc of the process (alloc_count.c) */
extern uint64_t bench_dal_allocs; /* libdal's allocations only (impl_generated.c) */

static const bench_impl *impl;
static int n = 200000, updates = 50000;
static const char *only;
static int64_t *ids;

static double clock_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double now_ns(void) { return clock_ns(CLOCK_MONOTONIC); }
/* CPU time of this (single-threaded) process: less disturbed than wall
 * time by other processes on a shared machine, blind to I/O waits. */
static double cpu_ns(void) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

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
    int ops = w == 4 ? n : w == 5 ? updates : n;
    if (measured) CALLGRIND_TOGGLE_COLLECT;
    uint64_t a0 = bench_allocs, d0 = bench_dal_allocs;
    double t0 = now_ns(), c0 = cpu_ns();
    int64_t check = run(w);
    double t1 = now_ns(), c1 = cpu_ns();
    uint64_t a1 = bench_allocs, d1 = bench_dal_allocs;
    if (measured) CALLGRIND_TOGGLE_COLLECT;
    if (!measured) return;
    printf("%s impl=%s n=%d ns=%.0f cpu_ns=%.0f check=%lld dal_allocs=%llu dal_allocs_per_op=%.4f", name,
           impl->name, ops, t1 - t0, c1 - c0, (long long)check, (unsigned long long)(d1 - d0), (double)(d1 - d0) / ops);
    if (bench_allocs == UINT64_MAX)
        printf(" allocs_per_op=n/a\n");
    else
        printf(" allocs_per_op=%.4f\n", (double)(a1 - a0) / ops);
}

/* Creates the table from schema.sql (the same file dalgen generated from). */
static void create_schema(const char *path)
{
    FILE *f = fopen(BENCH_SCHEMA_PATH, "rb");
    if (!f) bench_fail("open " BENCH_SCHEMA_PATH, "cannot read");
    char ddl[4096];
    size_t len = fread(ddl, 1, sizeof ddl - 1, f);
    fclose(f);
    ddl[len] = '\0';
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, ddl, NULL, NULL, NULL) != SQLITE_OK)
        bench_fail("create schema", sqlite3_errmsg(db));
    sqlite3_close(db);
}

static void final_check(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) bench_fail("reopen", sqlite3_errmsg(db));
    if (sqlite3_prepare_v2(db, "SELECT count(*), total(score), total(age) FROM users", -1, &st, NULL) != SQLITE_OK)
        bench_fail("final", sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        printf("final impl=%s rows=%lld score=%.1f age=%.0f\n", impl->name, (long long)sqlite3_column_int64(st, 0),
               sqlite3_column_double(st, 1), sqlite3_column_double(st, 2));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

int main(int argc, char **argv)
{
    const char *path = "bench.db";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--impl")) impl = !strcmp(argv[i + 1], "generated") ? &bench_generated
                                               : !strcmp(argv[i + 1], "handwritten") ? &bench_handwritten : NULL;
        else if (!strcmp(argv[i], "--n")) n = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--updates")) updates = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--db")) path = argv[i + 1];
        else if (!strcmp(argv[i], "--only")) only = argv[i + 1];
    }
    if (!impl || n <= 0 || updates <= 0 || updates > n) {
        fprintf(stderr, "usage: bench_runtime --impl generated|handwritten [--n N] [--updates M<=N] [--db PATH] [--only Wk]\n");
        return 2;
    }
    char wal[4096], shm[4096];
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    unlink(path), unlink(wal), unlink(shm);

    ids = malloc(sizeof *ids * (size_t)n);
    uint64_t x = 42;   /* xorshift64, fixed seed: both implementations look up the same ids */
    for (int k = 0; k < n; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        ids[k] = (int64_t)(x % (uint64_t)n) + 1;
    }
    create_schema(path);
    impl->open(path);
    for (int w = 1; w <= 5; w++) measure(w);
    impl->close();
    final_check(path);
    free(ids);
    return 0;
}
