/* The migration runner: history, one transaction per migration with
 * foreign keys off around it, and the checks that keep a database at a
 * whole version (see dal_migrate.h). */
#include <string.h>

#include "dal_internal.h"
#include "migrate_int.h"
#include "pg/mig_api.h"

#define HISTORY "_dal_migrations"

/* What to do when a migration creates an object the database already has:
 * the database was made outside these migrations (or by hand), and its
 * history is shorter than its schema. */
#define ADOPT_HINT "; the database already holds objects of these migrations: if it was made without " \
                   "them, adopt it with a baseline (dalgen migrate apply --baseline N, or " \
                   "dal_migrate_options.baseline), N being the last migration whose schema it has"

/* SQLITE_CONSTRAINT_DATATYPE (a STRICT column's type refuses a value) is
 * most often a type change whose rebuild copies a value that does not
 * convert (docs/migrations.md, "STRICT tables"). */
#ifndef SQLITE_CONSTRAINT_DATATYPE
#define SQLITE_CONSTRAINT_DATATYPE (SQLITE_CONSTRAINT | (12 << 8))
#endif
#define DATATYPE_HINT "; a value does not convert to its STRICT column's type without loss: the migration is " \
                      "rolled back, change or remove the value and apply again"

/* One applied row of the history. */
typedef struct hist_row {
    int64_t id;
    char   *checksum;
} hist_row;

typedef struct history {
    hist_row *rows;   /* ascending id */
    size_t    n;
} history;

static void history_free(history *h)
{
    for (size_t i = 0; i < h->n; i++) sqlite3_free(h->rows[i].checksum);
    sqlite3_free(h->rows);
    h->rows = NULL;
    h->n = 0;
}

static int exec(dal_db *db, const char *sql)
{
    int rc = sqlite3_exec(dal_sqlite(db), sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? DAL_OK : dal_sqlite_error(db, rc);
}

static int history_read(dal_db *db, history *h)
{
    sqlite3_stmt *st = NULL;
    h->rows = NULL;
    h->n = 0;
    int rc = sqlite3_prepare_v2(dal_sqlite(db),
                                "SELECT id, checksum FROM " HISTORY " ORDER BY id", -1, &st, NULL);
    if (rc != SQLITE_OK) {   /* no history table yet: nothing applied */
        sqlite3_finalize(st);
        return strstr(sqlite3_errmsg(dal_sqlite(db)), "no such table") ? DAL_OK : dal_sqlite_error(db, rc);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        hist_row *nr = sqlite3_realloc64(h->rows, (h->n + 1) * sizeof *h->rows);
        if (!nr) break;
        h->rows = nr;
        nr[h->n].id = sqlite3_column_int64(st, 0);
        nr[h->n].checksum = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 1));
        h->n++;
    }
    if (rc != SQLITE_DONE) {
        rc = rc == SQLITE_ROW ? dal_error_set(db, DAL_ERROR, SQLITE_NOMEM, "out of memory")
                              : dal_sqlite_error(db, rc);
        sqlite3_finalize(st);
        history_free(h);
        return rc;
    }
    sqlite3_finalize(st);
    return DAL_OK;
}

static const dal_migration *find(const dal_migration *list, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id) return &list[i];
    return NULL;
}

static int is_applied(const history *h, int64_t id)
{
    for (size_t i = 0; i < h->n; i++)
        if (h->rows[i].id == id) return 1;
    return 0;
}

/* The history must be a prefix of the list with the same checksums. */
static int history_check(dal_db *db, const dal_migration *list, size_t n, const history *h)
{
    for (size_t i = 0; i < h->n; i++) {
        const dal_migration *m = find(list, n, h->rows[i].id);
        if (!m)
            return dal_error_set(db, DAL_ERROR, 0,
                                 "the database has migration %lld applied, which the migrations do not "
                                 "contain (was a file removed or renumbered?)", (long long)h->rows[i].id);
        if (strcmp(m->checksum, h->rows[i].checksum) != 0)
            return dal_error_set(db, DAL_ERROR, 0,
                                 "migration %s was changed after it was applied (checksum %s, applied %s)",
                                 m->name, m->checksum, h->rows[i].checksum);
    }
    int64_t last = h->n ? h->rows[h->n - 1].id : 0;
    for (size_t i = 0; i < n; i++)
        if (list[i].id < last && !is_applied(h, list[i].id))
            return dal_error_set(db, DAL_ERROR, 0,
                                 "migration %s is not applied but later ones are (was it inserted?)",
                                 list[i].name);
    return DAL_OK;
}

