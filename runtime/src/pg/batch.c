/* batch.c - dal_pg_batch: one statement run for n parameter blocks in
 * libpq's pipeline mode (dal_pg.h, "Pipelined batches").
 *
 * The items in flight (sent, result not read yet) are a ring on the
 * stack: item number, shifted left, and in the low bit whether a sync
 * follows it.  Results are read in the order sent; before reading, every
 * item to read is followed by a sync or, inside a transaction, a flush
 * request (the server only answers what a sync, a flush request or a full
 * buffer makes it flush).  Outside a transaction each item has its sync
 * (its own transaction); inside one a sync would isolate nothing (a
 * failure aborts the transaction, and the later items fail either way),
 * so a segment ends with a flush request, which costs the server no
 * ReadyForQuery and the client no result to read, and the batch ends with
 * one sync.  libpq itself reads incoming data while a send would block,
 * so a big batch cannot deadlock; the window bounds the memory both sides
 * hold. */
#include "pg_int.h"

#include <stdio.h>

#define SYNCED ((size_t)1)  /* a ring entry's low bit: a PQpipelineSync follows the item */

/* The error recorded on the dal_db, kept while later items fail. */
typedef struct saved_error {
    int errcode;
    char errmsg[DAL__ERRMSG_SIZE];
    char sqlstate[6];
    short errf_off[DAL__ERRF_COUNT];
    char errf[DAL__ERRF_SIZE];
} saved_error;

static void save_error(saved_error *s, const dal_db *db)
{
    s->errcode = db->errcode;
    memcpy(s->errmsg, db->errmsg, sizeof s->errmsg);
    memcpy(s->sqlstate, db->sqlstate, sizeof s->sqlstate);
    memcpy(s->errf_off, db->errf_off, sizeof s->errf_off);
    memcpy(s->errf, db->errf, sizeof s->errf);
}

static void restore_error(dal_db *db, const saved_error *s)
{
    db->errcode = s->errcode;
    memcpy(db->errmsg, s->errmsg, sizeof s->errmsg);
    memcpy(db->sqlstate, s->sqlstate, sizeof s->sqlstate);
    memcpy(db->errf_off, s->errf_off, sizeof s->errf_off);
    memcpy(db->errf, s->errf, sizeof s->errf);
}

typedef struct batch {
    dal_db *db;
    PGconn *pg;             /* db->pg, one load less per libpq call */
    const dal_unit *u;
    int id;
    dal__pg_stmt *e;        /* NULL: DAL_PG_UNNAMED */
    const dal_pg_params *p;
    dal_pg_batch_result_fn result;
    void *ctx;
    int *rcs;
    int first_rc;           /* the code of the failed item of the lowest number (its message is recorded) */
    size_t first_item;
    bool prepare_failed;    /* the prepare's error is the one recorded */
    saved_error err;        /* the recorded error, restored at the end */
    int64_t changes;
    bool in_txn;            /* a flush request every DAL_PG_BATCH_SEGMENT items, one sync at the end */
    bool check;             /* result types still to check (p->results, not checked since prepared) */
    bool lost;
    size_t n;               /* items */
    size_t segment;         /* items per sync (1) or flush request (in_txn) */
    size_t unsynced;        /* items sent since the last sync or flush request */
    size_t ring[DAL_PG_BATCH_WINDOW];   /* item << 1 | SYNCED */
    size_t head, count;
} batch;

/* Put "<unit> statement <id>[, item <i>]: " before the recorded message. */
static void prefix(batch *b, bool item, size_t i)
{
    char pre[128];
    char *m = b->db->errmsg;
    size_t k, len;
    if (item) k = (size_t)snprintf(pre, sizeof pre, "%.80s statement %d, item %zu: ", b->u->name, b->id, i);
    else k = (size_t)snprintf(pre, sizeof pre, "%.80s statement %d: ", b->u->name, b->id);
    len = strlen(m);
    if (k + len >= sizeof b->db->errmsg) len = sizeof b->db->errmsg - k - 1;
    memmove(m + k, m, len);
    memcpy(m, pre, k);
    m[k + len] = '\0';
}

/* Item i failed with rc; the first failure's message is recorded with
 * the item's number (res: its result, NULL when the error is already
 * recorded or there is none). */
static void item_failed(batch *b, size_t i, int rc, const PGresult *res, const char *why)
{
    if (b->rcs) b->rcs[i] = rc;
    if (b->first_rc != DAL_OK && (b->prepare_failed || i > b->first_item)) return;
    b->first_rc = rc;
    b->first_item = i;
    if (res) dal__pg_result_error(b->db, res);
    else if (why) dal__error_state(b->db, rc, "", "%s", why);
    prefix(b, true, i);
    save_error(&b->err, b->db);
}

