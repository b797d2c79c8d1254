/* nulls - the nullability check of a case folder: its queries analysed
 * against the test server, CASE_DIR/seed.sql run in the typing database
 * (rows that produce NULLs through outer joins, subqueries, CTEs, views),
 * then every :one / :many query without parameters run there: a field
 * dalgen calls NOT NULL that receives a NULL fails the test, and so does a
 * seed under which no field at all is ever NULL (the check would prove
 * nothing).
 *     nulls CASE_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "analysis/query/pg/pgq.h"
#include "frontend/pg/pg_front.h"
#include "frontend/sources.h"
#include "util/buf.h"
#include "util/fsutil.h"

/* Runs q; returns the number of NULLs in NOT NULL fields (reported), and
 * adds the NULLs seen in nullable ones to *nulls. */
static int check_query(PGconn *c, const dg_query *q, long *nulls)
{
    PGresult *r = PQexec(c, q->sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "%s: %s", q->name, PQerrorMessage(c));
        PQclear(r);
        return 1;
    }
    int bad = 0;
    for (int row = 0; row < PQntuples(r); row++)
        for (size_t k = 0; k < q->fields.len; k++) {
            const dg_qfield *f = &q->fields.items[k];
            bool notnull = f->embed_table ? false : !f->type.nullable;
            if (!PQgetisnull(r, row, f->col)) continue;
            if (notnull) {
                fprintf(stderr, "%s: field %s is NOT NULL for dalgen but row %d holds NULL\n", q->name, f->name, row);
                bad++;
            } else {
                ++*nulls;
            }
        }
    printf("%s: %d rows\n", q->name, PQntuples(r));
    PQclear(r);
    return bad;
}

static int run(PGconn *c, const dg_query_set *set, const char *seed)
{
    PGresult *r = PQexec(c, seed);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        fprintf(stderr, "seed.sql: %s", PQerrorMessage(c));
        PQclear(r);
        return 1;
    }
    PQclear(r);
    int bad = 0;
    long nulls = 0;
    for (size_t i = 0; i < set->queries.len; i++) {
        const dg_query *q = &set->queries.items[i];
        if ((q->kind == DG_QK_ONE || q->kind == DG_QK_MANY) && q->params.len == 0) bad += check_query(c, q, &nulls);
    }
    printf("%ld NULLs in nullable fields\n", nulls);
    if (nulls == 0) {
        fprintf(stderr, "the seed produces no NULL at all: the check proves nothing\n");
        bad++;
    }
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: nulls CASE_DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    char *schema = dg_xprintf("%s/schema.sql", dir), *queries = dg_xprintf("%s/queries.sql", dir);
    char *seed_path = dg_xprintf("%s/seed.sql", dir), *seed = NULL;
    size_t seed_len = 0;
    if (dg_read_file(seed_path, &seed, &seed_len) != 0) {
        fprintf(stderr, "%s: cannot read\n", seed_path);
        return 1;
    }
    dg_diags d = DG_DIAGS_INIT;
    dg_sources src = {0};
    dg_sources_add(&src, DG_SRC_AUTO, schema);
    const char *server = getenv("DALGEN_PG_SERVER");
    dg_pg_opts o = {server && *server ? server : "postgresql://", NULL, false};
    dg_schema *s = NULL;
    dg_pg_session *sess = NULL;
    int bad = 1;
    if (dg_pg_schema_load_session(&src, &o, &s, &sess, &d) == 0) {
        dg_strings paths = {0};
        dg_strings_push(&paths, queries);
        dg_query_set *set = NULL;
        if (dg_pg_queries_load(&paths, s, dg_pg_session_conn(sess), &set, &d) == 0)
            bad = run(dg_pg_session_conn(sess), set, seed);
        dg_query_set_free(set);
        dg_strings_free(&paths);
    }
    dg_diags_print(&d, stderr);
    dg_pg_session_close(sess);
    dg_schema_free(s);
    dg_sources_free(&src);
    dg_diags_free(&d);
    free(schema), free(queries), free(seed_path), free(seed);
    printf("%s\n", bad ? "FAIL" : "ok");
    return bad ? 1 : 0;
}