static int check_list(dal_db *db, const dal_migration *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (list[i].id < 0 || (i && list[i].id <= list[i - 1].id) || !list[i].up || !list[i].checksum ||
            !list[i].name)
            return dal_error_set(db, DAL_MISUSE, 0, "migration list: entry %zu is invalid or out of order", i);
    }
    return DAL_OK;
}

static int not_in_txn(dal_db *db)
{
    if (dal_txn_depth(db) > 0 || !sqlite3_get_autocommit(dal_sqlite(db)))
        return dal_error_set(db, DAL_MISUSE, 0, "migrations cannot run inside an open transaction");
    return DAL_OK;
}

static int fk_enabled(dal_db *db, int *on)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(dal_sqlite(db), "PRAGMA foreign_keys", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *on = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? DAL_OK : dal_sqlite_error(db, rc);
}

/* `w` (may be NULL) is told of the tables `touched` names after each
 * statement is prepared, before it runs. */
static int run_script(dal_db *db, const dal_migration *m, const dal__script *s,
                      const dal_migrate_options *o, dal__fkwatch *w, const dal__names *touched)
{
    sqlite3 *h = dal_sqlite(db);
    for (int i = 0; i < s->n; i++) {
        if (o && o->progress) o->progress(o->progress_ctx, m, i + 1, s->n, s->stmts[i]);
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        int rc = sqlite3_prepare_v2(h, s->stmts[i], -1, &st, &tail);
        if (rc == SQLITE_OK && st && w) dal__fkwatch_touched(db, w, touched);
        if (rc == SQLITE_OK && st) {
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {}
            if (rc == SQLITE_DONE) rc = SQLITE_OK;
        }
        if (rc != SQLITE_OK) {
            const char *msg = sqlite3_errmsg(h);
            int xrc = sqlite3_extended_errcode(h);
            dal_error_set(db, DAL_ERROR, xrc, "migration %s, statement %d: %s%s", m->name, i + 1, msg,
                          strstr(msg, "already exists")          ? ADOPT_HINT
                          : xrc == SQLITE_CONSTRAINT_DATATYPE ? DATATYPE_HINT
                                                              : "");
            sqlite3_finalize(st);
            return DAL_ERROR;
        }
        sqlite3_finalize(st);
        if (sqlite3_get_autocommit(h))
            return dal_error_set(db, DAL_MISUSE, 0, "migration %s, statement %d ended the transaction",
                                 m->name, i + 1);
    }
    return DAL_OK;
}

static int record(dal_db *db, const dal_migration *m, int up)
{
    sqlite3_stmt *st = NULL;
    const char *sql = up ? "INSERT INTO " HISTORY " (id, name, checksum, applied_at) "
                           "VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
                         : "DELETE FROM " HISTORY " WHERE id = ?1";
    int rc = sqlite3_prepare_v2(dal_sqlite(db), sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, m->id);
        if (up) {
            sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, m->checksum, -1, SQLITE_STATIC);
        }
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? DAL_OK : dal_sqlite_error(db, rc);
}

/* DAL_CONSTRAINT naming the first violation of `after` missing from `before`. */
static int refuse_new(dal_db *db, const dal_migration *m, const dal__fkset *before, const dal__fkset *after)
{
    const char *v = dal__fk_new_violation(before, after);
    if (!v) return DAL_OK;
    return dal_error_set(db, DAL_CONSTRAINT, SQLITE_CONSTRAINT_FOREIGNKEY,
                         "migration %s would break a foreign key (table|rowid|parent: %s); "
                         "rolled back", m->name, v);
}

/* Runs the script recording the tables it touches, then the foreign-key
 * violations it can have changed (*scope: the touched tables and their
 * children, migrate_fk.c) as they are after it. */
static int run_watched(dal_db *db, const dal_migration *m, const dal__script *s, const dal_migrate_options *o,
                       dal__names *scope, dal__fkset *after)
{
    dal__names touched, same = {0};
    dal__fkwatch w;
    int rc = dal__fkwatch_start(db, &w);
    if (rc != DAL_OK) return rc;
    dal__touched_start(db, &touched);
    rc = run_script(db, m, s, o, &w, &touched);
    dal__touched_stop(db);
    if (rc == DAL_OK && touched.oom) rc = dal_error_set(db, DAL_ERROR, SQLITE_NOMEM, "out of memory");
    if (rc == DAL_OK) rc = dal__fk_scope(db, &touched, scope);
    if (rc == DAL_OK) rc = dal__fkwatch_unchanged(db, &w, &touched, scope, &same);
    dal__names_free(&touched);
    dal__fkwatch_free(&w);
    if (rc == DAL_OK && (rc = dal__fk_snapshot_of(db, scope, &same, after)) != DAL_OK) dal__names_free(scope);
    dal__names_free(&same);
    return rc;
}

