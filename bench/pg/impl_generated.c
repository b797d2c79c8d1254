/* W1-W5 through the code dalgen generates from schema.sql and queries.sql
 * (gen/pgb.{h,c}, prefix pgb; bench/pg/regen.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pgb.h"
#include "workloads.h"

static dal_db *db;
static dal_arena arena;

static void gen_open(dal_db *conn, const dal_allocator *alloc)
{
    db = conn;
    dal_arena_init(&arena, alloc);
}

static void gen_close(void) { dal_arena_free(&arena); }

/* noinline on both sides: the harness costs the same around each API */
__attribute__((noinline)) static int64_t row_check(const pgb_user *u)
{
    return u->id + (u->has_age ? u->age : 0) + (int64_t)strlen(u->email) + (int64_t)strlen(u->name) +
           (int64_t)u->score + (u->created_at != 0);
}

static int64_t w1_insert(int n)
{
    char email[64], name[64];
    int64_t check = 0;
    if (dal_begin(db) != DAL_OK) bench_fail("begin", dal_errmsg(db));
    for (int64_t i = 1; i <= n; i++) {
        data_email(i, email, sizeof email);
        data_name(i, name, sizeof name);
        pgb_user row;
        memset(&row, 0, sizeof row);
        row.email = email;
        row.name = name;
        row.has_age = !data_age_is_null(i);
        row.age = data_age(i);
        row.has_score = true;
        row.score = data_score(i);
        if (pgb_user_insert(db, &row, &arena) != DAL_OK) bench_fail("insert", dal_errmsg(db));
        check += row.id + (row.created_at != 0);
        dal_arena_reset(&arena);
    }
    if (dal_commit(db) != DAL_OK) bench_fail("commit", dal_errmsg(db));
    return check;
}

static int64_t w2_get(const int64_t *ids, int n)
{
    int64_t check = 0;
    pgb_user u;
    for (int i = 0; i < n; i++) {
        if (pgb_user_get(db, ids[i], &u, &arena) != DAL_OK) bench_fail("get", dal_errmsg(db));
        check += row_check(&u);
        dal_arena_reset(&arena);
    }
    return check;
}

static int64_t w3_get_by_email(const int64_t *ids, int n)
{
    char email[64];
    int64_t check = 0;
    pgb_user u;
    for (int i = 0; i < n; i++) {
        data_email(ids[i], email, sizeof email);
        if (pgb_user_get_by_email(db, email, &u, &arena) != DAL_OK) bench_fail("get_by_email", dal_errmsg(db));
        check += row_check(&u);
        dal_arena_reset(&arena);
    }
    return check;
}

static int64_t w4_scan(void)
{
    int64_t check = 0;
    pgb_user_iter it;
    pgb_user u;
    int rc;
    if (pgb_user_list(db, &it) != DAL_OK) bench_fail("list", dal_errmsg(db));
    while ((rc = pgb_user_next(&it, &u, &arena)) == DAL_ROW) {
        check += row_check(&u);
        dal_arena_reset(&arena);
    }
    if (rc != DAL_DONE) bench_fail("list next", dal_errmsg(db));
    pgb_user_iter_end(&it);
    return check;
}

static int64_t w5_update(const int64_t *ids, int n)
{
    int64_t check = 0;
    if (dal_begin(db) != DAL_OK) bench_fail("begin", dal_errmsg(db));
    for (int i = 0; i < n; i++) {
        double score = (double)(ids[i] % 100) + 0.5;
        if (pgb_update_score(db, &score, ids[i]) != DAL_OK) bench_fail("update_score", dal_errmsg(db));
        check += dal_changes(db);
    }
    if (dal_commit(db) != DAL_OK) bench_fail("commit", dal_errmsg(db));
    return check;
}

const pg_impl pg_generated = {"generated", gen_open, gen_close, w1_insert, w2_get, w3_get_by_email, w4_scan,
                              w5_update};
