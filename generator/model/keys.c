/* dg_table_keys: the UNIQUE keys of a table, however they are declared
 * (PRIMARY KEY, UNIQUE column or constraint, UNIQUE index), as sets of its
 * columns: what the differ asks when a change may meet duplicate rows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Whether *out holds a key of k's columns and WHERE already (a column's
 * UNIQUE is also among the table's constraints). */
static bool known(const dg_keys *out, const dg_key *k)
{
    for (size_t i = 0; i < out->len; i++) {
        const dg_key *o = &out->items[i];
        if (o->cols.len == k->cols.len && !memcmp(o->cols.items, k->cols.items, k->cols.len * sizeof *k->cols.items) &&
            (o->where == k->where || (o->where && k->where && !strcmp(o->where, k->where))))
            return true;
    }
    return false;
}

/* Adds k to *out, or frees it when *out has it. */
static void add(dg_keys *out, dg_key k)
{
    qsort(k.cols.items, k.cols.len, sizeof *k.cols.items, cmp_int);
    if (known(out, &k)) DG_VEC_FREE(&k.cols);
    else DG_VEC_PUSH(out, k);
}

/* Adds a key of the columns named in `names` (n of them); none when one is
 * not a column of t. */
static void add_named(const dg_table *t, char *const *names, size_t n, const dg_index *ix, dg_loc loc,
                      dg_keys *out)
{
    dg_key k = {.where = ix ? ix->where : NULL, .what = ix ? "UNIQUE index" : "UNIQUE", .index = ix ? ix->name : NULL,
                .loc = loc};
    for (size_t i = 0; i < n; i++) {
        int ci = dg_table_column_index(t, names[i]);
        if (ci < 0) {
            DG_VEC_FREE(&k.cols);
            return;
        }
        DG_VEC_PUSH(&k.cols, ci);
    }
    add(out, k);
}

void dg_table_keys(const dg_schema_lookup *lk, const dg_table *t, dg_keys *out)
{
    int npk = dg_table_pk_count(t);
    if (npk > 0) {
        dg_key k = {.what = "PRIMARY KEY", .loc = t->columns.items[dg_table_pk_column(t, 1)].loc};
        for (int i = 1; i <= npk; i++) DG_VEC_PUSH(&k.cols, dg_table_pk_column(t, i));
        add(out, k);
    }
    for (size_t i = 0; i < t->columns.len; i++)
        if (t->columns.items[i].unique) {
            dg_key k = {.what = "UNIQUE", .loc = t->columns.items[i].loc};
            DG_VEC_PUSH(&k.cols, (int)i);
            add(out, k);
        }
    for (size_t i = 0; i < t->uniques.len; i++) {
        const dg_unique *u = &t->uniques.items[i];
        add_named(t, u->columns.items, u->columns.len, NULL, u->loc.file ? u->loc : t->loc, out);
    }
    for (size_t i = dg_lookup_first_index(lk, t); i != SIZE_MAX; i = dg_lookup_next_index(lk, i)) {
        const dg_index *ix = &lk->s->indexes.items[i];
        if (!ix->unique) continue;
        dg_strings names = {0};
        bool columns = true;
        for (size_t k = 0; k < ix->terms.len && columns; k++) {
            columns = ix->terms.items[k].column != NULL;
            if (columns) DG_VEC_PUSH(&names, ix->terms.items[k].column);
        }
        if (columns) add_named(t, names.items, names.len, ix, ix->loc.file ? ix->loc : t->loc, out);
        DG_VEC_FREE(&names);
    }
}

void dg_keys_free(dg_keys *k)
{
    if (!k) return;
    for (size_t i = 0; i < k->len; i++) DG_VEC_FREE(&k->items[i].cols);
    DG_VEC_FREE(k);
}
