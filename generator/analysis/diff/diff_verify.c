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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "analysis/diff/diff_int.h"
#include "sql/sqltok.h"
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

/* The first table whose own foreign-key check fails (the child of a
 * mismatch: where the refusal points), or NULL; caller frees. */
static char *fk_failing_table(sqlite3 *db)
{
    sqlite3_stmt *names = NULL, *check = NULL;
    char *found = NULL;
    if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1, &names, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_foreign_key_check(?1)", -1, &check, NULL) != SQLITE_OK)
        goto done;
    while (!found && sqlite3_step(names) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(names, 0);
        int rc;
        sqlite3_reset(check);
        sqlite3_bind_text(check, 1, name, -1, SQLITE_TRANSIENT);
        while ((rc = sqlite3_step(check)) == SQLITE_ROW) {}
        if (rc != SQLITE_DONE) found = dg_xstrdup(name);
    }
done:
    sqlite3_finalize(names);
    sqlite3_finalize(check);
    return found;
}

/* Runs p on db as the runner would: 0, or -1 with *err and *failed (the
 * statement, NULL for the final check) set; when the final check fails,
 * *child names the table it fails on (or NULL; caller frees). */
static int run_plan(sqlite3 *db, const dg_plan *p, char **err, const char **failed, char **child)
{
    *failed = NULL;
    *child = NULL;
    if (exec1(db, "BEGIN", err) != 0) return -1;
    for (size_t i = 0; i < p->stmts.len; i++)
        if (exec1(db, p->stmts.items[i], err) != 0) {
            *failed = p->stmts.items[i];
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
    if (fk_check(db, err) != 0) {
        *child = fk_failing_table(db);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (exec1(db, "COMMIT", err) != 0) {
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
    char *err = NULL, *stmt = NULL, *child = NULL;
    const char *failed = NULL;
    int rc = run_plan(db, p, &err, &failed, &child);
    if (rc != 0) {
        char *line = failed ? first_line(failed) : NULL, *qchild = child ? dg_sql_quote_ident(child) : NULL;
        dg_loc loc = failed ? dv_locate(c, newer, failed)
                     : qchild ? dv_locate(c, newer, qchild) : (dg_loc){NULL, 0, 0};
        free(qchild);
        free(child);
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

/* ---- the check in independent groups ----
 *
 * SQLite's ALTER TABLE re-reads and re-checks the whole schema of the
 * database it runs on, so one scratch database for a plan that changes k
 * tables costs k times the part: a 3% change of 5,000 tables cost 7.5 G
 * instructions.  Statements whose sets (diff_verify_set.c) share no name
 * change disjoint parts of the schema: each such group runs on a scratch
 * database of its own part, in plan order.  When every group applies and
 * reaches its part of the schema, so does the whole plan (the parts are
 * disjoint, the union of the results is the whole part, and the schemas
 * both loaded without a foreign-key mismatch).  When one group does not,
 * or a statement is not one the planner makes, or the groups are one, the
 * whole check runs as before and reports as before.
 *
 * A name the plans make that no schema has (a rebuild's "_dalgen_new_t",
 * a swap's "_dalgen_swap_t") is in no set, so it joins the statements
 * that say it as a set's name does: the CREATE TABLE of a rebuild, which
 * names its table only in a comment, stays with the INSERT, DROP and
 * RENAME that finish the rebuild.  Split, the group holding the CREATE
 * left the new table behind, failed, and sent every plan with a rebuild
 * of a table with a foreign key to the whole check (a cost of the whole
 * part per rebuild: 11 times the instructions for 5 times the tables
 * of drizzle-kit's schemas).
 *
 * A table a statement only references (the word after REFERENCES, as a
 * rebuilt child's CREATE names its parent: dv_set's keys) joins nothing
 * when no statement's set has it: no statement changes it, so each group
 * referencing it gets it (and its indexes) in its part, for the key check
 * to see the key, and the whole plan sees it as each group does; each
 * group's comparison makes sure the old and new schemas agree on it.  When
 * a set has it (a statement changes it, or needs it otherwise), the
 * statements referencing it join that statement's group.  So the rebuilds
 * of the children of one hub table are groups of their own, not one group
 * whose RENAMEs pay for each other. */

/* Statements the planner writes (a PRAGMA, say, would act on all groups). */
static bool groupable(const char *sql)
{
    static const char *const kinds[] = {"CREATE", "DROP", "ALTER", "INSERT", "DELETE"};
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    dg_tok t = dg_tok_next_sig(&lx);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (dg_tok_is_kw(&lx, t, kinds[k])) return true;
    return false;
}

static size_t find_root(size_t *up, size_t i)
{
    while (up[i] != i) i = up[i] = up[up[i]];
    return i;
}

static const char *stmt_at(const dg_plan *plan, const dg_plan *back, size_t i)
{
    return i < plan->stmts.len ? plan->stmts.items[i] : back->stmts.items[i - plan->stmts.len];
}

/* The first identifier at lx (schema.name: name), or NULL; caller frees. */
static char *ident_at(dg_lexer *lx)
{
    dg_tok t = dg_tok_next_sig(lx);
    if (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING) return NULL;
    char *id = dg_tok_ident(lx, t);
    dg_lexer after = *lx;
    if (dg_tok_is_punct(&after, dg_tok_next_sig(&after), ".")) {
        free(id);
        *lx = after;
        return ident_at(lx);
    }
    return id;
}

/* The name statement `sql` makes: CREATE [UNIQUE|TEMP|TEMPORARY|VIRTUAL]
 * TABLE|INDEX|VIEW|TRIGGER [IF NOT EXISTS] name, or ALTER TABLE x RENAME
 * TO name; NULL when it makes none; caller frees. */
static char *made_name(const char *sql)
{
    static const char *const mods[] = {"UNIQUE", "TEMP", "TEMPORARY", "VIRTUAL"};
    static const char *const kinds[] = {"TABLE", "INDEX", "VIEW", "TRIGGER"};
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    dg_tok t = dg_tok_next_sig(&lx);
    if (dg_tok_is_kw(&lx, t, "ALTER")) {
        if (!dg_tok_is_kw(&lx, dg_tok_next_sig(&lx), "TABLE")) return NULL;
        free(ident_at(&lx));
        if (!dg_tok_is_kw(&lx, dg_tok_next_sig(&lx), "RENAME")) return NULL;
        return dg_tok_is_kw(&lx, dg_tok_next_sig(&lx), "TO") ? ident_at(&lx) : NULL;
    }
    if (!dg_tok_is_kw(&lx, t, "CREATE")) return NULL;
    bool mod = true;
    while (mod) {
        t = dg_tok_next_sig(&lx);
        mod = false;
        for (size_t k = 0; k < sizeof mods / sizeof mods[0]; k++) mod = mod || dg_tok_is_kw(&lx, t, mods[k]);
    }
    bool kind = false;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) kind = kind || dg_tok_is_kw(&lx, t, kinds[k]);
    if (!kind) return NULL;
    dg_lexer at = lx;
    if (dg_tok_is_kw(&at, dg_tok_next_sig(&at), "IF")) {
        dg_tok_next_sig(&at);   /* NOT */
        dg_tok_next_sig(&at);   /* EXISTS */
        lx = at;
    }
    return ident_at(&lx);
}

/* made (folded name -> the first statement making it; keys owned by
 * `keys`) for the statements of plan and back. */
static void made_names(const dg_plan *plan, const dg_plan *back, size_t n, dg_map *made, dg_strings *keys)
{
    for (size_t i = 0; i < n; i++) {
        char *name = made_name(stmt_at(plan, back, i));
        if (!name) continue;
        dg_strings_push(keys, name);
        free(name);
        dg_map_put(made, keys->items[keys->len - 1], i);
    }
}

/* Joins statement i with the makers of the names it says. */
static void join_made(const dg_map *made, size_t *up, size_t i, const char *sql)
{
    size_t j;
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        if (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING) continue;
        char *id = dg_tok_ident(&lx, t);
        if (dg_map_get(made, id, &j)) up[find_root(up, j)] = find_root(up, i);
        free(id);
    }
}

/* A table statement `stmt` only references (dv_set's keys). */
typedef struct dv_key {
    size_t stmt;
    const char *name;
} dv_key;

/* A statement that references a table some statement's set has joins
 * that statement's group. */
static void join_keys(const dv_key *keys, size_t nkeys, const dg_map *first, size_t *up)
{
    size_t j;
    for (size_t k = 0; k < nkeys; k++)
        if (dg_map_get(first, keys[k].name, &j)) up[find_root(up, j)] = find_root(up, keys[k].stmt);
}

/* The other referenced tables are shared: each in the part of every group
 * that references it. */
static void share_keys(const dv_key *keys, size_t nkeys, const dg_map *first, dv_groups *gs)
{
    size_t j, at;
    for (size_t k = 0; k < nkeys; k++) {
        size_t g = gs->of[keys[k].stmt];
        if (dg_map_get(first, keys[k].name, &j) || dv_groups_has(gs, keys[k].name, g, true)) continue;
        if ((at = dg_map_put(&gs->shared, keys[k].name, gs->heads.len)) == gs->heads.len)
            DG_VEC_PUSH(&gs->heads, DV_NONE);
        dv_link *l = DG_VEC_ADD(&gs->links);
        l->obj = g;
        l->next = gs->heads.items[at];
        gs->heads.items[at] = gs->links.len - 1;
    }
}

void dv_group_stmts(dv_set *c, const dg_plan *plan, const dg_plan *back, dv_groups *gs)
{
    size_t n = plan->stmts.len + (back ? back->stmts.len : 0), j;
    size_t *up = dg_xmalloc((n + 1) * sizeof *up), *id = dg_xmalloc((n + 1) * sizeof *id);
    memset(gs, 0, sizeof *gs);
    gs->of = dg_xmalloc((n + 1) * sizeof *gs->of);
    dg_map_init(&gs->owner, true);
    dg_map_init(&gs->shared, true);
    dg_map first, made;   /* name -> the first statement whose set has it; made names (above) */
    dg_map_init(&first, true);
    dg_map_init(&made, true);
    dg_strings made_keys = {0};
    made_names(plan, back, n, &made, &made_keys);
    DG_VEC(const char *) names = {0};
    DG_VEC(dv_key) keys = {0};
    c->keys_apart = true;
    for (size_t i = 0; i < n; i++) up[i] = i;
    for (size_t i = 0; i < n && up; i++) {
        if (!groupable(stmt_at(plan, back, i))) {
            free(up);
            up = NULL;
            break;
        }
        dv_set_clear(c);
        dv_set_close_stmt(c, stmt_at(plan, back, i));
        for (size_t k = 0; k < c->added.len; k++) {
            if ((j = dg_map_put(&first, c->added.items[k], i)) == i) DG_VEC_PUSH(&names, c->added.items[k]);
            else up[find_root(up, j)] = find_root(up, i);
        }
        for (size_t k = 0; k < c->keys.len; k++) *DG_VEC_ADD(&keys) = (dv_key){i, c->keys.items[k]};
        join_made(&made, up, i, stmt_at(plan, back, i));
    }
    c->keys_apart = false;
    if (up) join_keys(keys.items, keys.len, &first, up);
    for (size_t i = 0; up && i < n; i++) id[i] = SIZE_MAX;
    for (size_t i = 0; up && i < n; i++) {
        size_t r = find_root(up, i);
        if (id[r] == SIZE_MAX) id[r] = gs->n++;
        gs->of[i] = id[r];
    }
    for (size_t k = 0; up && k < names.len; k++) {
        dg_map_get(&first, names.items[k], &j);
        dg_map_put(&gs->owner, names.items[k], gs->of[j]);
    }
    if (up) share_keys(keys.items, keys.len, &first, gs);
    DG_VEC_FREE(&names);
    DG_VEC_FREE(&keys);
    dg_map_free(&first);
    dg_map_free(&made);
    dg_strings_free(&made_keys);
    free(id);
    free(up);
}

void dv_groups_free(dv_groups *gs)
{
    free(gs->of);
    dg_map_free(&gs->owner);
    dg_map_free(&gs->shared);
    DG_VEC_FREE(&gs->heads);
    DG_VEC_FREE(&gs->links);
}

/* Whether the statements of `p` name only what group g has. */
static bool names_only_group(dv_set *c, const dg_plan *p, const dv_groups *gs, size_t g)
{
    bool ok = true;
    dv_set_clear(c);
    c->keys_apart = true;
    for (size_t i = 0; i < p->stmts.len; i++) dv_set_close_stmt(c, p->stmts.items[i]);
    for (size_t k = 0; ok && k < c->added.len; k++) ok = dv_groups_has(gs, c->added.items[k], g, false);
    for (size_t k = 0; ok && k < c->keys.len; k++) ok = dv_groups_has(gs, c->keys.items[k], g, true);
    c->keys_apart = false;
    return ok;
}

/* Group g's statements of `all` (statement i of all is number first + i),
 * borrowed: the caller frees out->stmts' vector only. */
static void borrow_group(const dg_plan *all, size_t first, const size_t *group, size_t g, dg_plan *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; all && i < all->stmts.len; i++)
        if (group[first + i] == g) DG_VEC_PUSH(&out->stmts, all->stmts.items[i]);
}

/* Whether group g applies and reaches its parts, both ways. */
static bool group_passes(dv_set *c, const dg_diff_opts *opts, const dg_plan *up, const dg_plan *back,
                         dg_schema *a, dg_schema *b, const dv_groups *gs, size_t g)
{
    dg_plan own, report;
    memset(&own, 0, sizeof own);
    memset(&report, 0, sizeof report);
    if (!back) {
        dg_diff_opts bo = {!(opts && opts->reverse)};
        dg_diff_plan(b, a, &bo, &own);
    }
    char *err = NULL;
    const char *failed = NULL;
    sqlite3 *db = back || names_only_group(c, &own, gs, g) ? scratch_open(a, &err, &failed) : NULL;
    bool ok = db && step(c, db, up, b, 1, "", "", &report) == 0 &&
              step(c, db, back ? back : &own, a, 0, "", "", &report) == 0;
    sqlite3_close(db);
    free(err);
    dg_plan_free(&own);
    dg_plan_free(&report);
    return ok;
}

/* True when every group of the plan passes (see above). */
static bool groups_pass(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, const dg_plan *plan,
                        const dg_plan *back)
{
    dv_set c;
    dv_set_init(&c, from, to);
    dv_groups gs;
    dv_group_stmts(&c, plan, back, &gs);
    size_t ng = gs.n;
    dg_schema *a = dg_xcalloc(ng + 1, sizeof *a), *b = dg_xcalloc(ng + 1, sizeof *b);
    if (ng > 1) {
        dv_part_grouped(&gs, from, a);
        dv_part_grouped(&gs, to, b);
    }
    bool ok = ng > 1;
    for (size_t g = 0; ok && g < ng; g++) {
        dg_plan up, down;
        borrow_group(plan, 0, gs.of, g, &up);
        borrow_group(back, plan->stmts.len, gs.of, g, &down);
        ok = group_passes(&c, opts, &up, back ? &down : NULL, &a[g], &b[g], &gs, g);
        DG_VEC_FREE(&up.stmts);
        DG_VEC_FREE(&down.stmts);
    }
    for (size_t g = 0; g < ng; g++) {
        dv_part_free(&a[g]);
        dv_part_free(&b[g]);
    }
    free(a);
    free(b);
    dv_groups_free(&gs);
    dv_set_free(&c);
    return ok;
}

int dg_plan_verify(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_plan *plan,
                   const dg_plan *back)
{
    if (from->engine != DG_ENGINE_SQLITE || to->engine != DG_ENGINE_SQLITE || !plan->stmts.len) return 0;
    if (groups_pass(from, to, opts, plan, back)) return 0;
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
