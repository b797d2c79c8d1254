/* stream.c - dal_pg_stream: a result read as the server sends it
 * (dal_pg.h, "Streaming results"): chunked mode with libpq >= 17, else
 * single-row mode. */
#include "pg_int.h"

#ifdef LIBPQ_HAS_CHUNK_MODE
#define ROW_MODE(c) PQsetChunkedRowsMode((c), DAL_PG_STREAM_CHUNK)
#define PIECE PGRES_TUPLES_CHUNK
#else
#define ROW_MODE(c) PQsetSingleRowMode(c)
#define PIECE PGRES_SINGLE_TUPLE
#endif

static int send_query(dal_db *db, const dal_unit *u, int id, const dal_pg_params *p)
{
    int n = p ? p->n : 0, rc;
    const char *const *v = p ? p->values : NULL;
    const int *l = p ? p->lengths : NULL, *f = p ? p->formats : NULL;
    dal__pg_stmt *e;
    if (db->opts.pg_statements == DAL_PG_UNNAMED)
        return PQsendQueryParams(db->pg, u->sql[id], n, p ? p->types : NULL, v, l, f, 1) ? DAL_OK : DAL_ERROR;
    if (!(e = dal__pg_unit_stmt(db, u, id))) return dal__oom(db);
    if (e->state != DAL__PG_PREPARED && (rc = dal__pg_prepare(db, u, id, u->sql[id], e, n, p ? p->types : NULL)) != DAL_OK)
        return rc;
    return PQsendQueryPrepared(db->pg, e->name, n, v, l, f, 1) ? DAL_OK : DAL_ERROR;
}

int dal_pg_stream_open(dal_pg_stream *s, dal_db *db, const dal_unit *u, int id, const dal_pg_params *p)
{
    int rc;
    s->db = db;
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
    s->open = 0;
    s->results = p ? p->results : NULL;
    s->nresults = p ? p->nresults : 0;
    if (!db->pg || id < 0 || id >= u->nstmts) return dal__pg_exec_misuse(db, u, id);
    if (PQtransactionStatus(db->pg) == PQTRANS_ACTIVE || PQpipelineStatus(db->pg) != PQ_PIPELINE_OFF)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "%s: the connection is busy (another stream?)", u->name);
    db->pg_changes = 0;
    if ((rc = send_query(db, u, id, p)) != DAL_OK) return rc == DAL_ERROR ? dal__pg_result_error(db, NULL) : rc;
    s->open = 1;
    if (!ROW_MODE(db->pg)) {
        dal_pg_stream_end(s);
        return dal_error_set(db, DAL_ERROR, 0, "%s: libpq refused row-by-row mode", u->name);
    }
    return DAL_OK;
}

/* Read results up to the end of the query (NULL). */
static void drain(dal_pg_stream *s)
{
    PGresult *r;
    while ((r = PQgetResult(s->db->pg)) != NULL) PQclear(r);
    s->open = 0;
}

int dal_pg_stream_step(dal_pg_stream *s)
{
    ExecStatusType st;
    int rc;
    if (s->res && ++s->row < s->nrows) return DAL_ROW;
    PQclear(s->res);
    s->res = NULL;
    if (!s->open) return DAL_DONE;
    s->res = PQgetResult(s->db->pg);
    st = PQresultStatus(s->res);
    if (st == PIECE) {
        if (s->results && s->db->pg_changes == 0 &&
            (rc = dal_pg_result_check(s->db, s->res, s->results, s->nresults)) != DAL_OK) {
            dal_pg_stream_end(s);
            return rc;
        }
        s->nrows = PQntuples(s->res);
        s->db->pg_changes += s->nrows;
        s->row = 0;
        return DAL_ROW;
    }
    /* the end: an empty PGRES_TUPLES_OK (or COMMAND_OK), or the error */
    rc = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK ? DAL_DONE : dal__pg_result_error(s->db, s->res);
    PQclear(s->res);
    s->res = NULL;
    drain(s);
    return rc;
}

void dal_pg_stream_end(dal_pg_stream *s)
{
    if (!s || !s->db) return;
    PQclear(s->res);
    s->res = NULL;
    if (s->open) drain(s);
}
