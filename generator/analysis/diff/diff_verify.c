/* dg_plan_verify: every plan is applied before it is written.
 *
 * The plan runs on a scratch in-memory SQLite database built from the old
 * schema, as libdal's runner runs it (one transaction, foreign keys off,
 * then SQLite's foreign-key check, which is where a "foreign key mismatch"
 * shows); the model read back from the database must diff empty against
 * the new schema.  The inverse plan then runs on the same database and must
 * give back the old schema.
 *
 * The cost follows the change, not the schema: the scratch database holds
 * only the part of the old schema that the plans and their result depend
 * on, and only that part of each model is compared.  That part, a set of
 * names closed over both schemas:
 *  - every table, view, index or trigger a word of a plan statement names
 *    (so a name the plan creates that the schema already uses is there to
 *    collide); such a table or view is "touched";
 *  - for a touched table: the triggers on it; for a table an ALTER TABLE
 *    ... RENAME TO renames, also the tables whose foreign keys reference it
 *    (SQLite rewrites them); for a touched table or view: the views and
 *    triggers whose text names it, which are touched in turn (a rename
 *    rewrites them, a rebuild drops and re-creates them);
 *  - for anything in the set: what its text needs to exist (the tables and
 *    views a view or trigger names, a trigger's table, an index's table) and
 *    the indexes of its tables.
 * A table a touched table's foreign key references (or that references it)
 * is not needed otherwise: the new schema loaded without a "foreign key
 * mismatch", and the check makes sure the touched tables end up as the new
 * schema has them, while the others do not change.
 *
 * diff prints one plan: its inverse is planned here, from the two parts
 * (whose names it may use for its temporary tables are added to the set,
 * and the parts made again, until it names nothing new).  */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "analysis/diff/diff_int.h"
#include "frontend/sources.h"
#include "sql/sqltok.h"

/* One side's objects as numbers: table i, view T + i, trigger T + V + i. */
typedef struct vlink {
    size_t obj, next;
} vlink;

#define VNONE ((size_t)-1)

typedef struct vside {
    const dg_schema *s;
    dg_schema_lookup lk;
    size_t nt, nv, nr;        /* tables, views, triggers */
    size_t *children;         /* per table: first link to a table whose foreign key references it */
    size_t *users;            /* per table and view: first link to a view or trigger naming it */
    size_t *uses;             /* per view and trigger (numbered from 0 = first view): what it names */
    DG_VEC(vlink) links;
    DG_VEC(size_t) vtabs;     /* the virtual tables */
} vside;

typedef struct vset {
    vside side[2];
    dg_map in, touched, renamed;   /* folded names (keys borrowed from the models) */
    DG_VEC(const char *) work;
} vset;

static void link_add(vside *v, size_t *head, size_t obj)
{
    vlink *l = DG_VEC_ADD(&v->links);
    l->obj = obj;
    l->next = *head;
    *head = v->links.len - 1;
}

/* The table or view `name` names on side v, as an object number; VNONE.
 * A shadow table of a virtual table (d_data of fts5 table d: not in the
 * model) names its virtual table, which makes it. */
static size_t obj_named(const vside *v, const char *name)
{
    const dg_table *t = dg_lookup_table(&v->lk, name);
    if (t) return (size_t)(t - v->s->tables.items);
    const dg_view *w = dg_lookup_view(&v->lk, name);
    if (w) return v->nt + (size_t)(w - v->s->views.items);
    for (size_t i = 0; i < v->vtabs.len; i++) {
        const char *vt = v->s->tables.items[v->vtabs.items[i]].name;
        size_t n = strlen(vt);
        if (!sqlite3_strnicmp(name, vt, (int)n) && name[n] == '_') return v->vtabs.items[i];
    }
    return VNONE;
}

static const char *obj_name(const vside *v, size_t obj)
{
    if (obj < v->nt) return v->s->tables.items[obj].name;
    if (obj < v->nt + v->nv) return v->s->views.items[obj - v->nt].name;
    return v->s->triggers.items[obj - v->nt - v->nv].name;
}

/* Links dependent `dep` (a view or trigger number) with what its text names. */
static void scan_text(vside *v, size_t dep, const char *sql)
{
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        if (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING) continue;
        char *id = dg_tok_ident(&lx, t);
        size_t obj = obj_named(v, id);
        free(id);
        if (obj == VNONE || obj == dep) continue;
        link_add(v, &v->users[obj], dep);
        link_add(v, &v->uses[dep - v->nt], obj);
    }
}

