/* stmt.c - the PostgreSQL statement cache and dal_pg_exec.
 *
 * The same dal_unit and process-wide slot number as on SQLite index an
 * array on the connection; per statement it holds the server-side name
 * (formatted once) and its state, so a call in steady state allocates
 * nothing in libdal and looks the statement up in O(1).  Statements are prepared
 * with the parameter types the generator pinned, so binary parameters
 * always meet the type the server expects. */
#include "pg_int.h"

#include <stdio.h>
#include <stdlib.h>

enum { ST_NONE = DAL__PG_NONE, ST_PREPARED = DAL__PG_PREPARED, ST_STALE = DAL__PG_STALE };

/* "dal<slot>_<id>" (at most 3 + 10 + 1 + 10 characters). */
static void stmt_name(char out[30], unsigned slot, int id)
{
    snprintf(out, 30, "dal%u_%d", slot, id);
}

/* The statements of u on db, created (with their names) on first use. */
static dal__pg_stmt *unit_stmts(dal_db *db, const dal_unit *u, unsigned s)
{
    dal__pg_unit *c;
    int i;
    if (s > db->pg_nunits) {
        unsigned n = db->pg_nunits ? db->pg_nunits : 8;
        dal__pg_unit *grown;
        while (n < s) n *= 2;
        if (!(grown = dal__calloc(db, n * sizeof *grown))) return NULL;
        if (db->pg_units) memcpy(grown, db->pg_units, db->pg_nunits * sizeof *grown);
        dal__free(db, db->pg_units, db->pg_nunits * sizeof *grown);
        db->pg_units = grown;
        db->pg_nunits = n;
    }
    c = &db->pg_units[s - 1];
    if (!c->stmts) {
        if (!(c->stmts = dal__calloc(db, (size_t)u->nstmts * sizeof *c->stmts))) return NULL;
        for (i = 0; i < u->nstmts; i++) stmt_name(c->stmts[i].name, s, i);
        c->unit = u;
    }
    return c->stmts;
}

dal__pg_stmt *dal__pg_unit_stmt(dal_db *db, const dal_unit *u, int id)
{
    dal__pg_stmt *e = unit_stmts(db, u, dal__unit_slot(u));
    return e ? e + id : NULL;
}

void dal__pg_stmt_cache_free(dal_db *db)
{
    unsigned i;
    for (i = 0; i < db->pg_nunits; i++)
        if (db->pg_units[i].stmts)
            dal__free(db, db->pg_units[i].stmts, (size_t)db->pg_units[i].unit->nstmts * sizeof(dal__pg_stmt));
    dal__free(db, db->pg_units, db->pg_nunits * sizeof *db->pg_units);
    db->pg_units = NULL;
    db->pg_nunits = 0;
}

int dal_pg_prepared_count(const dal_db *db)
{
    int n = 0, j;
    unsigned i;
    for (i = 0; i < db->pg_nunits; i++)
        for (j = 0; db->pg_units[i].stmts && j < db->pg_units[i].unit->nstmts; j++)
            n += db->pg_units[i].stmts[j].state == ST_PREPARED;
    return n;
}

static void deallocate(dal_db *db, const char *name)
{
    char sql[48];
    snprintf(sql, sizeof sql, "DEALLOCATE %s", name);
    PQclear(PQexec(db->pg, sql));  /* gone already is fine */
}

/* Record a failed prepare: the server's message, prefixed with the
 * statement's name. */
static int prepare_error(dal_db *db, const dal_unit *u, int id, const PGresult *res)
{
    char prefix[128];
    size_t k, m;
    int rc = dal__pg_result_error(db, res);
    k = (size_t)snprintf(prefix, sizeof prefix, "%.80s statement %d: ", u->name, id);
    m = strlen(db->errmsg);
    if (k + m >= sizeof db->errmsg) m = sizeof db->errmsg - k - 1;
    memmove(db->errmsg + k, db->errmsg, m);
    memcpy(db->errmsg, prefix, k);
    db->errmsg[k + m] = '\0';
    return rc;
}

