/* Which item of the older side each item of the newer side continues
 * (tables of two schemas, or columns of two tables): renames first, then
 * names.  One rule for both directions of a plan and for tables and
 * columns alike, so that a swap, a chain or a new item taking an old name
 * maps every value to where it belongs.
 *
 * The rule (docs/migrations.md "Renames"):
 *  - a newer item annotated `@renamed_from X` claims the older item X when X
 *    exists on the older side and is not claimed by an earlier annotation;
 *  - an annotation the older side already carries on the item of the same
 *    name (same value) has been applied before: it is ignored (the stored
 *    schema of a swapped table records it, so a swap does not swap back);
 *  - a claim by an item whose own name exists on the older side holds only
 *    when that older item is itself claimed by another holding claim (swaps
 *    and chains), or when the newer side has no item named like the claimed
 *    one (a rename onto the name of a dropped item); a stale annotation left
 *    in a schema after its rename, with the old name in use again, does not:
 *    the greatest set of claims closed under this rule;
 *  - every other newer item continues the older item of its name, unless a
 *    claim took that item (then it is new). */
#include <stdlib.h>
#include <string.h>

#include "analysis/diff/diff_int.h"

/* Below this many names a scan is cheaper than a map. */
#define DD_MAP_MIN 16

static int find_name(const dd_names *s, const char *name)
{
    size_t at;
    if (s->n >= DD_MAP_MIN) return dg_map_get(&s->at, name, &at) ? (int)at : -1;
    for (size_t i = 0; i < s->n; i++)
        if (!dg_strcasecmp_ascii(s->name[i], name)) return (int)i;
    return -1;
}

static bool same_text(const char *a, const char *b)
{
    return a && b && !dg_strcasecmp_ascii(a, b);
}

/* The older item newer[i]'s annotation claims, or -1. */
static int claim_of(const dd_names *older, const dd_names *newer, size_t i, const int *claimed_by)
{
    const char *rf = newer->rf[i];
    if (!rf || !*rf || !dg_strcasecmp_ascii(rf, newer->name[i]) || dd_is_ignored_table(rf)) return -1;
    int j = find_name(older, rf);
    if (j < 0 || claimed_by[j] >= 0) return -1;
    int same = find_name(older, newer->name[i]);
    if (same >= 0 && same_text(older->rf[same], rf)) return -1;   /* applied before */
    return j;
}

void dd_match_names(const dd_names *older, const dd_names *newer, int *map)
{
    int *edge = dg_xmalloc((newer->n + 1) * sizeof *edge);
    int *claimed_by = dg_xmalloc((older->n + 1) * sizeof *claimed_by);
    for (size_t j = 0; j < older->n; j++) claimed_by[j] = -1;
    for (size_t i = 0; i < newer->n; i++) {
        edge[i] = claim_of(older, newer, i, claimed_by);
        if (edge[i] >= 0) claimed_by[edge[i]] = (int)i;
    }
    for (bool again = true; again;) {   /* drop claims whose own older name stays put */
        again = false;
        for (size_t i = 0; i < newer->n; i++) {
            if (edge[i] < 0) continue;
            int own = find_name(older, newer->name[i]);
            if (own < 0 || claimed_by[own] >= 0 || find_name(newer, older->name[edge[i]]) < 0) continue;
            claimed_by[edge[i]] = -1;
            edge[i] = -1;
            again = true;
        }
    }
    for (size_t i = 0; i < newer->n; i++) {
        int own = find_name(older, newer->name[i]);
        map[i] = edge[i] >= 0 ? edge[i] : own >= 0 && claimed_by[own] < 0 ? own : -1;
    }
    free(edge);
    free(claimed_by);
}

bool dd_match_in_cycle(const dd_names *older, const dd_names *newer, const int *map, size_t i)
{
    size_t k = i;
    for (size_t steps = 0; steps <= newer->n; steps++) {
        if (map[k] < 0) return false;
        int next = find_name(newer, older->name[map[k]]);   /* the newer item now holding that name */
        if (next < 0 || map[next] < 0 || (size_t)next == k) return false;
        if ((size_t)next == i) return true;
        k = (size_t)next;
    }
    return false;
}

/* The first of each folded name, as find_name's scan finds it. */
static void index_names(dd_names *s)
{
    dg_map_init(&s->at, true);
    for (size_t i = 0; i < s->n && s->n >= DD_MAP_MIN; i++) dg_map_put(&s->at, s->name[i], i);
}

