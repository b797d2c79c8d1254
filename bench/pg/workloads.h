/* workloads.h - W1-W5 on PostgreSQL (bench/README.md), implemented twice:
 * through the code dalgen generates from schema.sql and queries.sql
 * (impl_generated.c) and in hand-written libpq C (impl_handwritten.c),
 * behind one table of functions.  Both sides share one connection made by
 * main.c (libdal's dal_open of the libpq environment: the same
 * connection options); each workload returns a check value both must
 * agree on. */
#ifndef PG_WORKLOADS_H
#define PG_WORKLOADS_H

#include <stdint.h>

#include "dal.h"

typedef struct pg_impl {
    const char *name;
    void (*open)(dal_db *db, const dal_allocator *alloc);   /* alloc: libdal's, counting */
    void (*close)(void);
    int64_t (*w1_insert)(int n);                     /* n rows, one transaction */
    int64_t (*w2_get)(const int64_t *ids, int n);    /* by primary key */
    int64_t (*w3_get_by_email)(const int64_t *ids, int n);
    int64_t (*w4_scan)(void);                        /* every row */
    int64_t (*w5_update)(const int64_t *ids, int n); /* score, named query, one transaction */
} pg_impl;

extern const pg_impl pg_generated;
extern const pg_impl pg_handwritten;

/* The deterministic data of row i (1-based); ids are 1..n after W1 (the
 * table is created afresh before it). */
void data_email(int64_t i, char *buf, int cap);
void data_name(int64_t i, char *buf, int cap);
int data_age_is_null(int64_t i);
int32_t data_age(int64_t i);
double data_score(int64_t i);
void bench_fail(const char *what, const char *msg);
/* libdal's own allocations (the counting allocator of the generated side). */
extern uint64_t bench_dal_allocs;

#endif