/* Runs one script inside the caller's IMMEDIATE transaction and refuses
 * new foreign-key violations.  Only the tables the script can have changed
 * the violations of are checked, after it; when they have violations, the
 * script is undone (a savepoint), the same tables are checked before it,
 * and it runs again, so that violations it did not make are not its. */
static int run_checked(dal_db *db, const dal_migration *m, const char *sql, const dal_migrate_options *o)
{
    dal__script s;
    dal__names scope = {0};
    dal__fkset before = {0}, after = {0};
    int rc = dal__script_split(db, sql, &s);
    if (rc != DAL_OK) return rc;
    if ((rc = dal__script_check(db, m->name, &s)) != DAL_OK) goto done;
    if ((rc = exec(db, "SAVEPOINT dal_migration")) != DAL_OK) goto done;
    rc = run_watched(db, m, &s, o, &scope, &after);
    if (rc == DAL_OK && after.n) {
        dal_migrate_options quiet = {0};
        if (o) quiet = *o;
        quiet.progress = NULL;   /* the statements were reported once */
        dal__fk_free(&after);
        dal__names scope2 = {0};
        if ((rc = exec(db, "ROLLBACK TO dal_migration")) == DAL_OK &&
            (rc = dal__fk_snapshot_of(db, &scope, NULL, &before)) == DAL_OK &&
            (rc = run_watched(db, m, &s, &quiet, &scope2, &after)) == DAL_OK) {
            rc = refuse_new(db, m, &before, &after);
            dal__names_free(&scope2);
        }
    }
    if (rc == DAL_OK) rc = exec(db, "RELEASE dal_migration");
    dal__fk_free(&after);
    dal__fk_free(&before);
    dal__names_free(&scope);
done:
    dal__script_free(&s);
    return rc;
}

