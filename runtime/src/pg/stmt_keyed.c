/* stmt_keyed.c - PostgreSQL statements whose SQL generated code builds at
 * run time from a small key (the columns a patch writes, the defaults an
 * insert omits, an ORDER BY alternative): one prepared statement per
 * (unit, id, key), at most DAL_KEYED_MAX per connection, the least
 * recently used deallocated first.  Names count up per connection
 * ("dalk<n>"), so a name whose DEALLOCATE failed is never reused. */
#include "pg_int.h"

#include <stdio.h>

static dal__pg_keyed *find(dal_db *db, const dal_unit *u, int id, uint64_t key)
{
    int i;
    for (i = 0; i < db->pg_nkeyed; i++) {
        dal__pg_keyed *e = &db->pg_keyed[i];
        if (e->unit == u && e->id == id && e->key == key) return e;
    }
    return NULL;
}

/* Drop a statement from the server (in an aborted transaction this fails
 * and the statement stays until the session ends: harmless). */
static void deallocate(dal_db *db, const char *name)
{
#ifdef LIBPQ_HAS_CLOSE_PREPARED
    PQclear(PQclosePrepared(db->pg, name));
#else
    char sql[48];
    snprintf(sql, sizeof sql, "DEALLOCATE %s", name);
    PQclear(PQexec(db->pg, sql));
#endif
}

/* A place for a new entry: an unused one, or the least recently used one
 * (deallocated); NULL out of memory. */
static dal__pg_keyed *place(dal_db *db)
{
    dal__pg_keyed *victim = NULL;
    int i;
    if (!db->pg_keyed && !(db->pg_keyed = dal__calloc(db, DAL_KEYED_MAX * sizeof *db->pg_keyed))) return NULL;
    if (db->pg_nkeyed < DAL_KEYED_MAX) return &db->pg_keyed[db->pg_nkeyed++];
    for (i = 0; i < db->pg_nkeyed; i++)
        if (!victim || db->pg_keyed[i].used < victim->used) victim = &db->pg_keyed[i];
    if (victim->st.state) deallocate(db, victim->st.name);
    return victim;
}

int dal_pg_exec_keyed(dal_db *db, const dal_unit *u, int id, uint64_t key, const char *sql,
                      const dal_pg_params *p, PGresult **out)
{
    dal__pg_keyed *e;
    *out = NULL;
    if (!db->pg || id < 0 || id >= u->nstmts) return dal__pg_exec_misuse(db, u, id);
    if (db->opts.pg_statements == DAL_PG_UNNAMED)
        return sql ? dal__pg_exec_unnamed(db, sql, p, out) : DAL_NOTFOUND;
    if (!(e = find(db, u, id, key))) {
        if (!sql) return DAL_NOTFOUND;  /* the caller builds the SQL and calls again */
        if (!(e = place(db))) return dal__oom(db);
        e->unit = u;
        e->id = id;
        e->key = key;
        e->st.state = DAL__PG_NONE;
        e->st.keyed = 1;
        snprintf(e->st.name, sizeof e->st.name, "dalk%llu", (unsigned long long)++db->pg_keyed_names);
    }
    e->used = ++db->pg_keyed_clock;
    /* sql NULL: only a prepared entry runs (a stale one needs its text:
     * DAL_NOTFOUND, the caller calls again with it) */
    if (!sql && e->st.state != DAL__PG_PREPARED) return DAL_NOTFOUND;
    return dal__pg_exec_stmt(db, u, id, sql, &e->st, p, out);
}

int dal_pg_keyed_count(const dal_db *db)
{
    int i, n = 0;
    for (i = 0; i < db->pg_nkeyed; i++) n += db->pg_keyed[i].st.state == DAL__PG_PREPARED;
    return n;
}

void dal__pg_keyed_free(dal_db *db)
{
    dal__free(db, db->pg_keyed, DAL_KEYED_MAX * sizeof *db->pg_keyed);
    db->pg_keyed = NULL;
    db->pg_nkeyed = 0;
}
