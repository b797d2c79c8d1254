/* mig_run.c - PostgreSQL's migration runner behind dal_migrate_apply,
 * dal_migrate_down, dal_migrate_status and dal_migrate_history
 * (design/postgres.md §3.9, docs/migrations.md "PostgreSQL").
 *
 * A call: scripts cut and checked (mig_split.c), then the session advisory
 * lock taken by polling pg_try_advisory_lock (a blocking lock can wait
 * forever behind a CREATE INDEX CONCURRENTLY that waits for the waiter's
 * own snapshot), the history read and checked against the list under the
 * lock, the migrations run, the lock released.
 *
 * A migration without no-transaction steps is one transaction that also
 * writes its history row, so it is applied whole or not at all.  One with
 * such steps first commits a row in state 'running'; each step then
 * advances steps_done (in the step's own transaction, or right after a
 * no-transaction statement), and the row becomes 'applied' at the end.  A
 * run that stops (error, crash, kill) leaves the row at the step to redo,
 * and the next apply resumes there; an index a broken CREATE INDEX
 * CONCURRENTLY left INVALID is dropped and built again. */
#define _POSIX_C_SOURCE 200809L
#include "mig_int.h"
#include "../migrate_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define HISTORY "_dal_migrations"
#define DEFAULT_LOCK_WAIT_MS 60000

typedef struct hist_row {
    int64_t id;
    char   *name, *checksum;
    char    state[12];
    int     steps_done;
} hist_row;

typedef struct history {
    hist_row *rows;   /* ascending id */
    size_t    n;
} history;

/* One call's frame. */
typedef struct run {
    dal_db                    *db;
    const dal_migration       *list;
    size_t                     n;
    const dal_migrate_options *o;
    bool                       down;
    dal__pgm_script           *scripts;   /* [n]: the up (or down) scripts */
    char                       key[24];   /* the advisory lock's key */
    bool                       locked;
    char                       saved[3][64];   /* settings changed for the run, restored after */
    bool                       changed[3];
} run;

static const char *const settings[3] = {"lock_timeout", "statement_timeout", "client_connection_check_interval"};

int dal__pgm_query(dal_db *db, const char *sql, int nparams, const char *const *params, PGresult **out)
{
    if (out) *out = NULL;
    PGresult *res = PQexecParams(db->pg, sql, nparams, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        int rc = dal__pg_result_error(db, res);
        PQclear(res);
        return rc;
    }
    if (out) *out = res;
    else PQclear(res);
    return DAL_OK;
}

static int64_t now_ms(void) { return dal__monotonic_ms(); }

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* ---- History ----------------------------------------------------------- */

static void history_free(history *h)
{
    for (size_t i = 0; i < h->n; i++) {
        sqlite3_free(h->rows[i].name);
        sqlite3_free(h->rows[i].checksum);
    }
    sqlite3_free(h->rows);
    memset(h, 0, sizeof *h);
}

static int history_exists(dal_db *db, bool *yes)
{
    PGresult *res;
    int rc = dal__pgm_query(db, "SELECT to_regclass('" HISTORY "') IS NOT NULL", 0, NULL, &res);
    if (rc == DAL_OK) *yes = PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    return rc;
}

static int history_read(dal_db *db, history *h)
{
    PGresult *res;
    bool exists = false;
    memset(h, 0, sizeof *h);
    int rc = history_exists(db, &exists);
    if (rc != DAL_OK || !exists) return rc;
    rc = dal__pgm_query(db, "SELECT id, name, checksum, state, steps_done FROM " HISTORY " ORDER BY id", 0, NULL, &res);
    if (rc != DAL_OK) return rc;
    int nt = PQntuples(res);
    h->rows = sqlite3_malloc64((sqlite3_uint64)(nt ? nt : 1) * sizeof *h->rows);
    for (int i = 0; h->rows && i < nt; i++) {
        hist_row *r = &h->rows[h->n++];
        r->id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
        r->name = sqlite3_mprintf("%s", PQgetvalue(res, i, 1));
        r->checksum = sqlite3_mprintf("%s", PQgetvalue(res, i, 2));
        snprintf(r->state, sizeof r->state, "%s", PQgetvalue(res, i, 3));
        r->steps_done = atoi(PQgetvalue(res, i, 4));
        if (!r->name || !r->checksum) rc = dal__oom(db);
    }
    if (!h->rows) rc = dal__oom(db);
    PQclear(res);
    if (rc != DAL_OK) history_free(h);
    return rc;
}

