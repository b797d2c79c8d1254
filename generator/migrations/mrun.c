#include "migrations/mrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <dal.h>

#include "migrations/mprogress.h"
#include "migrations/msource.h"
#include "migrations/sum.h"
#include "util/pq_dl.h"

/* Where the runner is: the statement it runs, found in the migration's file
 * text (the runner hands over an exact copy of each statement, in order),
 * so that a failure is reported at the file's line and column. */
typedef struct run_pos {
    bool                 down;
    dg_mprogress        *show;   /* what the terminal or log shows (NULL: nothing) */
    const dal_migration *m;      /* NULL before the first statement */
    int                  stmt;   /* 1-based */
    size_t               from;   /* where the next statement is searched */
    size_t               start;  /* offset of the current statement */
    size_t               done;   /* migrations this run committed (applied or reverted) */
} run_pos;

static void track(run_pos *pos, const dal_migration *m, int stmt, const char *sql)
{
    pos->stmt = stmt;
    const char *text = pos->down ? m->down : m->up;
    if (pos->m != m) pos->from = 0;
    pos->m = m;
    const char *p = text ? strstr(text + pos->from, sql) : NULL;
    if (!p) {
        pos->m = NULL;
        return;
    }
    pos->start = (size_t)(p - text);
    pos->from = pos->start + strlen(sql);
}

static void progress(void *ctx, const dal_migration *m, int stmt, int nstmts, const char *sql)
{
    run_pos *pos = ctx;
    track(pos, m, stmt, sql);
    if (pos->show) dg_mprogress_statement(pos->show, m, stmt, nstmts, sql);
}

/* A migration committed: its line on stdout, `0003_index  1568 ms` (the
 * progress on stderr first ends its own). */
static void done(void *ctx, const dal_migration *m, int64_t ms)
{
    run_pos *pos = ctx;
    pos->done++;
    if (pos->show) dg_mprogress_done(pos->show, m, ms);
    printf("%s  %lld ms\n", m->name, (long long)ms);
    fflush(stdout);
}

/* The version whose schema the database has: the history's own first,
 * then the highest other one ("none" when no version matches). */
static void print_match(dal_db *db, const dal_migration *list, size_t n, const dal_migrate_state *st)
{
    char *have = NULL;
    if (dal_schema_describe(db, &have) != DAL_OK) return;
    bool found = false;
    for (size_t k = 0; k <= n && !found; k++) {
        /* k = 0: the history's version (or the empty schema); then list[n - k] */
        int64_t upto = k == 0 ? (st->applied ? st->current : -1) : list[n - k].id;
        if (k > 0 && st->applied && upto == st->current) continue;
        char *want = NULL;
        if (dal_migrate_describe(db, list, n, upto, &want) != DAL_OK) break;
        if (!strcmp(have, want)) {
            if (upto < 0) printf("schema: matches the empty schema (no migration)\n");
            else printf("schema: matches version %lld\n", (long long)upto);
            found = true;
        }
        sqlite3_free(want);
    }
    if (!found) printf("schema: matches no version of the folder\n");
    sqlite3_free(have);
}

/* "  applied 0001_init  2026-12-06T02:30:00.123Z  12 ms" (a duration on
 * PostgreSQL only; an unfinished migration shows its state and step). */
static int print_entry(void *ctx, const dal_migrate_entry *e)
{
    (void)ctx;
    printf("  %s %s  %s", e->state, e->name, e->applied_at ? e->applied_at : "-");
    if (e->duration_ms >= 0) printf("  %lld ms", (long long)e->duration_ms);
    if (strcmp(e->state, "applied") != 0) printf("  (steps done: %d)", e->steps_done);
    putchar('\n');
    return 0;
}

