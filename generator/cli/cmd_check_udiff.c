/* cmd_check_udiff.c - Myers' O(ND) line diff printed as a unified diff. */
#include "cli/cmd_check_udiff.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/vec.h"

/* Past this many differences (D) the middle is shown as one change: the
 * trace of Myers' algorithm takes O(D^2) memory. */
#define MAX_EDIT_COST 1000

typedef struct line {
    const char *s;
    size_t      len;    /* without the newline */
    bool        nl;     /* ends with '\n' */
    uint64_t    hash;
} line;

typedef DG_VEC(line) lines;

typedef enum { OP_KEEP, OP_DEL, OP_INS } op_kind;

typedef struct op {
    op_kind kind;
    size_t  a;   /* index of the a line (KEEP, DEL) */
    size_t  b;   /* index of the b line (KEEP, INS) */
} op;

typedef DG_VEC(op) ops;

static void split_lines(const char *s, size_t n, lines *out)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        line *l = DG_VEC_ADD(out);
        l->s = s + i;
        l->len = end - i;
        l->nl = nl != NULL;
        l->hash = 1469598103934665603u;   /* FNV-1a */
        for (size_t k = 0; k < l->len; k++) l->hash = (l->hash ^ (unsigned char)l->s[k]) * 1099511628211u;
        i = nl ? end + 1 : n;
    }
}

static bool line_eq(const line *x, const line *y)
{
    return x->hash == y->hash && x->len == y->len && x->nl == y->nl && !memcmp(x->s, y->s, x->len);
}

static void push_op(ops *o, op_kind k, size_t a, size_t b)
{
    op *p = DG_VEC_ADD(o);
    p->kind = k;
    p->a = a;
    p->b = b;
}

/* Appends the edit script of a[a0..a0+n) -> b[b0..b0+m) to `o`; returns
 * false (appending nothing) when it costs more than MAX_EDIT_COST. */
static bool myers(const lines *A, size_t a0, size_t n, const lines *B, size_t b0, size_t m, ops *o)
{
    long max = (long)(n + m), off = max + 1;
    if (max > MAX_EDIT_COST) max = MAX_EDIT_COST;
    long *v = dg_xcalloc((size_t)(2 * off + 2), sizeof *v);
    DG_VEC(long *) trace = {0};
    long found = -1;
    for (long d = 0; d <= max && found < 0; d++) {
        long *snap = dg_xmalloc((size_t)(2 * d + 3) * sizeof *snap);
        memcpy(snap, v + off - d - 1, (size_t)(2 * d + 3) * sizeof *snap);
        DG_VEC_PUSH(&trace, snap);
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                               : v[off + k - 1] + 1;
            long y = x - k;
            while (x < (long)n && y < (long)m && line_eq(&A->items[a0 + (size_t)x], &B->items[b0 + (size_t)y]))
                x++, y++;
            v[off + k] = x;
            if (x >= (long)n && y >= (long)m) {
                found = d;
                break;
            }
        }
    }
    free(v);
    if (found >= 0) {
        /* Walk back through the snapshots; snapshot d holds v[-d-1..d+1] before step d. */
        ops rev = {0};
        long x = (long)n, y = (long)m;
        for (long d = found; d >= 0; d--) {
            long *sv = trace.items[d] + d + 1;   /* sv[k] == v[k] before step d */
            long k = x - y;
            long pk = (k == -d || (k != d && sv[k - 1] < sv[k + 1])) ? k + 1 : k - 1;
            long px = d > 0 ? sv[pk] : 0, py = d > 0 ? px - pk : 0;
            while (x > px && y > py) {
                x--, y--;
                push_op(&rev, OP_KEEP, a0 + (size_t)x, b0 + (size_t)y);
            }
            if (d > 0) {
                if (x == px) push_op(&rev, OP_INS, 0, b0 + (size_t)(y - 1));
                else push_op(&rev, OP_DEL, a0 + (size_t)(x - 1), 0);
            }
            x = px;
            y = py;
        }
        for (size_t i = rev.len; i-- > 0;) DG_VEC_PUSH(o, rev.items[i]);
        DG_VEC_FREE(&rev);
    }
    for (size_t i = 0; i < trace.len; i++) free(trace.items[i]);
    DG_VEC_FREE(&trace);
    return found >= 0;
}