static void side_init(vside *v, const dg_schema *s)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    dg_schema_lookup_init(&v->lk, s);
    v->nt = s->tables.len, v->nv = s->views.len, v->nr = s->triggers.len;
    v->children = dg_xmalloc((v->nt + 1) * sizeof *v->children);
    v->users = dg_xmalloc((v->nt + v->nv + 1) * sizeof *v->users);
    v->uses = dg_xmalloc((v->nv + v->nr + 1) * sizeof *v->uses);
    for (size_t i = 0; i < v->nt; i++) v->children[i] = VNONE;
    for (size_t i = 0; i < v->nt + v->nv; i++) v->users[i] = VNONE;
    for (size_t i = 0; i < v->nv + v->nr; i++) v->uses[i] = VNONE;
    for (size_t i = 0; i < v->nt; i++)
        if (s->tables.items[i].module) DG_VEC_PUSH(&v->vtabs, i);
    for (size_t i = 0; i < v->nt; i++) {
        const dg_table *t = &s->tables.items[i];
        for (size_t k = 0; k < t->foreign_keys.len; k++) {
            const dg_table *p = dg_lookup_table(&v->lk, t->foreign_keys.items[k].table);
            if (p) link_add(v, &v->children[p - s->tables.items], i);
        }
    }
    for (size_t i = 0; i < v->nv; i++) scan_text(v, v->nt + i, s->views.items[i].sql);
    for (size_t i = 0; i < v->nr; i++) scan_text(v, v->nt + v->nv + i, s->triggers.items[i].sql);
}

static void side_free(vside *v)
{
    dg_schema_lookup_free(&v->lk);
    free(v->children);
    free(v->users);
    free(v->uses);
    DG_VEC_FREE(&v->links);
    DG_VEC_FREE(&v->vtabs);
}

/* Puts `name` (a model string) in the set; `touched` also expands it as
 * the top of the file says. */
static void include(vset *c, const char *name, bool touched)
{
    size_t one;
    if (touched && !dg_map_get(&c->touched, name, &one)) {
        dg_map_put(&c->touched, name, 1);
        dg_map_put(&c->in, name, 1);
        DG_VEC_PUSH(&c->work, name);
    } else if (!dg_map_get(&c->in, name, &one)) {
        dg_map_put(&c->in, name, 1);
        DG_VEC_PUSH(&c->work, name);
    }
}

static void expand_on(vset *c, const vside *v, const char *name, bool touched)
{
    size_t obj = obj_named(v, name);
    if (obj != VNONE && obj < v->nt) {
        size_t one;
        bool renamed = dg_map_get(&c->renamed, name, &one);
        for (size_t l = v->children[obj]; renamed && l != VNONE; l = v->links.items[l].next)
            include(c, obj_name(v, v->links.items[l].obj), false);
    }
    if (obj != VNONE && obj >= v->nt)
        for (size_t l = v->uses[obj - v->nt]; l != VNONE; l = v->links.items[l].next)
            include(c, obj_name(v, v->links.items[l].obj), false);
    for (size_t l = obj != VNONE && touched ? v->users[obj] : VNONE; l != VNONE; l = v->links.items[l].next)
        include(c, obj_name(v, v->links.items[l].obj), true);
    const dg_trigger *tr = dg_lookup_trigger(&v->lk, name);
    if (tr) {
        size_t at = v->nt + v->nv + (size_t)(tr - v->s->triggers.items);
        include(c, tr->table, false);
        for (size_t l = v->uses[at - v->nt]; l != VNONE; l = v->links.items[l].next)
            include(c, obj_name(v, v->links.items[l].obj), false);
    }
    const dg_index *ix = dg_lookup_index(&v->lk, name);
    if (ix) include(c, ix->table, false);
}

/* Whether `sql` is ALTER TABLE x RENAME TO y (a table rename, not a
 * column's). */
static bool is_table_rename(const char *sql)
{
    static const char *const words[] = {"ALTER", "TABLE", NULL, "RENAME", "TO"};
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        dg_tok t = dg_tok_next_sig(&lx);
        if (words[k] ? !dg_tok_is_kw(&lx, t, words[k]) : t.kind == DG_TOK_EOF) return false;
    }
    return true;
}

