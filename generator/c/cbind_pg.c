/* cbind_pg.c - the C binding of PostgreSQL types (cbind.h, design/
 * postgres.md 3.6): which C type holds a value, which dal_pg_bind_* /
 * dal_pg_read_* move it, which builtin type OID is pinned, and the casts a
 * statement needs for what libdal does not move in binary (types held as
 * text, arrays of user types, `@type` overrides). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"
#include "util/buf.h"
#include "c/cbind.h"
#include "c/cbind_int.h"

/* The builtin types libdal moves in binary, by pg_type.typname.  arr:
 * the array reader/binder suffix and pinned OID, NULL when libdal has no
 * binary array of it (the array is then held as text).  text: a text-like
 * type (a domain over it is sent as text with OID 0). */
typedef struct pg_builtin {
    const char *typname, *format;   /* format: format_type's spelling without typmod */
    dg_ckind    kind;
    const char *call, *oid;
    const char *arr_call, *arr_oid;
    bool        text;
} pg_builtin;

static const pg_builtin builtins[] = {
    {"int2", "smallint", DG_CK_INT16, "int16", "DAL_PG_INT2", "int16_array", "DAL_PG_INT2_ARRAY", false},
    {"int4", "integer", DG_CK_INT32, "int32", "DAL_PG_INT4", "int32_array", "DAL_PG_INT4_ARRAY", false},
    {"int8", "bigint", DG_CK_INT64, "int64", "DAL_PG_INT8", "int64_array", "DAL_PG_INT8_ARRAY", false},
    {"float4", "real", DG_CK_FLOAT, "float", "DAL_PG_FLOAT4", "float_array", "DAL_PG_FLOAT4_ARRAY", false},
    {"float8", "double precision", DG_CK_DOUBLE, "double", "DAL_PG_FLOAT8", "double_array", "DAL_PG_FLOAT8_ARRAY",
     false},
    {"bool", "boolean", DG_CK_BOOL, "bool", "DAL_PG_BOOL", "bool_array", "DAL_PG_BOOL_ARRAY", false},
    {"numeric", "numeric", DG_CK_TEXT, "numeric", "DAL_PG_NUMERIC", "numeric_array", "DAL_PG_NUMERIC_ARRAY", false},
    {"text", "text", DG_CK_TEXT, "text", "DAL_PG_TEXT", "text_array", "DAL_PG_TEXT_ARRAY", true},
    {"varchar", "character varying", DG_CK_TEXT, "text", "DAL_PG_VARCHAR", "text_array", "DAL_PG_VARCHAR_ARRAY",
     true},
    {"bpchar", "character", DG_CK_TEXT, "text", "DAL_PG_BPCHAR", "text_array", "DAL_PG_TEXT_ARRAY", true},
    {"name", "name", DG_CK_TEXT, "text", "DAL_PG_NAME", "text_array", "DAL_PG_TEXT_ARRAY", true},
    {"json", "json", DG_CK_TEXT, "text", "DAL_PG_JSON", NULL, NULL, false},
    {"jsonb", "jsonb", DG_CK_TEXT, "jsonb", "DAL_PG_JSONB", NULL, NULL, false},
    {"bytea", "bytea", DG_CK_BLOB, "blob", "DAL_PG_BYTEA", "blob_array", "DAL_PG_BYTEA_ARRAY", false},
    {"uuid", "uuid", DG_CK_UUID, "uuid", "DAL_PG_UUID", "uuid_array", "DAL_PG_UUID_ARRAY", false},
    {"timestamptz", "timestamp with time zone", DG_CK_TIMESTAMP, "timestamp", "DAL_PG_TIMESTAMPTZ",
     "timestamp_array", "DAL_PG_TIMESTAMPTZ_ARRAY", false},
    {"timestamp", "timestamp without time zone", DG_CK_TIMESTAMP, "timestamp", "DAL_PG_TIMESTAMP",
     "timestamp_array", "DAL_PG_TIMESTAMP_ARRAY", false},
    {"date", "date", DG_CK_DATE, "date", "DAL_PG_DATE", "date_array", "DAL_PG_DATE_ARRAY", false},
    {"time", "time without time zone", DG_CK_INT64, "time", "DAL_PG_TIME", NULL, NULL, false},
    {"interval", "interval", DG_CK_INTERVAL, "interval", "DAL_PG_INTERVAL", NULL, NULL, false},
};

