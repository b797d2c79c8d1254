/* The workloads through the code dalgen generates (bench.h, bench.c). */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "bench_gen.h"

static dal_db *db;
static dal_arena arena;

static int gen_open(const char *path)
{
    dal_arena_init(&arena, NULL);
    if (dal_open(&db, path, NULL) != DAL_OK) bench_fail("dal_open", dal_errmsg(db));
    return 0;
}

static void gen_close(void)
{
    dal_close(db);
    dal_arena_free(&arena);
}

static int64_t w1_insert(int n)
{
    char email[64], name[64];
    int64_t check = 0;
    if (dal_begin(db) != DAL_OK) bench_fail("begin", dal_errmsg(db));
    for (int64_t i = 1; i <= n; i++) {
        bench_email(i, email, sizeof email);
        bench_name(i, name, sizeof name);
        bench_user row;
        memset(&row, 0, sizeof row);
        row.email = email;
        row.name = name;
        row.has_age = !bench_age_is_null(i);
        row.age = bench_age(i);
        row.has_score = 1;
        row.score = bench_score(i);
        row.created_at = BENCH_CREATED_AT;
        if (bench_user_insert(db, &row, &arena) != DAL_OK) bench_fail("insert", dal_errmsg(db));
        check += row.id;
        dal_arena_reset(&arena);
    }
    if (dal_commit(db) != DAL_OK) bench_fail("commit", dal_errmsg(db));
    return check;
}

static int64_t row_check(const bench_user *u)
{
    return u->id + (u->has_age ? u->age : 0) + (int64_t)strlen(u->email) +
           (int64_t)strlen(u->name) + (int64_t)u->score + (int64_t)strlen(u->created_at);
}

static int64_t w2_get(const int64_t *ids, int n)
{
    int64_t check = 0;
    bench_user u;
    for (int k = 0; k < n; k++) {
        if (bench_user_get(db, ids[k], &u, &arena) != DAL_OK) bench_fail("get", dal_errmsg(db));
        check += row_check(&u);
        dal_arena_reset(&arena);
    }
    return check;
}

static int64_t w3_get_by_email(const int64_t *ids, int n)
{
    char email[64];
    int64_t check = 0;
    bench_user u;
    for (int k = 0; k < n; k++) {
        bench_email(ids[k], email, sizeof email);
        if (bench_user_get_by_email(db, email, &u, &arena) != DAL_OK) bench_fail("get_by_email", dal_errmsg(db));
        check += row_check(&u);
        dal_arena_reset(&arena);
    }
    return check;
}

static int64_t w4_scan(void)
{
    int64_t sum = 0;
    bench_user_iter it;
    bench_user u;
    int rc;
    if (bench_user_list(db, &it) != DAL_OK) bench_fail("list", dal_errmsg(db));
    while ((rc = bench_user_next(&it, &u, &arena)) == DAL_ROW) {
        if (u.has_age) sum += u.age;
        dal_arena_reset(&arena);
    }
    bench_user_iter_end(&it);
    if (rc != DAL_DONE) bench_fail("next", dal_errmsg(db));
    return sum;
}

static int64_t w5_update(const int64_t *ids, int n)
{
    if (dal_begin(db) != DAL_OK) bench_fail("begin", dal_errmsg(db));
    for (int k = 0; k < n; k++)
        if (bench_update_score(db, (double)k, ids[k]) != DAL_OK) bench_fail("update_score", dal_errmsg(db));
    if (dal_commit(db) != DAL_OK) bench_fail("commit", dal_errmsg(db));
    return n;
}

const bench_impl bench_generated = {
    "generated", gen_open, gen_close, w1_insert, w2_get, w3_get_by_email, w4_scan, w5_update,
};
