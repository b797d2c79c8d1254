/* view_fields.c - C types of columns and the bind/read calls of libdal
 * that move a field to and from a statement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "c/view_int.h"

static const char *const kind_names[] = {"int64", "double", "bool", "text", "blob", "value", "enum"};

const char *dg_fkind_name(dg_fkind k) { return kind_names[k]; }

bool dg_fkind_parse(const char *s, dg_fkind *out)
{
    for (int k = 0; k <= DG_FK_ENUM; k++)
        if (s && !strcmp(s, kind_names[k])) {
            *out = (dg_fkind)k;
            return true;
        }
    return false;
}

const char *dg_fkind_ctype(dg_fkind k)
{
    switch (k) {
    case DG_FK_INT64:  return "int64_t";
    case DG_FK_DOUBLE: return "double";
    case DG_FK_BOOL:   return "bool";
    case DG_FK_TEXT:   return "const char *";
    case DG_FK_BLOB:   return "dal_blob";
    default:           return "dal_value";
    }
}

bool dg_fkind_scalar(dg_fkind k)
{
    return k == DG_FK_INT64 || k == DG_FK_DOUBLE || k == DG_FK_BOOL || k == DG_FK_ENUM;
}

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (!strncasecmp(hay, needle, n)) return true;
    return false;
}

/* DESIGN.md "Types": INTEGER affinity -> int64_t (BOOL/BOOLEAN -> bool),
 * REAL and NUMERIC/DECIMAL -> double, TEXT and DATE/DATETIME/TIMESTAMP ->
 * text, BLOB -> dal_blob, no declared type (or ANY) -> dal_value. */
dg_fkind dg_decltype_kind(const char *decltype)
{
    if (!decltype || !*decltype || !strcasecmp(decltype, "ANY")) return DG_FK_VALUE;
    if (contains_ci(decltype, "BOOL")) return DG_FK_BOOL;
    if (contains_ci(decltype, "DATE") || contains_ci(decltype, "TIME")) return DG_FK_TEXT;
    switch (dg_affinity_of(decltype)) {
    case DG_AFF_INTEGER: return DG_FK_INT64;
    case DG_AFF_TEXT:    return DG_FK_TEXT;
    case DG_AFF_REAL:
    case DG_AFF_NUMERIC: return DG_FK_DOUBLE;
    default:             return DG_FK_BLOB;
    }
}

/* @type values: the kind names, plus integer/real/boolean/any. */
static bool type_annotation(const char *v, dg_fkind *out)
{
    static const struct { const char *name; dg_fkind k; } alias[] = {
        {"integer", DG_FK_INT64}, {"int", DG_FK_INT64}, {"real", DG_FK_DOUBLE},
        {"boolean", DG_FK_BOOL}, {"any", DG_FK_VALUE},
    };
    if (v && strcmp(v, "enum") != 0 && dg_fkind_parse(v, out)) return true;
    for (size_t i = 0; v && i < sizeof alias / sizeof alias[0]; i++)
        if (!strcasecmp(v, alias[i].name)) {
            *out = alias[i].k;
            return true;
        }
    return false;
}

dg_fkind dg_column_kind(const dg_table *t, const dg_column *c)
{
    dg_fkind k;
    if (type_annotation(dg_annotation_get(&c->annotations, "type"), &k)) return k;
    if (t->module && !*c->type) {
        /* untyped columns of the common modules hold one kind of value */
        if (!strcasecmp(t->module, "fts5") || !strcasecmp(t->module, "fts4") ||
            !strcasecmp(t->module, "fts3"))
            return c->hidden && !strcasecmp(c->name, "rank") ? DG_FK_DOUBLE : DG_FK_TEXT;
        if (!strncasecmp(t->module, "rtree", 5)) return c == &t->columns.items[0] ? DG_FK_INT64 : DG_FK_DOUBLE;
    }
    return dg_decltype_kind(c->type);
}

char *dg_sql_quote(const char *ident)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_putc(&b, '"');
    for (; *ident; ident++) {
        if (*ident == '"') dg_buf_putc(&b, '"');
        dg_buf_putc(&b, *ident);
    }
    dg_buf_putc(&b, '"');
    return dg_buf_steal(&b);
}

static const char *bind_suffix(dg_fkind k)
{
    switch (k) {
    case DG_FK_INT64:  return "int64";
    case DG_FK_DOUBLE: return "double";
    case DG_FK_BOOL:   return "bool";
    case DG_FK_BLOB:   return "blob";
    case DG_FK_VALUE:  return "value";
    default:           return "text";
    }
}

