/* pgdiff_deps.c - what depends on tables: views, triggers and functions,
 * kept when nothing they use changes, else dropped before the tables change
 * (views in reverse creation order) and created again after them, in the
 * new schema's order; and the comments of tables and columns. */
#include <stdlib.h>
#include <string.h>

#include "analysis/pgdiff/pgdiff_int.h"

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Whether sql names a table of `from` that changes or goes. */
static bool uses_changed_table(pd_ctx *c, const char *sql)
{
    for (size_t i = 0; i < c->from->tables.len; i++) {
        const dg_table *o = &c->from->tables.items[i];
        pd_pair *pr = pd_pair_of_old(c, o);
        if ((!pr || pr->changed) && dd_mentions(sql, o->name)) return true;
    }
    for (size_t i = 0; i < c->rebuilt_enums.len; i++) {
        const char *dot = strchr(c->rebuilt_enums.items[i], '.');
        if (dd_mentions(sql, dot ? dot + 1 : c->rebuilt_enums.items[i])) return true;
    }
    return false;
}

static const dg_pg_function *function_in(const dg_schema *s, const dg_pg_function *f)
{
    for (size_t i = 0; i < s->functions.len; i++) {
        const dg_pg_function *g = &s->functions.items[i];
        if (!strcmp(g->schema, f->schema) && !strcmp(g->name, f->name) && same_str(g->args, f->args)) return g;
    }
    return NULL;
}

/* Functions of `from` that go or change (their qualified names, in changed). */
static void functions(pd_ctx *c, dg_strings *changed)
{
    for (size_t i = 0; i < c->from->functions.len; i++) {
        const dg_pg_function *f = &c->from->functions.items[i], *g = function_in(c->to, f);
        if (g && !strcmp(g->sql, f->sql)) continue;
        DG_VEC_PUSH(changed, pd_qualified(f->schema, f->name));
    }
    for (size_t i = 0; i < c->to->functions.len; i++) {
        const dg_pg_function *g = &c->to->functions.items[i], *f = function_in(c->from, g);
        if (!f || strcmp(g->sql, f->sql) != 0) pd_stmt(c, PD_FUNCS, "%s;", g->sql);
    }
}

static void drop_functions(pd_ctx *c)
{
    for (size_t i = 0; i < c->from->functions.len; i++) {
        const dg_pg_function *f = &c->from->functions.items[i], *g = function_in(c->to, f);
        if (g && !strcmp(g->sql, f->sql)) continue;
        char *q = pd_qq(f->schema, f->name);
        pd_stmt(c, PD_DROP_DEP, "DROP FUNCTION %s(%s);", q, f->args ? f->args : "");
        free(q);
    }
}

static bool mentions_function(const char *sql, const dg_strings *changed)
{
    for (size_t i = 0; i < changed->len; i++) {
        const char *dot = strchr(changed->items[i], '.');
        if (dd_mentions(sql, dot ? dot + 1 : changed->items[i])) return true;
    }
    return false;
}

static const dg_view *view_in(const dg_schema *s, const dg_view *v)
{
    return dg_schema_view_in(s, v->schema, v->name);
}

/* keep[i]: view i of `from` stays as it is. */
static void views(pd_ctx *c, const dg_strings *changed_fns)
{
    size_t n = c->from->views.len;
    bool *keep = dg_xcalloc(n + 1, sizeof *keep);
    for (size_t i = 0; i < n; i++) {
        const dg_view *v = &c->from->views.items[i], *w = view_in(c->to, v);
        keep[i] = w && !strcmp(w->sql, v->sql) && !uses_changed_table(c, v->sql) && !mentions_function(v->sql, changed_fns);
    }
    for (bool again = true; again;) {   /* a view on a view that goes goes too */
        again = false;
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; keep[i] && k < n; k++)
                if (!keep[k] && k != i && dd_mentions(c->from->views.items[i].sql, c->from->views.items[k].name))
                    keep[i] = false, again = true;
    }
    for (size_t i = n; i-- > 0;) {
        if (keep[i]) continue;
        char *q = pd_qq(c->from->views.items[i].schema, c->from->views.items[i].name);
        pd_stmt(c, PD_DROP_DEP, "DROP VIEW %s;", q);
        free(q);
    }
    for (size_t i = 0; i < c->to->views.len; i++) {
        const dg_view *w = &c->to->views.items[i], *v = view_in(c->from, w);
        if (v && keep[v - c->from->views.items]) continue;
        pd_stmt(c, PD_VIEWS, "%s;", w->sql);
    }
    free(keep);
}

