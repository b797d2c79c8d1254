#include "mrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dal.h>

#include "../cli/cli.h"
#include "msource.h"
#include "sum.h"

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

static void progress(void *ctx, const dal_migration *m, int stmt, int nstmts, const char *sql)
{
    (void)ctx;
    char what[256];
    describe(sql, what, sizeof what);
    fprintf(stderr, "\r\033[K%s: statement %d of %d%s", m->name, stmt, nstmts, what);
    if (stmt == nstmts) fputc('\n', stderr);
    fflush(stderr);
}

static int status(dal_db *db, const dal_migration *list, size_t n)
{
    dal_migrate_state st;
    int rc = dal_migrate_status(db, list, n, &st);
    if (rc != DAL_OK) return rc;
    printf("current: %lld\napplied: %zu\npending: %zu\n", (long long)st.current, st.applied, st.pending);
    for (size_t i = 0; i < n; i++)
        if (list[i].id > st.current) printf("  pending %s\n", list[i].name);
    return DAL_OK;
}

static size_t steps_to(dal_db *db, const dal_migration *list, size_t n, int64_t to, int *rc)
{
    dal_migrate_state st;
    size_t k = 0;
    *rc = dal_migrate_status(db, list, n, &st);
    for (size_t i = 0; i < n; i++)
        if (list[i].id > to && list[i].id <= st.current) k++;
    return k;
}

static int run(const char *what, const dg_run_args *a, dal_db *db, const dal_migration *list, size_t n)
{
    dal_migrate_options o = DAL_MIGRATE_OPTIONS_INIT;
    o.backup_path = a->backup;
    if (a->progress) o.progress = progress;
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

int dg_migrate_run(const char *what, const dg_run_args *a)
{
    dg_diags d = DG_DIAGS_INIT;
    dg_mfolder f;
    if (dg_mfolder_read(a->dir, false, &f, &d) != 0 || dg_sum_verify(&f, false, &d) != 0) {
        dg_mfolder_free(&f);
        return DG_EXIT_INPUT;
    }
    dal_migration *list = dg_mfolder_to_dal(&f);
    dal_options opts = DAL_OPTIONS_INIT;
    opts.no_wal = true;   /* migrating must not change the database's journal mode */
    dal_db *db = NULL;
    int rc = dal_open(&db, a->db, &opts);
    if (rc == DAL_OK) rc = run(what, a, db, list, f.items.len);
    if (rc != DAL_OK) fprintf(stderr, "%s: error: %s\n", a->db, db ? dal_errmsg(db) : "cannot open");
    dal_close(db);
    free(list);
    dg_mfolder_free(&f);
    return rc == DAL_OK ? DG_EXIT_OK : DG_EXIT_INPUT;
}
