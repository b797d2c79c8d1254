/* Issue 16's query API on PostgreSQL, with data: scalar results (their
 * nullability in the signature), a parameter struct past
 * query_parameter_limit, a row struct shared by two queries, flow
 * nullability on rows that hold NULLs, the partial-index finder (no
 * soft-deleted row; on 20,000 rows, 9 in 10 soft-deleted, its plan uses
 * the partial index), the prefix finder's order,
 * and insert_many (20,000 rows in one transaction, ids written back; a
 * failing batch inserts nothing, a savepoint inside the caller's
 * transaction).  argv[1]: the database's URI, its schema loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "api16.h"
#include "../../pg/e2e_check.h"

enum { NSESS = 200, PER = 100 };

static int64_t add(dal_db *db, int64_t session, int64_t ts, const char *body, const char *note, bool deleted)
{
    dal_timestamp when = 1700000000000000;
    api16_add_history_params p = {.session = session, .ts = ts, .body = body, .note = note,
                                  .deleted_at = deleted ? &when : NULL};
    int64_t id = 0;
    CHECK(api16_add_history(db, &p, &id) == DAL_OK && id > 0);
    return id;
}

/* The ts of every row a history iterator yields, in order, into ts[]. */
static size_t list_ts(dal_db *db, api16_history_iter *it, int rc, int64_t *ts, size_t max, dal_arena *a)
{
    size_t n = 0;
    api16_history r;
    CHECK(rc == DAL_OK);
    (void)db;
    while (rc == DAL_OK && api16_history_next(it, &r, a) == DAL_ROW)
        if (n < max) ts[n++] = r.ts;
    api16_history_iter_end(it);
    return n;
}

/* Scalars, the parameter struct, the shared row, flow nullability. */
static void queries(dal_db *db, int64_t sa, int64_t empty, dal_arena *a)
{
    int64_t n = -1, max = 0;
    bool has = true;
    CHECK(api16_count_live(db, &n) == DAL_OK && n == 3 + NSESS * PER / 10);   /* int64_t *out: count is NOT NULL */
    CHECK(api16_max_ts(db, sa, &max, &has) == DAL_OK && has && max == 40);
    CHECK(api16_max_ts(db, empty, &max, &has) == DAL_OK && !has);       /* max over no row: NULL */
    const char *body = "x";
    int64_t id10 = 0, id30 = 0;
    api16_written_row w;
    api16_written_iter wi;
    CHECK(api16_written(db, sa, &wi) == DAL_OK);
    int k = 0;
    while (api16_written_next(&wi, &w, a) == DAL_ROW) {
        CHECK(w.body != NULL);
        if (!strcmp(w.body, "ten")) id10 = w.id;
        if (!strcmp(w.body, "thirty")) id30 = w.id;
        k++;
    }
    api16_written_iter_end(&wi);
    CHECK(k == 3 && id10 > 0 && id30 > 0);   /* the NULL body is not in it */
    CHECK(api16_body_of(db, id10, &body, a) == DAL_OK && body && !strcmp(body, "ten"));
    int64_t id_null = 0;
    api16_all_bodies_iter ai;
    api16_all_bodies_row ar;
    int nulls = 0;
    CHECK(api16_all_bodies(db, &ai) == DAL_OK);
    while (api16_all_bodies_next(&ai, &ar, a) == DAL_ROW) {
        if (!ar.body) {
            nulls++;
            if (!id_null) id_null = ar.id;
        }
    }
    api16_all_bodies_iter_end(&ai);
    CHECK(nulls == 1 + NSESS * PER && id_null > 0);                  /* nullable: NULLs read as NULL */
    CHECK(api16_body_of(db, id_null, &body, a) == DAL_OK && body == NULL);   /* a NULL scalar text */
    CHECK(api16_body_of(db, -1, &body, a) == DAL_NOTFOUND);
    /* WrittenSince returns Written's columns: the same row struct */
    api16_written_since_iter si;
    k = 0;
    CHECK(api16_written_since(db, 25, &si) == DAL_OK);
    while (api16_written_since_next(&si, &w, a) == DAL_ROW) k += w.body != NULL && w.id == id30;
    api16_written_since_iter_end(&si);
    CHECK(k == 1);
    /* note = $1 keeps note from NULL */
    api16_noted_iter ni;
    api16_noted_row nr;
    k = 0;
    CHECK(api16_noted(db, "n", &ni) == DAL_OK);
    while (api16_noted_next(&ni, &nr, a) == DAL_ROW) k += nr.note && !strcmp(nr.note, "n");
    api16_noted_iter_end(&ni);
    CHECK(k == 2);
    /* deleted_at IS NOT NULL: dal_timestamp *out, no out_has */
    api16_deleted_times_iter di;
    dal_timestamp t = 0;
    k = 0;
    CHECK(api16_deleted_times(db, &di) == DAL_OK);
    while (api16_deleted_times_next(&di, &t) == DAL_ROW) k += t > 0;
    api16_deleted_times_iter_end(&di);
    CHECK(k == 1 + NSESS * PER / 10 * 9);
    /* a LEFT JOIN's nullable side kept from NULL by WHERE h.ts > $1: int64_t *out */
    api16_session_times_iter ti;
    int64_t ts = 0, last = 0;
    k = 0;
    CHECK(api16_session_times(db, 35, &ti) == DAL_OK);
    while (api16_session_times_next(&ti, &ts) == DAL_ROW) {
        CHECK(ts > 35 && ts >= last);
        last = ts;
        k++;
    }
    api16_session_times_iter_end(&ti);
    CHECK(k == 1 + NSESS * (PER - 36));
    /* without the WHERE the joined side is nullable: the empty session reads has_ts false */
    api16_session_last_ts_iter li;
    api16_session_last_ts_row lr;
    int unmatched = 0;
    CHECK(api16_session_last_ts(db, &li) == DAL_OK);
    while (api16_session_last_ts_next(&li, &lr, a) == DAL_ROW) unmatched += !lr.has_ts && !strcmp(lr.name, "empty");
    api16_session_last_ts_iter_end(&li);
    CHECK(unmatched == 1);
    /* an inner join's ON with note IS NOT NULL: const char **out, never NULL */
    api16_joined_notes_iter ji;
    const char *note = NULL;
    k = 0;
    CHECK(api16_joined_notes(db, &ji) == DAL_OK);
    while (api16_joined_notes_next(&ji, &note, a) == DAL_ROW) k += note != NULL;
    api16_joined_notes_iter_end(&ji);
    CHECK(k == 2);
}