static const dal_migration *find(const dal_migration *list, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id) return &list[i];
    return NULL;
}

static const hist_row *history_find(const history *h, int64_t id)
{
    for (size_t i = 0; i < h->n; i++)
        if (h->rows[i].id == id) return &h->rows[i];
    return NULL;
}

static const hist_row *history_last(const history *h) { return h->n ? &h->rows[h->n - 1] : NULL; }

/* The history must be a prefix of the list: same names and checksums, no
 * migration missing before an applied one, only the last row unfinished. */
static int history_check(dal_db *db, const dal_migration *list, size_t n, const history *h)
{
    for (size_t i = 0; i < h->n; i++) {
        const hist_row *r = &h->rows[i];
        const dal_migration *m = find(list, n, r->id);
        if (!m)
            return dal_error_set(db, DAL_ERROR, 0, "the database has migration %s (%lld) applied, which the "
                                 "migrations do not contain (was a file removed or renumbered?)", r->name,
                                 (long long)r->id);
        if (strcmp(m->name, r->name) != 0)
            return dal_error_set(db, DAL_ERROR, 0, "migration %lld was applied as %s but the file is now %s "
                                 "(were files renamed, renumbered or reordered?)", (long long)r->id, r->name,
                                 m->name);
        if (strcmp(m->checksum, r->checksum) != 0)
            return dal_error_set(db, DAL_ERROR, 0, "migration %s was changed after it was applied (checksum %s, "
                                 "applied %s)", m->name, m->checksum, r->checksum);
        if (strcmp(r->state, "applied") != 0 && i + 1 < h->n)
            return dal_error_set(db, DAL_ERROR, 0, "migration %s is %s but later ones are applied: the history "
                                 "was edited", r->name, r->state);
    }
    const hist_row *last = history_last(h);
    for (size_t i = 0; last && i < n; i++)
        if (list[i].id < last->id && !history_find(h, list[i].id))
            return dal_error_set(db, DAL_ERROR, 0, "migration %s is not applied but later ones are (was it "
                                 "inserted?)", list[i].name);
    return DAL_OK;
}

static int check_list(dal_db *db, const dal_migration *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id < 0 || (i && list[i].id <= list[i - 1].id) || !list[i].up || !list[i].checksum ||
            !list[i].name)
            return dal_error_set(db, DAL_MISUSE, 0, "migration list: entry %zu is invalid or out of order", i);
    return DAL_OK;
}

static int ensure_history(dal_db *db)
{
    return dal__pgm_query(db, "CREATE TABLE IF NOT EXISTS " HISTORY " (id bigint PRIMARY KEY, name text NOT NULL, "
                          "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), "
                          "duration_ms bigint NOT NULL DEFAULT 0, state text NOT NULL DEFAULT 'applied', "
                          "steps_done integer NOT NULL DEFAULT 0)", 0, NULL, NULL);
}

/* Writes a row: $1 id, $2 duration_ms, $3 steps_done, $4 name, $5
 * checksum; the statement uses the first nparams of them. */
static int history_write(dal_db *db, const char *sql, int nparams, const dal_migration *m, int64_t duration,
                         int steps)
{
    char id[24], dur[24], st[16];
    snprintf(id, sizeof id, "%lld", (long long)m->id);
    snprintf(dur, sizeof dur, "%lld", (long long)duration);
    snprintf(st, sizeof st, "%d", steps);
    const char *const p[5] = {id, dur, st, m->name, m->checksum};
    return dal__pgm_query(db, sql, nparams, p, NULL);
}

#define INSERT_ROW "INSERT INTO " HISTORY " (id, duration_ms, steps_done, name, checksum, applied_at, state) " \
                   "VALUES ($1::bigint, $2::bigint, $3::int, $4, $5, clock_timestamp(), "