static const dg_trigger *trigger_in(const dg_schema *s, const char *name, const char *table)
{
    for (size_t i = 0; i < s->triggers.len; i++)
        if (!strcmp(s->triggers.items[i].name, name) && !strcmp(s->triggers.items[i].table, table)) return &s->triggers.items[i];
    return NULL;
}

static void triggers(pd_ctx *c, const dg_strings *changed_fns)
{
    size_t n = c->from->triggers.len;
    bool *keep = dg_xcalloc(n + 1, sizeof *keep);
    for (size_t i = 0; i < n; i++) {
        const dg_trigger *t = &c->from->triggers.items[i], *u = trigger_in(c->to, t->name, t->table);
        const dg_table *o = dg_schema_table(c->from, t->table);
        keep[i] = u && !strcmp(u->sql, t->sql) && !uses_changed_table(c, t->sql) &&
                  !(t->function && mentions_function(t->function, changed_fns));
        if (keep[i] || (o && !pd_pair_of_old(c, o))) continue;   /* a dropped table takes its triggers */
        char *name = pd_q(t->name), *tq = o ? pd_qq(o->schema, o->name) : pd_q(t->table);
        pd_stmt(c, PD_DROP_DEP, "DROP TRIGGER %s ON %s;", name, tq);
        free(name), free(tq);
    }
    for (size_t i = 0; i < c->to->triggers.len; i++) {
        const dg_trigger *u = &c->to->triggers.items[i], *t = trigger_in(c->from, u->name, u->table);
        if (t && keep[t - c->from->triggers.items]) continue;
        pd_stmt(c, PD_TRIGGERS, "%s;", u->sql);
    }
    free(keep);
}

void pd_dependents(pd_ctx *c)
{
    dg_strings changed = {0};
    functions(c, &changed);
    views(c, &changed);
    triggers(c, &changed);
    drop_functions(c);   /* after the views and triggers that use them */
    dg_strings_free(&changed);
}

static void comment(pd_ctx *c, const char *what, const char *target, const char *o, const char *n)
{
    if (same_str(o, n)) return;
    char *l = n ? pd_lit(n) : dg_xstrdup("NULL");
    pd_stmt(c, PD_COMMENTS, "COMMENT ON %s %s IS %s;", what, target, l);
    free(l);
}

void pd_comments(pd_ctx *c)
{
    for (size_t i = 0; i < c->pairs.len; i++) {
        const pd_pair *pr = &c->pairs.items[i];
        char *tq = pd_qq(pr->n->schema, pr->n->name);
        comment(c, "TABLE", tq, pr->o ? pr->o->comment : NULL, pr->n->comment);
        for (size_t k = 0; k < pr->n->columns.len; k++) {
            const dg_column *nc = &pr->n->columns.items[k];
            const dg_column *oc = pr->o && pr->col_map[k] >= 0 ? &pr->o->columns.items[pr->col_map[k]] : NULL;
            char *cq = pd_q(nc->name), *target = dg_xprintf("%s.%s", tq, cq);
            comment(c, "COLUMN", target, oc && oc->pg ? oc->pg->comment : NULL, nc->pg ? nc->pg->comment : NULL);
            free(cq), free(target);
        }
        free(tq);
    }
}
