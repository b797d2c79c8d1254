#include "analysis/apidiff/apidiff.h"

#include <string.h>

static bool same_key(const dg_api_item *a, const dg_api_item *b)
{
    return !strcmp(a->name, b->name) && !strcmp(a->owner ? a->owner : "", b->owner ? b->owner : "");
}

static const dg_api_item *find(const dg_api_items *v, const dg_api_item *like)
{
    for (size_t i = 0; i < v->len; i++)
        if (same_key(&v->items[i], like)) return &v->items[i];
    return NULL;
}

/* Where the report goes, and what starts each of its lines. */
typedef struct report {
    FILE       *out;
    const char *pfx;
} report;

static void where(FILE *out, const dg_api_item *it)
{
    fprintf(out, "%s:%d: ", it->loc.file ? it->loc.file : "?", it->loc.line);
}

static void heading(const report *r, int kind, const char *what, int n)
{
    fprintf(r->out, "%s%s %s (%d):\n", r->pfx, dg_api_kind_name(kind), what, n);
}

/* Items of `a` missing from `b`: removed (a = old) or added (a = new). */
static int missing(const report *r, int kind, const dg_api_items *a, const dg_api_items *b, const char *what)
{
    int n = 0;
    for (size_t i = 0; i < a->len; i++) n += find(b, &a->items[i]) == NULL;
    if (!n) return 0;
    heading(r, kind, what, n);
    for (size_t i = 0; i < a->len; i++) {
        if (find(b, &a->items[i])) continue;
        fprintf(r->out, "%s  ", r->pfx);
        where(r->out, &a->items[i]);
        fprintf(r->out, "%s\n", a->items[i].text);
    }
    return n;
}

static int changed(const report *r, int kind, const dg_api_items *old_v, const dg_api_items *new_v)
{
    int n = 0;
    for (size_t i = 0; i < new_v->len; i++) {
        const dg_api_item *o = find(old_v, &new_v->items[i]);
        n += o && strcmp(o->type, new_v->items[i].type) != 0;
    }
    if (!n) return 0;
    heading(r, kind, kind == DG_API_FIELDS ? "retyped" : "changed", n);
    for (size_t i = 0; i < new_v->len; i++) {
        const dg_api_item *nw = &new_v->items[i], *o = find(old_v, nw);
        if (!o || !strcmp(o->type, nw->type)) continue;
        fprintf(r->out, "%s  ", r->pfx);
        where(r->out, nw);
        fprintf(r->out, "%s\n%s    was ", nw->text, r->pfx);
        where(r->out, o);
        fprintf(r->out, "%s\n", o->text);
    }
    return n;
}

void dg_api_diff_prefixed(const dg_api *old_api, const dg_api *new_api, const char *prefix, FILE *out,
                          dg_api_diff_counts *counts)
{
    report r = {out, prefix ? prefix : ""};
    dg_api_diff_counts c = {0, 0, 0};
    for (int k = 0; k < DG_API_KINDS; k++) {
        c.removed += missing(&r, k, &old_api->items[k], &new_api->items[k], "removed");
        c.changed += changed(&r, k, &old_api->items[k], &new_api->items[k]);
        c.added += missing(&r, k, &new_api->items[k], &old_api->items[k], "added");
    }
    if (c.added + c.removed + c.changed == 0)
        fprintf(out, "%sno API differences\n", r.pfx);
    else
        fprintf(out, "%s%d removed, %d changed, %d added%s\n", r.pfx, c.removed, c.changed, c.added,
                c.removed + c.changed ? ": breaking" : "");
    if (counts) *counts = c;
}

void dg_api_diff(const dg_api *old_api, const dg_api *new_api, FILE *out, dg_api_diff_counts *counts)
{
    dg_api_diff_prefixed(old_api, new_api, NULL, out, counts);
}

int dg_api_diff_headers_args(const char *old_h, const char *new_h, const dg_strings *clang_args, FILE *out,
                             dg_diags *d)
{
    dg_api a, b;
    int ra = dg_api_load(old_h, clang_args, &a, d);
    int rb = dg_api_load(new_h, clang_args, &b, d);
    int rc = -1;
    if (ra == 0 && rb == 0) {
        dg_api_diff_counts c;
        dg_api_diff(&a, &b, out, &c);
        rc = c.removed + c.changed > 0;
    }
    dg_api_free(&a);
    dg_api_free(&b);
    return rc;
}

int dg_api_diff_headers(const char *old_h, const char *new_h, FILE *out, dg_diags *d)
{
    return dg_api_diff_headers_args(old_h, new_h, NULL, out, d);
}