/* Other spellings format_type and users write. */
static const struct { const char *alias, *typname; } aliases[] = {
    {"decimal", "numeric"}, {"int", "int4"}, {"timestamptz", "timestamptz"}, {"char", "bpchar"},
    {"varchar", "varchar"}, {"float", "float8"}, {"time", "time"}, {"timestamp", "timestamp"},
};

static const pg_builtin *builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++)
        if (!strcmp(builtins[i].typname, name) || !strcmp(builtins[i].format, name)) return &builtins[i];
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (!strcmp(aliases[i].alias, name)) return builtin(aliases[i].typname);
    return NULL;
}

/* ---- resolving names ---------------------------------------------------- */

static bool same(const char *a, const char *b) { return a && b && !strcmp(a, b); }

/* "schema.name" or "name" (format_type qualifies names off the search
 * path; quotes are not expected in the names dalgen's tests use, and are
 * stripped). */
static void split_name(const char *q, char *schema, char *name, size_t cap)
{
    const char *dot = strchr(q, '.');
    size_t n = 0;
    schema[0] = '\0';
    if (dot) {
        for (const char *p = q; p < dot && n + 1 < cap; p++)
            if (*p != '"') schema[n++] = *p;
        schema[n] = '\0';
        q = dot + 1;
    }
    n = 0;
    for (const char *p = q; *p && n + 1 < cap; p++)
        if (*p != '"') name[n++] = *p;
    name[n] = '\0';
}

static const dg_pg_enum *find_enum(const dg_schema *s, const char *schema, const char *name)
{
    for (size_t i = 0; s && i < s->enums.len; i++) {
        const dg_pg_enum *e = &s->enums.items[i];
        if (same(e->name, name) && (!schema || !*schema || same(e->schema, schema))) return e;
    }
    return NULL;
}

static const dg_pg_domain *find_domain(const dg_schema *s, const char *schema, const char *name)
{
    for (size_t i = 0; s && i < s->domains.len; i++) {
        const dg_pg_domain *d = &s->domains.items[i];
        if (same(d->name, name) && (!schema || !*schema || same(d->schema, schema))) return d;
    }
    return NULL;
}

static const char *keep_str(dg_strings *keep, char *s)
{
    DG_VEC_PUSH(keep, s);
    return s;
}

/* "\"schema\".\"name\"" (no schema: "\"name\"") */
static char *qualified(const char *schema, const char *name)
{
    char *n = dg_sql_quote_ident(name);
    if (!schema || !*schema) return n;
    char *sch = dg_sql_quote_ident(schema), *r = dg_xprintf("%s.%s", sch, n);
    free(sch), free(n);
    return r;
}

/* Held as text: read as ::text, written as $n::format. */
static dg_pgtype as_text(const char *format, dg_strings *keep, dg_ckind *kind)
{
    dg_pgtype p;
    memset(&p, 0, sizeof p);
    *kind = DG_CK_TEXT;
    p.call = "text";
    p.oid = "DAL_PG_TEXT";
    p.ctype = "const char *";
    p.cast_in = keep_str(keep, dg_xprintf("::%s", format));
    p.cast_out = "::text";
    return p;
}

/* The length n of varchar(n) / char(n) from a typmod (n + 4). */
static int text_len(const pg_builtin *b, int typmod)
{
    return b && (!strcmp(b->typname, "varchar") || !strcmp(b->typname, "bpchar")) && typmod > 4 ? typmod - 4 : 0;
}

/* A format_type text parsed: its name without "(...)" and "[]", the
 * typmod's first number (varchar(8) -> 12, as atttypmod), array dims. */
static void parse_format(const char *f, char *name, size_t cap, int *typmod, int *dims)
{
    size_t n = 0;
    *typmod = -1;
    *dims = 0;
    for (const char *p = f; *p && n + 1 < cap; p++) {
        if (*p == '(') {
            *typmod = atoi(p + 1) + 4;
            while (*p && *p != ')') p++;
            if (!*p) break;
            continue;
        }
        if (*p == '[') {
            (*dims)++;
            while (*p && *p != ']') p++;
            if (!*p) break;
            continue;
        }
        name[n++] = *p;
    }
    while (n && name[n - 1] == ' ') n--;
    name[n] = '\0';
}