/* Prepare (after deallocating a stale copy).  42P05 "already exists": a
 * wrapped connection that an earlier dal_db of this process prepared on.
 * A unit statement's name fixes its SQL within a process: the statement
 * is the same.  A keyed name does not (each dal_db counts from 1): that
 * one is deallocated and prepared again. */
static int prepare(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e, int n,
                   const Oid *types)
{
    const char *name = e->name;
    unsigned char *state = &e->state;
    PGresult *res;
    int rc = DAL_OK;
    const char *sqlstate;
    if (*state == ST_STALE) {
        deallocate(db, name);
        *state = ST_NONE;
    }
    res = PQprepare(db->pg, name, sql, n, types);
    if (e->keyed && (sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE)) && strcmp(sqlstate, "42P05") == 0) {
        PQclear(res);
        deallocate(db, name);
        res = PQprepare(db->pg, name, sql, n, types);
    }
    e->checked = 0;
    if (PQresultStatus(res) == PGRES_COMMAND_OK) {
        *state = ST_PREPARED;
    } else if ((sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE)) && strcmp(sqlstate, "42P05") == 0) {
        *state = ST_PREPARED;
    } else {
        rc = prepare_error(db, u, id, res);
    }
    PQclear(res);
    return rc;
}

/* Prepare and run in one round trip (the first use of a statement that
 * is not prepared, ST_NONE): PQsendPrepare and PQsendQueryPrepared in one
 * pipeline with one sync.  DAL_OK with *res the execution's result (any
 * status), or the prepare's error; DAL_NOTFOUND (nothing recorded): the
 * prepare met 42P05 "already exists" (a wrapped connection, or a keyed
 * name), which the plain prepare() handles - the caller falls back to it. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int prepare_and_run(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e,
                           const dal_pg_params *p, PGresult **res)
{
    PGconn *c = db->pg;
    PGresult *pr, *r;
    int rc = DAL_OK, n = p ? p->n : 0;
    const char *sqlstate;
    *res = NULL;
    if (!PQenterPipelineMode(c)) return DAL_NOTFOUND;  /* busy: the plain path reports it */
    if (!PQsendPrepare(c, e->name, sql, n, p ? p->types : NULL) ||
        !PQsendQueryPrepared(c, e->name, n, p ? p->values : NULL, p ? p->lengths : NULL, p ? p->formats : NULL, 1) ||
        !PQpipelineSync(c)) {
        PQexitPipelineMode(c);
        return dal__pg_lost(db);
    }
    e->checked = 0;
    pr = PQgetResult(c);                        /* the prepare's outcome, then NULL */
    if (!pr) return dal__pg_lost(db);
    while ((r = PQgetResult(c)) != NULL) PQclear(r);
    *res = PQgetResult(c);                      /* the execution's (aborted if the prepare failed) */
    if (*res) while ((r = PQgetResult(c)) != NULL) PQclear(r);
    r = PQgetResult(c);                         /* PGRES_PIPELINE_SYNC */
    if (PQresultStatus(r) != PGRES_PIPELINE_SYNC) rc = dal__pg_lost(db);
    PQclear(r);
    PQexitPipelineMode(c);
    if (PQresultStatus(pr) == PGRES_COMMAND_OK) {
        e->state = ST_PREPARED;
    } else if ((sqlstate = PQresultErrorField(pr, PG_DIAG_SQLSTATE)) && strcmp(sqlstate, "42P05") == 0) {
        rc = rc == DAL_OK ? DAL_NOTFOUND : rc;
    } else if (rc == DAL_OK) {
        rc = prepare_error(db, u, id, pr);
    }
    PQclear(pr);
    if (rc != DAL_OK) {
        PQclear(*res);
        *res = NULL;
    } else if (!*res) {
        rc = dal__pg_lost(db);
    }
    return rc;
}

int dal__pg_prepare(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e, int n,
                    const Oid *types)
{
    return prepare(db, u, id, sql, e, n, types);
}

void dal__pg_deallocate_stale(dal_db *db, dal__pg_stmt *e)
{
    if (e->state != ST_STALE) return;
    deallocate(db, e->name);
    e->state = ST_NONE;
}

