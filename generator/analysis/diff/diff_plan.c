/* The planner: matches the objects of two schemas and orders the
 * statements (drops of dependents, drops, renames, creates, alters and
 * rebuilds, then indexes, views and triggers re-created). */
#include <stdlib.h>
#include <string.h>

#include "analysis/diff/diff_int.h"

static bool is_dirty(const dd_ctx *c, const char *name)
{
    size_t i;
    return dg_map_get(&c->dirty_at, name, &i);
}

static void mark_dirty(dd_ctx *c, const char *name)
{
    if (is_dirty(c, name)) return;
    dg_strings_push(&c->dirty, name);
    dg_map_put(&c->dirty_at, c->dirty.items[c->dirty.len - 1], c->dirty.len - 1);
}

/* Pairs every table of `to` with the table of `from` it continues
 * (dd_match_sides: renames first, swaps and reused names included). */
static void match_tables(dd_ctx *c)
{
    dd_names fn, tn;
    dd_names_of_tables(c->from, &fn);
    dd_names_of_tables(c->to, &tn);
    int *map = dg_xmalloc((tn.n + 1) * sizeof *map);
    dd_match_sides(&fn, &tn, c->reverse, map);
    for (size_t i = 0; i < c->to->tables.len; i++) {
        const dg_table *n = &c->to->tables.items[i];
        if (dd_is_ignored_table(n->name)) continue;
        dd_pair *pr = DG_VEC_ADD(&c->pairs);
        pr->n = n;
        pr->o = map[i] >= 0 ? &c->from->tables.items[map[i]] : NULL;
        pr->swapped = pr->o && (c->reverse ? 0 : dd_match_in_cycle(&fn, &tn, map, i));
        if (!c->reverse && dd_rename_unknown(&fn, &tn, map, i))
            dd_lint_rename_unknown(c->p, &n->annotations, n->name, NULL, NULL);
    }
    if (c->reverse) {   /* a cycle seen from the newer side (`from`) */
        int *back = dg_xmalloc((fn.n + 1) * sizeof *back);
        dd_match_names(&tn, &fn, back);
        for (size_t k = 0; k < c->pairs.len; k++) {
            dd_pair *pr = &c->pairs.items[k];
            if (pr->o) pr->swapped = dd_match_in_cycle(&tn, &fn, back, (size_t)(pr->o - c->from->tables.items));
        }
        free(back);
    }
    free(map);
    dd_names_free(&fn);
    dd_names_free(&tn);
    c->pair_of_old = json_object();   /* dd_pair_of_old is asked per index and foreign key */
    for (size_t k = 0; k < c->pairs.len; k++) {
        if (!c->pairs.items[k].o) continue;
        char *key = dd_fold(c->pairs.items[k].o->name);
        if (!json_object_get(c->pair_of_old, key))
            json_object_set_new_nocheck(c->pair_of_old, key, json_integer((json_int_t)k));
        free(key);
    }
    for (size_t k = 0; k < c->pairs.len; k++) {
        dd_pair *pr = &c->pairs.items[k];
        if (pr->o && strcmp(pr->o->name, pr->n->name) != 0) {
            dd_rename *r = DG_VEC_ADD(&c->table_renames);
            r->old_name = pr->o->name;
            r->new_name = pr->n->name;
        }
    }
}

static bool table_dropped(dd_ctx *c, const char *old_name)
{
    return !dd_is_ignored_table(old_name) && !dd_pair_of_old(c, old_name);
}

/* What makes an index: its table (as the new schema names it), UNIQUE,
 * WHERE and terms.  A double-quoted word in the WHERE or an expression term
 * that names no column of its table is the string SQLite reads it as (its
 * double-quoted-string fallback): when a later schema gives the table that
 * column, the same text means another index, whose b-tree must be built
 * again (dd_canon_in_table). */
static char *index_sig(dd_ctx *c, const dg_index *ix, bool old_side)
{
    const dd_renames *cols = NULL, *tabs = old_side ? &c->table_renames : NULL;
    const char *table = ix->table;
    const dg_table *on = dg_lookup_table(old_side ? &c->from_lk : &c->to_lk, ix->table);
    if (old_side) {
        dd_pair *pr = dd_pair_of_old(c, ix->table);
        if (pr) cols = &pr->col_renames, table = pr->n->name;
    }
    dg_buf b = DG_BUF_INIT;
    char *t = dd_canon(table, NULL, NULL), *w = dd_canon_in_table(ix->where, cols, tabs, on);
    dg_buf_printf(&b, "%s u%d w:%s", t, ix->unique, w);
    free(t);
    free(w);
    for (size_t i = 0; i < ix->terms.len; i++) {
        const dg_index_term *tm = &ix->terms.items[i];
        char *e = tm->column ? dd_canon(tm->column, cols, tabs) : dd_canon_in_table(tm->expr, cols, tabs, on);
        char *co = dd_canon(tm->collation, NULL, NULL);
        dg_buf_printf(&b, " [%s %d %s]", e, tm->desc, co);
        free(e);
        free(co);
    }
    return dg_buf_steal(&b);
}

