/* cbind.c - the C binding (cbind.h): C kinds of columns and expressions
 * and the bind/read calls of libdal that move a field to and from a
 * statement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "c/cbind.h"
#include "c/cbind_int.h"

/* ---- strings of the calls ------------------------------------------------
 * The calls are built for every field of every table and query: joined from
 * their parts in one allocation (dg_xprintf would parse a format). */

#define CAT DG_XCAT
/* Appends the parts (up to a NULL one) / a printf to the buffer `out`. */
#define PUT(...) dg_buf_cat(out, __VA_ARGS__, (char *)NULL)
#define PRINTF(...) (dg_buf_printf(out, __VA_ARGS__), true)

/* v in decimal, in buf (12 bytes at least). */
static const char *int_str(int v, char *buf)
{
    char tmp[12];
    int n = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do tmp[n++] = (char)('0' + u % 10); while ((u /= 10) != 0);
    char *w = buf;
    if (v < 0) *w++ = '-';
    while (n) *w++ = tmp[--n];
    *w = '\0';
    return buf;
}

/* ---- fields of a user's struct (conv, set by clang_struct.c) ---------- */

bool dg_cconv_ptr(const dg_cconv *c)
{
    return c->kind >= DG_CCONV_PTR_INT && c->kind <= DG_CCONV_PTR_BOOL;
}

bool dg_cconv_enum(const dg_cconv *c)
{
    return c->kind == DG_CCONV_ENUM || c->kind == DG_CCONV_ENUMINT;
}

char *dg_cconv_str(const dg_cconv *c)
{
    const char *sign = c->is_signed ? "s" : "u";
    switch (c->kind) {
    case DG_CCONV_INT:        return CAT("int ", sign);
    case DG_CCONV_FLOAT:      return dg_xstrdup("float");
    case DG_CCONV_PTR_INT:    return CAT("ptr int ", sign);
    case DG_CCONV_PTR_DOUBLE: return dg_xstrdup("ptr double");
    case DG_CCONV_PTR_FLOAT:  return dg_xstrdup("ptr float");
    case DG_CCONV_PTR_BOOL:   return dg_xstrdup("ptr bool");
    case DG_CCONV_CHARS:      return dg_xstrdup("chars");
    case DG_CCONV_CHARP:      return dg_xstrdup("charp");
    case DG_CCONV_ENUM:       return CAT("enum ", c->enum_type);
    case DG_CCONV_ENUMINT:    return CAT("enumint ", c->enum_type);
    default:                  return NULL;
    }
}

/* The typedef of a user's enum field, NULL for other fields. */
static const char *conv_enum(const dg_cbind *f)
{
    return dg_cconv_enum(&f->conv) ? f->conv.enum_type : NULL;
}

const char *dg_cbind_user_enum(const dg_cbind *f) { return conv_enum(f); }

bool dg_cbind_may_unset(const dg_cbind *f)
{
    return f->has || dg_cconv_ptr(&f->conv);
}

char *dg_cbind_writeback_cond(const dg_cbind *f)
{
    if (f->readonly || f->rowid_alias) return NULL;
    if (dg_cconv_ptr(&f->conv)) return dg_xprintf("!row->%s && arena", f->name);
    if (f->has && f->conv.kind == DG_CCONV_CHARP) return dg_xprintf("!row->%s && arena", f->has);
    if (f->has) return dg_xprintf("!row->%s", f->has);
    return NULL;
}

/* Appends a conv field's bind to out; false when the kind's bind does. */
static bool conv_bind(dg_buf *out, const dg_cbind *f, const char *idx, const char *src, const char *st)
{
    const char *e = conv_enum(f);
    bool row = *src != '\0';
    dg_cconv_kind k = f->conv.kind;
    if (k == DG_CCONV_ENUMINT && f->by_ptr)
        return PRINTF("dal_bind_int64_null(db, %s, %s, %s != NULL, %s ? *%s : 0)", st, idx, f->name, f->name,
                      f->name);
    if (e && f->by_ptr)
        return PRINTF("dal_bind_text(db, %s, %s, %s ? %s_to_string(*%s) : NULL)", st, idx, f->name, e, f->name);
    if (k == DG_CCONV_ENUMINT) {
        if (row && f->has)
            return PRINTF("dal_bind_int64_null(db, %s, %s, %s%s, %s%s)", st, idx, src, f->has, src, f->name);
        return PRINTF("dal_bind_int64(db, %s, %s, %s%s)", st, idx, src, f->name);
    }
    if (e) {
        if (row && f->has)
            return PRINTF("dal_bind_text(db, %s, %s, %s%s ? %s_to_string(%s%s) : NULL)", st, idx, src, f->has, e,
                          src, f->name);
        return PRINTF("dal_bind_text(db, %s, %s, %s_to_string(%s%s))", st, idx, e, src, f->name);
    }
    if (!row) return false;
    if (dg_cconv_ptr(&f->conv)) {
        const char *sfx = k == DG_CCONV_PTR_INT ? "int64" : k == DG_CCONV_PTR_BOOL ? "bool" : "double";
        return PRINTF("dal_bind_%s_null(db, %s, %s, %s%s != NULL, %s%s ? *%s%s : %s)", sfx, st, idx, src, f->name,
                      src, f->name, src, f->name, k == DG_CCONV_PTR_BOOL ? "false" : "0");
    }
    if (k == DG_CCONV_CHARS && f->has)
        return PRINTF("dal_bind_text(db, %s, %s, %s%s ? %s%s : NULL)", st, idx, src, f->has, src, f->name);
    return false;   /* int, float, chars, charp: the kind's bind converts implicitly */
}

