/* pgdiff_plan.c - dg_pgdiff_plan: the analyses in the order their
 * decisions need (enums before the columns that use them, tables before
 * what depends on them), then the phases joined (pgdiff_int.h). */
#include <stdlib.h>
#include <string.h>

#include "analysis/pgdiff/pgdiff_int.h"

/* --online: every section under a lock_timeout (SET LOCAL in the
 * transaction; in the last section for its session, reset at its end). */
static void online_timeouts(pd_ctx *c)
{
    bool tx = false;
    for (int ph = PD_ADD_LABEL + 1; ph < PD_ONLINE; ph++) tx = tx || c->phase[ph].len > 0;
    if (tx) {
        dg_strings *v = &c->phase[PD_ADD_LABEL + 1];
        DG_VEC_GROW(v);
        memmove(v->items + 1, v->items, v->len * sizeof *v->items);
        v->items[0] = dg_xstrdup("SET LOCAL lock_timeout = " PD_LOCK_TIMEOUT ";");
        v->len++;
    }
    dg_strings *o = &c->phase[PD_ONLINE];
    if (!o->len) return;
    DG_VEC_GROW(o);
    memmove(o->items + 1, o->items, o->len * sizeof *o->items);
    o->items[0] = dg_xstrdup("SET lock_timeout = " PD_LOCK_TIMEOUT ";");
    o->len++;
    pd_stmt(c, PD_ONLINE, "RESET lock_timeout;");
}

/* The phases in order; ALTER TYPE ... ADD VALUE in a no-transaction
 * section before the rest, --online's after it. */
static void join(pd_ctx *c)
{
    bool notx = c->phase[PD_ADD_LABEL].len > 0, first_tx = true;
    if (c->online) online_timeouts(c);
    for (int ph = 0; ph < PD_NPHASES; ph++) {
        dg_strings *v = &c->phase[ph];
        for (size_t i = 0; i < v->len; i++) {
            char *s = v->items[i];
            if ((ph == PD_ADD_LABEL || ph == PD_ONLINE) && i == 0)
                s = dg_xprintf("%s\n%s", DG_PGDIFF_NO_TX, v->items[i]), free(v->items[i]);
            else if (ph != PD_ADD_LABEL && ph != PD_ONLINE && notx && first_tx) {
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
    c.online = opts && opts->online;
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