static bool view_gone(dd_ctx *c, const dg_view *v)
{
    const dg_view *nv = dg_lookup_view(&c->to_lk, v->name);
    return !nv || !dd_same_sql(v->sql, nv->sql) || is_dirty(c, v->name);
}

static bool trigger_gone(dd_ctx *c, const dg_trigger *t)
{
    const dg_trigger *nt = dg_lookup_trigger(&c->to_lk, t->name);
    return !nt || !dd_same_sql(t->sql, nt->sql) || is_dirty(c, t->table) ||
           dd_mentions_any(t->sql, &c->dirty_at);
}

/* Names whose views and triggers must be dropped and re-created, closed
 * over views that use views. */
static void compute_dirty(dd_ctx *c)
{
    for (size_t i = 0; i < c->from->tables.len; i++)
        if (table_dropped(c, c->from->tables.items[i].name)) mark_dirty(c, c->from->tables.items[i].name);
    for (size_t k = 0; k < c->pairs.len; k++) {
        dd_pair *pr = &c->pairs.items[k];
        if (pr->o && (pr->rebuild || pr->renamed || pr->col_renames.len || pr->cols_dropped))
            mark_dirty(c, pr->o->name);
    }
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < c->from->views.len; i++) {
            const dg_view *v = &c->from->views.items[i];
            if (is_dirty(c, v->name)) continue;
            if (view_gone(c, v) || dd_mentions_any(v->sql, &c->dirty_at)) {
                mark_dirty(c, v->name);
                again = true;
            }
        }
    }
}

static void drop_dependents(dd_ctx *c)
{
    for (size_t i = c->from->triggers.len; i-- > 0;) {
        const dg_trigger *t = &c->from->triggers.items[i];
        if (!trigger_gone(c, t)) continue;
        char *q = dd_q(t->name);
        dd_stmt(c, "DROP TRIGGER %s;", q);
        free(q);
    }
    for (size_t i = c->from->views.len; i-- > 0;) {
        const dg_view *v = &c->from->views.items[i];
        if (!is_dirty(c, v->name)) continue;
        char *q = dd_q(v->name);
        dd_stmt(c, "DROP VIEW %s;", q);
        free(q);
    }
    for (size_t i = 0; i < c->from->indexes.len; i++) {
        const dg_index *ix = &c->from->indexes.items[i];
        if (table_dropped(c, ix->table)) continue;
        const dg_index *nx = dg_lookup_index(&c->to_lk, ix->name);
        char *a = index_sig(c, ix, true), *b = nx ? index_sig(c, nx, false) : NULL;
        if (!b || strcmp(a, b) != 0) {
            char *q = dd_q(ix->name);
            dd_stmt(c, "DROP INDEX %s;", q);
            free(q);
        }
        free(a);
        free(b);
    }
}

/* The table renames in an order that never renames onto a name still in
 * use: a rename waits for the table holding its target name to move away,
 * and a cycle (a swap) goes through a temporary name. */
static void emit_table_renames(dd_ctx *c)
{
    size_t n = c->table_renames.len;
    char **from = dg_xcalloc(n + 1, sizeof *from);
    bool *done = dg_xcalloc(n + 1, 1);
    for (size_t k = 0; k < n; k++) from[k] = dg_xstrdup(c->table_renames.items[k].old_name);
    for (size_t left = n; left > 0;) {
        size_t pick = n;
        for (size_t k = 0; k < n && pick == n; k++) {
            if (done[k]) continue;
            bool blocked = false;
            for (size_t j = 0; j < n && !blocked; j++)
                blocked = j != k && !done[j] && !dg_strcasecmp_ascii(from[j], c->table_renames.items[k].new_name);
            if (!blocked) pick = k;
        }
        const char *to = pick < n ? c->table_renames.items[pick].new_name : NULL;
        char *tmp = NULL;
        if (pick == n) {   /* every rename waits for another: a cycle */
            for (pick = 0; done[pick]; pick++) {}
            tmp = dd_temp_name(c, "_dalgen_swap_", from[pick]);
            to = tmp;
        }
        char *qa = dd_q(from[pick]), *qb = dd_q(to);
        dd_stmt(c, "ALTER TABLE %s RENAME TO %s;", qa, qb);
        free(qa);
        free(qb);
        if (tmp) {
            free(from[pick]);
            from[pick] = tmp;
        } else {
            done[pick] = true;
            left--;
        }
    }
    for (size_t k = 0; k < n; k++) free(from[k]);
    free(from);
    free(done);
}