/* Appends the read of a conv field into dst to out; false when the kind's
 * read does. */
static bool conv_read(dg_buf *out, const dg_cbind *f, int col, const char *dst)
{
    char *has = f->has ? dg_xprintf("&%s%s", dst, f->has) : dg_xstrdup("NULL");
    const char *e = conv_enum(f), *sign = f->conv.is_signed ? "true" : "false";
    size_t was = out->len;
    switch (f->conv.kind) {
    case DG_CCONV_ENUM:
    case DG_CCONV_ENUMINT:
        dg_buf_printf(out, "%s__read(db, st, %d, %s, %s, &%s%s)", e, col, f->colname, has, dst, f->name);
        break;
    case DG_CCONV_INT:
        dg_buf_printf(out, "dal_read_int_sized(db, st, %d, %s, %s, &%s%s, sizeof %s%s, %s)", col, f->colname, has, dst,
                      f->name, dst, f->name, sign);
        break;
    case DG_CCONV_FLOAT:
        dg_buf_printf(out, "dal_read_float(db, st, %d, %s, %s, &%s%s)", col, f->colname, has, dst, f->name);
        break;
    case DG_CCONV_PTR_INT:
        dg_buf_printf(out, "dal_read_int_ptr(db, st, %d, %s, arena, &%s%s, sizeof *%s%s, %s)", col, f->colname, dst,
                      f->name, dst, f->name, sign);
        break;
    case DG_CCONV_PTR_DOUBLE:
    case DG_CCONV_PTR_FLOAT:
    case DG_CCONV_PTR_BOOL: {
        const char *t = f->conv.kind == DG_CCONV_PTR_DOUBLE ? "double" : f->conv.kind == DG_CCONV_PTR_FLOAT ? "float"
                                                                                                            : "bool";
        dg_buf_printf(out, "dal_read_%s_ptr(db, st, %d, %s, arena, &%s%s)", t, col, f->colname, dst, f->name);
        break;
    }
    case DG_CCONV_CHARS:
        dg_buf_printf(out, "dal_read_text_buf(db, st, %d, %s, %s, %s%s, sizeof %s%s)", col, f->colname, has, dst, f->name,
                      dst, f->name);
        break;
    case DG_CCONV_CHARP:
        dg_buf_printf(out, "dal_read_text_mutable(db, st, %d, %s, arena, &%s%s)", col, f->colname, dst, f->name);
        break;
    default:
        break;
    }
    free(has);
    return out->len > was;
}

void dg_cbind_bind_to(dg_buf *out, const dg_cbind *f, const char *idx, const char *src, const char *st, bool copy)
{
    bool row = *src != '\0';
    if (f->pg.call) {
        char *pg = dg_cbind__bind_pg(f, idx, src, st);
        dg_buf_puts(out, pg);
        free(pg);
        return;
    }
    if (f->conv.kind != DG_CCONV_NONE && conv_bind(out, f, idx, src, st)) return;
    const char *cp = copy && !dg_ckind_scalar(f->kind) ? "_copy" : "";
    if (f->by_ptr && f->kind == DG_CK_ENUM)   /* a parameter: NULL = SQL NULL */
        PUT("dal_bind_text(db, ", st, ", ", idx, ", ", f->name, " ? ", f->enum_type, "_to_string(*", f->name,
            ") : NULL)");
    else if (f->by_ptr && dg_ckind_scalar(f->kind))
        PUT("dal_bind_", dg_ckind_call(f->kind), "_null(db, ", st, ", ", idx, ", ", src, f->name, " != NULL, ", src,
            f->name, " ? *", src, f->name, " : ", f->kind == DG_CK_BOOL ? "false" : "0", ")");
    else if (f->kind == DG_CK_ENUM && row && f->has)
        PUT("dal_bind_text(db, ", st, ", ", idx, ", ", src, f->has, " ? ", f->enum_type, "_to_string(", src, f->name,
            ") : NULL)");
    else if (f->kind == DG_CK_ENUM)
        PUT("dal_bind_text(db, ", st, ", ", idx, ", ", f->enum_type, "_to_string(", src, f->name, "))");
    else if (row && f->has && dg_ckind_scalar(f->kind))
        PUT("dal_bind_", dg_ckind_call(f->kind), "_null(db, ", st, ", ", idx, ", ", src, f->has, ", ", src, f->name,
            ")");
    else if (f->kind == DG_CK_VALUE && row)
        PUT("dal_bind_value", cp, "(db, ", st, ", ", idx, ", &", src, f->name, ")");
    else
        PUT("dal_bind_", dg_ckind_call(f->kind), cp, "(db, ", st, ", ", idx, ", ", src, f->name, ")");
}