dg_pgtype dg_pgtype_of(const dg_schema *s, const dg_pg_typeref *t, dg_strings *keep, dg_ckind *kind)
{
    dg_pgtype p;
    memset(&p, 0, sizeof p);
    const char *kd = t->kind ? t->kind : "base";
    const dg_pg_domain *dom = NULL;
    bool dom_nn = false;
    char schema[128], name[128];
    snprintf(schema, sizeof schema, "%s", t->schema ? t->schema : "");
    snprintf(name, sizeof name, "%s", t->name ? t->name : "");
    int typmod = t->typmod, dims = t->array_dims;
    const char *fmt = t->format;
    char *fmt_own = NULL;
    if (!fmt) fmt = fmt_own = qualified(schema, name), keep_str(keep, fmt_own);
    /* the element type as SQL names it, for casts of arrays of user types */
    const char *elem_q = keep_str(keep, qualified(*schema ? schema : NULL, name));
    if (dims > 1) return as_text(fmt, keep, kind);
    /* domains: down to their base, through domains over domains */
    for (int depth = 0; depth < 16; depth++) {
        const dg_pg_domain *d = strcmp(kd, "base") && strcmp(kd, "enum") ? find_domain(s, schema, name) : NULL;
        if (!d && !strcmp(kd, "domain")) return as_text(fmt, keep, kind);
        if (!d) break;
        if (!dom) dom = d;
        dom_nn = dom_nn || d->not_null;
        char bschema[128], bname[128], bare[128];
        int btm, bdims;
        parse_format(d->base, bare, sizeof bare, &btm, &bdims);
        if (bdims) return as_text(fmt, keep, kind);   /* a domain over an array */
        split_name(bare, bschema, bname, sizeof bname);
        snprintf(schema, sizeof schema, "%s", bschema);
        snprintf(name, sizeof name, "%s", bname);
        typmod = btm;
        kd = builtin(bname) && !*bschema ? "base" : find_enum(s, bschema, bname) ? "enum" : "domain?";
        if (!strcmp(kd, "domain?") && !find_domain(s, bschema, bname)) kd = "base";
    }
    p.domain = dom;
    p.domain_not_null = dom_nn;
    const dg_pg_enum *en = !strcmp(kd, "enum") ? find_enum(s, schema, name) : NULL;
    const pg_builtin *b = !en && strcmp(kd, "enum") && (!*schema || !strcmp(schema, "pg_catalog")) ? builtin(name)
                                                                                                   : NULL;
    bool user_text = en || !strcmp(kd, "enum") || (!b && !strcmp(name, "citext")) || (b && b->text && dom);
    if (!b && !user_text) {
        if (!strcmp(name, "money") && !dims) {   /* exact: through numeric */
            b = builtin("numeric");
            p.cast_in = "::money";
            p.cast_out = "::numeric";
        } else {
            return as_text(fmt, keep, kind);
        }
    }
    p.maxlen = text_len(b, typmod);
    p.json = b && (!strcmp(b->typname, "json") || !strcmp(b->typname, "jsonb"));
    if (dims) {
        if (user_text) {   /* enums, citext, domains over text: text[] cast to and from */
            p.cast_in = keep_str(keep, dg_xprintf("::%s[]", elem_q));
            p.cast_out = "::text[]";
            b = builtin("text");
        } else if (!b->arr_call || p.cast_in) {
            return as_text(fmt, keep, kind);
        } else if (dom) {   /* an array of a domain over a builtin */
            p.cast_in = keep_str(keep, dg_xprintf("::%s[]", elem_q));
            p.cast_out = keep_str(keep, dg_xprintf("::%s[]", b->typname));
        }
        *kind = DG_CK_ARRAY;
        p.elem = b->kind;
        p.call = b->arr_call;
        p.oid = b->arr_oid;
        p.ctype = dg_pgtype_ctype(DG_CK_ARRAY, p.elem);
        p.json = false;
        return p;
    }
    if (user_text && (en || !strcmp(kd, "enum"))) {
        *kind = DG_CK_ENUM;
        p.enumref = en;
        p.call = "text";
        p.oid = "0";
        return p;
    }
    *kind = user_text ? DG_CK_TEXT : b->kind;
    p.call = user_text ? "text" : b->call;
    p.oid = user_text ? "0" : b->oid;
    p.ctype = dg_pgtype_ctype(*kind, DG_CK_TEXT);
    return p;
}

const char *dg_pgtype_result_oid(const dg_pgtype *p)
{
    if (!strcmp(p->call, "text")) return "DAL_PG_TEXT";
    if (!strcmp(p->call, "text_array")) return "DAL_PG_TEXT_ARRAY";
    return p->oid;
}

