/* pgdiff_match.c - which table and column of `from` each one of `to`
 * continues.  The decision is the SQLite differ's (diff_match.c: renames
 * from `@renamed_from`, swaps, chains, a new item taking an old name); here
 * only the names are PostgreSQL's: tables are schema-qualified, and a
 * `@renamed_from old` without a schema names a table of the same schema.
 * The sources' `ALTER TABLE ... RENAME` statements count as annotations
 * where an item has none (a migration history as a side). */
#include <stdlib.h>
#include <string.h>

#include "analysis/pgdiff/pgdiff_int.h"

/* The qualified names of s's tables and their qualified annotations (owned
 * by `keep`, freed by the caller). */
static void table_names(const dg_schema *s, dd_names *out, dg_strings *keep)
{
    out->n = s->tables.len;
    out->name = dg_xcalloc(out->n + 1, sizeof *out->name);
    out->rf = dg_xcalloc(out->n + 1, sizeof *out->rf);
    for (size_t i = 0; i < out->n; i++) DG_VEC_PUSH(keep, pd_qualified(s->tables.items[i].schema, s->tables.items[i].name));
    for (size_t i = 0; i < out->n; i++) {
        const dg_table *t = &s->tables.items[i];
        const char *rf = dg_annotation_get(&t->annotations, "renamed_from");
        if (!rf) rf = dd_history_rename(s, NULL, t->name);   /* an ALTER TABLE ... RENAME TO of the sources */
        out->name[i] = keep->items[i];
        if (dd_is_ignored_table(t->name)) continue;
        if (!rf || !*rf) continue;
        char *src = dd_rename_source(rf);   /* "s"."t" is s.t */
        DG_VEC_PUSH(keep, strchr(src, '.') ? dg_xstrdup(src) : pd_qualified(t->schema, src));
        free(src);
        out->rf[i] = keep->items[keep->len - 1];
    }
    dg_map_init(&out->at, true);
    for (size_t i = 0; i < out->n && out->n >= 16; i++) dg_map_put(&out->at, out->name[i], i);
}

static void match_columns(pd_ctx *c, pd_pair *pr)
{
    dd_names on, nn;
    dd_names_of_columns(c->from, pr->o, &on);
    dd_names_of_columns(c->to, pr->n, &nn);
    pr->col_map = dg_xcalloc(pr->n->columns.len + 1, sizeof *pr->col_map);
    dd_match_sides(&on, &nn, c->reverse, pr->col_map);
    for (size_t i = 0; i < pr->n->columns.len && !c->reverse; i++)
        if (dd_rename_unknown(&on, &nn, pr->col_map, i))
            dd_lint_rename_unknown(c->p, &pr->n->columns.items[i].annotations, pr->n->name, pr->o->name,
                                   pr->n->columns.items[i].name);
    for (size_t i = 0; i < pr->n->columns.len; i++) {
        if (pr->col_map[i] < 0) continue;
        dd_rename r = {pr->o->columns.items[pr->col_map[i]].name, pr->n->columns.items[i].name};
        DG_VEC_PUSH(&pr->col_renames, r);
    }
    dd_names_free(&on);
    dd_names_free(&nn);
}

void pd_match(pd_ctx *c)
{
    dd_names fn = {0}, tn = {0};
    dg_strings keep_f = {0}, keep_t = {0};
    table_names(c->from, &fn, &keep_f);
    table_names(c->to, &tn, &keep_t);
    int *map = dg_xcalloc(c->to->tables.len + 1, sizeof *map);
    dd_match_sides(&fn, &tn, c->reverse, map);
    c->pair_of_old = dg_xmalloc((c->from->tables.len + 1) * sizeof *c->pair_of_old);
    for (size_t i = 0; i < c->from->tables.len; i++) c->pair_of_old[i] = -1;
    for (size_t i = 0; i < c->to->tables.len; i++) {
        pd_pair *pr = DG_VEC_ADD(&c->pairs);
        pr->n = &c->to->tables.items[i];
        if (!c->reverse && dd_rename_unknown(&fn, &tn, map, i))
            dd_lint_rename_unknown(c->p, &pr->n->annotations, tn.name[i], NULL, NULL);
        if (map[i] < 0) continue;
        pr->o = &c->from->tables.items[map[i]];
        c->pair_of_old[map[i]] = (int)i;
        if (strcmp(pr->o->name, pr->n->name) != 0) {
            dd_rename r = {pr->o->name, pr->n->name};
            DG_VEC_PUSH(&c->table_renames, r);
        }
        match_columns(c, pr);
    }
    free(map);
    dd_names_free(&fn);
    dd_names_free(&tn);
    dg_strings_free(&keep_f);
    dg_strings_free(&keep_t);
}

pd_pair *pd_pair_of_old(pd_ctx *c, const dg_table *o)
{
    size_t i = (size_t)(o - c->from->tables.items);
    if (i >= c->from->tables.len || c->pair_of_old[i] < 0) return NULL;
    return &c->pairs.items[c->pair_of_old[i]];
}

const char *pd_new_column(pd_ctx *c, const dg_table *o, const char *col)
{
    pd_pair *pr = pd_pair_of_old(c, o);
    if (!pr) return NULL;
    for (size_t i = 0; i < pr->n->columns.len; i++)
        if (pr->col_map[i] >= 0 && !strcmp(pr->o->columns.items[pr->col_map[i]].name, col))
            return pr->n->columns.items[i].name;
    return NULL;
}

void pd_pairs_free(pd_ctx *c)
{
    for (size_t i = 0; i < c->pairs.len; i++) {
        free(c->pairs.items[i].col_map);
        DG_VEC_FREE(&c->pairs.items[i].col_renames);
    }
    DG_VEC_FREE(&c->pairs);
    DG_VEC_FREE(&c->table_renames);
    free(c->pair_of_old);
}