/* ---- strings of the calls ------------------------------------------------
 * The calls are built for every field of every table and query: joined from
 * their parts in one allocation (dg_xprintf would format each twice). */

static char *cat_parts(const char *const *p)
{
    size_t len[24], n = 0, k;
    for (k = 0; p[k]; k++) n += len[k] = strlen(p[k]);
    char *r = dg_xmalloc(n + 1), *w = r;
    for (k = 0; p[k]; k++) memcpy(w, p[k], len[k]), w += len[k];
    *w = '\0';
    return r;
}

/* CAT("a", b, ...): the parts joined (at most 23), caller frees. */
#define CAT(...) cat_parts((const char *const[]){__VA_ARGS__, NULL})

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

/* ---- fields of a user's struct (conv, set by clang_struct.c) -------------
 *   "int s", "int u"        a signed/unsigned integer other than int64_t
 *   "float"                 float
 *   "ptr int s|u", "ptr double", "ptr float", "ptr bool"
 *                           a pointer scalar: NULL = SQL NULL
 *   "chars"                 char[N]: at most N-1 bytes, NUL-terminated
 *   "charp"                 char * (not const)
 *   "enum T", "enumint T"   the user's enum through its typedef T, stored as
 *                           the names of its constants / as its integer
 * Binds from parameters (src "") use the kind's own C type, except enums. */

static bool conv_is(const dg_vfield *f, const char *prefix)
{
    return f->conv && !strncmp(f->conv, prefix, strlen(prefix));
}

/* T of "enum T" / "enumint T". */
static const char *conv_enum(const dg_vfield *f)
{
    if (conv_is(f, "enum ")) return f->conv + 5;
    if (conv_is(f, "enumint ")) return f->conv + 8;
    return NULL;
}

bool dg_conv_may_unset(const dg_vfield *f)
{
    return f->has || conv_is(f, "ptr ");
}

char *dg_conv_writeback_cond(const dg_vfield *f)
{
    if (f->readonly || f->rowid_alias) return NULL;
    if (conv_is(f, "ptr ")) return dg_xprintf("!row->%s && arena", f->name);
    if (f->has && conv_is(f, "charp")) return dg_xprintf("!row->%s && arena", f->has);
    if (f->has) return dg_xprintf("!row->%s", f->has);
    return NULL;
}

static char *conv_bind(const dg_vfield *f, const char *idx, const char *src, const char *st)
{
    const char *e = conv_enum(f);
    bool row = *src != '\0';
    if (e && !strncmp(f->conv, "enumint", 7)) {
        if (row && f->has)
            return dg_xprintf("dal_bind_int64_null(db, %s, %s, %s%s, %s%s)", st, idx, src, f->has, src, f->name);
        return dg_xprintf("dal_bind_int64(db, %s, %s, %s%s)", st, idx, src, f->name);
    }
    if (e) {
        if (row && f->has)
            return dg_xprintf("dal_bind_text(db, %s, %s, %s%s ? %s_to_string(%s%s) : NULL)", st, idx, src, f->has, e,
                              src, f->name);
        return dg_xprintf("dal_bind_text(db, %s, %s, %s_to_string(%s%s))", st, idx, e, src, f->name);
    }
    if (!row) return NULL;
    if (conv_is(f, "ptr ")) {
        const char *sfx = conv_is(f, "ptr int") ? "int64" : conv_is(f, "ptr bool") ? "bool" : "double";
        return dg_xprintf("dal_bind_%s_null(db, %s, %s, %s%s != NULL, %s%s ? *%s%s : %s)", sfx, st, idx, src, f->name,
                          src, f->name, src, f->name, conv_is(f, "ptr bool") ? "false" : "0");
    }
    if (conv_is(f, "chars") && f->has)
        return dg_xprintf("dal_bind_text(db, %s, %s, %s%s ? %s%s : NULL)", st, idx, src, f->has, src, f->name);
    return NULL;   /* int, float, chars, charp: the kind's bind converts implicitly */
}