static int status(dal_db *db, const dal_migration *list, size_t n)
{
    dal_migrate_state st;
    int rc = dal_migrate_status(db, list, n, &st);
    if (rc != DAL_OK) return rc;
    printf("current: %lld\napplied: %zu\npending: %zu\n", (long long)st.current, st.applied, st.pending);
    if ((rc = dal_migrate_history(db, print_entry, NULL)) != DAL_OK) return rc;
    for (size_t i = st.applied; i < n; i++)   /* the history is a prefix of the list */
        printf("  pending %s\n", list[i].name);
    print_match(db, list, n, &st);
    return DAL_OK;
}

/* How many applied migrations have an id above `to` (the history is a
 * prefix of the list; ids may start at 0). */
static size_t steps_to(dal_db *db, const dal_migration *list, size_t n, int64_t to, int *rc)
{
    dal_migrate_state st;
    size_t k = 0;
    *rc = dal_migrate_status(db, list, n, &st);
    for (size_t i = 0; i < st.applied && i < n; i++)
        if (list[i].id > to) k++;
    return k;
}

/* reset: every applied migration needs a down file, checked before anything
 * runs; on a terminal, --yes. */
static int reset_allowed(const dg_run_args *a, dal_db *db, const dal_migration *list, size_t n, size_t *steps)
{
    dal_migrate_state st;
    int rc = dal_migrate_status(db, list, n, &st);
    if (rc != DAL_OK) return rc;
    for (size_t i = 0; i < st.applied && i < n; i++)
        if (!list[i].down)
            return dal_error_set(db, DAL_ERROR, 0, "reset: migration %s has no down file, so the database cannot "
                                 "be reset; nothing was reverted", list[i].name);
    if (a->ask && !a->yes)
        return dal_error_set(db, DAL_MISUSE, 0, "reset reverts all %zu applied migrations (the rows of the tables "
                             "they made are lost): run it again with --yes", st.applied);
    *steps = st.applied;
    return DAL_OK;
}

static void set_options(const dg_run_args *a, dal_migrate_options *o)
{
    o->backup_path = a->backup;
    if (a->lock_wait_ms >= 0) o->lock_wait_ms = a->lock_wait_ms;
    o->lock_timeout_ms = a->lock_timeout_ms;
    o->statement_timeout_ms = a->statement_timeout_ms;
}

static int apply(const dg_run_args *a, dal_db *db, const dal_migration *list, size_t n, dal_migrate_options *o)
{
    size_t done = 0;
    if (a->to >= 0) o->target = a->to;
    o->baseline = a->baseline;
    int rc = dal_migrate_apply(db, list, n, o, &done);
    if (rc != DAL_OK) return rc;
    printf("applied %zu migration%s\n", done, done == 1 ? "" : "s");
    return DAL_OK;
}

static int run(const char *what, const dg_run_args *a, dal_db *db, const dal_migration *list, size_t n,
               run_pos *pos)
{
    dal_migrate_options o = DAL_MIGRATE_OPTIONS_INIT;
    set_options(a, &o);
    o.progress_ctx = pos;
    pos->down = !strcmp(what, "down") || !strcmp(what, "reset");
    o.progress = progress;
    o.done = done;
    if (!strcmp(what, "status")) return status(db, list, n);
    pos->show = dg_mprogress_start(stderr, a->progress, pos->down);
    if (!strcmp(what, "apply")) return apply(a, db, list, n, &o);
    if (!strcmp(what, "baseline")) {
        o.baseline = o.target = a->to;
        int rc = dal_migrate_apply(db, list, n, &o, NULL);
        if (rc == DAL_OK) printf("baseline: the history reaches %lld\n", (long long)a->to);
        return rc;
    }
    int rc = DAL_OK;
    size_t steps = a->steps >= 0 ? (size_t)a->steps : 1;
    if (a->to >= 0) steps = steps_to(db, list, n, a->to, &rc);
    if (!strcmp(what, "reset")) rc = reset_allowed(a, db, list, n, &steps);
    if (rc == DAL_OK) rc = dal_migrate_down(db, list, n, steps, &o);
    /* what was reverted, not what was asked: --steps 5 with one applied reverts one */
    if (rc == DAL_OK) printf("reverted %zu migration%s\n", pos->done, pos->done == 1 ? "" : "s");
    return rc;
}