static void tables(dd_ctx *c)
{
    for (size_t i = 0; i < c->from->tables.len; i++) {
        const dg_table *t = &c->from->tables.items[i];
        if (!table_dropped(c, t->name)) continue;
        char *q = dd_q(t->name);
        dd_stmt(c, "DROP TABLE %s;", q);
        free(q);
    }
    emit_table_renames(c);
    for (size_t k = 0; k < c->pairs.len; k++) {
        if (c->pairs.items[k].o) continue;
        char *sql = dd_sql_out(c->pairs.items[k].n->sql);
        dd_stmt(c, "%s;", sql);
        free(sql);
    }
    for (size_t k = 0; k < c->pairs.len; k++)
        if (c->pairs.items[k].o) dd_pair_emit(c, &c->pairs.items[k]);
}

static void create_dependents(dd_ctx *c)
{
    dg_map rebuilt;   /* folded names of the rebuilt tables (of `to`) */
    dg_map_init(&rebuilt, true);
    for (size_t k = 0; k < c->pairs.len; k++)
        if (c->pairs.items[k].rebuild) dg_map_put(&rebuilt, c->pairs.items[k].n->name, k);
    for (size_t i = 0; i < c->to->indexes.len; i++) {
        const dg_index *nx = &c->to->indexes.items[i];
        const dg_index *ox = dg_lookup_index(&c->from_lk, nx->name);
        bool make = !ox;
        if (ox) {
            char *a = index_sig(c, ox, true), *b = index_sig(c, nx, false);
            make = strcmp(a, b) != 0 || table_dropped(c, ox->table);
            free(a);
            free(b);
        }
        size_t k;
        if (!make && dg_map_get(&rebuilt, nx->table, &k)) make = true;
        if (!make) continue;
        char *sql = dd_sql_out(nx->sql);
        dd_stmt(c, "%s;", sql);
        free(sql);
    }
    for (size_t i = 0; i < c->to->views.len; i++) {
        const dg_view *v = &c->to->views.items[i];
        const dg_view *ov = dg_lookup_view(&c->from_lk, v->name);
        if (ov && !is_dirty(c, ov->name)) continue;
        char *sql = dd_sql_out(v->sql);
        dd_stmt(c, "%s;", sql);
        free(sql);
    }
    for (size_t i = 0; i < c->to->triggers.len; i++) {
        const dg_trigger *t = &c->to->triggers.items[i];
        const dg_trigger *ot = dg_lookup_trigger(&c->from_lk, t->name);
        if (ot && !trigger_gone(c, ot)) continue;
        char *sql = dd_sql_out(t->sql);
        dd_stmt(c, "%s;", sql);
        free(sql);
    }
    dg_map_free(&rebuilt);
}

/* True when `from` has the same data statement (a folder that carried it). */
static bool data_in_from(const dd_ctx *c, const dg_data_stmt *ds)
{
    char *want = dd_canon(ds->sql, NULL, NULL);
    bool found = false;
    for (size_t i = 0; i < c->from->data.len && !found; i++) {
        char *have = dd_canon(c->from->data.items[i].sql, NULL, NULL);
        found = !strcmp(want, have);
        free(have);
    }
    free(want);
    return found;
}

/* The data statements of `to` (seed rows: INSERT ... VALUES) into the
 * tables this plan creates run after everything else.  The others cannot be placed (their
 * table exists already): reported when the plan changes something and
 * `from` does not hold the statement already.  Down plans carry none. */
static void data_statements(dd_ctx *c)
{
    size_t changes = c->p->stmts.len;
    for (size_t i = 0; i < c->to->data.len && !c->reverse; i++) {
        const dg_data_stmt *ds = &c->to->data.items[i];
        bool created = false;
        for (size_t k = 0; k < c->pairs.len && !created; k++)
            created = !c->pairs.items[k].o && !dg_strcasecmp_ascii(c->pairs.items[k].n->name, ds->table);
        if (created && ds->values) {
            char *sql = dd_sql_out(ds->sql);
            dd_stmt(c, "%s;", sql);
            free(sql);
        } else if (created) {
            dd_lint(c, DG_LINT_NOTE, DG_LINT_DATA_NOT_CARRIED,
                    "the data statement at %s:%d (into %s) is not carried: only INSERT ... VALUES statements "
                    "are (this one reads tables, which may not exist at this point of a migration)",
                    ds->loc.file ? ds->loc.file : "?", ds->loc.line, ds->table);
        } else if (changes && !data_in_from(c, ds)) {
            dd_lint(c, DG_LINT_NOTE, DG_LINT_DATA_NOT_CARRIED,
                    "the data statement at %s:%d (into %s) is not carried: a migration carries data "
                    "statements only into the tables it creates; write it into a migration by hand if needed",
                    ds->loc.file ? ds->loc.file : "?", ds->loc.line, ds->table);
        }
    }
}

