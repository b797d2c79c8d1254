/* check_operand.c - the values a compiled CHECK reads: columns of the row
 * struct, constants folded by SQLite, length(), typeof() and trim(). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/check/check_cc.h"

const int *dg_cc_reads_of(const dg_cc *cx, const char *s, size_t *n)
{
    for (size_t i = cx->reads.len; i-- > 0;)
        if (cx->reads.items[i].s == s) {
            *n = cx->reads.items[i].cols.len;
            return cx->reads.items[i].cols.items;
        }
    *n = 0;
    return NULL;
}

char *dg_cc_reads_column(dg_cc *cx, char *s, int i)
{
    size_t n;
    const int *have = dg_cc_reads_of(cx, s, &n);
    for (size_t k = 0; k < n; k++)
        if (have[k] == i) return s;
    struct dg_cc_reads *r = NULL;
    for (size_t k = 0; k < cx->reads.len && !r; k++)
        if (cx->reads.items[k].s == s) r = &cx->reads.items[k];
    if (!r) {
        r = DG_VEC_ADD(&cx->reads);
        r->s = s;
    }
    DG_VEC_PUSH(&r->cols, i);
    return s;
}

/* The columns of s's %s arguments, in order: what s reads.  The formats
 * are dalgen's own (%s, %d, %u, with l/ll/z). */
static void inherit_reads(dg_cc *cx, char *s, const char *fmt, va_list ap)
{
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        p++;
        while (*p == 'l' || *p == 'z') p++;
        if (*p == 's') {
            size_t n;
            const int *cols = dg_cc_reads_of(cx, va_arg(ap, const char *), &n);
            for (size_t k = 0; k < n; k++) dg_cc_reads_column(cx, s, cols[k]);
        } else if (*p == 'd' || *p == 'u') {
            if (p[-1] == 'z') (void)va_arg(ap, size_t);
            else if (p[-1] == 'l' && p[-2] == 'l') (void)va_arg(ap, long long);
            else if (p[-1] == 'l') (void)va_arg(ap, long);
            else (void)va_arg(ap, int);
        } else if (*p != '%') {
            return;   /* a conversion not listed: stop (format attributes keep this unreached) */
        }
    }
}

char *dg_cc_str(dg_cc *cx, const char *fmt, ...)
{
    va_list ap, walk;
    dg_buf b = DG_BUF_INIT;
    va_start(ap, fmt);
    va_copy(walk, ap);
    dg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *s = dg_buf_steal(&b);
    DG_VEC_PUSH(&cx->pool, s);
    inherit_reads(cx, s, fmt, walk);
    va_end(walk);
    return s;
}

char *dg_cc_keep(dg_cc *cx, char *s)
{
    DG_VEC_PUSH(&cx->pool, s);
    return s;
}

bool dg_cc_refuse(dg_cc *cx, const char *fmt, ...)
{
    if (cx->reason) return false;
    va_list ap;
    dg_buf b = DG_BUF_INIT;
    va_start(ap, fmt);
    dg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    cx->reason = dg_buf_steal(&b);
    return false;
}

/* True for literals and unary +/- over them: SQLite folds these. */
static bool is_constant(const dg_expr *e)
{
    if (e->kind == DG_E_LITERAL)
        return e->lit != DG_LIT_BLOB && e->lit != DG_LIT_CURRENT_TIME &&
               e->lit != DG_LIT_CURRENT_DATE && e->lit != DG_LIT_CURRENT_TIMESTAMP;
    if (e->kind == DG_E_UNARY && (strcmp(e->op, "-") == 0 || strcmp(e->op, "+") == 0))
        return is_constant(e->args.items[0]);
    return false;
}

static bool constant(dg_cc *cx, const dg_expr *e, dg_operand *o)
{
    char *sql = dg_cc_keep(cx, dg_xstrndup(cx->text + e->start, e->end - e->start));
    if (dg_const_eval(cx->db, sql, &o->k) != 0)
        return dg_cc_refuse(cx, "the constant %s", sql);
    if (o->k.t) dg_cc_keep(cx, o->k.t);
    o->is_const = true;
    o->null_c = o->k.type == SQLITE_NULL ? "1" : "0";
    return true;
}

static bool collation(dg_cc *cx, const char *name, dal_collation *out)
{
    if (!name || dg_strcasecmp_ascii(name, "BINARY") == 0) *out = DAL_COLL_BINARY;
    else if (dg_strcasecmp_ascii(name, "NOCASE") == 0) *out = DAL_COLL_NOCASE;
    else if (dg_strcasecmp_ascii(name, "RTRIM") == 0) *out = DAL_COLL_RTRIM;
    else return dg_cc_refuse(cx, "the collation %s", name);
    return true;
}