#define SQL_APPLIED INSERT_ROW "'applied')", 5
#define SQL_RUNNING INSERT_ROW "'running')", 5
#define SQL_STEP "UPDATE " HISTORY " SET duration_ms = duration_ms + $2::bigint, steps_done = $3::int " \
                 "WHERE id = $1::bigint", 3
#define SQL_DONE "UPDATE " HISTORY " SET duration_ms = duration_ms + $2::bigint, steps_done = $3::int, " \
                 "state = 'applied', applied_at = clock_timestamp() WHERE id = $1::bigint", 3
#define SQL_REVERTING "UPDATE " HISTORY " SET state = 'reverting', steps_done = $3::int " \
                      "WHERE id = $1::bigint AND $2::bigint IS NOT NULL", 3
#define SQL_DELETE "DELETE FROM " HISTORY " WHERE id = $1::bigint", 1

/* ---- The lock and the session ------------------------------------------ */

static uint64_t fnv1a(const char *s, uint64_t h)
{
    for (; *s; s++) h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return h;
}

/* k = FNV-1a 64 of "dalgen:<schema>._dal_migrations". */
static int lock_key(run *r)
{
    PGresult *res;
    int rc = dal__pgm_query(r->db, "SELECT current_schema()", 0, NULL, &res);
    if (rc != DAL_OK) return rc;
    if (PQgetisnull(res, 0, 0)) {
        PQclear(res);
        return dal_error_set(r->db, DAL_ERROR, 0, "no current schema (search_path names no existing schema): "
                             "the migration history needs one");
    }
    uint64_t h = fnv1a("dalgen:", UINT64_C(0xcbf29ce484222325));
    h = fnv1a(PQgetvalue(res, 0, 0), h);
    h = fnv1a("." HISTORY, h);
    PQclear(res);
    snprintf(r->key, sizeof r->key, "%lld", (long long)(int64_t)h);
    return DAL_OK;
}

static int lock_take(run *r)
{
    int wait = r->o && r->o->version >= 2 ? r->o->lock_wait_ms : DEFAULT_LOCK_WAIT_MS, delay = 10;
    int64_t start = now_ms();
    const char *const p[1] = {r->key};
    for (;;) {
        PGresult *res;
        int rc = dal__pgm_query(r->db, "SELECT pg_try_advisory_lock($1::bigint)", 1, p, &res);
        if (rc != DAL_OK) return rc;
        r->locked = PQgetvalue(res, 0, 0)[0] == 't';
        PQclear(res);
        if (r->locked) return DAL_OK;
        int64_t waited = now_ms() - start;
        if (waited >= wait)
            return dal__error_state(r->db, DAL_BUSY, "55P03", "another process is migrating this database "
                                    "(advisory lock %s held; waited %lld ms)", r->key, (long long)waited);
        sleep_ms((int)(wait - waited < delay ? wait - waited : delay));
        delay = delay < 250 ? delay * 2 : 500;
    }
}

/* The run's session settings: the options' timeouts, and (PostgreSQL 14+)
 * a check of the client every second, so that a statement whose client
 * was killed stops instead of running on while holding the lock. */
static int settings_set(run *r)
{
    int v[3] = {0, 0, PQserverVersion(r->db->pg) >= 140000 ? 1000 : 0};
    if (r->o && r->o->version >= 2) {
        v[0] = r->o->lock_timeout_ms;
        v[1] = r->o->statement_timeout_ms;
    }
    for (int i = 0; i < 3; i++) {
        if (v[i] <= 0) continue;
        char sql[128], val[24];
        PGresult *res;
        const char *const p[2] = {settings[i], val};
        int rc = dal__pgm_query(r->db, "SELECT current_setting($1)", 1, p, &res);
        if (rc != DAL_OK) return rc;
        snprintf(r->saved[i], sizeof r->saved[i], "%s", PQgetvalue(res, 0, 0));
        PQclear(res);
        snprintf(val, sizeof val, "%dms", v[i]);
        snprintf(sql, sizeof sql, "SELECT set_config($1, $2, false)");
        if ((rc = dal__pgm_query(r->db, sql, 2, p, NULL)) != DAL_OK) return rc;
        r->changed[i] = true;
    }
    return DAL_OK;
}

