/* view_tab.c - what every builder of a table's functions uses (view_tab.h):
 * field declarations, SQL pieces over fields, parameters, binds, and the
 * function object with its statement. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/view_json.h"
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

void dg_tab_set_decls(tab *x, json_t *fields)
{
    decl_widths(x);
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < x->f.len; i++) {
        json_t *fj = json_array_get(fields, i);
        dg_tab_decl(x, i, "", &b);
        dg_jset(fj, "decl", dg_jstrn(b.data, b.len));
        if (x->f.items[i].has) {
            dg_buf_clear(&b);
            dg_buf_puts(&b, "bool");
            put_spaces(&b, (int)(x->decl_width - 4));
            dg_buf_cat(&b, x->f.items[i].has, ";", (char *)NULL);
            dg_jset(fj, "has_decl", dg_jstrn(b.data, b.len));
        }
    }
    dg_buf_free(&b);
}

char *dg_tab_join_fields(tab *x, const ints *idx, const char *fmt_sep)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < idx->len; i++) {
        if (i) dg_buf_puts(&b, fmt_sep);
        dg_buf_puts(&b, x->f.items[idx->items[i]].quoted);
    }
    return dg_buf_steal(&b);
}

char *dg_tab_where_eq(tab *x, const ints *idx)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < idx->len; i++)
        dg_buf_cat(&b, i ? " AND " : "", x->f.items[idx->items[i]].quoted, " = ?", NULL);
    return dg_buf_steal(&b);
}

/* ", int64_t id, const char *email" */
char *dg_tab_params(tab *x, const ints *idx)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < idx->len; i++) {
        char *d = dg_cbind_param_decl(&x->f.items[idx->items[i]]);
        dg_buf_cat(&b, ", ", d, NULL);
        free(d);
    }
    return dg_buf_steal(&b);
}

void dg_tab_add_bind(json_t *binds, char *call)
{
    json_array_append_new(binds, dg_jobj1("call", call));
    free(call);
}

/* A function object: {fn, sql, stmt, params, binds[]}. */
json_t *dg_tab_func(tab *x, const char *verb, char *sql)
{
    json_t *o = json_object();
    dg_jset_own(o, "fn", dg_xprintf("%s_%s", x->strct, verb));
    /* the statement's id and SQL are the nodes of its root["stmts"] entry */
    json_t *entry = dg_view_stmt_entry(x->v, x->row, verb, sql);
    dg_jset(o, "sql", json_incref(json_object_get(entry, "sql")));
    dg_jset(o, "stmt", json_incref(json_object_get(entry, "id")));
    dg_jset(o, "binds", json_array());
    dg_jset(o, "params", dg_jstr(""));
    free(sql);
    return o;
}