/* SQLite: migrations run against the application's database, main: the
 * tables and indexes of attached in-memory schemas are not in it, and a
 * table of one (baz.users) is neither a table of main nor a rename of one.
 * `*view` is `s` without them, sharing everything but its two arrays
 * (main_only_free); true when it left something out. */
static bool main_only(const dg_schema *s, dg_schema *view)
{
    *view = *s;
    bool attached = false;
    for (size_t i = 0; i < s->tables.len; i++) attached |= s->tables.items[i].schema != NULL;
    for (size_t i = 0; i < s->indexes.len; i++) attached |= s->indexes.items[i].schema != NULL;
    if (s->engine != DG_ENGINE_SQLITE || !attached) return false;
    memset(&view->tables, 0, sizeof view->tables);
    memset(&view->indexes, 0, sizeof view->indexes);
    for (size_t i = 0; i < s->tables.len; i++)
        if (!s->tables.items[i].schema) DG_VEC_PUSH(&view->tables, s->tables.items[i]);
    for (size_t i = 0; i < s->indexes.len; i++)
        if (!s->indexes.items[i].schema) DG_VEC_PUSH(&view->indexes, s->indexes.items[i]);
    return true;
}

static void main_only_free(dg_schema *view, bool made)
{
    if (!made) return;
    DG_VEC_FREE(&view->tables);   /* the items are the schema's */
    DG_VEC_FREE(&view->indexes);
}

static void plan(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_plan *out);

void dg_diff_plan(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_plan *out)
{
    dg_schema f, t;
    bool mf = main_only(from, &f), mt = main_only(to, &t);
    plan(mf ? &f : from, mt ? &t : to, opts, out);
    main_only_free(&f, mf);
    main_only_free(&t, mt);
}

static void plan(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_plan *out)
{
    memset(out, 0, sizeof *out);
    dd_ctx c;
    memset(&c, 0, sizeof c);
    c.from = from;
    c.to = to;
    c.reverse = opts && opts->reverse;
    c.p = out;
    dg_map_init(&c.dirty_at, true);
    dg_schema_lookup_init(&c.from_lk, from);
    dg_schema_lookup_init(&c.to_lk, to);
    match_tables(&c);
    for (size_t k = 0; k < c.pairs.len; k++)
        if (c.pairs.items[k].o) dd_pair_analyse(&c, &c.pairs.items[k]);
    dd_pair_rebuild_children(&c);
    compute_dirty(&c);
    dd_lint_views(&c);
    for (size_t k = 0; k < c.pairs.len; k++) dd_lint_pair(&c, &c.pairs.items[k]);
    for (size_t i = 0; i < from->tables.len; i++)
        if (table_dropped(&c, from->tables.items[i].name))
            dd_lint_at(&c, dd_table_loc(c.reverse, &from->tables.items[i], NULL), DG_LINT_DESTRUCTIVE,
                       DG_LINT_DROP_TABLE, "table %s is dropped with its rows", from->tables.items[i].name);
    drop_dependents(&c);
    tables(&c);
    create_dependents(&c);
    data_statements(&c);
    for (size_t k = 0; k < c.pairs.len; k++) dd_pair_free(&c.pairs.items[k]);
    DG_VEC_FREE(&c.pairs);
    DG_VEC_FREE(&c.table_renames);
    dg_map_free(&c.dirty_at);
    dg_strings_free(&c.dirty);
    json_decref(c.pair_of_old);
    dg_schema_lookup_free(&c.from_lk);
    dg_schema_lookup_free(&c.to_lk);
}

void dg_plan_free(dg_plan *p)
{
    if (!p) return;
    dg_strings_free(&p->stmts);
    for (size_t i = 0; i < p->lints.len; i++) {
        free(p->lints.items[i].message);
        free((char *)p->lints.items[i].loc.file);
    }
    DG_VEC_FREE(&p->lints);
}

char *dg_plan_sql(const dg_plan *p, const char *header)
{
    dg_buf b = DG_BUF_INIT;
    if (header) dg_buf_puts(&b, header);
    for (size_t i = 0; i < p->stmts.len; i++)
        dg_buf_printf(&b, "%s%s\n", i ? "\n" : "", p->stmts.items[i]);
    return dg_buf_steal(&b);
}