static void item_ok(batch *b, size_t i)
{
    if (b->rcs) b->rcs[i] = DAL_OK;
}

/* The connection failed: every item in flight fails with it. */
static void lose(batch *b)
{
    if (!b->lost) {
        int rc = dal__pg_lost(b->db);
        b->lost = true;
        if (b->first_rc == DAL_OK) {
            b->first_rc = rc;
            b->first_item = 0;
            b->prepare_failed = true;  /* the connection's error stands */
            save_error(&b->err, b->db);
        }
    }
    while (b->count) {
        if (b->rcs) b->rcs[b->ring[b->head] >> 1] = DAL_ERROR;
        b->head = (b->head + 1) % DAL_PG_BATCH_WINDOW;
        b->count--;
    }
}

static int sync(batch *b)
{
    if (!PQpipelineSync(b->pg)) return (lose(b), DAL_ERROR);
    b->ring[(b->head + b->count - 1) % DAL_PG_BATCH_WINDOW] |= SYNCED;
    b->unsynced = 0;
    return DAL_OK;
}

/* The items sent so far answered: a sync, or inside a transaction a flush
 * request, unless this is the end (last). */
static int answer(batch *b, bool last)
{
    if (!b->in_txn || last) return sync(b);
    if (!PQsendFlushRequest(b->pg)) return (lose(b), DAL_ERROR);
    b->unsynced = 0;
    return DAL_OK;
}

/* One query's results end with NULL; a sync's with PGRES_PIPELINE_SYNC.
 * Inlined into read_item, its caller per item. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline void finish_query(batch *b, bool synced)
{
    PGresult *r;
    while ((r = PQgetResult(b->pg)) != NULL) PQclear(r);
    if (!synced) return;
    r = PQgetResult(b->pg);
    if (PQresultStatus(r) != PGRES_PIPELINE_SYNC && PQstatus(b->pg) == CONNECTION_BAD) lose(b);
    PQclear(r);
}

/* A successful result of item i: types checked once, rows handed out. */
static int item_rows(batch *b, size_t i, const PGresult *res, ExecStatusType st)
{
    const dal_pg_params *p = b->p;
    int rc;
    int64_t rows;
    if (b->check) {
        if ((rc = dal_pg_result_check(b->db, res, p->results, p->nresults)) != DAL_OK) return rc;
        b->check = false;
        if (b->e) b->e->checked = 1;
    }
    rows = st == PGRES_TUPLES_OK ? PQntuples(res) : dal__pg_tag_count(res);
    if (b->result && (rc = b->result(b->ctx, i, res)) != DAL_OK) return rc;
    b->changes += rows;
    return DAL_OK;
}

/* Read the oldest item in flight (inlined into drain, its one caller:
 * a frame less per item). */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline void read_item(batch *b)
{
    size_t f = b->ring[b->head], item = f >> 1;
    PGresult *res = PQgetResult(b->pg);
    ExecStatusType st = PQresultStatus(res);
    int rc;
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        if ((rc = item_rows(b, item, res, st)) == DAL_OK) item_ok(b, item);
        else item_failed(b, item, rc, NULL, NULL);
    } else if (!res) {
        lose(b);
        return;
    } else if (st == PGRES_PIPELINE_ABORTED) {
        item_failed(b, item, DAL_ERROR, NULL, "not run: an earlier item failed (SQLSTATE 25P02)");
    } else {
        const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        if (b->e && dal__pg_plan_gone(res)) b->e->state = DAL__PG_STALE;
        item_failed(b, item, s ? dal__pg_map_sqlstate(s) : DAL_ERROR, res, NULL);
    }
    b->head = (b->head + 1) % DAL_PG_BATCH_WINDOW;
    b->count--;
    PQclear(res);
    finish_query(b, f & SYNCED);
}

/* Read until at most keep items are in flight (answered first; keep 0:
 * the end, with its sync). */
static void drain(batch *b, size_t keep)
{
    bool end = keep == 0;   /* the end: the last item in flight needs a sync, not a flush request */
    bool synced = b->count && b->ring[(b->head + b->count - 1) % DAL_PG_BATCH_WINDOW] & SYNCED;
    if (b->count > keep && (b->unsynced || (end && !synced)) && answer(b, end) != DAL_OK) return;
    while (b->count > keep && !b->lost) read_item(b);
}

static int send_item(batch *b, size_t i)
{
    const dal_pg_params *p = b->p;
    PGconn *c = b->pg;
    int ok = b->e ? PQsendQueryPrepared(c, b->e->name, p->n, p->values, p->lengths, p->formats, 1)
                  : PQsendQueryParams(c, b->u->sql[b->id], p->n, p->types, p->values, p->lengths, p->formats, 1);
    if (!ok) return (lose(b), DAL_ERROR);
    b->ring[(b->head + b->count) % DAL_PG_BATCH_WINDOW] = i << 1;
    b->count++;
    if (++b->unsynced >= b->segment) return answer(b, i + 1 == b->n);
    return DAL_OK;
}

