/* The workloads in hand-written sqlite3 C, written the way a careful C
 * programmer would: statements prepared once with SQLITE_PREPARE_PERSISTENT,
 * bound, stepped and reset; rows read into caller-owned buffers; the
 * connection opened with the same settings as libdal's (NOMUTEX, WAL,
 * synchronous=NORMAL, foreign keys on, busy timeout). */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "workloads.h"

typedef struct hand_user {
    int64_t id;
    char    email[64];
    char    name[64];
    int     has_age;
    int64_t age;
    int     has_score;
    double  score;
    char    created_at[32];
} hand_user;

static sqlite3 *db;
static sqlite3_stmt *ins, *get, *get_email, *scan, *upd;

#define COLS "\"id\", \"email\", \"name\", \"age\", \"score\", \"created_at\""

static sqlite3_stmt *prepare(const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        bench_fail(sql, sqlite3_errmsg(db));
    return st;
}

static int hand_open(const char *path)
{
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        bench_fail("open", sqlite3_errmsg(db));
    sqlite3_busy_timeout(db, 5000);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", NULL, NULL, NULL);
    ins = prepare("INSERT INTO \"users\" (\"email\", \"name\", \"age\", \"score\", \"created_at\") VALUES (?, ?, ?, ?, ?)");
    get = prepare("SELECT " COLS " FROM \"users\" WHERE \"id\" = ?");
    get_email = prepare("SELECT " COLS " FROM \"users\" WHERE \"email\" = ?");
    scan = prepare("SELECT " COLS " FROM \"users\" ORDER BY \"id\"");
    upd = prepare("UPDATE \"users\" SET \"score\" = ? WHERE \"id\" = ?");
    return 0;
}

static void hand_close(void)
{
    sqlite3_finalize(ins);
    sqlite3_finalize(get);
    sqlite3_finalize(get_email);
    sqlite3_finalize(scan);
    sqlite3_finalize(upd);
    sqlite3_close(db);
}

static void exec(const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) bench_fail(sql, sqlite3_errmsg(db));
}

static void copy_text(sqlite3_stmt *st, int col, char *buf, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    if (n >= cap) n = cap - 1;
    memcpy(buf, t, n);
    buf[n] = '\0';
}

static void read_row(sqlite3_stmt *st, hand_user *u)
{
    u->id = sqlite3_column_int64(st, 0);
    copy_text(st, 1, u->email, sizeof u->email);
    copy_text(st, 2, u->name, sizeof u->name);
    u->has_age = sqlite3_column_type(st, 3) != SQLITE_NULL;
    u->age = u->has_age ? sqlite3_column_int64(st, 3) : 0;
    u->has_score = sqlite3_column_type(st, 4) != SQLITE_NULL;
    u->score = u->has_score ? sqlite3_column_double(st, 4) : 0;
    copy_text(st, 5, u->created_at, sizeof u->created_at);
}

static int64_t w1_insert(int n)
{
    char email[64], name[64];
    int64_t check = 0;
    exec("BEGIN IMMEDIATE");
    for (int64_t i = 1; i <= n; i++) {
        bench_email(i, email, sizeof email);
        bench_name(i, name, sizeof name);
        sqlite3_bind_text(ins, 1, email, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, name, -1, SQLITE_STATIC);
        if (bench_age_is_null(i)) sqlite3_bind_null(ins, 3);
        else sqlite3_bind_int64(ins, 3, bench_age(i));
        sqlite3_bind_double(ins, 4, bench_score(i));
        sqlite3_bind_text(ins, 5, BENCH_CREATED_AT, -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE) bench_fail("insert", sqlite3_errmsg(db));
        sqlite3_reset(ins);
        check += sqlite3_last_insert_rowid(db);
    }
    exec("COMMIT");
    return check;
}

static int64_t row_check(const hand_user *u)
{
    return u->id + (u->has_age ? u->age : 0) + (int64_t)strlen(u->email) +
           (int64_t)strlen(u->name) + (int64_t)u->score + (int64_t)strlen(u->created_at);
}

static int64_t w2_get(const int64_t *ids, int n)
{
    int64_t check = 0;
    hand_user u;
    for (int k = 0; k < n; k++) {
        sqlite3_bind_int64(get, 1, ids[k]);
        if (sqlite3_step(get) != SQLITE_ROW) bench_fail("get", sqlite3_errmsg(db));
        read_row(get, &u);
        sqlite3_reset(get);
        check += row_check(&u);
    }
    return check;
}

static int64_t w3_get_by_email(const int64_t *ids, int n)
{
    char email[64];
    int64_t check = 0;
    hand_user u;
    for (int k = 0; k < n; k++) {
        bench_email(ids[k], email, sizeof email);
        sqlite3_bind_text(get_email, 1, email, -1, SQLITE_STATIC);
        if (sqlite3_step(get_email) != SQLITE_ROW) bench_fail("get_by_email", sqlite3_errmsg(db));
        read_row(get_email, &u);
        sqlite3_reset(get_email);
        check += row_check(&u);
    }
    return check;
}

static int64_t w4_scan(void)
{
    int64_t sum = 0;
    hand_user u;
    int rc;
    while ((rc = sqlite3_step(scan)) == SQLITE_ROW) {
        read_row(scan, &u);
        if (u.has_age) sum += u.age;
    }
    if (rc != SQLITE_DONE) bench_fail("scan", sqlite3_errmsg(db));
    sqlite3_reset(scan);
    return sum;
}

static int64_t w5_update(const int64_t *ids, int n)
{
    exec("BEGIN IMMEDIATE");
    for (int k = 0; k < n; k++) {
        sqlite3_bind_double(upd, 1, (double)k);
        sqlite3_bind_int64(upd, 2, ids[k]);
        if (sqlite3_step(upd) != SQLITE_DONE) bench_fail("update", sqlite3_errmsg(db));
        sqlite3_reset(upd);
    }
    exec("COMMIT");
    return n;
}

const bench_impl bench_handwritten = {
    "handwritten", hand_open, hand_close, w1_insert, w2_get, w3_get_by_email, w4_scan, w5_update,
};
