#include "migrations/mrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <dal.h>

#include "migrations/msource.h"
#include "migrations/sum.h"

/* "copying table t" for the INSERT ... SELECT of a rebuild, else "". */
static void describe(const char *sql, char *out, size_t n)
{
    const char *p = strstr(sql, "-- copy rows of ");
    out[0] = '\0';
    if (!p) return;
    p += strlen("-- copy rows of ");
    size_t len = strcspn(p, "\n");
    snprintf(out, n, ": copying table %.*s", (int)(len < 200 ? len : 200), p);
}

/* Where the runner is: the statement it runs, found in the migration's file
 * text (the runner hands over an exact copy of each statement, in order),
 * so that a failure is reported at the file's line and column. */
typedef struct run_pos {
    bool                 down;
    bool                 show;   /* print progress */
    const dal_migration *m;      /* NULL before the first statement */
    int                  stmt;   /* 1-based */
    size_t               from;   /* where the next statement is searched */
    size_t               start;  /* offset of the current statement */
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

/* Offset of the statement's first token: past blanks and comments. */
static size_t first_token(const char *text, size_t off)
{
    for (;;) {
        while (text[off] == ' ' || text[off] == '\t' || text[off] == '\n' || text[off] == '\r') off++;
        if (text[off] == '-' && text[off + 1] == '-') {
            while (text[off] && text[off] != '\n') off++;
        } else if (text[off] == '/' && text[off + 1] == '*') {
            const char *end = strstr(text + off + 2, "*/");
            if (!end) return off;
            off = (size_t)(end + 2 - text);
        } else {
            return off;
        }
    }
}

static void progress(void *ctx, const dal_migration *m, int stmt, int nstmts, const char *sql)
{
    run_pos *pos = ctx;
    track(pos, m, stmt, sql);
    if (!pos->show) return;
    char what[256];
    describe(sql, what, sizeof what);
    fprintf(stderr, "\r\033[K%s: statement %d of %d%s", m->name, stmt, nstmts, what);
    if (stmt == nstmts) fputc('\n', stderr);
    fflush(stderr);
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

static int status(dal_db *db, const dal_migration *list, size_t n)
{
    dal_migrate_state st;
    int rc = dal_migrate_status(db, list, n, &st);
    if (rc != DAL_OK) return rc;
    printf("current: %lld\napplied: %zu\npending: %zu\n", (long long)st.current, st.applied, st.pending);
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

static int run(const char *what, const dg_run_args *a, dal_db *db, const dal_migration *list, size_t n,
               run_pos *pos)
{
    dal_migrate_options o = DAL_MIGRATE_OPTIONS_INIT;
    o.progress_ctx = pos;
    pos->down = strcmp(what, "down") == 0;
    o.backup_path = a->backup;
    o.progress = progress;
    pos->show = a->progress;
    if (!strcmp(what, "status")) return status(db, list, n);
    if (!strcmp(what, "apply")) {
        size_t done = 0;
        if (a->to >= 0) o.target = a->to;
        o.baseline = a->baseline;
        int rc = dal_migrate_apply(db, list, n, &o, &done);
        if (rc == DAL_OK) printf("applied %zu migration%s\n", done, done == 1 ? "" : "s");
        return rc;
    }
    int rc = DAL_OK;
    size_t steps = a->steps >= 0 ? (size_t)a->steps : 1;
    if (a->to >= 0) steps = steps_to(db, list, n, a->to, &rc);
    if (rc == DAL_OK) rc = dal_migrate_down(db, list, n, steps, &o);
    if (rc == DAL_OK) printf("reverted %zu migration%s\n", steps, steps == 1 ? "" : "s");
    return rc;
}

/* A failed statement is reported at its first token in the migration file;
 * any other failure at the database. */
static void report(const dg_mfolder *f, const dal_migration *list, const run_pos *pos, const char *db_path,
                   const char *msg, dg_diags *d)
{
    char prefix[300];
    if (pos->m) snprintf(prefix, sizeof prefix, "migration %s, statement %d", pos->m->name, pos->stmt);
    if (!pos->m || strncmp(msg, prefix, strlen(prefix)) != 0) {
        dg_error(d, (dg_loc){db_path, 0, 0}, "%s", msg);
        return;
    }
    const dg_migration *m = &f->items.items[pos->m - list];
    const char *text = pos->down ? m->down : m->up;
    dg_error(d, dg_loc_at(text, first_token(text, pos->start), (dg_loc){pos->down ? m->down_path : m->up_path, 1, 1}),
             "%s", msg);
}

/* A file (or a name SQLite resolves itself: ":memory:", a file: URI). */
static bool db_exists(const char *path)
{
    return !strcmp(path, ":memory:") || !strncmp(path, "file:", 5) || access(path, F_OK) == 0;
}

int dg_migrate_run(const char *what, const dg_run_args *a, dg_diags *d)
{
    dg_mfolder f;
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
    opts.read_only = !strcmp(what, "status");
    dal_db *db = NULL;
    int rc = dal_open(&db, a->db, &opts);
    run_pos pos = {0};
    if (rc == DAL_OK) rc = run(what, a, db, list, f.items.len, &pos);
    if (rc != DAL_OK) report(&f, list, &pos, a->db, db ? dal_errmsg(db) : "cannot open", d);
    dal_close(db);
    free(list);
    dg_mfolder_free(&f);
    return rc == DAL_OK ? 0 : -1;
}
