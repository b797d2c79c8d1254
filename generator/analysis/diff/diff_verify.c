/* dg_plan_verify: every plan is applied before it is written.
 *
 * The plan runs on a scratch in-memory SQLite database built from the old
 * schema, as libdal's runner runs it (one transaction, foreign keys off,
 * then SQLite's foreign-key check, which is where a "foreign key mismatch"
 * shows); the model read back from the database must diff empty against
 * the new schema.  The inverse plan then runs on the same database and must
 * give back the old schema.
 *
 * The part of the schemas it uses is diff_verify_set.c's: see there.
 *
 * diff prints one plan: its inverse is planned here, from the two parts
 * (whose names it may use for its temporary tables are added to the set,
 * and the parts made again, until it names nothing new). */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "analysis/diff/diff_int.h"
#include "frontend/sources.h"

/* ---- running a plan ---- */

/* The first line of `sql` without comment lines, at most 100 bytes. */
static char *first_line(const char *sql)
{
    while (sql[0] == '-' && sql[1] == '-' && strchr(sql, '\n')) sql = strchr(sql, '\n') + 1;
    size_t n = strcspn(sql, "\r\n");
    if (n <= 100) return dg_xstrndup(sql, n);
    char *cut = dg_xstrndup(sql, 97);
    char *r = dg_xprintf("%s...", cut);
    free(cut);
    return r;
}


static int exec1(sqlite3 *db, const char *sql, char **err)
{
    char *e = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &e) == SQLITE_OK) return 0;
    *err = dg_xstrdup(e ? e : sqlite3_errmsg(db));
    sqlite3_free(e);
    return -1;
}

/* The scratch database of `sub` (the old schema's part), or NULL with *err
 * and *failed (the statement that fails, borrowed from sub) set. */
static sqlite3 *scratch_open(const dg_schema *sub, char **err, const char **failed)
{
    sqlite3 *db = NULL;
    *failed = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        *err = dg_xstrdup("cannot open an in-memory SQLite database");
        sqlite3_close(db);
        return NULL;
    }
    int rc = exec1(db, "PRAGMA foreign_keys = OFF; BEGIN", err);
#define SCRATCH_ADD(vec)                                                              \
    for (size_t i = 0; rc == 0 && i < (vec).len; i++)                                 \
        if ((vec).items[i].sql && (rc = exec1(db, (vec).items[i].sql, err)) != 0) *failed = (vec).items[i].sql;
    SCRATCH_ADD(sub->tables)
    SCRATCH_ADD(sub->indexes)
    SCRATCH_ADD(sub->views)
    SCRATCH_ADD(sub->triggers)
#undef SCRATCH_ADD
    if (rc == 0) rc = exec1(db, "COMMIT", err);
    if (rc != 0) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/* SQLite's foreign-key check as the runner makes it; rows (there are none
 * to speak of) do not matter, an error ("foreign key mismatch") does. */