/* Prepare on first use in the pipeline, with its own sync so that a
 * failure (recorded, prefixed like dal_pg_exec's) is read first; the
 * items then fail with 26000 on their own.  false: connection lost. */
static bool send_prepare(batch *b)
{
    PGconn *c = b->pg;
    b->e->checked = 0;
    return PQsendPrepare(c, b->e->name, b->u->sql[b->id], b->p->n, b->p->types) && PQpipelineSync(c);
}

static void read_prepare(batch *b)
{
    PGresult *res = PQgetResult(b->pg);
    const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (!res) {
        lose(b);
        return;
    }
    if (PQresultStatus(res) == PGRES_COMMAND_OK || (s && strcmp(s, "42P05") == 0)) {
        b->e->state = DAL__PG_PREPARED;
    } else {
        b->first_rc = dal__pg_result_error(b->db, res);
        b->first_item = 0;
        b->prepare_failed = true;
        prefix(b, false, 0);
        save_error(&b->err, b->db);
    }
    PQclear(res);
    finish_query(b, true);
}

static int start(dal_db *db, const dal_unit *u, int id, dal_pg_params *p, batch *b)
{
    if (!db->pg || id < 0 || id >= u->nstmts) return dal__pg_exec_misuse(db, u, id);
    if (!p || !p->db) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_pg_batch: no parameter block");
    if (PQpipelineStatus(db->pg) != PQ_PIPELINE_OFF || PQtransactionStatus(db->pg) == PQTRANS_ACTIVE)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_pg_batch: the connection is busy");
    b->db = db;
    b->pg = db->pg;
    b->u = u;
    b->id = id;
    b->p = p;
    b->first_rc = DAL_OK;
    b->in_txn = PQtransactionStatus(db->pg) != PQTRANS_IDLE;
    b->segment = b->in_txn ? DAL_PG_BATCH_SEGMENT : 1;
    if (db->opts.pg_statements != DAL_PG_UNNAMED) {
        if (!(b->e = dal__pg_unit_stmt(db, u, id))) return dal__oom(db);
        dal__pg_deallocate_stale(db, b->e);  /* before the pipeline: a plain DEALLOCATE */
    }
    if (!PQenterPipelineMode(db->pg)) return dal__pg_lost(db);
    save_error(&b->err, db);
    return DAL_OK;
}

int dal_pg_batch(dal_db *db, const dal_unit *u, int id, dal_pg_params *p, size_t n, dal_pg_batch_bind_fn bind,
                 dal_pg_batch_result_fn result, void *ctx, int *rcs)
{
    batch b;
    size_t i;
    int rc;
    bool prepare_sent = false;
    memset(&b, 0, sizeof b);
    b.result = result;
    b.ctx = ctx;
    b.rcs = rcs;
    b.n = n;
    if ((rc = start(db, u, id, p, &b)) != DAL_OK) return rc;
    if (b.e && b.e->state != DAL__PG_PREPARED && n > 0) {
        if (!send_prepare(&b)) lose(&b);
        prepare_sent = true;
    }
    b.check = p->results && !(b.e && b.e->checked);   /* after send_prepare, which clears checked */
    for (i = 0; i < n && !b.lost; i++) {
        if ((rc = bind(ctx, i, p)) != DAL_OK) {
            item_failed(&b, i, rc, NULL, NULL);  /* the binder recorded its message */
            continue;
        }
        if (send_item(&b, i) != DAL_OK) break;
        if (!prepare_sent && b.count < DAL_PG_BATCH_WINDOW) continue;   /* the common case */
        if (prepare_sent) {  /* read the prepare's outcome once the first item is on its way */
            read_prepare(&b);
            prepare_sent = false;
        }
        if (b.count >= DAL_PG_BATCH_WINDOW) drain(&b, DAL_PG_BATCH_WINDOW - DAL_PG_BATCH_SEGMENT);
    }
    if (prepare_sent && !b.lost) read_prepare(&b);
    if (!b.lost) drain(&b, 0);
    for (; b.lost && i < n; i++)
        if (rcs) rcs[i] = DAL_ERROR;
    if (!b.lost && !PQexitPipelineMode(db->pg) && b.first_rc == DAL_OK) {
        b.first_rc = dal__error_state(db, DAL_ERROR, "XX000", "dal_pg_batch: %s", PQerrorMessage(db->pg));
        save_error(&b.err, db);
    }
    db->pg_changes = b.changes;
    if (b.first_rc != DAL_OK) restore_error(db, &b.err);
    return b.first_rc;
}
