/* stmt.c - the PostgreSQL statement cache and dal_pg_exec.
 *
 * The same dal_unit and process-wide slot number as on SQLite index an
 * array on the connection; per statement it holds one byte of state (the
 * name is a function of slot and id, formatted on the stack), so a call
 * in steady state allocates nothing in libdal.  Statements are prepared
 * with the parameter types the generator pinned, so binary parameters
 * always meet the type the server expects. */
#include "pg_int.h"

#include <stdio.h>
#include <stdlib.h>

enum { ST_NONE = 0, ST_PREPARED = 1, ST_STALE = 2 };

#define NAME_SIZE 32

/* "dal<slot>_<id>" without snprintf (this runs on every call). */
static void stmt_name(char out[NAME_SIZE], unsigned slot, int id)
{
    char tmp[24];
    int n = 0, k = 0;
    unsigned long v = slot;
    memcpy(out, "dal", 3);
    k = 3;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) out[k++] = tmp[--n];
    out[k++] = '_';
    v = (unsigned long)id;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) out[k++] = tmp[--n];
    out[k] = '\0';
}

/* The state bytes of u on db, created on first use. */
static unsigned char *unit_state(dal_db *db, const dal_unit *u, unsigned s)
{
    dal__pg_unit *c;
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
    if (!c->state) {
        if (!(c->state = dal__calloc(db, (size_t)u->nstmts))) return NULL;
        c->unit = u;
    }
    return c->state;
}

void dal__pg_stmt_cache_free(dal_db *db)
{
    unsigned i;
    for (i = 0; i < db->pg_nunits; i++)
        if (db->pg_units[i].state) dal__free(db, db->pg_units[i].state, (size_t)db->pg_units[i].unit->nstmts);
    dal__free(db, db->pg_units, db->pg_nunits * sizeof *db->pg_units);
    db->pg_units = NULL;
    db->pg_nunits = 0;
}

int dal_pg_prepared_count(const dal_db *db)
{
    int n = 0, j;
    unsigned i;
    for (i = 0; i < db->pg_nunits; i++)
        for (j = 0; db->pg_units[i].state && j < db->pg_units[i].unit->nstmts; j++)
            n += db->pg_units[i].state[j] == ST_PREPARED;
    return n;
}

/* Prepare (after deallocating a stale copy).  42P05 "already exists": a
 * wrapped connection that an earlier dal_db of this process prepared on;
 * the name fixes the SQL within a process, so it is the same statement. */
static int prepare(dal_db *db, const dal_unit *u, int id, const char *name, int n, const Oid *types,
                   unsigned char *state)
{
    PGresult *res;
    int rc = DAL_OK;
    const char *sqlstate;
    if (*state == ST_STALE) {
        char sql[NAME_SIZE + 16];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", name);
        PQclear(PQexec(db->pg, sql));  /* gone already is fine */
        *state = ST_NONE;
    }
    res = PQprepare(db->pg, name, u->sql[id], n, types);
    if (PQresultStatus(res) == PGRES_COMMAND_OK) {
        *state = ST_PREPARED;
    } else if ((sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE)) && strcmp(sqlstate, "42P05") == 0) {
        *state = ST_PREPARED;
    } else {
        /* the server's message, prefixed with the statement's name */
        char prefix[128];
        size_t k, m;
        rc = dal__pg_result_error(db, res);
        k = (size_t)snprintf(prefix, sizeof prefix, "%.80s statement %d: ", u->name, id);
        m = strlen(db->errmsg);
        if (k + m >= sizeof db->errmsg) m = sizeof db->errmsg - k - 1;
        memmove(db->errmsg + k, db->errmsg, m);
        memcpy(db->errmsg, prefix, k);
        db->errmsg[k + m] = '\0';
    }
    PQclear(res);
    return rc;
}

/* A plan the server can no longer use: the result type changed under a
 * concurrent ALTER (0A000), or the statement is gone (26000, e.g. after
 * DISCARD ALL). */
static bool plan_gone(const PGresult *res)
{
    const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    return s && (strcmp(s, "0A000") == 0 || strcmp(s, "26000") == 0);
}

static PGresult *run(dal_db *db, const char *name, const dal_pg_params *p)
{
    if (!p) return PQexecPrepared(db->pg, name, 0, NULL, NULL, NULL, 1);
    return PQexecPrepared(db->pg, name, p->n, p->values, p->lengths, p->formats, 1);
}

/* The result's outcome: DAL_OK (changes recorded) or the error, freed. */
static int finish(dal_db *db, PGresult *res, PGresult **out)
{
    ExecStatusType st = PQresultStatus(res);
    int rc;
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        const char *t = PQcmdTuples(res);
        db->pg_changes = *t ? strtoll(t, NULL, 10) : 0;
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
static int exec_misuse(dal_db *db, const dal_unit *u, int id)
{
    if (db->engine != DAL_ENGINE_POSTGRESQL)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "%s: dal_pg_exec on a SQLite connection", u->name);
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "the connection is not open");
    return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "%s: no statement %d", u->name, id);
}

static int exec_unnamed(dal_db *db, const dal_unit *u, int id, const dal_pg_params *p, PGresult **out)
{
    PGresult *res = p ? PQexecParams(db->pg, u->sql[id], p->n, p->types, p->values, p->lengths, p->formats, 1)
                      : PQexecParams(db->pg, u->sql[id], 0, NULL, NULL, NULL, NULL, 1);
    return finish(db, res, out);
}

int dal_pg_exec(dal_db *db, const dal_unit *u, int id, const dal_pg_params *p, PGresult **out)
{
    const Oid *types = p ? p->types : NULL;
    char name[NAME_SIZE];
    unsigned char *state;
    unsigned slot;
    int rc, n = p ? p->n : 0;
    PGresult *res;
    *out = NULL;
    if (!db->pg || id < 0 || id >= u->nstmts) return exec_misuse(db, u, id);
    if (db->opts.pg_statements == DAL_PG_UNNAMED) return exec_unnamed(db, u, id, p, out);
    slot = dal__unit_slot(u);
    if (slot - 1u < db->pg_nunits && db->pg_units[slot - 1].state) state = db->pg_units[slot - 1].state + id;
    else if (!(state = unit_state(db, u, slot))) return dal__oom(db);
    else state += id;
    stmt_name(name, slot, id);
    if (*state != ST_PREPARED && (rc = prepare(db, u, id, name, n, types, state)) != DAL_OK) return rc;
    res = run(db, name, p);
    if (PQresultStatus(res) == PGRES_FATAL_ERROR && plan_gone(res)) {
        *state = ST_STALE;
        /* Inside a transaction the error aborted it: report it; the next
         * call (after the rollback) prepares afresh. */
        if (PQtransactionStatus(db->pg) != PQTRANS_IDLE) return finish(db, res, out);
        PQclear(res);
        if ((rc = prepare(db, u, id, name, n, types, state)) != DAL_OK) return rc;
        res = run(db, name, p);
    }
    return finish(db, res, out);
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

int dal_pg_iter_step(dal_pg_iter *it)
{
    if (!it->res) return DAL_DONE;
    if (++it->row < it->nrows) return DAL_ROW;
    dal_pg_iter_end(it);
    return DAL_DONE;
}

void dal_pg_iter_end(dal_pg_iter *it)
{
    if (!it || !it->res) return;
    PQclear(it->res);
    it->res = NULL;
}
