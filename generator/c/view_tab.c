/* view_tab.c - what every builder of a table's functions uses (view_tab.h):
 * field declarations, SQL pieces over fields, parameters, binds, and the
 * function object with its statement. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/view_tab.h"

typedef dg_ints ints;
typedef dg_tab tab;

/* n spaces (|n|: what printf's "%*s" writes for "" at width n). */
static void put_spaces(dg_buf *b, int n)
{
    static const char spaces[] = "                                ";
    size_t left = n < 0 ? (size_t)0 - (size_t)n : (size_t)n;
    while (left) {
        size_t k = left < sizeof spaces - 1 ? left : sizeof spaces - 1;
        dg_buf_append(b, spaces, k);
        left -= k;
    }
}

/* "int64_t     id;" with the names of one struct aligned after the widest
 * type ("const char *" included), and comments aligned after the fields:
 * x->decl_width is the type column's width, x->decl_end where the comments
 * start. */
static void decl_widths(tab *x)
{
    size_t width = strlen("bool "), longest = 0;
    for (size_t i = 0; i < x->f.len; i++) {
        const char *ct = x->f.items[i].ctype;
        size_t n = strlen(ct) + (ct[strlen(ct) - 1] == '*' ? 0 : 1);
        if (n > width) width = n;
    }
    for (size_t i = 0; i < x->f.len; i++) {
        size_t n = width + strlen(x->f.items[i].name) + 1;
        if (n > longest) longest = n;
    }
    x->decl_width = width;
    x->decl_end = longest;
}

void dg_tab_decl(tab *x, size_t i, const char *dims, dg_buf *b)
{
    const char *ct = x->f.items[i].ctype, *name = x->f.items[i].name;
    size_t n = strlen(ct), width = x->decl_width;
    bool ptr = ct[n - 1] == '*';
    if (ptr) n -= 2;   /* "const char" + the star next to the name */
    int pad = (int)(width - n - (ptr ? 1 : 0));
    int tail = (int)(x->decl_end - width - strlen(name) - 1);
    /* a dimension takes the place of padding, keeping one space */
    for (size_t k = strlen(dims); k > 0 && tail >= 2; k--) tail--;
    dg_buf_clear(b);
    dg_buf_append(b, ct, n);
    put_spaces(b, pad);
    dg_buf_cat(b, ptr ? "*" : "", name, dims, ";", (char *)NULL);
    put_spaces(b, tail);
}

/* Sized and filled in place: two or three per field of every table. */
char *dg_tab_bool_decl(tab *x, size_t width, const char *name)
{
    int pad = (int)(width - 4);
    size_t sp = pad < 0 ? (size_t)0 - (size_t)pad : (size_t)pad, n = strlen(name);
    char *r = dg_tarena_alloc(x->v->a, 4 + sp + n + 2);
    memcpy(r, "bool", 4);
    memset(r + 4, ' ', sp);
    memcpy(r + 4 + sp, name, n);
    memcpy(r + 4 + sp + n, ";", 2);
    return r;
}

void dg_tab_set_decls(tab *x)
{
    decl_widths(x);
    for (size_t i = 0; i < x->f.len; i++) {
        dg_vfield *fx = &x->vt->fx.items[i];
        dg_tab_decl(x, i, "", &x->tmp);
        fx->decl = dg_va_buf(x->v->a, &x->tmp);
        fx->has_decl = x->f.items[i].has ? dg_tab_bool_decl(x, x->decl_width, x->f.items[i].has) : NULL;
    }
}

char *dg_tab_join_fields(tab *x, const ints *idx, const char *fmt_sep)
{
    dg_buf_clear(&x->tmp);
    for (size_t i = 0; i < idx->len; i++) {
        if (i) dg_buf_puts(&x->tmp, fmt_sep);
        dg_buf_puts(&x->tmp, x->f.items[idx->items[i]].quoted);
    }
    return dg_va_buf(x->v->a, &x->tmp);
}

char *dg_tab_where_eq(tab *x, const ints *idx)
{
    return dg_tab_where_eq_at(x, idx, 1);
}

char *dg_tab_bind(tab *x, const dg_cbind *f, int n, const char *src, const char *st, bool copy)
{
    dg_buf_clear(&x->tmp);
    dg_cbind_bind_n_to(&x->tmp, f, n, src, st, copy);
    return dg_va_buf(x->v->a, &x->tmp);
}