/* A failed statement is reported at its first token in the migration file
 * (PostgreSQL: at the token its error names, `where`);
 * any other failure at the database. */
/* Byte offset of PostgreSQL's error position `chars` (1-based, in
 * characters) of the statement starting at byte `start`. */
static size_t char_offset(const char *text, size_t start, long chars)
{
    size_t at = start;
    for (long k = 1; k < chars && text[at]; k++)
        do at++; while (((unsigned char)text[at] & 0xC0) == 0x80);
    return at;
}

static void report(const dg_mfolder *f, const dal_migration *list, const run_pos *pos, const char *db_path,
                   const char *msg, const char *where, dg_diags *d)
{
    char prefix[300];
    if (pos->m) snprintf(prefix, sizeof prefix, "migration %s, statement %d", pos->m->name, pos->stmt);
    if (!pos->m || strncmp(msg, prefix, strlen(prefix)) != 0) {
        dg_error(d, (dg_loc){db_path, 0, 0}, "%s", msg);
        return;
    }
    const dg_migration *m = &f->items.items[pos->m - list];
    const char *text = pos->down ? m->down : m->up;
    size_t at = dg_mprogress_first_token(text, pos->start);
    if (where) at = char_offset(text, at, strtol(where, NULL, 10));
    dg_error(d, dg_loc_at(text, at, (dg_loc){pos->down ? m->down_path : m->up_path, 1, 1}), "%s", msg);
}

static bool is_postgresql(const char *db)
{
    return !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11);
}

/* A file (or a name SQLite resolves itself: ":memory:", a file: URI), or a
 * PostgreSQL server (its database must exist: the connection says so). */
static bool db_exists(const char *path)
{
    return is_postgresql(path) || !strcmp(path, ":memory:") || !strncmp(path, "file:", 5) || access(path, F_OK) == 0;
}

int dg_migrate_run(const char *what, const dg_run_args *a, dg_diags *d)
{
    dg_mfolder f;
    /* libdal's PostgreSQL half calls libpq (loaded at first use) */
    if (is_postgresql(a->db) && dg_pq_open((dg_loc){a->db, 0, 0}, d) != 0) return -1;
    if (dg_mfolder_read(a->dir, false, &f, d) != 0 || dg_sum_verify(&f, false, d) != 0) {
        dg_mfolder_free(&f);
        return -1;
    }
    bool apply = !strcmp(what, "apply");
    if (!apply && !db_exists(a->db)) {   /* status and down never create a database */
        dg_error(d, (dg_loc){a->db, 0, 0}, "no such database (migrate %s opens an existing database; "
                 "migrate apply creates one)", what);
        dg_mfolder_free(&f);
        return -1;
    }
    dal_migration *list = dg_mfolder_to_dal(&f);
    dal_options opts = DAL_OPTIONS_INIT;
    opts.no_wal = true;   /* migrating must not change the database's journal mode */
    /* PostgreSQL's status replays versions in a scratch schema (rolled back) */
    opts.read_only = !strcmp(what, "status") && !is_postgresql(a->db);
    dal_db *db = NULL;
    int rc = dal_open(&db, a->db, &opts);
    run_pos pos = {0};
    if (rc == DAL_OK) rc = run(what, a, db, list, f.items.len, &pos);
    dg_mprogress_stop(pos.show);
    if (rc != DAL_OK)
        report(&f, list, &pos, a->db, db ? dal_errmsg(db) : "cannot open", db ? dal_error_field(db, DAL_ERRF_POSITION) : NULL,
               d);
    dal_close(db);
    free(list);
    dg_mfolder_free(&f);
    return rc == DAL_OK ? 0 : -1;
}