/* `-- @type WORD` on PostgreSQL: the typname it asks for, NULL when the
 * word is not one. */
static const char *override_typname(const char *w)
{
    static const struct { const char *word, *typname; } words[] = {
        {"int16", "int2"}, {"smallint", "int2"}, {"int32", "int4"}, {"integer", "int8"}, {"int", "int8"},
        {"int64", "int8"}, {"bigint", "int8"}, {"double", "float8"}, {"real", "float8"}, {"float", "float8"},
        {"float32", "float4"}, {"bool", "bool"}, {"boolean", "bool"}, {"text", "text"}, {"varchar", "text"},
        {"string", "text"}, {"blob", "bytea"}, {"bytea", "bytea"}, {"uuid", "uuid"},
        {"timestamp", "timestamptz"}, {"timestamptz", "timestamptz"}, {"date", "date"}, {"numeric", "numeric"},
        {"decimal", "numeric"}, {"json", "json"}, {"jsonb", "jsonb"}, {"time", "time"}, {"interval", "interval"},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!dg_strcasecmp_ascii(words[i].word, w)) return words[i].typname;
    return NULL;
}

dg_pgtype dg_pgtype_of_column(const dg_schema *s, const dg_column *c, dg_strings *keep, dg_ckind *kind)
{
    const dg_pg_column *pg = c->pg;
    dg_pg_typeref t = {pg->type_schema, pg->type_name, pg->type_kind, pg->typmod, pg->array_dims, c->type};
    dg_pgtype natural = dg_pgtype_of(s, &t, keep, kind);
    const char *a = dg_annotation_get(&c->annotations, "type");
    const char *want = a ? override_typname(a) : NULL;
    if (!want) return natural;
    dg_pg_typeref o = {"pg_catalog", want, "base", -1, 0, NULL};
    dg_ckind k;
    dg_pgtype p = dg_pgtype_of(s, &o, keep, &k);
    if (!strcmp(p.call, natural.call) && !strcmp(p.oid, natural.oid) && k == *kind && !natural.cast_in) return natural;
    /* written as the override's type cast to the column's, read cast back */
    p.cast_in = keep_str(keep, dg_xprintf("::%s", c->type));
    p.cast_out = keep_str(keep, dg_xprintf("::%s", want));
    p.domain = natural.domain;
    p.domain_not_null = natural.domain_not_null;
    p.maxlen = natural.maxlen;
    *kind = k;
    return p;
}

bool dg_cbind_column_has_pg(const dg_column *c, dg_ckind k)
{
    bool readonly = c->generated != DG_GEN_NONE || (c->pg && c->pg->identity && !strcmp(c->pg->identity, "always"));
    bool deflt = (c->default_sql || (c->pg && c->pg->identity)) && !readonly;
    bool integer = k == DG_CK_INT16 || k == DG_CK_INT32 || k == DG_CK_INT64;
    if (!dg_ckind_scalar(k)) return false;
    if (c->pk) return deflt && !integer;
    return !c->not_null || deflt;
}

dg_cbind dg_cbind_value_pg(const char *name, dg_ckind k, dg_pgtype pg, const char *enum_type, bool nullable,
                           const char *has)
{
    dg_cbind b;
    memset(&b, 0, sizeof b);
    b.name = name;
    b.kind = k;
    b.pg = pg;
    b.enum_type = k == DG_CK_ENUM ? enum_type : NULL;
    if (k == DG_CK_ENUM && !enum_type) {   /* no C enum for it: its label as text */
        b.kind = DG_CK_TEXT;
        b.pg.ctype = "const char *";
    }
    b.ctype = b.kind == DG_CK_ENUM ? enum_type : b.pg.ctype;
    b.vkind = b.kind;
    b.has = has && nullable && dg_ckind_scalar(b.kind) ? has : NULL;
    b.by_ptr = !has && nullable && dg_ckind_scalar(b.kind);
    return b;
}

/* ---- bind and read expressions ----------------------------------------- */

/* The zero of a scalar kind, for `p ? *p : zero`. */
static const char *zero_of(dg_ckind k)
{
    switch (k) {
    case DG_CK_BOOL:     return "false";
    case DG_CK_UUID:     return "(dal_uuid){{0}}";
    case DG_CK_INTERVAL: return "(dal_interval){0, 0, 0}";
    default:             return "0";
    }
}

