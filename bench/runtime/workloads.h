/* workloads.h - the five workloads, implemented twice (generated API and
 * hand-written sqlite3 C) behind one table of functions. */
#ifndef WORKLOADS_H
#define WORKLOADS_H

#include <stdint.h>

typedef struct bench_impl {
    const char *name;
    int  (*open)(const char *path);
    void (*close)(void);
    /* Each returns a check value that both implementations must agree on. */
    int64_t (*w1_insert)(int n);
    int64_t (*w2_get)(const int64_t *ids, int n);
    int64_t (*w3_get_by_email)(const int64_t *ids, int n);
    int64_t (*w4_scan)(void);
    int64_t (*w5_update)(const int64_t *ids, int n);
} bench_impl;

extern const bench_impl bench_generated;
extern const bench_impl bench_handwritten;

/* The deterministic data of row i (1-based). */
void bench_email(int64_t i, char *buf, int cap);
void bench_name(int64_t i, char *buf, int cap);
int  bench_age_is_null(int64_t i);
int64_t bench_age(int64_t i);
double bench_score(int64_t i);
#define BENCH_CREATED_AT "2026-01-01T00:00:00.000Z"

void bench_fail(const char *what, const char *msg);

#endif