char *dg_cbind_bind_at(const dg_cbind *f, const char *idx, const char *src, const char *st, bool copy)
{
    dg_buf b = DG_BUF_INIT;
    dg_cbind_bind_to(&b, f, idx, src, st, copy);
    return dg_buf_steal(&b);
}

char *dg_cbind_bind(const dg_cbind *f, int idx, const char *src, const char *st, bool copy)
{
    char n[16];
    return dg_cbind_bind_at(f, int_str(idx, n), src, st, copy);
}

void dg_cbind_bind_n_to(dg_buf *out, const dg_cbind *f, int idx, const char *src, const char *st, bool copy)
{
    char n[16];
    dg_cbind_bind_to(out, f, int_str(idx, n), src, st, copy);
}

void dg_cbind_read_to(dg_buf *out, const dg_cbind *f, int col, const char *dst)
{
    if (f->pg.call) {
        char *pg = dg_cbind__read_pg(f, col, dst);
        dg_buf_puts(out, pg);
        free(pg);
        return;
    }
    if (f->conv.kind != DG_CCONV_NONE && conv_read(out, f, col, dst)) return;
    const char *sfx = dg_ckind_call(f->kind);
    const char *len = f->lenient ? "_lenient" : "";
    char c[16];
    int_str(col, c);
    if (f->kind == DG_CK_ENUM)
        PUT("dal_read_text", len, "(db, st, ", c, ", ", f->colname, ", arena, &text)");
    else if (dg_ckind_scalar(f->kind) && f->has)
        PUT("dal_read_", sfx, "_null", len, "(db, st, ", c, ", ", f->colname, ", &", dst, f->has, ", &", dst, f->name,
            ")");
    else if (dg_ckind_scalar(f->kind))
        PUT("dal_read_", sfx, len, "(db, st, ", c, ", ", f->colname, ", &", dst, f->name, ")");
    else   /* a value reads any class */
        PUT("dal_read_", sfx, f->kind == DG_CK_VALUE ? "" : len, "(db, st, ", c, ", ", f->colname, ", arena, &", dst,
            f->name, ")");
}

char *dg_cbind_read(const dg_cbind *f, int col, const char *dst)
{
    dg_buf b = DG_BUF_INIT;
    dg_cbind_read_to(&b, f, col, dst);
    return dg_buf_steal(&b);
}

void dg_cbind_param_decl_to(dg_buf *out, const dg_cbind *f)
{
    const char *e = conv_enum(f) ? conv_enum(f) : f->kind == DG_CK_ENUM ? f->enum_type : NULL;
    const char *type = e ? e : f->pg.ctype ? f->pg.ctype : dg_ckind_ctype(f->kind);
    if (f->by_ptr && dg_ckind_scalar(f->kind)) PUT("const ", type, " *", f->name);
    else if (f->kind == DG_CK_TEXT) PUT("const char *", f->name);
    else if (f->kind == DG_CK_VALUE) PUT("const dal_value *", f->name);
    else PUT(type, " ", f->name);
}

char *dg_cbind_param_decl(const dg_cbind *f)
{
    dg_buf b = DG_BUF_INIT;
    dg_cbind_param_decl_to(&b, f);
    return dg_buf_steal(&b);
}

char *dg_cbind_read_enum_after(const dg_cbind *f, const char *dst, const char *indent)
{
    if (f->kind != DG_CK_ENUM) return NULL;
    if (f->has)
        return CAT(dst, f->name, " = ", f->enum_type, "_from_string(text);\n", indent, dst, f->has, " = text != NULL;");
    return CAT(dst, f->name, " = ", f->enum_type, "_from_string(text);");
}

dg_cbind dg_cbind_value(const char *name, dg_vtype v, bool nullable, const dg_cbind *origin, const char *has)
{
    dg_cbind b;
    memset(&b, 0, sizeof b);
    b.name = name;
    b.kind = dg_ckind_of_vtype(v);
    b.ctype = dg_ckind_ctype(b.kind);
    const char *user = origin ? conv_enum(origin) : NULL;
    if (origin && origin->kind == DG_CK_ENUM && b.kind == DG_CK_TEXT) {
        b.kind = DG_CK_ENUM;
        b.enum_type = b.ctype = origin->enum_type;
    } else if (user && b.kind == origin->kind) {   /* moved by the user enum's own reader */
        b.kind = DG_CK_ENUM;
        b.enum_type = b.ctype = user;
        b.conv = origin->conv;
    }
    b.lenient = origin && origin->lenient;
    b.has = has && nullable && dg_ckind_scalar(b.kind) ? has : NULL;
    b.by_ptr = !has && nullable;
    return b;
}

bool dg_cbind_column_has(const dg_column *c, dg_ckind k)
{
    bool readonly = c->generated != DG_GEN_NONE || c->hidden;
    return dg_ckind_scalar(k) && !c->pk && (!c->not_null || (c->default_sql && !readonly));
}
