/* diff_verify_set.c - the part of two schemas a plan check (dg_plan_verify,
 * diff_verify.c) builds and compares.
 *
 * The cost follows the change, not the schema: the scratch database holds
 * only the part of the old schema that the plans and their result depend
 * on, and only that part of each model is compared.  That part, a set of
 * names closed over both schemas:
 *  - every table, view, index or trigger a word of a plan statement names
 *    (so a name the plan creates that the schema already uses is there to
 *    collide); such a table or view is "touched";
 *  - for a touched table: the triggers on it; for a table an ALTER TABLE
 *    ... RENAME renames (or one of whose columns it renames), also the
 *    tables whose foreign keys reference it (SQLite rewrites them); for a touched table or view: the views and
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
 * So for a rebuilt table (CREATE TABLE "_dalgen_new_t" ... REFERENCES p,
 * INSERT, DROP TABLE t, ALTER TABLE "_dalgen_new_t" RENAME TO t): t, its
 * indexes and triggers, the views and triggers naming it, and its parents
 * (named by the CREATE: the foreign-key check sees their keys) with their
 * indexes; t's children too (the RENAME is a table rename); but not the
 * parents' other children, unless a parent is itself renamed (SQLite
 * rewrites their foreign keys) or touched by another statement.  The
 * cost of a rebuild is then that of its neighbourhood, whatever the size
 * of the schema (diff_verify.c groups the statements by these sets).
 * For that grouping only (keys_apart), a table named right after
 * REFERENCES goes to `keys` instead of the set: diff_verify.c decides
 * whether it is shared (see there).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "analysis/diff/diff_int.h"
#include "sql/sqltok.h"

static void link_add(dv_side *v, size_t *head, size_t obj)
{
    dv_link *l = DG_VEC_ADD(&v->links);
    l->obj = obj;
    l->next = *head;
    *head = v->links.len - 1;
}

/* The table or view `name` names on side v, as an object number; DV_NONE.
 * A shadow table of a virtual table (d_data of fts5 table d: not in the
 * model) names its virtual table, which makes it. */
static size_t obj_named(const dv_side *v, const char *name)
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
    return DV_NONE;
}

static const char *obj_name(const dv_side *v, size_t obj)
{
    if (obj < v->nt) return v->s->tables.items[obj].name;
    if (obj < v->nt + v->nv) return v->s->views.items[obj - v->nt].name;
    return v->s->triggers.items[obj - v->nt - v->nv].name;
}

/* Links dependent `dep` (a view or trigger number) with what its text names. */
static void scan_text(dv_side *v, size_t dep, const char *sql)
{
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        if (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING) continue;
        char *id = dg_tok_ident(&lx, t);
        size_t obj = obj_named(v, id);
        free(id);
        if (obj == DV_NONE || obj == dep) continue;
        link_add(v, &v->users[obj], dep);
        link_add(v, &v->uses[dep - v->nt], obj);
    }
}

static void side_init(dv_side *v, const dg_schema *s)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    dg_schema_lookup_init(&v->lk, s);
    v->nt = s->tables.len, v->nv = s->views.len, v->nr = s->triggers.len;
    v->children = dg_xmalloc((v->nt + 1) * sizeof *v->children);
    v->users = dg_xmalloc((v->nt + v->nv + 1) * sizeof *v->users);
    v->uses = dg_xmalloc((v->nv + v->nr + 1) * sizeof *v->uses);
    for (size_t i = 0; i < v->nt; i++) v->children[i] = DV_NONE;
    for (size_t i = 0; i < v->nt + v->nv; i++) v->users[i] = DV_NONE;
    for (size_t i = 0; i < v->nv + v->nr; i++) v->uses[i] = DV_NONE;
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

static void side_free(dv_side *v)
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
static void include(dv_set *c, const char *name, bool touched)
{
    size_t one;
    bool was_in = dg_map_get(&c->in, name, &one);
    if (!was_in) DG_VEC_PUSH(&c->added, name);
    if (touched && !dg_map_get(&c->touched, name, &one)) {
        dg_map_put(&c->touched, name, 1);
        dg_map_put(&c->in, name, 1);
        DG_VEC_PUSH(&c->work, name);
    } else if (!was_in) {
        dg_map_put(&c->in, name, 1);
        DG_VEC_PUSH(&c->work, name);
    }
}