/* The plan of the prepared statement the finder ran (copied from
 * pg_prepared_statements by the dal connection into plan_src), on a second
 * connection: it must name `index`. */
static void check_plan(PGconn *pc, const char *like, const char *notlike, const char *args, const char *index)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT statement FROM plan_src WHERE statement LIKE '%s' AND statement NOT LIKE '%s'", like, notlike);
    PGresult *r = PQexec(pc, sql);
    CHECK(PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
        fprintf(stderr, "api16: %d statements like '%s' %s\n", PQntuples(r), like, PQresultErrorMessage(r));

        PQclear(r);
        return;
    }
    char *prep = malloc(strlen(PQgetvalue(r, 0, 0)) + 64);
    sprintf(prep, "DEALLOCATE ALL; PREPARE f AS %s", PQgetvalue(r, 0, 0));
    PQclear(r);
    r = PQexec(pc, prep);
    free(prep);
    CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
    PQclear(r);
    snprintf(sql, sizeof sql, "EXPLAIN EXECUTE f(%s)", args);
    r = PQexec(pc, sql);
    CHECK(PQresultStatus(r) == PGRES_TUPLES_OK);
    int uses = 0;
    for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++) {
        uses |= strstr(PQgetvalue(r, i, 0), index) != NULL;
    }
    if (!uses) fprintf(stderr, "api16: the plan of '%s' does not use %s\n", like, index);
    for (int i = 0; !uses && PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++)
        fprintf(stderr, "  %s\n", PQgetvalue(r, i, 0));
    CHECK(uses);
    PQclear(r);
}

/* insert_many: ids written back, one transaction (one xmin), all or none,
 * a savepoint inside an open transaction. */
static void bulk(dal_db *db, PGconn *pc, int64_t *first_session, dal_arena *a)
{
    static api16_session ss[NSESS];
    static api16_history hs[NSESS * PER];
    char names[NSESS][16];
    for (int i = 0; i < NSESS; i++) {
        snprintf(names[i], sizeof names[i], "s%d", i);
        ss[i] = (api16_session){.name = names[i]};
    }
    CHECK(api16_session_insert_many(db, ss, NSESS, a) == DAL_OK);
    for (int i = 0; i < NSESS; i++) CHECK(ss[i].id > 0 && (i == 0 || ss[i].id == ss[i - 1].id + 1));
    for (int i = 0; i < NSESS * PER; i++)
        hs[i] = (api16_history){.session = ss[i / PER].id, .ts = PER - 1 - i % PER,   /* each session's ts descending */
                                .has_deleted_at = i % 10 != 0, .deleted_at = 1700000000000000};   /* 9 in 10 deleted */
    CHECK(api16_history_insert_many(db, hs, NSESS * PER, a) == DAL_OK);
    int distinct = 1;
    for (int i = 1; i < NSESS * PER; i++) distinct &= hs[i].id > hs[i - 1].id;
    CHECK(distinct && hs[0].id > 0);
    api16_history got;
    CHECK(api16_history_get(db, hs[12345].id, &got, a) == DAL_OK && got.ts == hs[12345].ts &&
          got.session == hs[12345].session);
    PGresult *r = PQexec(pc, "SELECT count(*), count(DISTINCT xmin::text) FROM history");
    CHECK(PQresultStatus(r) == PGRES_TUPLES_OK && atoi(PQgetvalue(r, 0, 0)) == NSESS * PER &&
          atoi(PQgetvalue(r, 0, 1)) == 1);   /* one transaction */
    PQclear(r);
    /* the second row's session does not exist: nothing of the batch stays */
    api16_history bad[3] = {{.session = ss[0].id, .ts = 1000}, {.session = -5, .ts = 1001}, {.session = ss[0].id, .ts = 1002}};
    int64_t before = 0, after = -1;
    CHECK(api16_history_count(db, &before) == DAL_OK);
    CHECK(api16_history_insert_many(db, bad, 3, a) == DAL_CONSTRAINT);
    CHECK(api16_history_count(db, &after) == DAL_OK && after == before);
    /* inside the caller's transaction: a savepoint; the caller's own row stays */
    int64_t kept = 0, sessions = 0;
    CHECK(dal_begin(db) == DAL_OK);
    CHECK(api16_add_session(db, "kept", &kept) == DAL_OK);
    CHECK(api16_history_insert_many(db, bad, 3, a) == DAL_CONSTRAINT);
    CHECK(dal_commit(db) == DAL_OK);
    CHECK(api16_session_count(db, &sessions) == DAL_OK && sessions == NSESS + 1);
    CHECK(api16_history_count(db, &after) == DAL_OK && after == before);
    CHECK(api16_history_insert_many(db, bad, 0, a) == DAL_OK);
    *first_session = ss[0].id;
}