/* Seeds the set with what the statements of `p` name. */
static void seed_plan(vset *c, const dg_plan *p)
{
    for (size_t i = 0; i < p->stmts.len; i++) {
        const char *sql = p->stmts.items[i];
        bool rename = is_table_rename(sql);
        dg_lexer lx;
        dg_lexer_init(&lx, sql, strlen(sql));
        for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
            if (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING) continue;
            char *id = dg_tok_ident(&lx, t);
            for (int k = 0; k < 2; k++) {
                const vside *v = &c->side[k];
                size_t obj = obj_named(v, id);
                size_t one;
                if (obj != VNONE && rename && !dg_map_get(&c->renamed, obj_name(v, obj), &one)) {
                    dg_map_put(&c->renamed, obj_name(v, obj), 1);
                    DG_VEC_PUSH(&c->work, obj_name(v, obj));   /* expanded again, with its children */
                }
                if (obj != VNONE) include(c, obj_name(v, obj), true);
                const dg_index *ix = dg_lookup_index(&v->lk, id);
                if (ix) include(c, ix->name, false);
                const dg_trigger *tr = dg_lookup_trigger(&v->lk, id);
                if (tr) include(c, tr->name, false);
            }
            free(id);
        }
    }
}

static void closure(vset *c, const dg_plan *p)
{
    seed_plan(c, p);
    size_t one;
    while (c->work.len) {
        const char *name = c->work.items[--c->work.len];
        bool touched = dg_map_get(&c->touched, name, &one);
        expand_on(c, &c->side[0], name, touched);
        expand_on(c, &c->side[1], name, touched);
    }
}

static bool in_set(const vset *c, const char *name)
{
    size_t one;
    return name && dg_map_get(&c->in, name, &one);
}

/* The part of `s` in the set: a shallow copy (free with sub_free). */
static void sub_of(const vset *c, const dg_schema *s, dg_schema *out)
{
    memset(out, 0, sizeof *out);
    out->engine = s->engine;
    for (size_t i = 0; i < s->tables.len; i++)
        if (in_set(c, s->tables.items[i].name)) DG_VEC_PUSH(&out->tables, s->tables.items[i]);
    for (size_t i = 0; i < s->indexes.len; i++)
        if (in_set(c, s->indexes.items[i].table)) DG_VEC_PUSH(&out->indexes, s->indexes.items[i]);
    for (size_t i = 0; i < s->views.len; i++)
        if (in_set(c, s->views.items[i].name)) DG_VEC_PUSH(&out->views, s->views.items[i]);
    for (size_t i = 0; i < s->triggers.len; i++)
        if (in_set(c, s->triggers.items[i].name)) DG_VEC_PUSH(&out->triggers, s->triggers.items[i]);
    for (size_t i = 0; i < s->renames.len; i++) DG_VEC_PUSH(&out->renames, s->renames.items[i]);
}

static void sub_free(dg_schema *s)
{
    DG_VEC_FREE(&s->tables);
    DG_VEC_FREE(&s->indexes);
    DG_VEC_FREE(&s->views);
    DG_VEC_FREE(&s->triggers);
    DG_VEC_FREE(&s->renames);
}

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

/* Where to report a problem with statement `sql`: the first object it
 * names that the schemas locate (the newer side first). */
static dg_loc locate(const vset *c, int newer, const char *sql)
{
    dg_loc none = {NULL, 0, 0};
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        if (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING) continue;
        char *id = dg_tok_ident(&lx, t);
        for (int k = 0; k < 2 && !none.file; k++) {
            const dg_schema_lookup *lk = &c->side[k ? 1 - newer : newer].lk;
            const dg_table *tb = dg_lookup_table(lk, id);
            const dg_view *vw = tb ? NULL : dg_lookup_view(lk, id);
            const dg_index *ix = tb || vw ? NULL : dg_lookup_index(lk, id);
            const dg_trigger *tr = tb || vw || ix ? NULL : dg_lookup_trigger(lk, id);
            none = tb ? tb->loc : vw ? vw->loc : ix ? ix->loc : tr ? tr->loc : none;
        }
        free(id);
        if (none.file) return none;
    }
    return none;
}

