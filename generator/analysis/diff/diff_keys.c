/* DATA_DEPENDENT: a change that fails on some rows of an existing table
 * (the apply stops and is rolled back): a UNIQUE key meets rows it did not
 * constrain before (a new key, one narrower than before, or a key column
 * whose NULLs, which never collide, are filled with one default), a new
 * CHECK, a new FOREIGN KEY.
 * Shared by the SQLite and the PostgreSQL planners; a key is what
 * dg_table_keys says, however it is declared. */
#include <stdlib.h>
#include <string.h>

#include "analysis/diff/diff_int.h"

/* The column names of key k of t, "a, b". Caller frees. */
static char *key_names(const dg_table *t, const dg_key *k)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < k->cols.len; i++)
        dg_buf_printf(&b, "%s%s", i ? ", " : "", t->columns.items[k->cols.items[i]].name);
    return dg_buf_steal(&b);
}

/* The key of o whose rows already kept key k of pr->n, or NULL: a key of
 * a subset of k's columns (carried through renames), without a WHERE or
 * with k's, none of whose columns narrows or changes collation (which
 * could make two kept values equal). */
static const dg_key *key_kept_by(const dd_data_pair *pr, const dg_key *k, const dg_keys *old)
{
    int *want = dg_xmalloc(k->cols.len * sizeof *want);
    for (size_t i = 0; i < k->cols.len; i++) {
        const dg_column *nc = &pr->n->columns.items[k->cols.items[i]];
        want[i] = pr->col_map[k->cols.items[i]];
        const dg_column *oc = want[i] < 0 ? NULL : &pr->o->columns.items[want[i]];
        if (oc && !(pr->keeps(oc, nc) && dd_same_sql(oc->collation, nc->collation)))
            want[i] = -1;   /* values may meet: no old key of it counts */
    }
    const dg_key *by = NULL;
    for (size_t j = 0; j < old->len && !by; j++) {
        const dg_key *ok = &old->items[j];
        bool sub = !ok->where || (k->where && dd_same_sql(ok->where, k->where));
        for (size_t m = 0; m < ok->cols.len && sub; m++) {
            sub = false;
            for (size_t i = 0; i < k->cols.len && !sub; i++) sub = want[i] == ok->cols.items[m];
        }
        if (sub) by = ok;
    }
    free(want);
    return by;
}

/* Whether a column key k adds gives every row a value of its own: NULL
 * (NULLs never collide), a new rowid, or a sequence's next value. */
static bool adds_fresh_column(const dd_data_pair *pr, const dg_key *k)
{
    for (size_t i = 0; i < k->cols.len; i++) {
        const dg_column *nc = &pr->n->columns.items[k->cols.items[i]];
        if (pr->col_map[k->cols.items[i]] >= 0 || nc->generated != DG_GEN_NONE) continue;
        bool rowid = k->cols.len == 1 && nc->pk && !pr->n->module && !pr->n->schema && dg_table_has_rowid_alias(pr->n);
        bool sequence = (nc->pg && nc->pg->identity) || (nc->default_sql && !strncmp(nc->default_sql, "nextval(", 8));
        if (rowid || sequence || (!nc->not_null && dd_is_null_default(nc->default_sql))) return true;
    }
    return false;
}

/* A NULL of a column of `by` (which let many rows hold NULL) filled with
 * the column's new default: two such rows then collide in key k. */
static void lint_filled(dg_plan *p, bool reverse, const dd_data_pair *pr, const dg_key *k, const dg_key *by,
                        const char *names)
{
    for (size_t m = 0; m < by->cols.len; m++) {
        const dg_column *oc = &pr->o->columns.items[by->cols.items[m]];
        const dg_column *nc = NULL;
        for (size_t i = 0; i < k->cols.len && !nc; i++)
            if (pr->col_map[k->cols.items[i]] == by->cols.items[m]) nc = &pr->n->columns.items[k->cols.items[i]];
        if (!nc->not_null || oc->not_null || dd_is_null_default(nc->default_sql) || nc->generated != DG_GEN_NONE)
            continue;
        dg_plan_lint(p, dd_column_loc(reverse, pr->o, oc, pr->n, nc), DG_LINT_NOTE, DG_LINT_DATA_DEPENDENT,
                     "NULLs in %s.%s become its default and %s%s%s (%s) holds it: the migration fails when "
                     "two rows then hold the same values in it",
                     pr->n->name, nc->name, k->what, k->index ? " " : "", k->index ? k->index : "", names);
        return;
    }
}

/* DATA_DEPENDENT: a UNIQUE key the existing rows may break, so that the
 * migration fails on some databases (and is rolled back) */
/* A CHECK of n whose text (renames carried) o did not have, over a column
 * o had: a row may not satisfy it. */