static void finders(dal_db *db, PGconn *pc, int64_t sa, int64_t big, dal_arena *a)
{
    api16_history_iter it;
    int64_t ts[8];
    size_t n = list_ts(db, &it, api16_history_list_by_session_live(db, sa, &it), ts, 8, a);
    CHECK(n == 3 && ts[0] == 10 && ts[1] == 30 && ts[2] == 40);   /* ts 20 is soft-deleted */
    n = list_ts(db, &it, api16_history_list_by_session(db, sa, &it), ts, 8, a);
    CHECK(n == 4 && ts[0] == 10 && ts[1] == 20 && ts[2] == 30 && ts[3] == 40);   /* ordered by ts */
    n = list_ts(db, &it, api16_history_list_by_session_and_ts_live(db, sa, 20, &it), ts, 8, a);
    CHECK(n == 0);
    n = list_ts(db, &it, api16_history_list_by_session_and_ts(db, sa, 20, &it), ts, 8, a);
    CHECK(n == 1 && ts[0] == 20);
    /* a bulk session's 100 rows were inserted with ts descending: the finder gives them ascending */
    static int64_t many[PER];
    n = list_ts(db, &it, api16_history_list_by_session(db, big, &it), many, PER, a);
    int sorted = n == PER;
    for (size_t i = 0; sorted && i < n; i++) sorted = many[i] == (int64_t)i;
    CHECK(sorted);
    n = list_ts(db, &it, api16_history_list_by_session_live(db, big, &it), many, PER, a);
    sorted = n == PER / 10;   /* the live ones: ts 9, 19, ..., 99 */
    for (size_t i = 0; sorted && i < n; i++) sorted = many[i] == (int64_t)(10 * i + 9);
    CHECK(sorted);
    /* the plans are read from the server's named statements (pg_prepared_statements):
     * unnamed ones (PGT_UNNAMED, the run through PgBouncer) leave none */
    if (getenv("PGT_UNNAMED")) return;
    CHECK(dal_exec(db, "ANALYZE history") == DAL_OK);
    CHECK(dal_exec(db, "CREATE TABLE plan_src AS SELECT statement FROM pg_prepared_statements") == DAL_OK);
    char args[64];
    snprintf(args, sizeof args, "%lld", (long long)big);
    check_plan(pc, "%(deleted_at IS NULL)%ORDER BY \"ts\"", "%\"ts\" = $2%", args, "idx_live");
    check_plan(pc, "%WHERE \"session\" = $1\nORDER BY \"ts\"", "%IS NULL%", args, "history_session_ts");
    PGresult *r = PQexec(pc, "SET enable_seqscan = off");
    PQclear(r);
    snprintf(args, sizeof args, "%lld, 19", (long long)big);
    check_plan(pc, "%\"session\" = $1 AND \"ts\" = $2 AND (deleted_at IS NULL)%", "%xx%", args, "idx_live");
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    PGconn *pc = PQconnectdb(argv[1]);
    CHECK(PQstatus(pc) == CONNECTION_OK);
    dal_arena a;
    dal_arena_init(&a, NULL);
    int64_t big = 0, sa = 0, empty = 0, rows = 0;
    bulk(db, pc, &big, &a);
    CHECK(api16_add_session(db, "a", &sa) == DAL_OK);
    CHECK(api16_add_session(db, "empty", &empty) == DAL_OK);
    add(db, sa, 30, "thirty", "n", false);
    add(db, sa, 10, "ten", NULL, false);
    add(db, sa, 20, "twenty", "n", false);
    add(db, sa, 40, NULL, NULL, false);
    CHECK(api16_soft_delete(db, sa, 20, &rows) == DAL_OK && rows == 1);
    queries(db, sa, empty, &a);
    finders(db, pc, sa, big + 7, &a);
    dal_arena_free(&a);
    PQfinish(pc);
    dal_close(db);
    if (failures) fprintf(stderr, "api16: %d checks failed\n", failures);
    else printf("api16: scalars, params struct, shared row, flow nullability, finders (plans), insert_many: ok\n");
    return failures ? 1 : 0;
}