static int fk_check(sqlite3 *db, char **err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {}
    if (rc != SQLITE_DONE) *err = dg_xstrdup(sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Runs p on db as the runner would: 0, or -1 with *err and *failed (the
 * statement, NULL for the final check) set. */
static int run_plan(sqlite3 *db, const dg_plan *p, char **err, const char **failed)
{
    *failed = NULL;
    if (exec1(db, "BEGIN", err) != 0) return -1;
    for (size_t i = 0; i < p->stmts.len; i++)
        if (exec1(db, p->stmts.items[i], err) != 0) {
            *failed = p->stmts.items[i];
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
    if (fk_check(db, err) != 0 || exec1(db, "COMMIT", err) != 0) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

/* The database's model must diff empty against `want` (the part of the
 * schema the plan was made for).  0, or -1 with *err and *stmt (the first
 * statement a second plan would run; NULL when the model does not load)
 * set; caller frees both. */
static int same_model(sqlite3 *db, const dg_schema *want, char **err, char **stmt)
{
    dg_diags d = DG_DIAGS_INIT;
    dg_schema *have = NULL;
    *stmt = NULL;
    if (dg_schema_load_sqlite(db, "scratch", &have, &d) != 0) {
        for (size_t i = 0; i < d.len && !*err; i++)
            if (d.items[i].severity == DG_SEV_ERROR) *err = dg_xstrdup(d.items[i].message);
        if (!*err) *err = dg_xstrdup("its schema does not load");
        dg_diags_free(&d);
        return -1;
    }
    dg_diags_free(&d);
    dg_plan p;
    dg_diff_plan(have, want, NULL, &p);
    int rc = 0;
    if (p.stmts.len) {
        *stmt = dg_xstrdup(p.stmts.items[0]);
        rc = -1;
    }
    dg_plan_free(&p);
    dg_schema_free(have);
    return rc;
}

/* Applies p to db and checks that it reaches `want`; on failure adds the
 * lint to `report`.  `what` names the plan in the message, `on` the
 * database it runs on. */
static int step(dv_set *c, sqlite3 *db, const dg_plan *p, const dg_schema *want, int newer, const char *what,
                const char *on, dg_plan *report)
{
    char *err = NULL, *stmt = NULL;
    const char *failed = NULL;
    int rc = run_plan(db, p, &err, &failed);
    if (rc != 0) {
        char *line = failed ? first_line(failed) : NULL;
        dg_loc loc = failed ? dv_locate(c, newer, failed) : (dg_loc){NULL, 0, 0};
        if (failed)
            dg_plan_lint(report, loc, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                         "%s cannot be applied: on %s, `%s` fails: %s", what, on, line, err);
        else
            dg_plan_lint(report, loc, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                         "%s cannot be applied: on %s, its foreign-key check fails: %s", what, on, err);
        free(line);
    } else if ((rc = same_model(db, want, &err, &stmt)) != 0) {
        char *line = stmt ? first_line(stmt) : NULL;
        dg_loc loc = stmt ? dv_locate(c, newer, stmt) : (dg_loc){NULL, 0, 0};
        if (stmt)
            dg_plan_lint(report, loc, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                         "%s does not reach its schema: applied to %s, it leaves a database that still "
                         "needs `%s`", what, on, line);
        else
            dg_plan_lint(report, loc, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                         "%s does not reach its schema: the database it leaves does not load: %s", what, err);
        free(line);
    }
    free(err);
    free(stmt);
    return rc;
}

/* The parts of both schemas in the set (a, b) and, when the caller has no
 * inverse, the inverse planned from them (*own); the set grows by what the
 * inverse names until that is nothing new. */
static void parts(dv_set *c, const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_schema *a,
                  dg_schema *b, dg_plan *own, bool plan_back)
{
    for (;;) {
        dv_part(c, from, a);
        dv_part(c, to, b);
        if (!plan_back) return;
        dg_diff_opts bo = {!(opts && opts->reverse)};
        dg_diff_plan(b, a, &bo, own);
        size_t before = c->in.len;
        dv_set_close(c, own);
        if (c->in.len == before) return;
        dg_plan_free(own);
        dv_part_free(a);
        dv_part_free(b);
    }
}

/* The scratch database of the old schema's part (a, b and own made for
 * it).  The part is meant to build on its own; when it does not (a name
 * the set missed), the whole schemas are the part instead: the plan is
 * still judged, at the cost of the schema.  When even the whole old schema
 * does not build, the plan cannot be judged and is refused, saying why:
 * it is never written unchecked. */
static sqlite3 *scratch_for(dv_set *c, const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts,
                            dg_schema *a, dg_schema *b, dg_plan *own, bool plan_back, dg_plan *report)
{
    char *err = NULL;
    const char *failed = NULL;
    parts(c, from, to, opts, a, b, own, plan_back);
    sqlite3 *db = scratch_open(a, &err, &failed);
    if (db) return db;
    free(err);
    err = NULL;
    dg_plan_free(own);
    dv_part_free(a);
    dv_part_free(b);
    c->all = true;
    parts(c, from, to, opts, a, b, own, plan_back);
    db = scratch_open(a, &err, &failed);
    if (!db) {
        char *line = failed ? first_line(failed) : NULL;
        dg_loc loc = failed ? dv_locate(c, 0, failed) : (dg_loc){NULL, 0, 0};
        dg_plan_lint(report, loc, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                     "the plan cannot be checked: a database of the old schema cannot be built%s%s%s: %s",
                     line ? " (`" : "", line ? line : "", line ? "` fails)" : "", err);
        free(line);
    }
    free(err);
    return db;
}

int dg_plan_verify(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_plan *plan,
                   const dg_plan *back)
{
    if (from->engine != DG_ENGINE_SQLITE || to->engine != DG_ENGINE_SQLITE || !plan->stmts.len) return 0;
    dv_set c;
    dv_set_init(&c, from, to);
    dv_set_close(&c, plan);
    if (back) dv_set_close(&c, back);
    dg_schema a, b;
    dg_plan own;
    memset(&own, 0, sizeof own);
    sqlite3 *db = scratch_for(&c, from, to, opts, &a, &b, &own, !back, plan);
    int rc = -1;
    if (db) {
        rc = step(&c, db, plan, &b, 1, "the plan", "a database of the old schema", plan);
        if (rc == 0) rc = step(&c, db, back ? back : &own, &a, 0, "its inverse", "the database the plan left", plan);
        sqlite3_close(db);
    }
    dg_plan_free(&own);
    dv_part_free(&a);
    dv_part_free(&b);
    dv_set_free(&c);
    return rc;
}