char *dg_tab_bind_at(tab *x, const dg_cbind *f, const char *idx, const char *src, const char *st, bool copy)
{
    dg_buf_clear(&x->tmp);
    dg_cbind_bind_to(&x->tmp, f, idx, src, st, copy);
    return dg_va_buf(x->v->a, &x->tmp);
}

char *dg_tab_read(tab *x, const dg_cbind *f, int col, const char *dst)
{
    dg_buf_clear(&x->tmp);
    dg_cbind_read_to(&x->tmp, f, col, dst);
    return dg_va_buf(x->v->a, &x->tmp);
}

char *dg_tab_bind_write(tab *x, int fi, int n)
{
    const dg_validator *v = &x->vt->val;
    for (size_t k = 0; x->pg && x->t && x->vt->validated && k < v->measured.len; k++)
        if (dg_vtable_column_field(x->vt, (size_t)v->measured.items[k]) == fi)
            return dg_va_printf(x->v->a, "dal_pg_bind_text_len(%s, %d, row->%s, len__[%zu])", x->st, n,
                                x->f.items[fi].name, k);
    return dg_tab_bind(x, &x->f.items[fi], n, "row->", x->st, false);
}

const char *dg_tab_ph(const tab *x, const dg_cbind *f, int n)
{
    if (!x->pg) return "?";
    return dg_va_printf(x->v->a, "$%d%s", n, f->pg.cast_in ? f->pg.cast_in : "");
}

char *dg_tab_where_eq_at(tab *x, const ints *idx, int first)
{
    dg_buf_clear(&x->tmp);
    for (size_t i = 0; i < idx->len; i++) {
        const dg_cbind *f = &x->f.items[idx->items[i]];
        dg_buf_cat(&x->tmp, i ? " AND " : "", f->quoted, " = ", dg_tab_ph(x, f, first + (int)i), NULL);
    }
    return dg_va_buf(x->v->a, &x->tmp);
}

void dg_tab_pg_types(dg_tarena *a, dg_vfunc *o, const dg_cbind *const *fs, size_t n)
{
    dg_buf b = DG_BUF_INIT;
    if (o->pg_types) dg_buf_puts(&b, o->pg_types);
    for (size_t i = 0; i < n; i++) dg_buf_cat(&b, b.len ? ", " : "", fs[i]->pg.oid, NULL);
    o->pg_types = dg_va_buf(a, &b);
    o->nparams += (int)n;
    dg_buf_free(&b);
}

void dg_tab_pg_types_idx(tab *x, dg_vfunc *o, const ints *idx)
{
    for (size_t i = 0; i < idx->len; i++) {
        const dg_cbind *f = &x->f.items[idx->items[i]];
        dg_tab_pg_types(x->v->a, o, &f, 1);
    }
}

void dg_tab_pg_result(dg_tarena *a, char **list, int *n, const dg_cbind *f)
{
    *list = DG_VA_CAT(a, *list ? *list : "", *list ? ", " : "", dg_pgtype_result_oid(&f->pg));
    (*n)++;
}

/* ", int64_t id, const char *email" */
char *dg_tab_params(tab *x, const ints *idx)
{
    dg_buf_clear(&x->tmp);
    for (size_t i = 0; i < idx->len; i++) {
        dg_buf_puts(&x->tmp, ", ");
        dg_cbind_param_decl_to(&x->tmp, &x->f.items[idx->items[i]]);
    }
    return dg_va_buf(x->v->a, &x->tmp);
}

void dg_tab_add_bind(dg_vbinds *binds, char *cond, char *call)
{
    dg_vbind *b = DG_VEC_ADD(binds);
    b->cond = cond;
    b->call = call;
}

dg_vfunc *dg_tab_func(tab *x, dg_vfunc *o, const char *verb, char *sql)
{
    if (!o) o = dg_tarena_alloc(x->v->a, sizeof *o);
    memset(o, 0, sizeof *o);
    o->fn = DG_VA_CAT(x->v->a, x->strct, "_", verb);
    o->stmt = dg_view_stmt(x->v, x->row, verb, sql);
    o->params = dg_va_strndup(x->v->a, "", 0);
    return o;
}
