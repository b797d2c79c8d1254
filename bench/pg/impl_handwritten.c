/* W1-W5 in hand-written libpq C: what a careful programmer writes without
 * a generator.  Statements prepared once (PQprepare with the parameter
 * types), binary parameters and results, rows decoded in place and their
 * text copied into caller-owned buffers; no result type checks. */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "dal_pg.h"
#include "workloads.h"

static PGconn *conn;

typedef struct hrow {
    int64_t id, created_at;
    char email[64], name[64];
    int has_age, has_score;
    int32_t age;
    double score;
} hrow;

#define COLS "id, email, name, age, score, created_at"
static const struct { const char *name, *sql; int n; Oid types[4]; } stmts[] = {
    {"h_insert", "INSERT INTO users (email, name, age, score) VALUES ($1, $2, $3, $4) RETURNING id, created_at", 4,
     {DAL_PG_TEXT, DAL_PG_TEXT, DAL_PG_INT4, DAL_PG_FLOAT8}},
    {"h_get", "SELECT " COLS " FROM users WHERE id = $1", 1, {DAL_PG_INT8}},
    {"h_get_email", "SELECT " COLS " FROM users WHERE email = $1", 1, {DAL_PG_TEXT}},
    {"h_scan", "SELECT " COLS " FROM users ORDER BY id", 0, {0}},
    {"h_update", "UPDATE users SET score = $1 WHERE id = $2", 2, {DAL_PG_FLOAT8, DAL_PG_INT8}},
};

static void ok(PGresult *r, ExecStatusType want, const char *what)
{
    if (PQresultStatus(r) != want) bench_fail(what, PQresultErrorMessage(r));
}

static void hand_open(dal_db *db, const dal_allocator *alloc)
{
    (void)alloc;
    conn = dal_pg(db);
    for (size_t i = 0; i < sizeof stmts / sizeof *stmts; i++) {
        PGresult *r = PQprepare(conn, stmts[i].name, stmts[i].sql, stmts[i].n, stmts[i].types);
        ok(r, PGRES_COMMAND_OK, stmts[i].name);
        PQclear(r);
    }
}

static void hand_close(void)
{
    PQclear(PQexec(conn, "DEALLOCATE ALL"));
}

static void cmd(const char *sql)
{
    PGresult *r = PQexec(conn, sql);
    ok(r, PGRES_COMMAND_OK, sql);
    PQclear(r);
}

static int64_t get64(const PGresult *r, int row, int col)
{
    uint64_t u;
    memcpy(&u, PQgetvalue(r, row, col), 8);
    return (int64_t)be64toh(u);
}

static void get_text(const PGresult *r, int row, int col, char *buf, size_t cap)
{
    size_t n = (size_t)PQgetlength(r, row, col);
    if (n >= cap) n = cap - 1;
    memcpy(buf, PQgetvalue(r, row, col), n);
    buf[n] = '\0';
}

/* Row `row` of a result of COLS. */
static void read_row(const PGresult *r, int row, hrow *out)
{
    out->id = get64(r, row, 0);
    get_text(r, row, 1, out->email, sizeof out->email);
    get_text(r, row, 2, out->name, sizeof out->name);
    out->has_age = !PQgetisnull(r, row, 3);
    if (out->has_age) {
        uint32_t u;
        memcpy(&u, PQgetvalue(r, row, 3), 4);
        out->age = (int32_t)be32toh(u);
    } else {
        out->age = 0;
    }
    out->has_score = !PQgetisnull(r, row, 4);
    if (out->has_score) {
        uint64_t u = (uint64_t)get64(r, row, 4);
        memcpy(&out->score, &u, 8);
    } else {
        out->score = 0;
    }
    out->created_at = get64(r, row, 5);
}

/* noinline on both sides: the harness costs the same around each API */
__attribute__((noinline)) static int64_t row_check(const hrow *u)
{
    return u->id + (u->has_age ? u->age : 0) + (int64_t)strlen(u->email) + (int64_t)strlen(u->name) +
           (int64_t)u->score + (u->created_at != 0);
}

