/* stmt.c - the statement cache: per connection, per generated unit, per
 * statement id; O(1) lookup through the unit's process-wide slot number. */
#include "dal_internal.h"

#include <string.h>

static unsigned next_slot;  /* last slot handed out, process-wide */

/* The unit's slot, assigned once per process (thread-safe); PostgreSQL's
 * statement cache (pg/stmt.c) indexes its own array with it too. */
unsigned dal__unit_slot(const dal_unit *u)
{
    unsigned s = __atomic_load_n(u->slot, __ATOMIC_ACQUIRE);
    if (s == 0) {
        unsigned fresh = __atomic_add_fetch(&next_slot, 1u, __ATOMIC_ACQ_REL);
        unsigned expected = 0;
        if (__atomic_compare_exchange_n(u->slot, &expected, fresh, false,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            s = fresh;
        else
            s = expected;  /* another thread won; its number stands */
    }
    return s;
}

/* The entries of u on db, creating the slot table and entries on demand. */
static dal__entry *unit_entries(dal_db *db, const dal_unit *u)
{
    unsigned s = dal__unit_slot(u);
    dal__unit_cache *c;
    if (s > db->nunits) {
        unsigned n = db->nunits ? db->nunits : 8;
        dal__unit_cache *grown;
        while (n < s) n *= 2;
        grown = dal__calloc(db, n * sizeof *grown);
        if (!grown) return NULL;
        if (db->units) memcpy(grown, db->units, db->nunits * sizeof *grown);
        dal__free(db, db->units, db->nunits * sizeof *grown);
        db->units = grown;
        db->nunits = n;
    }
    c = &db->units[s - 1];
    if (!c->entries) {
        c->entries = dal__calloc(db, (size_t)u->nstmts * sizeof *c->entries);
        if (!c->entries) return NULL;
        c->unit = u;
    }
    return c->entries;
}

int dal__prepare(dal_db *db, const dal_unit *u, int id, const char *sql, sqlite3_stmt **out)
{
    int src = sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
    if (src != SQLITE_OK) {
        int rc = dal_sqlite_error(db, src);
        char msg[DAL__ERRMSG_SIZE];
        memcpy(msg, db->errmsg, sizeof msg);
        *out = NULL;
        return dal_error_set(db, rc, db->errcode, "%s statement %d: %s", u->name, id, msg);
    }
    return DAL_OK;
}

/* Kept out of line so that the fast path of dal_stmt_acquire stays a few
 * instructions with no registers to save. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static int acquire_slow(dal_db *db, const dal_unit *u, int id, sqlite3_stmt **out)
{
    dal__entry *e;
    int rc;
    *out = NULL;
    if (db->engine == DAL_ENGINE_POSTGRESQL)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE,
                             "%s: a SQLite statement on a PostgreSQL connection (use dal_pg.h)", u->name);
    if (!db->handle) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "the connection is not open");
    if (id < 0 || id >= u->nstmts)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "%s: no statement %d", u->name, id);
    if (!(e = unit_entries(db, u))) return dal__oom(db);
    e += id;
    if (!e->st) {
        if ((rc = dal__prepare(db, u, id, u->sql[id], &e->st)) != DAL_OK) return rc;
        e->held = 1;
        *out = e->st;
        return DAL_OK;
    }
    if (!e->held) {
        e->held = 1;
        *out = e->st;
        return DAL_OK;
    }
    if (e->spare) {
        *out = e->spare;
        e->spare = NULL;
        return DAL_OK;
    }
    return dal__prepare(db, u, id, u->sql[id], out);
}

int dal_stmt_acquire(dal_db *db, const dal_unit *u, int id, sqlite3_stmt **out)
{
    unsigned s = __atomic_load_n(u->slot, __ATOMIC_RELAXED);  /* a plain load on common CPUs */
    if (s - 1u < db->nunits) {
        dal__entry *e = db->units[s - 1].entries;
        if (e && (e += id)->st && !e->held) {
            e->held = 1;
            *out = e->st;
            return DAL_OK;
        }
    }
    return acquire_slow(db, u, id, out);
}

void dal_stmt_release(dal_db *db, const dal_unit *u, int id, sqlite3_stmt *st)
{
    dal__entry *e;
    if (!st) return;
    /* the entry first: fewer values to keep across the two calls */
    e = &db->units[__atomic_load_n(u->slot, __ATOMIC_RELAXED) - 1].entries[id];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (e->st == st)
        e->held = 0;
    else if (!e->spare)
        e->spare = st;
    else
        sqlite3_finalize(st);
}

void dal__stmt_cache_free(dal_db *db)
{
    unsigned i;
    int j;
    for (i = 0; i < db->nunits; i++) {
        dal__unit_cache *c = &db->units[i];
        if (!c->entries) continue;
        for (j = 0; j < c->unit->nstmts; j++) {
            sqlite3_finalize(c->entries[j].st);
            sqlite3_finalize(c->entries[j].spare);
        }
        dal__free(db, c->entries, (size_t)c->unit->nstmts * sizeof *c->entries);
    }
    dal__free(db, db->units, db->nunits * sizeof *db->units);
    db->units = NULL;
    db->nunits = 0;
    dal__keyed_free(db);
}

/* The exported forms of dal.h's inline steppers. */
int (dal_step)(dal_db *db, sqlite3_stmt *st)
{
    return dal__step_inline(db, st);
}

int (dal_step_done)(dal_db *db, sqlite3_stmt *st)
{
    return dal__step_done_inline(db, st);
}

int dal_iter_open(dal_iter *it, dal_db *db, const dal_unit *u, int id)
{
    it->db = db;
    it->unit = u;
    it->id = id;
    return dal_stmt_acquire(db, u, id, &it->st);
}

int dal_iter_step(dal_iter *it)
{
    int rc;
    if (!it->st) return DAL_DONE;
    rc = dal_step(it->db, it->st);
    if (rc != DAL_ROW) dal_iter_end(it);
    return rc;
}

void dal_iter_end(dal_iter *it)
{
    if (!it || !it->st) return;
    dal_stmt_release(it->db, it->unit, it->id, it->st);
    it->st = NULL;
}
