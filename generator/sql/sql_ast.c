/* sql_ast.c - the AST's memory pool, its release, and walking expressions. */
#include "sql/sql_parse.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

typedef union pool_hdr {
    union pool_hdr *next;
    long double align_ld;
    void *align_p;
    long long align_ll;
} pool_hdr;

struct dg_ast_pool { pool_hdr *head; };

dg_ast_pool *dg_pool_new(void) { return dg_xcalloc(1, sizeof(dg_ast_pool)); }

void *dg_pool_alloc(dg_ast_pool *p, size_t n)
{
    pool_hdr *h = dg_xcalloc(1, sizeof *h + n);
    h->next = p->head;
    p->head = h;
    return h + 1;
}

char *dg_pool_strndup(dg_ast_pool *p, const char *s, size_t n)
{
    char *r = dg_pool_alloc(p, n + 1);
    memcpy(r, s, n);
    return r;
}

void dg_pool_free(dg_ast_pool *p)
{
    if (!p) return;
    for (pool_hdr *h = p->head; h;) {
        pool_hdr *n = h->next;
        free(h);
        h = n;
    }
    free(p);
}

void dg_sql_ast_free(dg_sql_ast *a)
{
    if (!a) return;
    dg_pool_free(a->pool);
    free(a);
}

/* ---- walking ---- */

static void walk_window(dg_window *w, dg_expr_visit_fn fn, void *ctx)
{
    if (!w) return;
    for (size_t i = 0; i < w->partition.len; i++) dg_expr_walk(w->partition.items[i], fn, ctx);
    for (size_t i = 0; i < w->order.len; i++) dg_expr_walk(w->order.items[i].expr, fn, ctx);
    dg_expr_walk(w->frame_start, fn, ctx);
    dg_expr_walk(w->frame_end, fn, ctx);
}

void dg_expr_walk(dg_expr *e, dg_expr_visit_fn fn, void *ctx)
{
    if (!e) return;
    fn(e, ctx);
    dg_expr_walk(e->base, fn, ctx);
    for (size_t i = 0; i < e->args.len; i++) dg_expr_walk(e->args.items[i], fn, ctx);
    dg_expr_walk(e->else_expr, fn, ctx);
    dg_expr_walk(e->filter, fn, ctx);
    walk_window(e->over, fn, ctx);
}
