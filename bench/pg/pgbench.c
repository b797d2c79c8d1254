/* bench/pg/pgbench.c - libdal's PostgreSQL hot path against hand-written
 * libpq: a get by primary key (bigint, text, double precision) prepared
 * once, binary parameter and results, N times on one connection.
 *   pgbench hand|dal N      (libpq environment: PGHOST ...)
 * Wall time per call is printed; bench/pg/run.sh runs both under callgrind
 * (--toggle-collect=loop_*) for client instructions per call.
 *   pgbench write N [ROUNDS]
 * Inserts of N users rows, W1 one dal_pg_exec each, W6 the generated
 * :batchexec pgb_insert_users (dal_pg_batch: a pipeline), W7 the
 * generated :copyfrom pgb_copy_users (binary COPY through dal_pg_copy;
 * 10 N rows), each in one
 * transaction, and the same three hand-written in libpq (w1_hand,
 * w6_hand, w7_hand), rounds interleaved; prints the median rows/s of each
 * and the ratios to W1 (libdal's, and the hand-written one's). */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dal_pg.h"
#include "pgb.h"

typedef struct row { int64_t id; const char *name; double score; } row;

static unsigned slot;
static const char *const sql[] = { "SELECT id, name, score FROM bench_items WHERE id = $1" };
static const dal_unit unit = { "bench", 1, sql, &slot };
static const Oid get_types[1] = { DAL_PG_INT8 };
static const Oid get_results[3] = { DAL_PG_INT8, DAL_PG_TEXT, DAL_PG_FLOAT8 };

/* What a careful hand-written program does: no type checks. */
static int get_hand(PGconn *c, int64_t id, row *out, char *buf, size_t size)
{
    uint64_t be = htobe64((uint64_t)id), u;
    const char *v[1] = { (const char *)&be };
    int len[1] = { 8 }, fmt[1] = { 1 }, rc = 0, n;
    PGresult *r = PQexecPrepared(c, "hand_get", 1, v, len, fmt, 1);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) rc = -1;
    else {
        memcpy(&u, PQgetvalue(r, 0, 0), 8);
        out->id = (int64_t)be64toh(u);
        n = PQgetlength(r, 0, 1);
        if ((size_t)n >= size) n = (int)size - 1;
        memcpy(buf, PQgetvalue(r, 0, 1), (size_t)n);
        buf[n] = '\0';
        out->name = buf;
        memcpy(&u, PQgetvalue(r, 0, 2), 8);
        u = be64toh(u);
        memcpy(&out->score, &u, 8);
    }
    PQclear(r);
    return rc;
}

/* What generated code does through libdal. */
static int get_dal(dal_db *db, int64_t id, row *out, dal_arena *a)
{
    DAL_PG_PARAMS(p, db, 1, get_types, NULL);
    PGresult *res;
    int rc = dal_pg_bind_int64(&p, 1, id);
    DAL_PG_RESULTS(p, get_results, 3);
    if (rc == DAL_OK) rc = dal_pg_exec(db, &unit, 0, &p, &res);
    if (rc != DAL_OK) return rc;
    if (PQntuples(res) != 1) rc = DAL_NOTFOUND;
    if (rc == DAL_OK) rc = dal_pg_read_int64(db, res, 0, 0, "id", &out->id);
    if (rc == DAL_OK) rc = dal_pg_read_text(db, res, 0, 1, "name", a, &out->name);
    if (rc == DAL_OK) rc = dal_pg_read_double(db, res, 0, 2, "score", &out->score);
    PQclear(res);
    return rc;
}

__attribute__((noinline)) static double loop_hand(PGconn *c, int n)
{
    char buf[64];
    row r;
    double sum = 0;
    for (int i = 0; i < n; i++) {
        if (get_hand(c, 1 + i % 1000, &r, buf, sizeof buf) != 0) exit(1);
        sum += r.score;
    }
    return sum;
}

__attribute__((noinline)) static double loop_dal(dal_db *db, int n, dal_arena *a)
{
    row r;
    double sum = 0;
    for (int i = 0; i < n; i++) {
        if (get_dal(db, 1 + i % 1000, &r, a) != DAL_OK) exit(1);
        sum += r.score;
        dal_arena_reset(a);
    }
    return sum;
}

/* ---- W1, W6, W7: writes ---- */