static int64_t w1_insert(int n)
{
    char email[64], name[64];
    int64_t check = 0;
    cmd("BEGIN");
    for (int64_t i = 1; i <= n; i++) {
        uint32_t age = htobe32((uint32_t)data_age(i));
        double score = data_score(i);
        uint64_t sbe;
        memcpy(&sbe, &score, 8);
        sbe = htobe64(sbe);
        data_email(i, email, sizeof email);
        data_name(i, name, sizeof name);
        const char *v[4] = {email, name, data_age_is_null(i) ? NULL : (const char *)&age, (const char *)&sbe};
        int len[4] = {0, 0, 4, 8}, fmt[4] = {0, 0, 1, 1};
        PGresult *r = PQexecPrepared(conn, "h_insert", 4, v, len, fmt, 1);
        ok(r, PGRES_TUPLES_OK, "insert");
        if (PQntuples(r) != 1) bench_fail("insert", "no row returned");
        check += get64(r, 0, 0) + (get64(r, 0, 1) != 0);
        PQclear(r);
    }
    cmd("COMMIT");
    return check;
}

static int64_t w2_get(const int64_t *ids, int n)
{
    int64_t check = 0;
    hrow u;
    for (int i = 0; i < n; i++) {
        uint64_t be = htobe64((uint64_t)ids[i]);
        const char *v[1] = {(const char *)&be};
        int len[1] = {8}, fmt[1] = {1};
        PGresult *r = PQexecPrepared(conn, "h_get", 1, v, len, fmt, 1);
        ok(r, PGRES_TUPLES_OK, "get");
        if (PQntuples(r) != 1) bench_fail("get", "no row");
        read_row(r, 0, &u);
        check += row_check(&u);
        PQclear(r);
    }
    return check;
}

static int64_t w3_get_by_email(const int64_t *ids, int n)
{
    char email[64];
    int64_t check = 0;
    hrow u;
    for (int i = 0; i < n; i++) {
        data_email(ids[i], email, sizeof email);
        const char *v[1] = {email};
        int len[1] = {0}, fmt[1] = {0};
        PGresult *r = PQexecPrepared(conn, "h_get_email", 1, v, len, fmt, 1);
        ok(r, PGRES_TUPLES_OK, "get_by_email");
        if (PQntuples(r) != 1) bench_fail("get_by_email", "no row");
        read_row(r, 0, &u);
        check += row_check(&u);
        PQclear(r);
    }
    return check;
}

static int64_t w4_scan(void)
{
    int64_t check = 0;
    hrow u;
    PGresult *r = PQexecPrepared(conn, "h_scan", 0, NULL, NULL, NULL, 1);
    ok(r, PGRES_TUPLES_OK, "scan");
    for (int i = 0, n = PQntuples(r); i < n; i++) {
        read_row(r, i, &u);
        check += row_check(&u);
    }
    PQclear(r);
    return check;
}

static int64_t w5_update(const int64_t *ids, int n)
{
    int64_t check = 0;
    cmd("BEGIN");
    for (int i = 0; i < n; i++) {
        double score = (double)(ids[i] % 100) + 0.5;
        uint64_t sbe, ibe = htobe64((uint64_t)ids[i]);
        memcpy(&sbe, &score, 8);
        sbe = htobe64(sbe);
        const char *v[2] = {(const char *)&sbe, (const char *)&ibe};
        int len[2] = {8, 8}, fmt[2] = {1, 1};
        PGresult *r = PQexecPrepared(conn, "h_update", 2, v, len, fmt, 1);
        ok(r, PGRES_COMMAND_OK, "update");
        check += atoi(PQcmdTuples(r));
        PQclear(r);
    }
    cmd("COMMIT");
    return check;
}

const pg_impl pg_handwritten = {"handwritten", hand_open, hand_close, w1_insert, w2_get, w3_get_by_email, w4_scan,
                                w5_update};