static void expand_on(dv_set *c, const dv_side *v, const char *name, bool touched)
{
    size_t obj = obj_named(v, name);
    if (obj != DV_NONE && obj < v->nt) {
        size_t one;
        bool renamed = dg_map_get(&c->renamed, name, &one);
        for (size_t l = v->children[obj]; renamed && l != DV_NONE; l = v->links.items[l].next)
            include(c, obj_name(v, v->links.items[l].obj), false);
    }
    if (obj != DV_NONE && obj >= v->nt)
        for (size_t l = v->uses[obj - v->nt]; l != DV_NONE; l = v->links.items[l].next)
            include(c, obj_name(v, v->links.items[l].obj), false);
    for (size_t l = obj != DV_NONE && touched ? v->users[obj] : DV_NONE; l != DV_NONE; l = v->links.items[l].next)
        include(c, obj_name(v, v->links.items[l].obj), true);
    const dg_trigger *tr = dg_lookup_trigger(&v->lk, name);
    if (tr) {
        size_t at = v->nt + v->nv + (size_t)(tr - v->s->triggers.items);
        include(c, tr->table, false);
        for (size_t l = v->uses[at - v->nt]; l != DV_NONE; l = v->links.items[l].next)
            include(c, obj_name(v, v->links.items[l].obj), false);
    }
    const dg_index *ix = dg_lookup_index(&v->lk, name);
    if (ix) include(c, ix->table, false);
}

/* Whether `sql` is ALTER TABLE x RENAME ...: a table's rename or a
 * column's, after either of which SQLite rewrites the foreign keys that
 * name them in other tables. */
static bool is_rename(const char *sql)
{
    static const char *const words[] = {"ALTER", "TABLE", NULL, "RENAME"};
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        dg_tok t = dg_tok_next_sig(&lx);
        if (words[k] ? !dg_tok_is_kw(&lx, t, words[k]) : t.kind == DG_TOK_EOF) return false;
    }
    return true;
}

/* Seeds the set with what statement `sql` names. */
static void seed_stmt(dv_set *c, const char *sql)
{
    bool rename = is_rename(sql), key = false;
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        bool after_references = key;
        key = dg_tok_is_kw(&lx, t, "REFERENCES");
        if (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING) continue;
        char *id = dg_tok_ident(&lx, t);
        for (int k = 0; k < 2; k++) {
            const dv_side *v = &c->side[k];
            size_t obj = obj_named(v, id);
            size_t one;
            if (after_references && c->keys_apart && obj != DV_NONE && obj < v->nt) {
                DG_VEC_PUSH(&c->keys, obj_name(v, obj));
                continue;
            }
            if (obj != DV_NONE && rename && !dg_map_get(&c->renamed, obj_name(v, obj), &one)) {
                dg_map_put(&c->renamed, obj_name(v, obj), 1);
                DG_VEC_PUSH(&c->work, obj_name(v, obj));   /* expanded again, with its children */
            }
            if (obj != DV_NONE) include(c, obj_name(v, obj), true);
            const dg_index *ix = dg_lookup_index(&v->lk, id);
            if (ix) include(c, ix->name, false);
            const dg_trigger *tr = dg_lookup_trigger(&v->lk, id);
            if (tr) include(c, tr->name, false);
        }
        free(id);
    }
}

static void close_set(dv_set *c)
{
    size_t one;
    while (c->work.len) {
        const char *name = c->work.items[--c->work.len];
        bool touched = dg_map_get(&c->touched, name, &one);
        expand_on(c, &c->side[0], name, touched);
        expand_on(c, &c->side[1], name, touched);
    }
}

void dv_set_close(dv_set *c, const dg_plan *p)
{
    for (size_t i = 0; i < p->stmts.len; i++) seed_stmt(c, p->stmts.items[i]);
    close_set(c);
}

void dv_set_close_stmt(dv_set *c, const char *sql)
{
    seed_stmt(c, sql);
    close_set(c);
}

void dv_set_clear(dv_set *c)
{
    dg_map_free(&c->in);
    dg_map_free(&c->touched);
    dg_map_free(&c->renamed);
    c->work.len = c->added.len = c->keys.len = 0;
    c->all = false;
}

static bool in_set(const dv_set *c, const char *name)
{
    size_t one;
    return name && (c->all || dg_map_get(&c->in, name, &one));
}

/* Plans cover the default schema only (an attached schema's tables are
 * left out of them), so the part does too: a baz.users is not main's
 * users of the same name. */