/* A plan the server can no longer use: the result type changed under a
 * concurrent ALTER (0A000), or the statement is gone (26000, e.g. after
 * DISCARD ALL). */
bool dal__pg_plan_gone(const PGresult *res)
{
    const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    return s && (strcmp(s, "0A000") == 0 || strcmp(s, "26000") == 0);
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline PGresult *run(dal_db *db, const char *name, const dal_pg_params *p)
{
    if (!p) return PQexecPrepared(db->pg, name, 0, NULL, NULL, NULL, 1);
    return PQexecPrepared(db->pg, name, p->n, p->values, p->lengths, p->formats, 1);
}

/* The result's outcome: DAL_OK (changes recorded: the rows a SELECT or
 * RETURNING gave, which is what their tag says, without parsing it) or
 * the error, freed.  check: compare the result's types with p's. */
static int finish(dal_db *db, PGresult *res, ExecStatusType st, const dal_pg_params *p, bool check,
                  PGresult **out)
{
    int rc;
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        db->pg_changes = st == PGRES_TUPLES_OK ? PQntuples(res) : dal__pg_tag_count(res);
        if (check && p && p->results && (rc = dal_pg_result_check(db, res, p->results, p->nresults)) != DAL_OK) {
            PQclear(res);
            return rc;
        }
        *out = res;
        return DAL_OK;
    }
    rc = dal__pg_result_error(db, res);
    PQclear(res);
    return rc;
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
int dal__pg_exec_misuse(dal_db *db, const dal_unit *u, int id)
{
    if (db->engine != DAL_ENGINE_POSTGRESQL)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "%s: dal_pg_exec on a SQLite connection", u->name);
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "the connection is not open");
    return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "%s: no statement %d", u->name, id);
}

int dal__pg_exec_unnamed(dal_db *db, const char *sql, const dal_pg_params *p, PGresult **out)
{
    PGresult *res = p ? PQexecParams(db->pg, sql, p->n, p->types, p->values, p->lengths, p->formats, 1)
                      : PQexecParams(db->pg, sql, 0, NULL, NULL, NULL, NULL, 1);
    return finish(db, res, PQresultStatus(res), p, true, out);
}

/* A statement not prepared on the connection: prepared and run in one
 * round trip when it never was (ST_NONE), else (stale, or 42P05) prepared
 * on its own first.  DAL_OK with *res the execution's result, or the
 * prepare's error. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int first_use(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e,
                     const dal_pg_params *p, PGresult **res)
{
    int rc;
    if (e->state == ST_NONE && (rc = prepare_and_run(db, u, id, sql, e, p, res)) != DAL_NOTFOUND) return rc;
    if ((rc = prepare(db, u, id, sql, e, p ? p->n : 0, p ? p->types : NULL)) != DAL_OK) return rc;
    *res = run(db, e->name, p);
    return DAL_OK;
}

/* What follows a prepared statement's run: its result res checked (types
 * once per prepared statement), a plan the server lost prepared afresh
 * and run again outside a transaction. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline int exec_done(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e,
                            const dal_pg_params *p, PGresult *res, PGresult **out)
{
    const Oid *types = p ? p->types : NULL;
    int rc, n = p ? p->n : 0;
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_FATAL_ERROR && dal__pg_plan_gone(res)) {
        e->state = ST_STALE;
        /* Inside a transaction the error aborted it: report it; the next
         * call (after the rollback) prepares afresh. */
        if (PQtransactionStatus(db->pg) != PQTRANS_IDLE) return finish(db, res, st, p, false, out);
        PQclear(res);
        if (!sql) return DAL_NOTFOUND;  /* a keyed statement called without its SQL: "not cached" */
        if ((rc = prepare(db, u, id, sql, e, n, types)) != DAL_OK) return rc;
        res = run(db, e->name, p);
        st = PQresultStatus(res);
    }
    if (e->checked && st == PGRES_TUPLES_OK) {   /* the hot path of a read, finish's */
        db->pg_changes = PQntuples(res);
        *out = res;
        return DAL_OK;
    }
    if (e->checked) return finish(db, res, st, p, false, out);
    rc = finish(db, res, st, p, true, out);
    e->checked = rc == DAL_OK && p && p->results;
    return rc;
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline int exec_stmt(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e,
                            const dal_pg_params *p, PGresult **out)
{
    int rc;
    PGresult *res;
    if (e->state == ST_PREPARED) res = run(db, e->name, p);
    else if ((rc = first_use(db, u, id, sql, e, p, &res)) != DAL_OK) return rc;
    return exec_done(db, u, id, sql, e, p, res, out);
}