static void settings_restore(run *r)
{
    for (int i = 0; i < 3; i++) {
        if (!r->changed[i]) continue;
        const char *const p[2] = {settings[i], r->saved[i]};
        PQclear(PQexecParams(r->db->pg, "SELECT set_config($1, $2, false)", 2, NULL, p, NULL, NULL, 0));
    }
}

/* ---- A call's frame ---------------------------------------------------- */

static int not_in_txn(dal_db *db)
{
    if (db->txn_depth > 0 || PQtransactionStatus(db->pg) != PQTRANS_IDLE)
        return dal_error_set(db, DAL_MISUSE, 0, "migrations cannot run inside an open transaction");
    return DAL_OK;
}

static int direct(dal_db *db)
{
    if (db->opts.pg_statements == DAL_PG_UNNAMED)
        return dal_error_set(db, DAL_MISUSE, 0, "migrations need a direct connection to the server: this one is "
                             "set up for a transaction pooler (pg_statements = DAL_PG_UNNAMED), where the "
                             "runner's session lock would not hold");
    return DAL_OK;
}

static int split_all(run *r)
{
    r->scripts = sqlite3_malloc64((sqlite3_uint64)(r->n ? r->n : 1) * sizeof *r->scripts);
    if (!r->scripts) return dal__oom(r->db);
    memset(r->scripts, 0, (r->n ? r->n : 1) * sizeof *r->scripts);
    for (size_t i = 0; i < r->n; i++) {
        const char *text = r->down ? r->list[i].down : r->list[i].up;
        if (!text) continue;
        int rc = dal__pgm_split(r->db, r->list[i].name, text, &r->scripts[i]);
        if (rc != DAL_OK) return rc;
    }
    return DAL_OK;
}

/* Checks, scripts, settings, lock, history table: what apply and down share. */
static int run_begin(run *r, dal_db *db, const dal_migration *list, size_t n, const dal_migrate_options *o,
                     bool down)
{
    int rc;
    memset(r, 0, sizeof *r);
    r->db = db, r->list = list, r->n = n, r->o = o, r->down = down;
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, 0, "the connection is not open");
    if (o && o->backup_path)
        return dal_error_set(db, DAL_MISUSE, 0, "backup_path is SQLite's: back a PostgreSQL database up with "
                             "pg_dump or point-in-time recovery");
    if ((rc = direct(db)) != DAL_OK || (rc = not_in_txn(db)) != DAL_OK || (rc = check_list(db, list, n)) != DAL_OK)
        return rc;
    if ((rc = split_all(r)) != DAL_OK || (rc = lock_key(r)) != DAL_OK || (rc = settings_set(r)) != DAL_OK)
        return rc;
    if ((rc = lock_take(r)) != DAL_OK) return rc;
    return ensure_history(db);
}

static int run_end(run *r, int rc)
{
    /* Only a run that got the lock opened transactions: one that stopped
     * earlier (refused inside the caller's transaction) leaves it alone. */
    if (r->locked && r->db->pg && PQtransactionStatus(r->db->pg) != PQTRANS_IDLE)
        PQclear(PQexec(r->db->pg, "ROLLBACK"));
    if (r->locked) {
        const char *const p[1] = {r->key};
        PQclear(PQexecParams(r->db->pg, "SELECT pg_advisory_unlock($1::bigint)", 1, NULL, p, NULL, NULL, 0));
    }
    settings_restore(r);
    for (size_t i = 0; r->scripts && i < r->n; i++) dal__pgm_script_free(&r->scripts[i]);
    sqlite3_free(r->scripts);
    return rc;
}

/* ---- Running statements ------------------------------------------------ */

/* The failed statement's error, prefixed with the migration and the
 * statement (where `dalgen migrate` finds it in the file); the server's
 * fields (DAL_ERRF_POSITION...) kept. */