void dd_names_free(dd_names *s)
{
    dg_map_free(&s->at);
    for (size_t i = 0; i < s->own.len; i++) free(s->own.items[i]);
    DG_VEC_FREE(&s->own);
    free(s->name);
    free(s->rf);
    memset(s, 0, sizeof *s);
}

const char *dd_history_rename(const dg_schema *s, const char *table, const char *name)
{
    for (size_t i = s->renames.len; i-- > 0;) {
        const dg_rename_stmt *r = &s->renames.items[i];
        if (!r->table != !table || (table && dg_strcasecmp_ascii(r->table, table))) continue;
        if (!dg_strcasecmp_ascii(r->new_name, name)) return r->old_name;
    }
    return NULL;
}

char *dd_rename_source(const char *value)
{
    if (*value != '"') return dg_xstrdup(value);
    dg_buf b = DG_BUF_INIT;
    const char *p = value;
    for (;;) {
        if (*p != '"') break;   /* each part is quoted */
        for (p++;; p++) {
            if (!*p) break;
            if (*p == '"' && p[1] != '"') break;
            if (*p == '"') p++;   /* "" is one quote */
            dg_buf_putc(&b, *p);
        }
        if (*p != '"') break;
        if (*++p == '\0') return dg_buf_steal(&b);
        if (*p++ != '.') break;
        dg_buf_putc(&b, '.');
    }
    dg_buf_free(&b);
    return dg_xstrdup(value);   /* no quoted name: as written */
}

/* out->rf[i] = the name value `rf` gives (NULL stays NULL). */
static void set_rf(dd_names *out, size_t i, const char *rf)
{
    if (!rf) return;
    DG_VEC_PUSH(&out->own, dd_rename_source(rf));
    out->rf[i] = out->own.items[out->own.len - 1];
}

void dd_names_of_tables(const dg_schema *s, dd_names *out)
{
    out->n = s->tables.len;
    out->name = dg_xcalloc(out->n + 1, sizeof *out->name);
    out->rf = dg_xcalloc(out->n + 1, sizeof *out->rf);
    memset(&out->own, 0, sizeof out->own);
    for (size_t i = 0; i < out->n; i++) {
        const dg_table *t = &s->tables.items[i];
        const char *rf = dg_annotation_get(&t->annotations, "renamed_from");
        out->name[i] = t->name;
        if (dd_is_ignored_table(t->name)) continue;
        if (rf) set_rf(out, i, rf);
        else out->rf[i] = dd_history_rename(s, NULL, t->name);
    }
    index_names(out);
}

void dd_names_of_columns(const dg_schema *s, const dg_table *t, dd_names *out)
{
    out->n = t->columns.len;
    out->name = dg_xcalloc(out->n + 1, sizeof *out->name);
    out->rf = dg_xcalloc(out->n + 1, sizeof *out->rf);
    memset(&out->own, 0, sizeof out->own);
    for (size_t i = 0; i < out->n; i++) {
        const char *rf = dg_annotation_get(&t->columns.items[i].annotations, "renamed_from");
        out->name[i] = t->columns.items[i].name;
        if (rf) set_rf(out, i, rf);
        else out->rf[i] = dd_history_rename(s, t->name, t->columns.items[i].name);
    }
    index_names(out);
}

bool dd_rename_unknown(const dd_names *older, const dd_names *newer, const int *map, size_t i)
{
    const char *rf = newer->rf[i];
    return map[i] < 0 && rf && *rf && dg_strcasecmp_ascii(rf, newer->name[i]) != 0 && !dd_is_ignored_table(rf) &&
           find_name(older, rf) < 0;
}

/* map[i of `to`] from a match computed the other way round (down plans:
 * `from` is the newer side). */
void dd_match_sides(const dd_names *from, const dd_names *to, bool reverse, int *map)
{
    if (!reverse) {
        dd_match_names(from, to, map);
        return;
    }
    int *back = dg_xmalloc((from->n + 1) * sizeof *back);
    dd_match_names(to, from, back);
    for (size_t i = 0; i < to->n; i++) map[i] = -1;
    for (size_t k = 0; k < from->n; k++)
        if (back[k] >= 0) map[back[k]] = (int)k;
    free(back);
}