/* True when the column's DEFAULT is NULL (no DEFAULT, or a constant NULL):
 * a field the row leaves unset then reads as NULL, exactly. */
static bool default_is_null(dg_cc *cx, const dg_column *c)
{
    if (!c->default_sql) return true;
    dg_sql_ast *ast = NULL;
    dg_loc loc = {NULL, 0, 0};
    dg_const k;
    memset(&k, 0, sizeof k);
    bool null = dg_expr_parse(c->default_sql, strlen(c->default_sql), loc, &ast, NULL) == 0 &&
                is_constant(ast->expr) && dg_const_eval(cx->db, c->default_sql, &k) == 0 &&
                k.type == SQLITE_NULL;
    dg_const_clear(&k);
    dg_sql_ast_free(ast);
    return null;
}

/* A column: its storage class once bound and stored, its NULL test, its
 * affinity and collation. */
static bool column(dg_cc *cx, const dg_expr *e, dg_operand *o)
{
    const dg_table *t = cx->t;
    if (e->schema || (e->table && dg_strcasecmp_ascii(e->table, t->name) != 0))
        return dg_cc_refuse(cx, "a column of another table");
    int i = dg_table_column_index(t, e->name);
    if (i < 0) {
        if (!e->table && cx->text[e->start] == '"') {
            /* SQLite reads a double-quoted word that names no column as a string. */
            memset(&o->k, 0, sizeof o->k);
            o->is_const = true;
            o->k.type = SQLITE_TEXT;
            o->k.t = dg_cc_keep(cx, dg_xstrdup(e->name));
            o->null_c = "0";
            return true;
        }
        return dg_cc_refuse(cx, "unknown column %s", e->name);
    }
    const dg_column *c = &t->columns.items[i];
    const dg_cfield *f = &cx->f[i];
    if (!f->cname) return dg_cc_refuse(cx, "column %s has no field", c->name);
    if (c->generated != DG_GEN_NONE || c->hidden)   /* computed by SQLite, never bound */
        return dg_cc_refuse(cx, "column %s is generated", c->name);
    const char *r = cx->row, *m = f->cname;
    int col = (int)i;
    char *has = f->has_name ? dg_cc_reads_column(cx, dg_cc_str(cx, "!%s->%s", r, f->has_name), col) : NULL;
    o->val_c = dg_cc_reads_column(cx, dg_cc_str(cx, "%s->%s", r, m), col);
    switch (f->kind) {
    case DG_CK_INT64:
    case DG_CK_BOOL:
        if (c->affinity != DG_AFF_INTEGER && c->affinity != DG_AFF_NUMERIC)
            return dg_cc_refuse(cx, "column %s: an integer field with %s affinity", c->name, dg_affinity_name(c->affinity));
        /* bool compared with integers: as the int64_t SQLite stores. */
        if (f->kind == DG_CK_BOOL) o->val_c = dg_cc_reads_column(cx, dg_cc_str(cx, "dal_sql_bool(%s->%s)", r, m), col);
        o->cls = DG_CL_INT;
        o->null_c = has ? has : "0";
        break;
    case DG_CK_DOUBLE:
        if (c->affinity != DG_AFF_REAL && c->affinity != DG_AFF_NUMERIC)
            return dg_cc_refuse(cx, "column %s: a double field with %s affinity", c->name, dg_affinity_name(c->affinity));
        o->cls = DG_CL_REAL;
        o->numreal = c->affinity == DG_AFF_NUMERIC;
        /* sqlite3_bind_double stores NaN as NULL. */
        o->null_c = has ? dg_cc_str(cx, "(%s || %s != %s)", has, o->val_c, o->val_c)
                        : dg_cc_str(cx, "(%s != %s)", o->val_c, o->val_c);
        break;
    case DG_CK_TEXT:
        o->numtext = c->affinity != DG_AFF_TEXT && c->affinity != DG_AFF_BLOB;
        o->cls = DG_CL_TEXT;
        /* a char[N] buffer without its NUL reads as NULL here (never past
         * its end); the @max_bytes rule reports it */
        if (f->array)
            o->null_c = dg_cc_str(cx, "(!(%s))", dg_cc_reads_column(cx, dg_cc_keep(cx, dg_cfield_text_present(r, f)), col));
        else o->null_c = dg_cc_str(cx, "(%s == NULL)", o->val_c);
        break;
    case DG_CK_ENUM:
        if (c->affinity != DG_AFF_TEXT) return dg_cc_refuse(cx, "column %s: an enum without TEXT affinity", c->name);
        o->cls = DG_CL_TEXT;
        o->val_c = dg_cc_reads_column(cx, dg_cc_str(cx, "%s_to_string(%s->%s)", f->enum_type, r, m), col);
        o->null_c = has ? dg_cc_str(cx, "(%s || %s == NULL)", has, o->val_c)
                        : dg_cc_str(cx, "(%s == NULL)", o->val_c);
        break;
    default:
        return dg_cc_refuse(cx, "column %s: its C type is not compiled", c->name);
    }
    o->has_aff = true;
    o->aff = c->affinity;
    o->coll_rank = 1;
    if (!collation(cx, c->collation, &o->coll)) return false;
    cx->used[i] = true;
    /* A field the row leaves unset gets the column's DEFAULT on insert, but
     * on update keeps the stored value (NOT NULL columns) or becomes NULL:
     * unless that DEFAULT is NULL, the database alone can tell. */
    bool may_unset = f->has_name || (f->kind == DG_CK_TEXT && !f->array);
    cx->exact[i] = !may_unset || default_is_null(cx, c);
    return true;
}

