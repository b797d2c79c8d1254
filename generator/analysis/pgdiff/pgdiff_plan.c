/* pgdiff_plan.c - dg_pgdiff_plan: the analyses in the order their
 * decisions need (enums before the columns that use them, tables before
 * what depends on them), then the phases joined (pgdiff_int.h). */
#include <stdlib.h>
#include <string.h>

#include "analysis/pgdiff/pgdiff_int.h"

/* The phases in order; ALTER TYPE ... ADD VALUE in a no-transaction
 * section before the rest. */
static void join(pd_ctx *c)
{
    bool notx = c->phase[PD_ADD_LABEL].len > 0, first_tx = true;
    for (int ph = 0; ph < PD_NPHASES; ph++) {
        dg_strings *v = &c->phase[ph];
        for (size_t i = 0; i < v->len; i++) {
            char *s = v->items[i];
            if (ph == PD_ADD_LABEL && i == 0) s = dg_xprintf("%s\n%s", DG_PGDIFF_NO_TX, v->items[i]), free(v->items[i]);
            else if (ph != PD_ADD_LABEL && notx && first_tx) {
                s = dg_xprintf("%s\n%s", DG_PGDIFF_TX, v->items[i]);
                free(v->items[i]);
                first_tx = false;
            }
            DG_VEC_PUSH(&c->p->stmts, s);
        }
        DG_VEC_FREE(v);
    }
}

void dg_pgdiff_plan(const dg_schema *from, const dg_schema *to, const dg_pgdiff_opts *opts, dg_plan *out)
{
    memset(out, 0, sizeof *out);
    pd_ctx c;
    memset(&c, 0, sizeof c);
    c.from = from;
    c.to = to;
    c.reverse = opts && opts->reverse;
    c.p = out;
    pd_match(&c);
    pd_types(&c);
    pd_tables(&c);
    pd_constraints(&c);
    pd_indexes(&c);
    pd_sequences(&c);
    pd_dependents(&c);
    pd_comments(&c);
    join(&c);
    pd_pairs_free(&c);
    dg_strings_free(&c.rebuilt_enums);
}