/* The read of a conv field into dst; NULL when the kind's read does. */
static char *conv_read(const dg_vfield *f, int col, const char *dst)
{
    char *has = f->has ? dg_xprintf("&%s%s", dst, f->has) : dg_xstrdup("NULL");
    const char *e = conv_enum(f);
    char *r = NULL;
    if (e)
        r = dg_xprintf("%s__read(db, st, %d, %s, %s, &%s%s)", e, col, f->colname, has, dst, f->name);
    else if (conv_is(f, "int "))
        r = dg_xprintf("dal_read_int_sized(db, st, %d, %s, %s, &%s%s, sizeof %s%s, %s)", col, f->colname, has, dst,
                       f->name, dst, f->name, f->conv[4] == 's' ? "true" : "false");
    else if (conv_is(f, "float"))
        r = dg_xprintf("dal_read_float(db, st, %d, %s, %s, &%s%s)", col, f->colname, has, dst, f->name);
    else if (conv_is(f, "ptr int "))
        r = dg_xprintf("dal_read_int_ptr(db, st, %d, %s, arena, &%s%s, sizeof *%s%s, %s)", col, f->colname, dst,
                       f->name, dst, f->name, f->conv[8] == 's' ? "true" : "false");
    else if (conv_is(f, "ptr "))
        r = dg_xprintf("dal_read_%s_ptr(db, st, %d, %s, arena, &%s%s)", f->conv + 4, col, f->colname, dst, f->name);
    else if (conv_is(f, "chars"))
        r = dg_xprintf("dal_read_text_buf(db, st, %d, %s, %s, %s%s, sizeof %s%s)", col, f->colname, has, dst, f->name,
                       dst, f->name);
    else if (conv_is(f, "charp"))
        r = dg_xprintf("dal_read_text_mutable(db, st, %d, %s, arena, &%s%s)", col, f->colname, dst, f->name);
    free(has);
    return r;
}

char *dg_bind_call_at(const dg_vfield *f, const char *idx, const char *src, const char *st, bool copy)
{
    bool row = *src != '\0';
    if (f->conv) {
        char *c = conv_bind(f, idx, src, st);
        if (c) return c;
    }
    const char *cp = copy && !dg_fkind_scalar(f->kind) ? "_copy" : "";
    if (f->kind == DG_FK_ENUM) {
        if (row && f->has)
            return CAT("dal_bind_text(db, ", st, ", ", idx, ", ", src, f->has, " ? ", f->enum_type, "_to_string(", src,
                       f->name, ") : NULL)");
        return CAT("dal_bind_text(db, ", st, ", ", idx, ", ", f->enum_type, "_to_string(", src, f->name, "))");
    }
    if (row && f->has && dg_fkind_scalar(f->kind))
        return CAT("dal_bind_", bind_suffix(f->kind), "_null(db, ", st, ", ", idx, ", ", src, f->has, ", ", src,
                   f->name, ")");
    if (f->kind == DG_FK_VALUE && row) return CAT("dal_bind_value", cp, "(db, ", st, ", ", idx, ", &", src, f->name, ")");
    return CAT("dal_bind_", bind_suffix(f->kind), cp, "(db, ", st, ", ", idx, ", ", src, f->name, ")");
}

char *dg_bind_call(const dg_vfield *f, int idx, const char *src, const char *st, bool copy)
{
    char n[16];
    return dg_bind_call_at(f, int_str(idx, n), src, st, copy);
}

char *dg_read_call(const dg_vfield *f, int col, const char *dst)
{
    const char *sfx = bind_suffix(f->kind);
    char *conv = f->conv ? conv_read(f, col, dst) : NULL;
    if (conv) return conv;
    char c[16];
    int_str(col, c);
    if (f->kind == DG_FK_ENUM) return CAT("dal_read_text(db, st, ", c, ", ", f->colname, ", arena, &text)");
    if (dg_fkind_scalar(f->kind)) {
        if (f->has)
            return CAT("dal_read_", sfx, "_null(db, st, ", c, ", ", f->colname, ", &", dst, f->has, ", &", dst,
                       f->name, ")");
        return CAT("dal_read_", sfx, "(db, st, ", c, ", ", f->colname, ", &", dst, f->name, ")");
    }
    return CAT("dal_read_", sfx, "(db, st, ", c, ", ", f->colname, ", arena, &", dst, f->name, ")");
}

char *dg_param_decl(const dg_vfield *f)
{
    if (conv_enum(f)) return dg_xprintf("%s %s", conv_enum(f), f->name);
    switch (f->kind) {
    case DG_FK_TEXT:  return dg_xprintf("const char *%s", f->name);
    case DG_FK_VALUE: return dg_xprintf("const dal_value *%s", f->name);
    case DG_FK_ENUM:  return dg_xprintf("%s %s", f->enum_type, f->name);
    default:          return dg_xprintf("%s %s", dg_fkind_ctype(f->kind), f->name);
    }
}