static const char *const wsql[] = {
    "INSERT INTO users (email, name, age, score) VALUES ($1, $2, $3, $4)",
};
static unsigned wslot;
static const dal_unit wunit = { "bench_write", 1, wsql, &wslot };
static const Oid insert_types[4] = { DAL_PG_TEXT, DAL_PG_TEXT, DAL_PG_INT4, DAL_PG_FLOAT8 };

typedef struct user_gen { long base; char email[48], name[48]; } user_gen;

/* prefix, the decimal digits of k, suffix into out (cap 48): what
 * snprintf("user%ld@example.com") writes at a tenth of its cost, so that
 * the rows' formatting, the same for W1, W6 and W7, does not dominate the
 * client's work per row (it was ~1,450 of W7's 2,100 Ir per row). */
static void format_key(char *out, const char *prefix, long k, const char *suffix)
{
    char digits[24];
    int n = 0;
    size_t lp = strlen(prefix), ls = strlen(suffix);
    unsigned long u = (unsigned long)k;
    do digits[n++] = (char)('0' + u % 10); while ((u /= 10) != 0);
    memcpy(out, prefix, lp);
    for (int j = 0; j < n; j++) out[lp + (size_t)j] = digits[n - 1 - j];
    memcpy(out + lp + (size_t)n, suffix, ls + 1);
}

static int bind_user(void *ctx, size_t i, dal_pg_params *p)
{
    user_gen *g = ctx;
    long k = g->base + (long)i;
    format_key(g->email, "user", k, "@example.com");
    format_key(g->name, "User ", k, "");
    dal_pg_bind_text(p, 1, g->email);
    dal_pg_bind_text(p, 2, g->name);
    dal_pg_bind_int32(p, 3, (int32_t)(k % 90));
    return dal_pg_bind_double(p, 4, (double)k / 4.0);
}

static void check(dal_db *db, int rc)
{
    if (rc != DAL_OK) {
        fprintf(stderr, "pgbench: %s\n", dal_errmsg(db));
        exit(1);
    }
}

__attribute__((noinline)) static void w1_single(dal_db *db, user_gen *g, int n)
{
    DAL_PG_PARAMS(p, db, 4, insert_types, NULL);
    PGresult *res;
    check(db, dal_begin(db));
    for (int i = 0; i < n; i++) {
        bind_user(g, (size_t)i, &p);
        check(db, dal_pg_exec(db, &wunit, 0, &p, &res));
        PQclear(res);
    }
    check(db, dal_commit(db));
}

/* The values a row of the generated :batchexec and :copyfrom
 * (bench/pg/queries.sql: InsertUsers, CopyUsers) points at. */
typedef struct row_vals {
    int32_t age;
    double score;
    char email[48], name[48];
} row_vals;

/* Row i's values: what bind_user binds (the same format_key). */
static void fill_vals(row_vals *v, const user_gen *g, int i)
{
    long k = g->base + i;
    format_key(v->email, "user", k, "@example.com");
    format_key(v->name, "User ", k, "");
    v->age = (int32_t)(k % 90);
    v->score = (double)k / 4.0;
}

/* W6 and W7 through the generated code: the rows formatted into the
 * array the generated function takes (what its caller does), then one
 * call: pgb_insert_users (dal_pg_batch, a pipeline) or pgb_copy_users
 * (its row writer puts each field straight into libdal's COPY buffer).
 * items/rows and vals: room for n, allocated once by the caller. */
__attribute__((noinline)) static void w6_batch(dal_db *db, user_gen *g, int n, pgb_insert_users_params *items,
                                               row_vals *vals)
{
    check(db, dal_begin(db));
    for (int i = 0; i < n; i++) {
        row_vals *v = &vals[i];
        fill_vals(v, g, i);
        items[i] = (pgb_insert_users_params){ v->email, v->name, &v->age, &v->score };
    }
    check(db, pgb_insert_users(db, items, (size_t)n, NULL));
    check(db, dal_commit(db));
}

__attribute__((noinline)) static void w7_copy(dal_db *db, user_gen *g, int n, pgb_copy_users_params *rows,
                                              row_vals *vals)
{
    check(db, dal_begin(db));
    for (int i = 0; i < n; i++) {
        row_vals *v = &vals[i];
        fill_vals(v, g, i);
        rows[i] = (pgb_copy_users_params){ v->email, v->name, &v->age, &v->score };
    }
    check(db, pgb_copy_users(db, rows, (size_t)n, NULL));
    check(db, dal_commit(db));
}