static int restate(dal_db *db, int rc, const dal_migration *m, int stmt, bool notxn)
{
    char *msg = sqlite3_mprintf("%s", dal_errmsg(db));
    char state[6], errf[DAL__ERRF_SIZE];
    short off[DAL__ERRF_COUNT];
    memcpy(state, db->sqlstate, sizeof state);
    memcpy(errf, db->errf, sizeof errf);
    memcpy(off, db->errf_off, sizeof off);
    dal__error_state(db, rc, state, "migration %s, statement %d: %s%s", m->name, stmt, msg ? msg : "out of memory",
                     notxn ? " (a no-transaction step: the next apply resumes it)" : "");
    memcpy(db->errf, errf, sizeof errf);
    memcpy(db->errf_off, off, sizeof off);
    sqlite3_free(msg);
    return rc;
}

static int run_stmts(run *r, const dal_migration *m, const dal__pgm_script *s, int first, int count)
{
    for (int i = first; i < first + count; i++) {
        if (r->o && r->o->progress) r->o->progress(r->o->progress_ctx, m, i + 1, s->n, s->stmts[i].sql);
        int rc = dal__pg_exec(r->db, s->stmts[i].sql);
        if (rc != DAL_OK) {
            return restate(r->db, rc, m, i + 1, s->stmts[i].notxn);
        }
    }
    return DAL_OK;
}

/* Before a CREATE INDEX CONCURRENTLY: an INVALID index of that name (left
 * by a build that broke off) is dropped; a valid one means a resumed
 * step already built it (*done). */
static int concurrent_index_prepare(run *r, const char *sql, bool resumed, bool *done)
{
    char name[300], drop[340];
    PGresult *res;
    *done = false;
    if (!dal__pgm_concurrent_index(sql, name, sizeof name)) return DAL_OK;
    const char *const p[1] = {name};
    int rc = dal__pgm_query(r->db, "SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass($1)",
                            1, p, &res);
    if (rc != DAL_OK) return rc;
    bool exists = PQntuples(res) == 1, valid = exists && PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    if (valid) *done = resumed;
    if (!exists || valid) return DAL_OK;
    snprintf(drop, sizeof drop, "DROP INDEX CONCURRENTLY IF EXISTS %s", name);
    return dal__pg_exec(r->db, drop);
}

static bool has_notxn(const dal__pgm_script *s)
{
    for (int i = 0; i < s->nsteps; i++)
        if (s->steps[i].notxn) return true;
    return false;
}

/* The row after a step: steps_done, and 'applied' after the last up step. */
static int advance(dal_db *db, bool last, const dal_migration *m, int64_t duration, int steps)
{
    return last ? history_write(db, SQL_DONE, m, duration, steps) : history_write(db, SQL_STEP, m, duration, steps);
}

/* Step k of a resumable migration, with the history row advanced. */
static int run_step(run *r, const dal_migration *m, const dal__pgm_script *s, int k, bool resumed)
{
    const dal__pgm_step *st = &s->steps[k];
    int64_t t0 = now_ms();
    bool last = !r->down && k + 1 == s->nsteps;
    int rc;
    if (!st->notxn) {
        if ((rc = dal__pg_exec(r->db, "BEGIN")) != DAL_OK) return rc;
        if ((rc = run_stmts(r, m, s, st->first, st->count)) != DAL_OK) return rc;
        if ((rc = advance(r->db, last, m, now_ms() - t0, k + 1)) != DAL_OK) return rc;
        return dal__pg_exec(r->db, "COMMIT");
    }
    bool done = false;
    if (!r->down && (rc = concurrent_index_prepare(r, s->stmts[st->first].sql, resumed, &done)) != DAL_OK) return rc;
    if (!done && (rc = run_stmts(r, m, s, st->first, 1)) != DAL_OK) return rc;
    return advance(r->db, last, m, now_ms() - t0, k + 1);
}

/* Up: one transaction, or a 'running' row and resumable steps from `from`. */
static int run_up(run *r, const dal_migration *m, const dal__pgm_script *s, int from, bool resumed)
{
    int rc;
    if (!has_notxn(s)) {
        int64_t t0 = now_ms();
        if ((rc = dal__pg_exec(r->db, "BEGIN")) != DAL_OK) return rc;
        if ((rc = run_stmts(r, m, s, 0, s->n)) != DAL_OK) return rc;
        if ((rc = history_write(r->db, SQL_APPLIED, m, now_ms() - t0, s->nsteps)) != DAL_OK) return rc;
        return dal__pg_exec(r->db, "COMMIT");
    }
    if (!resumed && (rc = history_write(r->db, SQL_RUNNING, m, 0, 0)) != DAL_OK) return rc;
    for (int k = from; k < s->nsteps; k++)
        if ((rc = run_step(r, m, s, k, resumed && k == from)) != DAL_OK) return rc;
    return DAL_OK;
}