int dal__pg_exec_stmt(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e,
                      const dal_pg_params *p, PGresult **out)
{
    return exec_stmt(db, u, id, sql, e, p, out);
}

/* dal_pg_exec but for its hot path: the first use, the unnamed mode, a
 * statement not yet checked, a command, an error. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static int exec_other(dal_db *db, const dal_unit *u, int id, const dal_pg_params *p, PGresult **out)
{
    dal__pg_stmt *e;
    unsigned slot;
    if (!db->pg || id < 0 || id >= u->nstmts) return dal__pg_exec_misuse(db, u, id);
    if (db->opts.pg_statements == DAL_PG_UNNAMED) return dal__pg_exec_unnamed(db, u->sql[id], p, out);
    slot = __atomic_load_n(u->slot, __ATOMIC_ACQUIRE);   /* dal__unit_slot's fast path */
    if (slot == 0) slot = dal__unit_slot(u);
    if (slot - 1u < db->pg_nunits && db->pg_units[slot - 1].stmts) e = db->pg_units[slot - 1].stmts + id;
    else if (!(e = unit_stmts(db, u, slot))) return dal__oom(db);
    else e += id;
    return exec_stmt(db, u, id, u->sql[id], e, p, out);
}

/* A result of dal_pg_exec's hot path that is an error (a plan the server
 * lost among them). */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static int exec_result(dal_db *db, const dal_unit *u, int id, dal__pg_stmt *e, const dal_pg_params *p,
                       PGresult *res, PGresult **out)
{
    return exec_done(db, u, id, u->sql[id], e, p, res, out);
}

/* The hot path: a statement prepared and its result types checked on this
 * connection, run in one call that keeps few registers; everything else
 * is exec_other's. */
int dal_pg_exec(dal_db *db, const dal_unit *u, int id, const dal_pg_params *p, PGresult **out)
{
    unsigned slot = __atomic_load_n(u->slot, __ATOMIC_ACQUIRE);
    *out = NULL;
    if (db->pg && p && slot - 1u < db->pg_nunits && db->opts.pg_statements != DAL_PG_UNNAMED &&
        (unsigned)id < (unsigned)u->nstmts && db->pg_units[slot - 1].stmts) {
        dal__pg_stmt *e = db->pg_units[slot - 1].stmts + id;
        if (e->state == ST_PREPARED && (e->checked || !p->results)) {
            PGresult *res = PQexecPrepared(db->pg, e->name, p->n, p->values, p->lengths, p->formats, 1);
            ExecStatusType st = PQresultStatus(res);
            if (st == PGRES_TUPLES_OK) db->pg_changes = PQntuples(res);
            else if (st == PGRES_COMMAND_OK) db->pg_changes = dal__pg_tag_count(res);
            else return exec_result(db, u, id, e, p, res, out);
            *out = res;
            return DAL_OK;
        }
    }
    return exec_other(db, u, id, p, out);
}

int dal_pg_iter_open(dal_pg_iter *it, dal_db *db, const dal_unit *u, int id, const dal_pg_params *p)
{
    int rc;
    it->db = db;
    it->row = -1;
    it->nrows = 0;
    rc = dal_pg_exec(db, u, id, p, &it->res);
    if (rc == DAL_OK) it->nrows = PQntuples(it->res);
    return rc;
}

/* The external definition of dal_pg.h's inline dal_pg_iter_step. */
extern int dal_pg_iter_step(dal_pg_iter *it);

void dal_pg_iter_end(dal_pg_iter *it)
{
    if (!it || !it->res) return;
    PQclear(it->res);
    it->res = NULL;
}