static void edit_script(const lines *A, const lines *B, ops *o)
{
    size_t n = A->len, m = B->len, pre = 0, suf = 0;
    while (pre < n && pre < m && line_eq(&A->items[pre], &B->items[pre])) pre++;
    while (suf < n - pre && suf < m - pre && line_eq(&A->items[n - 1 - suf], &B->items[m - 1 - suf])) suf++;
    for (size_t i = 0; i < pre; i++) push_op(o, OP_KEEP, i, i);
    size_t an = n - pre - suf, bn = m - pre - suf;
    if (!myers(A, pre, an, B, pre, bn, o)) {
        for (size_t i = 0; i < an; i++) push_op(o, OP_DEL, pre + i, 0);
        for (size_t i = 0; i < bn; i++) push_op(o, OP_INS, 0, pre + i);
    }
    for (size_t i = 0; i < suf; i++) push_op(o, OP_KEEP, n - suf + i, m - suf + i);
}

static void print_line(FILE *out, char mark, const line *l)
{
    fputc(mark, out);
    fwrite(l->s, 1, l->len, out);
    fputs(l->nl ? "\n" : "\n\\ No newline at end of file\n", out);
}

/* Lines of a / b consumed before op i. */
static void position(const ops *o, size_t i, size_t *ai, size_t *bi)
{
    *ai = *bi = 0;
    for (size_t k = i; k < o->len; k++) {
        if (o->items[k].kind != OP_INS) {
            *ai = o->items[k].a;
            break;
        }
        if (k + 1 == o->len) *ai = SIZE_MAX;
    }
    for (size_t k = i; k < o->len; k++) {
        if (o->items[k].kind != OP_DEL) {
            *bi = o->items[k].b;
            break;
        }
        if (k + 1 == o->len) *bi = SIZE_MAX;
    }
}

static void print_hunk(FILE *out, const lines *A, const lines *B, const ops *o, size_t from, size_t to)
{
    size_t an = 0, bn = 0, ai, bi;
    for (size_t i = from; i < to; i++) {
        an += o->items[i].kind != OP_INS;
        bn += o->items[i].kind != OP_DEL;
    }
    position(o, from, &ai, &bi);
    if (ai == SIZE_MAX) ai = A->len;
    if (bi == SIZE_MAX) bi = B->len;
    fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", an ? ai + 1 : ai, an, bn ? bi + 1 : bi, bn);
    for (size_t i = from; i < to; i++) {
        const op *p = &o->items[i];
        if (p->kind == OP_KEEP) print_line(out, ' ', &A->items[p->a]);
        else if (p->kind == OP_DEL) print_line(out, '-', &A->items[p->a]);
        else print_line(out, '+', &B->items[p->b]);
    }
}

int dg_udiff(FILE *out, const char *a_name, const char *a, size_t alen,
             const char *b_name, const char *b, size_t blen)
{
    lines A = {0}, B = {0};
    ops o = {0};
    split_lines(a, alen, &A);
    split_lines(b, blen, &B);
    edit_script(&A, &B, &o);
    int hunks = 0;
    size_t i = 0;
    while (i < o.len) {
        if (o.items[i].kind == OP_KEEP) {
            i++;
            continue;
        }
        if (hunks++ == 0) fprintf(out, "--- %s\n+++ %s\n", a_name, b_name);
        size_t from = i > DG_UDIFF_CONTEXT ? i - DG_UDIFF_CONTEXT : 0, end = i;
        /* Extend over changes separated by at most 2 * context kept lines. */
        for (;;) {
            while (end < o.len && o.items[end].kind != OP_KEEP) end++;
            size_t keep = 0;
            while (end + keep < o.len && o.items[end + keep].kind == OP_KEEP) keep++;
            if (end + keep < o.len && keep <= 2 * DG_UDIFF_CONTEXT) {
                end += keep;
                continue;
            }
            end += keep < DG_UDIFF_CONTEXT ? keep : DG_UDIFF_CONTEXT;
            break;
        }
        print_hunk(out, &A, &B, &o, from, end);
        i = end;
    }
    DG_VEC_FREE(&A);
    DG_VEC_FREE(&B);
    DG_VEC_FREE(&o);
    return hunks;
}
