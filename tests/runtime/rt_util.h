/* rt_util.h - helpers shared by libdal's tests: a counting allocator, a
 * scratch folder, and one-value SQL queries on a raw handle. */
#ifndef RT_UTIL_H
#define RT_UTIL_H

#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dal.h"

typedef struct rt_counter {
    size_t allocs, frees, live_bytes;
} rt_counter;

static void *rt_count_alloc(void *ctx, size_t n)
{
    rt_counter *c = ctx;
    c->allocs++;
    c->live_bytes += n;
    return malloc(n);
}

static void rt_count_free(void *ctx, void *p, size_t n)
{
    rt_counter *c = ctx;
    if (!p) return;
    c->frees++;
    c->live_bytes -= n;
    free(p);
}

static inline dal_allocator rt_counting(rt_counter *c)
{
    dal_allocator a = { rt_count_alloc, rt_count_free, c };
    return a;
}

/* A fresh folder under TMPDIR (or /tmp); removed by rt_rmdir.  /tmp is
 * also where an unprivileged child can reach it (runtime.edges). */
static inline void rt_tmpdir(char *out, size_t size)
{
    const char *base = getenv("TMPDIR");
    snprintf(out, size, "%s/dal-test-XXXXXX", base && *base ? base : "/tmp");
    assert_non_null(mkdtemp(out));
}

static inline void rt_rmdir(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* The first column of the first row of sql, as int64 (must exist). */
static inline int64_t rt_int(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t v;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = (int64_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The same as text, copied into out. */
static inline void rt_text(sqlite3 *h, const char *sql, char *out, size_t size)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static inline dal_db *rt_memdb(void)
{
    dal_db *db = NULL;
    assert_int_equal(dal_open(&db, ":memory:", NULL), DAL_OK);
    return db;
}

#endif