/* ---- W1, W6, W7 as a careful hand-written libpq program writes them:
 * the same rows (format_key), the statement prepared once with its types
 * ("hand_ins"), binary parameters; W6 in pipeline mode with the window
 * and segments of dal_pg_batch; W7 a binary COPY encoded by hand into
 * a buffer of DAL_PG_COPY_BUF bytes. */

static void hand_ok(PGresult *r, ExecStatusType want, const char *what)
{
    if (PQresultStatus(r) != want) {
        fprintf(stderr, "pgbench: %s: %s", what, PQresultErrorMessage(r));
        exit(1);
    }
    PQclear(r);
}

typedef struct hand_row {
    const char *v[4];
    int len[4];
    uint32_t age;
    uint64_t score;
} hand_row;

static void hand_bind(user_gen *g, long i, hand_row *h)
{
    long k = g->base + i;
    double score = (double)k / 4.0;
    format_key(g->email, "user", k, "@example.com");
    format_key(g->name, "User ", k, "");
    h->age = htobe32((uint32_t)(k % 90));
    memcpy(&h->score, &score, 8);
    h->score = htobe64(h->score);
    h->v[0] = g->email, h->v[1] = g->name, h->v[2] = (const char *)&h->age, h->v[3] = (const char *)&h->score;
    h->len[0] = (int)strlen(g->email), h->len[1] = (int)strlen(g->name), h->len[2] = 4, h->len[3] = 8;
}

static const int hand_fmt[4] = { 1, 1, 1, 1 };

__attribute__((noinline)) static void w1_hand(PGconn *c, user_gen *g, int n)
{
    hand_row h;
    hand_ok(PQexec(c, "BEGIN"), PGRES_COMMAND_OK, "begin");
    for (int i = 0; i < n; i++) {
        hand_bind(g, i, &h);
        hand_ok(PQexecPrepared(c, "hand_ins", 4, h.v, h.len, hand_fmt, 1), PGRES_COMMAND_OK, "insert");
    }
    hand_ok(PQexec(c, "COMMIT"), PGRES_COMMAND_OK, "commit");
}

/* The results of the first `items` items in flight (and the sync that
 * follows them: the end). */
static void hand_drain(PGconn *c, int items, int sync)
{
    for (int i = 0; i < items; i++) {
        hand_ok(PQgetResult(c), PGRES_COMMAND_OK, "batch item");
        if (PQgetResult(c) != NULL) exit(1);
    }
    if (sync) hand_ok(PQgetResult(c), PGRES_PIPELINE_SYNC, "batch sync");
}

/* The protocol of dal_pg_batch inside a transaction: a flush request
 * after every DAL_PG_BATCH_SEGMENT items, the oldest segment read once
 * DAL_PG_BATCH_WINDOW items are in flight, one sync at the end. */
__attribute__((noinline)) static void w6_hand(PGconn *c, user_gen *g, int n)
{
    hand_row h;
    int sent = 0, read = 0;
    hand_ok(PQexec(c, "BEGIN"), PGRES_COMMAND_OK, "begin");
    if (!PQenterPipelineMode(c)) exit(1);
    while (sent < n) {
        int seg = n - sent < DAL_PG_BATCH_SEGMENT ? n - sent : DAL_PG_BATCH_SEGMENT;
        for (int i = 0; i < seg; i++, sent++) {
            hand_bind(g, sent, &h);
            if (!PQsendQueryPrepared(c, "hand_ins", 4, h.v, h.len, hand_fmt, 1)) exit(1);
        }
        if (sent == n) break;
        if (!PQsendFlushRequest(c)) exit(1);
        if (sent - read >= DAL_PG_BATCH_WINDOW) {   /* the oldest segment's results */
            hand_drain(c, DAL_PG_BATCH_SEGMENT, 0);
            read += DAL_PG_BATCH_SEGMENT;
        }
    }
    if (!PQpipelineSync(c)) exit(1);
    hand_drain(c, n - read, 1);
    if (!PQexitPipelineMode(c)) exit(1);
    hand_ok(PQexec(c, "COMMIT"), PGRES_COMMAND_OK, "commit");
}

static char *put16(char *q, uint16_t v) { v = htobe16(v); memcpy(q, &v, 2); return q + 2; }
static char *put32(char *q, uint32_t v) { v = htobe32(v); memcpy(q, &v, 4); return q + 4; }