/* Down: one transaction that deletes the row, or a 'reverting' row and
 * resumable steps from `from`. */
static int run_down(run *r, const dal_migration *m, const dal__pgm_script *s, int from, bool resumed)
{
    int rc;
    if (!has_notxn(s)) {
        if ((rc = dal__pg_exec(r->db, "BEGIN")) != DAL_OK) return rc;
        if ((rc = run_stmts(r, m, s, 0, s->n)) != DAL_OK) return rc;
        if ((rc = history_write(r->db, SQL_DELETE, m, 0, 0)) != DAL_OK) return rc;
        return dal__pg_exec(r->db, "COMMIT");
    }
    if (!resumed && (rc = history_write(r->db, SQL_REVERTING, m, 0, 0)) != DAL_OK) return rc;
    for (int k = from; k < s->nsteps; k++)
        if ((rc = run_step(r, m, s, k, resumed && k == from)) != DAL_OK) return rc;
    return history_write(r->db, SQL_DELETE, m, 0, 0);
}

/* ---- Baseline ---------------------------------------------------------- */

static int do_baseline(run *r, const history *h, int64_t upto)
{
    const hist_row *last = history_last(h);
    if (last && last->id >= upto) return DAL_OK;
    if (last && strcmp(last->state, "applied") != 0)
        return dal_error_set(r->db, DAL_ERROR, 0, "baseline %lld: migration %s is %s: finish it first",
                             (long long)upto, last->name, last->state);
    if (!find(r->list, r->n, upto))
        return dal_error_set(r->db, DAL_ERROR, 0, "baseline %lld: there is no migration %lld", (long long)upto,
                             (long long)upto);
    int rc = dal__migrate_baseline_matches(r->db, r->list, r->n, upto);
    if (rc != DAL_OK) return rc;
    if ((rc = dal__pg_exec(r->db, "BEGIN")) != DAL_OK) return rc;
    for (size_t i = 0; i < r->n && r->list[i].id <= upto; i++)
        if ((!last || r->list[i].id > last->id) &&
            (rc = history_write(r->db, SQL_APPLIED, &r->list[i], 0, r->scripts[i].nsteps)) != DAL_OK)
            return rc;
    return dal__pg_exec(r->db, "COMMIT");
}

/* ---- The calls ----------------------------------------------------------- */

static int read_checked(run *r, history *h)
{
    int rc = history_read(r->db, h);
    if (rc != DAL_OK) return rc;
    if ((rc = history_check(r->db, r->list, r->n, h)) != DAL_OK) history_free(h);
    return rc;
}

static int apply_pending(run *r, size_t *done)
{
    history h;
    int rc = read_checked(r, &h);
    if (rc != DAL_OK) return rc;
    if (r->o && r->o->baseline > 0) {
        rc = do_baseline(r, &h, r->o->baseline);
        history_free(&h);
        if (rc != DAL_OK || (rc = read_checked(r, &h)) != DAL_OK) return rc;
    }
    int64_t target = r->o ? r->o->target : DAL_MIGRATE_LATEST;
    const hist_row *last = history_last(&h);
    if (last && !strcmp(last->state, "reverting"))
        rc = dal_error_set(r->db, DAL_ERROR, 0, "migration %s is half reverted (step %d): finish it with "
                           "dal_migrate_down (dalgen migrate down) first", last->name, last->steps_done);
    for (size_t i = 0; i < r->n && rc == DAL_OK; i++) {
        const dal_migration *m = &r->list[i];
        const hist_row *row = history_find(&h, m->id);
        bool resumed = row && !strcmp(row->state, "running");
        if (row && !resumed) continue;
        if (!resumed && target >= 0 && m->id > target) break;
        int64_t t0 = now_ms();
        rc = run_up(r, m, &r->scripts[i], resumed ? row->steps_done : 0, resumed);
        if (rc == DAL_OK) {
            (*done)++;
            dal__migrate_done(r->o, m, now_ms() - t0);
        }
    }
    history_free(&h);
    return rc;
}