static int ensure_history(dal_db *db)
{
    return exec(db, "CREATE TABLE IF NOT EXISTS " HISTORY " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
}

/* One migration (up or down) as its own transaction.  *skipped is set when
 * another process already did it. */
static int one_step(dal_db *db, const dal_migration *list, size_t n, const dal_migration *m, int up,
                    const dal_migrate_options *o, int *skipped)
{
    history h;
    int64_t t0 = dal__monotonic_ms();
    int rc = exec(db, "BEGIN IMMEDIATE");
    *skipped = 0;
    if (rc != DAL_OK) return rc;
    if ((rc = ensure_history(db)) != DAL_OK || (rc = history_read(db, &h)) != DAL_OK) goto rollback;
    rc = history_check(db, list, n, &h);
    if (rc == DAL_OK) {
        int64_t last = h.n ? h.rows[h.n - 1].id : 0;
        *skipped = up ? is_applied(&h, m->id) : last != m->id;
    }
    history_free(&h);
    if (rc != DAL_OK) goto rollback;
    if (*skipped) return exec(db, "ROLLBACK");
    if ((rc = run_checked(db, m, up ? m->up : m->down, o)) != DAL_OK) goto rollback;
    if ((rc = record(db, m, up)) != DAL_OK) goto rollback;
    if ((rc = exec(db, "COMMIT")) == DAL_OK) {
        dal__migrate_done(o, m, dal__monotonic_ms() - t0);
        return DAL_OK;
    }
rollback:
    sqlite3_exec(dal_sqlite(db), "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static int backup(dal_db *db, const char *path)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(dal_sqlite(db), "VACUUM INTO ?1", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK)
        dal_error_set(db, DAL_ERROR, sqlite3_extended_errcode(dal_sqlite(db)), "backup to %s failed: %s",
                      path, sqlite3_errmsg(dal_sqlite(db)));
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? DAL_OK : DAL_ERROR;
}

/* Records the migrations up to `upto` that the history lacks, without
 * running them, after checking that the database has their schema.  The
 * history may be empty or a prefix of the list (a database adopted half
 * way: an earlier apply recorded a no-op CREATE ... IF NOT EXISTS and then
 * stopped on an object that already existed). */
static int do_baseline(dal_db *db, const dal_migration *list, size_t n, int64_t upto)
{
    history h;
    int rc = exec(db, "BEGIN IMMEDIATE");
    if (rc != DAL_OK) return rc;
    if ((rc = ensure_history(db)) != DAL_OK || (rc = history_read(db, &h)) != DAL_OK) goto rollback;
    int64_t last = h.n ? h.rows[h.n - 1].id : -1;
    history_free(&h);
    if (last >= upto) return exec(db, "ROLLBACK");   /* already there: nothing to record */
    if (!find(list, n, upto)) {
        rc = dal_error_set(db, DAL_ERROR, 0, "baseline %lld: there is no migration %lld", (long long)upto,
                           (long long)upto);
        goto rollback;
    }
    if ((rc = dal__migrate_baseline_matches(db, list, n, upto)) != DAL_OK) goto rollback;
    for (size_t i = 0; i < n && list[i].id <= upto; i++)
        if (list[i].id > last && (rc = record(db, &list[i], 1)) != DAL_OK) goto rollback;
    return exec(db, "COMMIT");
rollback:
    sqlite3_exec(dal_sqlite(db), "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Shared frame of apply and down: validation, backup, foreign keys off. */
static int prepare(dal_db *db, const dal_migration *list, size_t n, const dal_migrate_options *o, int *fk_was)
{
    history h;
    int rc;
    if (!db) return DAL_MISUSE;
    if ((rc = dal__migrate_sqlite_only(db, "the migration runner")) != DAL_OK) return rc;
    if ((rc = not_in_txn(db)) != DAL_OK || (rc = check_list(db, list, n)) != DAL_OK) return rc;
    if ((rc = history_read(db, &h)) != DAL_OK) return rc;
    rc = history_check(db, list, n, &h);
    history_free(&h);
    if (rc != DAL_OK) return rc;
    if ((rc = fk_enabled(db, fk_was)) != DAL_OK) return rc;
    if (o && o->backup_path && (rc = backup(db, o->backup_path)) != DAL_OK) return rc;
    return exec(db, "PRAGMA foreign_keys = OFF");
}

static int finish(dal_db *db, int rc, int fk_was)
{
    if (fk_was) sqlite3_exec(dal_sqlite(db), "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}

int dal_migrate_apply(dal_db *db, const dal_migration *list, size_t n, const dal_migrate_options *opts,
                      size_t *napplied)
{
    int fk_was = 0, skipped;
    size_t done = 0;
    DAL__PG_MIGRATE(db, dal__pgm_apply(db, list, n, opts, napplied));
    if (napplied) *napplied = 0;
    int rc = prepare(db, list, n, opts, &fk_was);
    if (rc != DAL_OK) return db && fk_was ? finish(db, rc, fk_was) : rc;
    if (opts && opts->baseline > 0 && (rc = do_baseline(db, list, n, opts->baseline)) != DAL_OK)
        return finish(db, rc, fk_was);
    int64_t target = opts ? opts->target : DAL_MIGRATE_LATEST;
    for (size_t i = 0; i < n && rc == DAL_OK; i++) {
        if (target >= 0 && list[i].id > target) break;
        rc = one_step(db, list, n, &list[i], 1, opts, &skipped);
        if (rc == DAL_OK && !skipped) done++;
    }
    if (napplied) *napplied = done;
    return finish(db, rc, fk_was);
}

int dal_migrate_down(dal_db *db, const dal_migration *list, size_t n, size_t steps,
                     const dal_migrate_options *opts)
{
    int fk_was = 0, skipped;
    DAL__PG_MIGRATE(db, dal__pgm_down(db, list, n, steps, opts));
    int rc = prepare(db, list, n, opts, &fk_was);
    if (rc != DAL_OK) return db && fk_was ? finish(db, rc, fk_was) : rc;
    for (size_t k = 0; k < steps && rc == DAL_OK; k++) {
        history h;
        if ((rc = history_read(db, &h)) != DAL_OK) break;
        const dal_migration *m = h.n ? find(list, n, h.rows[h.n - 1].id) : NULL;
        history_free(&h);
        if (!m) break;   /* nothing left to revert */
        if (!m->down) {
            rc = dal_error_set(db, DAL_ERROR, 0,
                               "migration %s has no down script, so it cannot be reverted (a database "
                               "adopted half way is completed with a baseline instead: dalgen migrate apply "
                               "--baseline N)", m->name);
            break;
        }
        rc = one_step(db, list, n, m, 0, opts, &skipped);
    }
    return finish(db, rc, fk_was);
}

int dal_migrate_status(dal_db *db, const dal_migration *list, size_t n, dal_migrate_state *out)
{
    history h;
    int rc;
    memset(out, 0, sizeof *out);
    if (!db) return DAL_MISUSE;
    DAL__PG_MIGRATE(db, dal__pgm_status(db, list, n, out));
    if ((rc = dal__migrate_sqlite_only(db, "dal_migrate_status")) != DAL_OK) return rc;
    if ((rc = check_list(db, list, n)) != DAL_OK || (rc = history_read(db, &h)) != DAL_OK) return rc;
    rc = history_check(db, list, n, &h);
    out->current = h.n ? h.rows[h.n - 1].id : 0;
    out->applied = h.n;
    out->pending = n >= h.n ? n - h.n : 0;
    history_free(&h);
    return rc;
}