static int exec1(sqlite3 *db, const char *sql, char **err)
{
    char *e = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &e) == SQLITE_OK) return 0;
    *err = dg_xstrdup(e ? e : sqlite3_errmsg(db));
    sqlite3_free(e);
    return -1;
}

/* The scratch database of `sub` (the old schema's part). */
static sqlite3 *scratch_open(const dg_schema *sub, char **err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        *err = dg_xstrdup("cannot open an in-memory SQLite database");
        sqlite3_close(db);
        return NULL;
    }
    int rc = exec1(db, "PRAGMA foreign_keys = OFF; BEGIN", err);
    for (size_t i = 0; rc == 0 && i < sub->tables.len; i++) rc = exec1(db, sub->tables.items[i].sql, err);
    for (size_t i = 0; rc == 0 && i < sub->indexes.len; i++) rc = exec1(db, sub->indexes.items[i].sql, err);
    for (size_t i = 0; rc == 0 && i < sub->views.len; i++) rc = exec1(db, sub->views.items[i].sql, err);
    for (size_t i = 0; rc == 0 && i < sub->triggers.len; i++) rc = exec1(db, sub->triggers.items[i].sql, err);
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
static int step(vset *c, sqlite3 *db, const dg_plan *p, const dg_schema *want, int newer, const char *what,
                const char *on, dg_plan *report)
{
    char *err = NULL, *stmt = NULL;
    const char *failed = NULL;
    int rc = run_plan(db, p, &err, &failed);
    if (rc != 0) {
        char *line = failed ? first_line(failed) : NULL;
        dg_loc loc = failed ? locate(c, newer, failed) : (dg_loc){NULL, 0, 0};
        if (failed)
            dg_plan_lint(report, loc, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                         "%s cannot be applied: on %s, `%s` fails: %s", what, on, line, err);
        else
            dg_plan_lint(report, loc, DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                         "%s cannot be applied: on %s, its foreign-key check fails: %s", what, on, err);
        free(line);
    } else if ((rc = same_model(db, want, &err, &stmt)) != 0) {
        char *line = stmt ? first_line(stmt) : NULL;
        dg_loc loc = stmt ? locate(c, newer, stmt) : (dg_loc){NULL, 0, 0};
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
static void parts(vset *c, const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_schema *a,
                  dg_schema *b, dg_plan *own, bool plan_back)
{
    for (;;) {
        sub_of(c, from, a);
        sub_of(c, to, b);
        if (!plan_back) return;
        dg_diff_opts bo = {!(opts && opts->reverse)};
        dg_diff_plan(b, a, &bo, own);
        size_t before = c->in.len;
        closure(c, own);
        if (c->in.len == before) return;
        dg_plan_free(own);
        sub_free(a);
        sub_free(b);
    }
}

int dg_plan_verify(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_plan *plan,
                   const dg_plan *back)
{
    if (from->engine != DG_ENGINE_SQLITE || to->engine != DG_ENGINE_SQLITE || !plan->stmts.len) return 0;
    vset c;
    memset(&c, 0, sizeof c);
    side_init(&c.side[0], from);
    side_init(&c.side[1], to);
    dg_map_init(&c.in, true);
    dg_map_init(&c.touched, true);
    dg_map_init(&c.renamed, true);
    closure(&c, plan);
    if (back) closure(&c, back);
    dg_schema a, b;
    dg_plan own;
    memset(&own, 0, sizeof own);
    parts(&c, from, to, opts, &a, &b, &own, !back);
    char *err = NULL;
    sqlite3 *db = scratch_open(&a, &err);
    int rc = 0;
    if (!db) {   /* the old schema's part does not build on its own: nothing to judge the plan by */
        free(err);
    } else {
        rc = step(&c, db, plan, &b, 1, "the plan", "a database of the old schema", plan);
        if (rc == 0) rc = step(&c, db, back ? back : &own, &a, 0, "its inverse", "the database the plan left", plan);
        sqlite3_close(db);
    }
    dg_plan_free(&own);
    sub_free(&a);
    sub_free(&b);
    dg_map_free(&c.in);
    dg_map_free(&c.touched);
    dg_map_free(&c.renamed);
    DG_VEC_FREE(&c.work);
    side_free(&c.side[0]);
    side_free(&c.side[1]);
    return rc;
}