int dal__pgm_apply(dal_db *db, const dal_migration *list, size_t n, const dal_migrate_options *opts,
                   size_t *napplied)
{
    run r;
    size_t done = 0;
    int rc = run_begin(&r, db, list, n, opts, false);
    if (rc == DAL_OK) rc = apply_pending(&r, &done);
    if (napplied) *napplied = done;
    return run_end(&r, rc);
}

static int revert_last(run *r, bool *none)
{
    history h;
    int rc = read_checked(r, &h);
    if (rc != DAL_OK) return rc;
    const hist_row *last = history_last(&h);
    *none = !last;
    if (last) {
        size_t i = (size_t)(find(r->list, r->n, last->id) - r->list);
        bool resumed = !strcmp(last->state, "reverting");
        if (!strcmp(last->state, "running"))
            rc = dal_error_set(r->db, DAL_ERROR, 0, "migration %s is half applied (%d steps done): finish it "
                               "with dal_migrate_apply (dalgen migrate apply) first", last->name, last->steps_done);
        else if (!r->list[i].down)
            rc = dal_error_set(r->db, DAL_ERROR, 0, "migration %s has no down script, so it cannot be reverted",
                               last->name);
        else {
            int64_t t0 = now_ms();
            rc = run_down(r, &r->list[i], &r->scripts[i], resumed ? last->steps_done : 0, resumed);
            if (rc == DAL_OK) dal__migrate_done(r->o, &r->list[i], now_ms() - t0);
        }
    }
    history_free(&h);
    return rc;
}

int dal__pgm_down(dal_db *db, const dal_migration *list, size_t n, size_t steps, const dal_migrate_options *opts)
{
    run r;
    bool none = false;
    int rc = run_begin(&r, db, list, n, opts, true);
    if (rc == DAL_OK) {
        history h;   /* everything is checked before anything runs */
        if ((rc = read_checked(&r, &h)) == DAL_OK) history_free(&h);
    }
    for (size_t k = 0; k < steps && rc == DAL_OK && !none; k++) rc = revert_last(&r, &none);
    return run_end(&r, rc);
}

int dal__pgm_status(dal_db *db, const dal_migration *list, size_t n, dal_migrate_state *out)
{
    history h;
    int rc;
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, 0, "the connection is not open");
    memset(out, 0, sizeof *out);
    if ((rc = check_list(db, list, n)) != DAL_OK || (rc = history_read(db, &h)) != DAL_OK) return rc;
    rc = history_check(db, list, n, &h);
    for (size_t i = 0; i < h.n; i++)
        if (!strcmp(h.rows[i].state, "applied")) out->current = h.rows[i].id, out->applied++;
    out->pending = n >= out->applied ? n - out->applied : 0;
    history_free(&h);
    return rc;
}

int dal__pgm_history(dal_db *db, dal_migrate_history_fn fn, void *ctx)
{
    PGresult *res;
    bool exists = false;
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, 0, "the connection is not open");
    int rc = history_exists(db, &exists);
    if (rc != DAL_OK || !exists) return rc;
    rc = dal__pgm_query(db, "SELECT id, name, to_char(applied_at AT TIME ZONE 'UTC', "
                        "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), duration_ms, state, steps_done FROM " HISTORY
                        " ORDER BY id", 0, NULL, &res);
    if (rc != DAL_OK) return rc;
    for (int i = 0; i < PQntuples(res); i++) {
        dal_migrate_entry e = {strtoll(PQgetvalue(res, i, 0), NULL, 10), PQgetvalue(res, i, 1),
                               PQgetvalue(res, i, 2), strtoll(PQgetvalue(res, i, 3), NULL, 10),
                               PQgetvalue(res, i, 4), atoi(PQgetvalue(res, i, 5))};
        if (fn(ctx, &e) != 0) break;
    }
    PQclear(res);
    return DAL_OK;
}