static bool function(dg_cc *cx, const dg_expr *e, dg_operand *o)
{
    if (e->distinct || e->star || e->filter || e->over || e->over_name || e->args.len != 1)
        return dg_cc_refuse(cx, "the call of %s()", e->name);
    dg_operand x;
    if (!dg_cc_operand(cx, e->args.items[0], &x)) return false;
    if (x.is_const || x.trimmed || !x.has_aff)
        return dg_cc_refuse(cx, "%s() of something other than a column", e->name);
    if (x.numtext)
        return dg_cc_refuse(cx, "%s() of text that a numeric column may store as a number", e->name);
    o->null_c = x.null_c;
    if (dg_strcasecmp_ascii(e->name, "length") == 0) {
        if (x.cls == DG_CL_TEXT) o->val_c = dg_cc_str(cx, "dal_sql_length(%s)", x.val_c);
        else if (x.cls == DG_CL_INT) o->val_c = dg_cc_str(cx, "dal_sql_length_int(%s)", x.val_c);
        else return dg_cc_refuse(cx, "length() of a REAL value");
        o->cls = DG_CL_INT;
        return true;
    }
    if (dg_strcasecmp_ascii(e->name, "typeof") == 0) {
        const char *v = x.cls == DG_CL_INT ? "\"integer\"" : x.cls == DG_CL_TEXT ? "\"text\""
                      : !x.numreal ? "\"real\""
                      : dg_cc_str(cx, "(dal_sql_real_is_int(%s) ? \"integer\" : \"real\")", x.val_c);
        o->val_c = strcmp(x.null_c, "0") == 0 ? (char *)v : dg_cc_str(cx, "(%s ? \"null\" : %s)", x.null_c, v);
        o->null_c = "0";
        o->cls = DG_CL_TEXT;
        return true;
    }
    if (dg_strcasecmp_ascii(e->name, "trim") == 0 && x.cls == DG_CL_TEXT) {
        *o = x;
        o->has_aff = false;
        o->coll_rank = 0;
        o->coll = DAL_COLL_BINARY;
        o->trimmed = true;
        return true;
    }
    return dg_cc_refuse(cx, "the function %s()", e->name);
}

bool dg_cc_operand(dg_cc *cx, const dg_expr *e, dg_operand *o)
{
    memset(o, 0, sizeof *o);
    if (is_constant(e)) return constant(cx, e, o);
    switch (e->kind) {
    case DG_E_COLUMN: return column(cx, e, o);
    case DG_E_FUNC: return function(cx, e, o);
    case DG_E_COLLATE:
        if (!dg_cc_operand(cx, e->args.items[0], o)) return false;
        if (o->trimmed) return dg_cc_refuse(cx, "COLLATE on trim()");
        o->coll_rank = 2;
        return collation(cx, e->name, &o->coll);
    default:
        return dg_cc_refuse(cx, "the value %s", dg_cc_keep(cx, dg_xstrndup(cx->text + e->start, e->end - e->start)));
    }
}

char *dg_cfield_text_present(const char *row, const dg_cfield *f)
{
    if (!f->array) return dg_xprintf("%s->%s != NULL", row, f->cname);
    if (f->has_name)
        return dg_xprintf("%s->%s && memchr(%s->%s, '\\0', sizeof %s->%s) != NULL", row, f->has_name, row, f->cname,
                          row, f->cname);
    return dg_xprintf("memchr(%s->%s, '\\0', sizeof %s->%s) != NULL", row, f->cname, row, f->cname);
}