char *dg_cbind__bind_pg(const dg_cbind *f, const char *idx, const char *src, const char *st)
{
    const char *call = f->pg.call, *n = f->name;
    bool row = *src != '\0';
    if (f->kind == DG_CK_ENUM) {   /* a value that is no label: DAL_INVALID, never NULL (dal_pg_bind_label) */
        const char *t = f->enum_type;
        if (f->by_ptr)   /* a parameter, or a field of a :copyfrom row (src) */
            return dg_xprintf("%s%s ? dal_pg_bind_label(%s, %s, %s_to_string(*%s%s), (int)*%s%s, \"%s\") : "
                              "dal_pg_bind_null(%s, %s)", src, n, st, idx, t, src, n, src, n, t, st, idx);
        if (row && f->has)
            return dg_xprintf("%s%s ? dal_pg_bind_label(%s, %s, %s_to_string(%s%s), (int)%s%s, \"%s\") : "
                              "dal_pg_bind_null(%s, %s)", src, f->has, st, idx, t, src, n, src, n, t, st, idx);
        return dg_xprintf("dal_pg_bind_label(%s, %s, %s_to_string(%s%s), (int)%s%s, \"%s\")", st, idx, t, src, n,
                          src, n, t);
    }
    if (f->by_ptr && dg_ckind_scalar(f->kind))
        return dg_xprintf("dal_pg_bind_%s_null(%s, %s, %s%s != NULL, %s%s ? *%s%s : %s)", call, st, idx, src, n, src,
                          n, src, n, zero_of(f->kind));
    if (row && f->has && dg_ckind_scalar(f->kind))
        return dg_xprintf("dal_pg_bind_%s_null(%s, %s, %s%s, %s%s)", call, st, idx, src, f->has, src, n);
    if (f->kind == DG_CK_ARRAY)
        return dg_xprintf("%s%s.data ? dal_pg_bind_%s(%s, %s, %s%s.data, %s%s.len) : dal_pg_bind_null(%s, %s)", src, n,
                          call, st, idx, src, n, src, n, st, idx);
    return dg_xprintf("dal_pg_bind_%s(%s, %s, %s%s)", call, st, idx, src, n);
}

char *dg_cbind_copy_put(const dg_cbind *f, const char *src, const char *len, int *width)
{
    static const struct { const char *call; int width; } fixed[] = {
        {"int16", 2}, {"int32", 4}, {"int64", 8}, {"float", 4}, {"double", 8}, {"bool", 1}, {"time", 8},
    };
    const char *call = f->pg.call, *n = f->name;
    if (!call || f->kind == DG_CK_ENUM || f->kind == DG_CK_ARRAY) return NULL;
    if (f->kind == DG_CK_TEXT && !strcmp(call, "text")) {   /* NULL: SQL NULL, as dal_pg_bind_text */
        *width = -1;
        return dg_xprintf("w__ = dal_pg_copy_put_text(w__, %s%s, %s);", src, n, len);
    }
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        if (strcmp(call, fixed[i].call)) continue;
        *width = fixed[i].width;
        if (f->by_ptr)
            return dg_xprintf("w__ = %s%s ? dal_pg_copy_put_%s(w__, *%s%s) : dal_pg_copy_put_null(w__);", src, n, call,
                              src, n);
        if (f->has)
            return dg_xprintf("w__ = %s%s ? dal_pg_copy_put_%s(w__, %s%s) : dal_pg_copy_put_null(w__);", src, f->has,
                              call, src, n);
        return dg_xprintf("w__ = dal_pg_copy_put_%s(w__, %s%s);", call, src, n);
    }
    return NULL;
}

char *dg_cbind__read_pg(const dg_cbind *f, int col, const char *dst)
{
    const char *call = f->pg.call;
    if (f->kind == DG_CK_ENUM)
        return dg_xprintf("dal_pg_read_text_ref(db, res, row__, %d, %s, &text, NULL)", col, f->colname);
    if (dg_ckind_scalar(f->kind)) {
        if (f->has)
            return dg_xprintf("dal_pg_read_%s_null(db, res, row__, %d, %s, &%s%s, &%s%s)", call, col, f->colname, dst,
                              f->has, dst, f->name);
        return dg_xprintf("dal_pg_read_%s(db, res, row__, %d, %s, &%s%s)", call, col, f->colname, dst, f->name);
    }
    return dg_xprintf("dal_pg_read_%s(db, res, row__, %d, %s, arena, &%s%s)", call, col, f->colname, dst, f->name);
}