void dv_part(const dv_set *c, const dg_schema *s, dg_schema *out)
{
    memset(out, 0, sizeof *out);
    out->engine = s->engine;
    for (size_t i = 0; i < s->tables.len; i++)
        if (in_set(c, s->tables.items[i].name) && dg_schema_default(s, s->tables.items[i].schema))
            DG_VEC_PUSH(&out->tables, s->tables.items[i]);
    for (size_t i = 0; i < s->indexes.len; i++)
        if (in_set(c, s->indexes.items[i].table) && dg_schema_default(s, s->indexes.items[i].schema))
            DG_VEC_PUSH(&out->indexes, s->indexes.items[i]);
    for (size_t i = 0; i < s->views.len; i++)
        if (in_set(c, s->views.items[i].name) && dg_schema_default(s, s->views.items[i].schema))
            DG_VEC_PUSH(&out->views, s->views.items[i]);
    for (size_t i = 0; i < s->triggers.len; i++)
        if (in_set(c, s->triggers.items[i].name)) DG_VEC_PUSH(&out->triggers, s->triggers.items[i]);
    for (size_t i = 0; i < s->renames.len; i++) DG_VEC_PUSH(&out->renames, s->renames.items[i]);
}

bool dv_groups_has(const dv_groups *gs, const char *name, size_t g, bool key)
{
    size_t at;
    if (dg_map_get(&gs->owner, name, &at)) return at == g;
    if (!key || !dg_map_get(&gs->shared, name, &at)) return false;
    for (size_t l = gs->heads.items[at]; l != DV_NONE; l = gs->links.items[l].next)
        if (gs->links.items[l].obj == g) return true;
    return false;
}

/* Puts x into the parts of the groups that have `name`. */
#define PUT_GROUPED(gs, parts, vec, name, x)                                                      \
    do {                                                                                          \
        size_t at_;                                                                               \
        if (dg_map_get(&(gs)->owner, (name), &at_)) DG_VEC_PUSH(&(parts)[at_].vec, (x));          \
        else if (dg_map_get(&(gs)->shared, (name), &at_))                                         \
            for (size_t l_ = (gs)->heads.items[at_]; l_ != DV_NONE; l_ = (gs)->links.items[l_].next) \
                DG_VEC_PUSH(&(parts)[(gs)->links.items[l_].obj].vec, (x));                       \
    } while (0)

/* One pass over s for every group at once: an object goes to the part of
 * the group its name (an index: its table's) has in gs->owner, a shared
 * table and its indexes to the part of each group that references it; the
 * same rule as dv_part's, in the same order. */
void dv_part_grouped(const dv_groups *gs, const dg_schema *s, dg_schema *parts)
{
    for (size_t k = 0; k < gs->n; k++) {
        memset(&parts[k], 0, sizeof parts[k]);
        parts[k].engine = s->engine;
        for (size_t i = 0; i < s->renames.len; i++) DG_VEC_PUSH(&parts[k].renames, s->renames.items[i]);
    }
    for (size_t i = 0; i < s->tables.len; i++)
        if (dg_schema_default(s, s->tables.items[i].schema))
            PUT_GROUPED(gs, parts, tables, s->tables.items[i].name, s->tables.items[i]);
    for (size_t i = 0; i < s->indexes.len; i++)
        if (dg_schema_default(s, s->indexes.items[i].schema))
            PUT_GROUPED(gs, parts, indexes, s->indexes.items[i].table, s->indexes.items[i]);
    size_t g;
    for (size_t i = 0; i < s->views.len; i++)
        if (dg_map_get(&gs->owner, s->views.items[i].name, &g) && dg_schema_default(s, s->views.items[i].schema))
            DG_VEC_PUSH(&parts[g].views, s->views.items[i]);
    for (size_t i = 0; i < s->triggers.len; i++)
        if (dg_map_get(&gs->owner, s->triggers.items[i].name, &g)) DG_VEC_PUSH(&parts[g].triggers, s->triggers.items[i]);
}

void dv_part_free(dg_schema *s)
{
    DG_VEC_FREE(&s->tables);
    DG_VEC_FREE(&s->indexes);
    DG_VEC_FREE(&s->views);
    DG_VEC_FREE(&s->triggers);
    DG_VEC_FREE(&s->renames);
}

void dv_set_init(dv_set *c, const dg_schema *from, const dg_schema *to)
{
    memset(c, 0, sizeof *c);
    side_init(&c->side[0], from);
    side_init(&c->side[1], to);
    dg_map_init(&c->in, true);
    dg_map_init(&c->touched, true);
    dg_map_init(&c->renamed, true);
}

void dv_set_free(dv_set *c)
{
    dg_map_free(&c->in);
    dg_map_free(&c->touched);
    dg_map_free(&c->renamed);
    DG_VEC_FREE(&c->work);
    DG_VEC_FREE(&c->added);
    DG_VEC_FREE(&c->keys);
    side_free(&c->side[0]);
    side_free(&c->side[1]);
}


dg_loc dv_locate(const dv_set *c, int newer, const char *sql)
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
