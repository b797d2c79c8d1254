/* stmt_keyed.c - statements whose SQL generated code builds at run time
 * from a small key (the set of columns a patch writes, the defaults an
 * insert omits): one cached statement per (unit, id, key), at most
 * DAL_KEYED_MAX per connection, least recently used evicted first. */
#include "dal_internal.h"

static dal__keyed *find(dal_db *db, const dal_unit *u, int id, uint64_t key, bool *held)
{
    int i;
    *held = false;
    for (i = 0; i < db->nkeyed; i++) {
        dal__keyed *e = &db->keyed[i];
        if (e->unit != u || e->id != id || e->key != key) continue;
        if (!e->held) return e;
        *held = true;
    }
    return NULL;
}

/* A free place for a new entry: an unused one, or the least recently used
 * idle one (finalized); NULL when every entry is held. */
static dal__keyed *place(dal_db *db)
{
    dal__keyed *victim = NULL;
    int i;
    if (!db->keyed && !(db->keyed = dal__calloc(db, DAL_KEYED_MAX * sizeof *db->keyed))) return NULL;
    if (db->nkeyed < DAL_KEYED_MAX) return &db->keyed[db->nkeyed++];
    for (i = 0; i < db->nkeyed; i++) {
        dal__keyed *e = &db->keyed[i];
        if (!e->held && (!victim || e->used < victim->used)) victim = e;
    }
    if (victim) {
        sqlite3_finalize(victim->st);
        victim->st = NULL;
    }
    return victim;
}

int dal_stmt_acquire_keyed(dal_db *db, const dal_unit *u, int id, uint64_t key,
                           const char *sql, sqlite3_stmt **out)
{
    bool held;
    dal__keyed *e = find(db, u, id, key, &held);
    int rc;
    *out = NULL;
    if (e) {
        e->held = 1;
        e->used = ++db->keyed_clock;
        *out = e->st;
        return DAL_OK;
    }
    if (!sql) return DAL_NOTFOUND;  /* the caller builds the SQL and calls again */
    if (!db->handle) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "the connection is not open");
    if ((rc = dal__prepare(db, u, id, sql, out)) != DAL_OK) return rc;
    /* A second copy of a held key, or a full cache of held statements:
     * hand out an uncached statement that release finalizes. */
    if (held || !(e = place(db))) return DAL_OK;
    e->unit = u;
    e->id = id;
    e->key = key;
    e->st = *out;
    e->held = 1;
    e->used = ++db->keyed_clock;
    return DAL_OK;
}

void dal_stmt_release_keyed(dal_db *db, sqlite3_stmt *st)
{
    int i;
    if (!st) return;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (i = 0; i < db->nkeyed; i++) {
        if (db->keyed[i].st == st) {
            db->keyed[i].held = 0;
            return;
        }
    }
    sqlite3_finalize(st);
}

int dal_stmt_keyed_count(const dal_db *db)
{
    int i, n = 0;
    for (i = 0; i < db->nkeyed; i++) n += db->keyed[i].st != NULL;
    return n;
}

void dal__keyed_free(dal_db *db)
{
    int i;
    for (i = 0; i < db->nkeyed; i++) sqlite3_finalize(db->keyed[i].st);
    dal__free(db, db->keyed, DAL_KEYED_MAX * sizeof *db->keyed);
    db->keyed = NULL;
    db->nkeyed = 0;
}