__attribute__((noinline)) static void w7_hand(PGconn *c, user_gen *g, int n)
{
    static char buf[DAL_PG_COPY_BUF];
    static const char head[19] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
    char *q = buf;
    hand_row h;
    hand_ok(PQexec(c, "BEGIN"), PGRES_COMMAND_OK, "begin");
    hand_ok(PQexec(c, "COPY users (email, name, age, score) FROM STDIN (FORMAT binary)"), PGRES_COPY_IN, "copy");
    memcpy(q, head, sizeof head);
    q += sizeof head;
    for (int i = 0; i < n; i++) {
        hand_bind(g, i, &h);
        if ((size_t)(buf + sizeof buf - q) < 2u + 4 * 4 + (size_t)h.len[0] + (size_t)h.len[1] + 12) {
            if (PQputCopyData(c, buf, (int)(q - buf)) != 1) exit(1);
            q = buf;
        }
        q = put16(q, 4);
        for (int f = 0; f < 4; f++) {
            q = put32(q, (uint32_t)h.len[f]);
            memcpy(q, h.v[f], (size_t)h.len[f]);
            q += h.len[f];
        }
    }
    q = put16(q, 0xffff);
    if (PQputCopyData(c, buf, (int)(q - buf)) != 1 || PQputCopyEnd(c, NULL) != 1) exit(1);
    hand_ok(PQgetResult(c), PGRES_COMMAND_OK, "copy end");
    if (PQgetResult(c) != NULL) exit(1);
    hand_ok(PQexec(c, "COMMIT"), PGRES_COMMAND_OK, "commit");
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double now(void);

/* The CPU seconds (user + system) of the backend serving db, from /proc
 * (same machine); -1 when unreadable. */
static double backend_cpu(dal_db *db)
{
    char path[64], buf[1024];
    unsigned long ut, st;
    snprintf(path, sizeof path, "/proc/%d/stat", PQbackendPID(dal_pg(db)));
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    char *q = strrchr(buf, ')');
    if (!q || sscanf(q + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2) return -1;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Rounds of W1, W6, W7 in turn on a fresh table; median rows/s each, and
 * the client's and the backend's CPU µs per row (medians). */
static int write_bench(dal_db *db, int n, int rounds)
{
    double rate[6][64], med[6], ccpu[6][64], scpu[6][64];
    const char *names[6] = { "W1 insert, one statement per row", "W6 insert, generated :batchexec",
                             "W7 insert, generated :copyfrom (COPY)", "W1 hand-written libpq",
                             "W6 hand-written libpq pipeline", "W7 hand-written libpq COPY" };
    PGresult *prep = PQprepare(dal_pg(db), "hand_ins", wsql[0], 4, insert_types);
    if (PQresultStatus(prep) != PGRES_COMMAND_OK) return fprintf(stderr, "pgbench: %s", PQresultErrorMessage(prep)), 1;
    PQclear(prep);
    /* the same keys for every workload (the table is emptied before
     * each): libdal's rows and the hand-written ones format alike */
    const long base = 1000000;
    pgb_insert_users_params *batch_items = malloc((size_t)n * sizeof *batch_items);
    pgb_copy_users_params *copy_rows = malloc(10 * (size_t)n * sizeof *copy_rows);
    row_vals *vals = malloc(10 * (size_t)n * sizeof *vals);
    if (!batch_items || !copy_rows || !vals) return fprintf(stderr, "pgbench: out of memory\n"), 1;
    /* warm, before measuring: the generated :batchexec's statement
     * prepared, as hand_ins is (prepare on first use: once per connection),
     * and libpq's pipeline queue entries allocated (libpq recycles them on
     * the connection: the first pipeline of a window's depth pays ~250
     * mallocs, whichever side comes first) */
    user_gen warm = { 1, "", "" };
    int nwarm = n < 2 * DAL_PG_BATCH_WINDOW ? n : 2 * DAL_PG_BATCH_WINDOW;
    for (int i = 0; i < nwarm; i++) {
        fill_vals(&vals[i], &warm, i);
        batch_items[i] = (pgb_insert_users_params){ vals[i].email, vals[i].name, &vals[i].age, &vals[i].score };
    }
    check(db, pgb_insert_users(db, batch_items, (size_t)nwarm, NULL));
    if (rounds > 64) rounds = 64;
    for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 6; k++) {
            int w = r % 2 ? (k + 3) % 6 : k;   /* libdal first, then hand-written first */
            user_gen g = { base, "", "" };
            int rows = w % 3 == 2 ? 10 * n : n;
            double t0, c0, s0;
            check(db, dal_exec(db, "TRUNCATE users"));
            s0 = backend_cpu(db);
            c0 = cpu_now();
            t0 = now();
            if (w == 0) w1_single(db, &g, rows);
            else if (w == 1) w6_batch(db, &g, rows, batch_items, vals);
            else if (w == 2) w7_copy(db, &g, rows, copy_rows, vals);
            else if (w == 3) w1_hand(dal_pg(db), &g, rows);
            else if (w == 4) w6_hand(dal_pg(db), &g, rows);
            else w7_hand(dal_pg(db), &g, rows);
            rate[w][r] = rows / (now() - t0);
            ccpu[w][r] = (cpu_now() - c0) * 1e6 / rows;
            scpu[w][r] = (backend_cpu(db) - s0) * 1e6 / rows;
        }
    }
    for (int w = 0; w < 6; w++) {
        qsort(rate[w], (size_t)rounds, sizeof rate[w][0], cmp_double);
        qsort(ccpu[w], (size_t)rounds, sizeof ccpu[w][0], cmp_double);
        qsort(scpu[w], (size_t)rounds, sizeof scpu[w][0], cmp_double);
        med[w] = rate[w][rounds / 2];
    }
    for (int w = 0; w < 6; w++)
        printf("%-38s %9.0f rows/s  %5.2fx W1  client %.2f us/row, backend %.2f us/row  (median of %d rounds, %d rows)\n",
               names[w], med[w], med[w] / med[w < 3 ? 0 : 3], ccpu[w][rounds / 2], scpu[w][rounds / 2], rounds,
               w % 3 == 2 ? 10 * n : n);
    free(batch_items);
    free(copy_rows);
    free(vals);
    return 0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    dal_db *db = NULL;
    dal_arena a;
    int n = argc > 2 ? atoi(argv[2]) : 10000;
    double t0, sum;
    if (argc < 2 || (strcmp(argv[1], "hand") != 0 && strcmp(argv[1], "dal") != 0 && strcmp(argv[1], "write") != 0)) {
        fprintf(stderr, "usage: pgbench hand|dal [N] | write [N [ROUNDS]]\n");
        return 2;
    }
    if (dal_open(&db, "postgresql://", NULL) != DAL_OK) {
        fprintf(stderr, "pgbench: %s\n", dal_errmsg(db));
        dal_close(db);
        return 77;
    }
    if (strcmp(argv[1], "write") == 0) {
        check(db, dal_exec(db, "SET client_min_messages = warning; DROP TABLE IF EXISTS users;"
                               " CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                               " email text NOT NULL UNIQUE, name text NOT NULL, age integer,"
                               " score double precision, created_at timestamptz NOT NULL DEFAULT now())"));
        write_bench(db, n, argc > 3 ? atoi(argv[3]) : 5);
        check(db, dal_exec(db, "DROP TABLE users"));
        dal_close(db);
        return 0;
    }
    dal_arena_init(&a, NULL);
    if (dal_exec(db, "CREATE TEMP TABLE bench_items (id bigint PRIMARY KEY, name text NOT NULL,"
                     " score double precision NOT NULL);"
                     "INSERT INTO bench_items SELECT g, 'item ' || g, g / 4.0 FROM generate_series(1, 1000) g;"
                     "PREPARE hand_get (bigint) AS SELECT id, name, score FROM bench_items WHERE id = $1") != DAL_OK) {
        fprintf(stderr, "pgbench: %s\n", dal_errmsg(db));
        return 1;
    }
    /* warm both paths (prepare, arena) before measuring */
    loop_hand(dal_pg(db), 10);
    loop_dal(db, 10, &a);
    t0 = now();
    sum = strcmp(argv[1], "hand") == 0 ? loop_hand(dal_pg(db), n) : loop_dal(db, n, &a);
    printf("%s: %d gets, %.1f us/get (checksum %.1f)\n", argv[1], n, (now() - t0) * 1e6 / n, sum);
    dal_arena_free(&a);
    dal_close(db);
    return 0;
}