static void lint_checks(dg_plan *p, const dd_data_pair *pr)
{
    dg_strings old = {0};
    for (size_t i = 0; i < pr->o->checks.len; i++)
        DG_VEC_PUSH(&old, dd_canon_in_table(pr->o->checks.items[i].expr, pr->col_renames, pr->table_renames, pr->o));
    for (size_t i = 0; i < pr->n->checks.len; i++) {
        const dg_check *k = &pr->n->checks.items[i];
        char *e = dd_canon_in_table(k->expr, NULL, NULL, pr->n);
        bool had = false, on_old_column = false;
        for (size_t j = 0; j < old.len && !had; j++) had = !strcmp(old.items[j], e);
        for (size_t j = 0; j < pr->n->columns.len && !on_old_column; j++)
            on_old_column = pr->col_map[j] >= 0 && dd_mentions(k->expr, pr->n->columns.items[j].name);
        if (!had && on_old_column)
            dg_plan_lint(p, k->loc.file ? k->loc : pr->n->loc, DG_LINT_NOTE, DG_LINT_DATA_DEPENDENT,
                         "CHECK (%s) is new to the rows of table %s: the migration fails when one of them does "
                         "not satisfy it", k->expr, pr->n->name);
        free(e);
    }
    for (size_t j = 0; j < old.len; j++) free(old.items[j]);
    DG_VEC_FREE(&old);
}

/* Whether o had a foreign key of fk's child columns (renames carried) to
 * the same parent table. */
static bool fk_was_there(const dd_data_pair *pr, const dg_foreign_key *fk)
{
    for (size_t i = 0; i < pr->o->foreign_keys.len; i++) {
        const dg_foreign_key *of = &pr->o->foreign_keys.items[i];
        const char *parent = dd_rename_lookup(pr->table_renames, of->table);
        bool same = of->columns.len == fk->columns.len && !dg_strcasecmp_ascii(parent ? parent : of->table, fk->table);
        for (size_t k = 0; k < fk->columns.len && same; k++) {
            const char *c = dd_rename_lookup(pr->col_renames, of->columns.items[k]);
            same = !dg_strcasecmp_ascii(c ? c : of->columns.items[k], fk->columns.items[k]);
        }
        if (same) return true;
    }
    return false;
}

/* A foreign key o did not have over a column o had: a row's value may
 * have no parent row (the runner's foreign-key check fails). */
static void lint_fks(dg_plan *p, const dd_data_pair *pr)
{
    for (size_t i = 0; i < pr->n->foreign_keys.len; i++) {
        const dg_foreign_key *fk = &pr->n->foreign_keys.items[i];
        bool on_old_column = true;
        for (size_t k = 0; k < fk->columns.len && on_old_column; k++) {
            int ci = dg_table_column_index(pr->n, fk->columns.items[k]);
            on_old_column = ci >= 0 && pr->col_map[ci] >= 0;
        }
        if (!on_old_column || fk_was_there(pr, fk)) continue;
        dg_buf b = DG_BUF_INIT;
        for (size_t k = 0; k < fk->columns.len; k++) dg_buf_printf(&b, "%s%s", k ? ", " : "", fk->columns.items[k]);
        dg_plan_lint(p, pr->n->loc, DG_LINT_NOTE, DG_LINT_DATA_DEPENDENT,
                     "FOREIGN KEY (%s) REFERENCES %s is new to the rows of table %s: the migration fails when "
                     "one of them has no parent row", b.data, fk->table, pr->n->name);
        dg_buf_free(&b);
    }
}

void dd_lint_data(dg_plan *p, bool reverse, const dg_schema_lookup *from_lk, const dg_schema_lookup *to_lk,
                  const dd_data_pair *pr)
{
    const dg_table *n = pr->n;
    lint_checks(p, pr);
    lint_fks(p, pr);
    dg_keys nk = {0}, ok = {0};
    dg_table_keys(to_lk, n, &nk);
    dg_table_keys(from_lk, pr->o, &ok);
    for (size_t i = 0; i < nk.len; i++) {
        const dg_key *k = &nk.items[i];
        char *names = key_names(pr->n, k);
        const dg_key *by = key_kept_by(pr, k, &ok);
        if (!by && !adds_fresh_column(pr, k))
            dg_plan_lint(p, k->loc, DG_LINT_NOTE, DG_LINT_DATA_DEPENDENT,
                         "%s%s%s (%s) is new to the rows of table %s: the migration fails when two of them hold "
                         "the same values in it",
                         k->what, k->index ? " " : "", k->index ? k->index : "", names, n->name);
        else if (by)
            lint_filled(p, reverse, pr, k, by, names);
        free(names);
    }
    dg_keys_free(&nk);
    dg_keys_free(&ok);
}

