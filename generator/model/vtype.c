/* vtype.c - the value type of a declared SQL type or a column (model.h,
 * DESIGN.md "Types").  The one place these rules live: the table structs,
 * the query typer and the validators all start from it. */
#include <string.h>
#include <strings.h>

#include "model/model.h"

/* ASCII case-insensitive search of an upper-case needle. */
static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && (hay[i] & ~0x20) == needle[i]) i++;
        if (i == n) return true;
    }
    return false;
}

/* The declared types dalgen knows by name (docs/generate.md "Types"): what
 * they mean where SQLite's affinity would say otherwise (JSON, UUID and
 * SERIAL have NUMERIC affinity, INTERVAL INTEGER).  Names are matched
 * whole, without a size: "BLOB SUB_TYPE TEXT" is not a BLOB. */
#define K(name, v) {name, sizeof name - 1, v}
static const struct { const char *name; size_t len; dg_vtype v; } known_types[] = {
    K("JSON", DG_VT_TEXT), K("JSONB", DG_VT_TEXT), K("UUID", DG_VT_TEXT), K("STRING", DG_VT_TEXT),
    K("CITEXT", DG_VT_TEXT), K("INET", DG_VT_TEXT), K("CIDR", DG_VT_TEXT), K("MACADDR", DG_VT_TEXT),
    K("MACADDR8", DG_VT_TEXT), K("XML", DG_VT_TEXT), K("ENUM", DG_VT_TEXT), K("SET", DG_VT_TEXT),
    K("INTERVAL", DG_VT_TEXT), K("TSVECTOR", DG_VT_TEXT), K("TSQUERY", DG_VT_TEXT),
    K("UNIQUEIDENTIFIER", DG_VT_TEXT), K("VARCHAR", DG_VT_TEXT), K("CHAR", DG_VT_TEXT),
    K("CHARACTER", DG_VT_TEXT), K("CHARACTER VARYING", DG_VT_TEXT), K("NCHAR", DG_VT_TEXT), K("NVARCHAR", DG_VT_TEXT), K("CLOB", DG_VT_TEXT),
    K("TEXT", DG_VT_TEXT),
    K("DATE", DG_VT_TEXT), K("TIME", DG_VT_TEXT), K("TIMETZ", DG_VT_TEXT), K("DATETIME", DG_VT_TEXT),
    K("TIMESTAMP", DG_VT_TEXT), K("TIMESTAMPTZ", DG_VT_TEXT), K("TIMESTAMP WITH TIME ZONE", DG_VT_TEXT),
    K("TIMESTAMP WITHOUT TIME ZONE", DG_VT_TEXT), K("TIME WITH TIME ZONE", DG_VT_TEXT),
    K("TIME WITHOUT TIME ZONE", DG_VT_TEXT),
    K("SERIAL", DG_VT_INT64), K("BIGSERIAL", DG_VT_INT64), K("SMALLSERIAL", DG_VT_INT64),
    K("SERIAL2", DG_VT_INT64), K("SERIAL4", DG_VT_INT64), K("SERIAL8", DG_VT_INT64), K("INT2", DG_VT_INT64),
    K("INT4", DG_VT_INT64), K("INT8", DG_VT_INT64), K("INT", DG_VT_INT64), K("INTEGER", DG_VT_INT64),
    K("BIGINT", DG_VT_INT64), K("SMALLINT", DG_VT_INT64), K("TINYINT", DG_VT_INT64),
    K("MEDIUMINT", DG_VT_INT64), K("OID", DG_VT_INT64),
    K("BOOL", DG_VT_BOOL), K("BOOLEAN", DG_VT_BOOL),
    K("REAL", DG_VT_DOUBLE), K("FLOAT", DG_VT_DOUBLE), K("FLOAT4", DG_VT_DOUBLE), K("FLOAT8", DG_VT_DOUBLE),
    K("DOUBLE", DG_VT_DOUBLE), K("DOUBLE PRECISION", DG_VT_DOUBLE), K("NUMERIC", DG_VT_DOUBLE),
    K("DECIMAL", DG_VT_DOUBLE), K("MONEY", DG_VT_DOUBLE), K("NUMBER", DG_VT_DOUBLE),
    K("BLOB", DG_VT_BLOB), K("BYTEA", DG_VT_BLOB), K("BINARY", DG_VT_BLOB), K("VARBINARY", DG_VT_BLOB),
    K("ANY", DG_VT_VALUE),
};
#undef K

/* The entry of a known name (n bytes), -1 when none.  Per column of every
 * table: the first byte and the length pick the few names compared. */
static int known_type(const char *name, size_t n)
{
    char first = name[0] >= 'a' && name[0] <= 'z' ? (char)(name[0] - 32) : name[0];   /* the names are upper-case */
    for (size_t i = 0; i < sizeof known_types / sizeof known_types[0]; i++)
        if (known_types[i].len == n && known_types[i].name[0] == first && !dg_strcasecmp_ascii(name, known_types[i].name))
            return (int)i;
    return -1;
}

/* The declared type's name without its size and with single spaces
 * ("double  precision(10)" -> "double precision"); returns its length. */
static size_t type_name(const char *decl, char *whole, size_t cap)
{
    size_t n = 0;
    bool space = false;
    for (; *decl && *decl != '(' && n + 1 < cap; decl++) {
        if (*decl == ' ' || *decl == '\t' || *decl == '\n' || *decl == '\r') {
            space = n > 0;
            continue;
        }
        if (space && n + 2 < cap) whole[n++] = ' ';
        space = false;
        whole[n++] = *decl;
    }
    whole[n] = '\0';
    return n;
}

/* The entry of a declared type, -1 when the table does not list it. */
static int known_decl(const char *decltype)
{
    char name[128];
    size_t n = type_name(decltype, name, sizeof name);
    return known_type(name, n);
}

/* The @format of known type k (-1: none). */
static const char *known_format(int k)
{
    bool json = k >= 0 && (!strcmp(known_types[k].name, "JSON") || !strcmp(known_types[k].name, "JSONB"));
    return json ? "json" : NULL;
}

const char *dg_decl_format(const char *decltype)
{
    return known_format(decltype ? known_decl(decltype) : -1);
}

#define NOT_LOOKED_UP (-2)

/* dg_vtype_of_decl with the known type k of decltype (NOT_LOOKED_UP: to
 * be looked up). */
static dg_vtype decl_vtype(const char *decltype, int k)
{
    if (!decltype || !*decltype) return DG_VT_VALUE;
    if (k == NOT_LOOKED_UP) k = known_decl(decltype);
    if (k >= 0) return known_types[k].v;
    /* names the table does not list: enum-like, boolean and date-like names,
     * then SQLite's affinity */
    if (contains_ci(decltype, "ENUM")) return DG_VT_TEXT;
    if (contains_ci(decltype, "BOOL")) return DG_VT_BOOL;
    if (contains_ci(decltype, "DATE") || contains_ci(decltype, "TIME")) return DG_VT_TEXT;
    switch (dg_affinity_of(decltype)) {
    case DG_AFF_INTEGER: return DG_VT_INT64;
    case DG_AFF_TEXT: return DG_VT_TEXT;
    case DG_AFF_REAL:
    case DG_AFF_NUMERIC: return DG_VT_DOUBLE;
    case DG_AFF_BLOB: return DG_VT_BLOB;
    }
    return DG_VT_VALUE;
}

dg_vtype dg_vtype_of_decl(const char *decltype) { return decl_vtype(decltype, NOT_LOOKED_UP); }

static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c; }

dg_vtype dg_vtype_word(const char *s, size_t n)
{
    static const struct { const char *w; dg_vtype v; } words[] = {
        {"INTEGER", DG_VT_INT64}, {"INT", DG_VT_INT64}, {"INT64", DG_VT_INT64}, {"BIGINT", DG_VT_INT64},
        {"REAL", DG_VT_DOUBLE}, {"DOUBLE", DG_VT_DOUBLE}, {"FLOAT", DG_VT_DOUBLE},
        {"NUMERIC", DG_VT_DOUBLE}, {"DECIMAL", DG_VT_DOUBLE},
        {"TEXT", DG_VT_TEXT}, {"VARCHAR", DG_VT_TEXT}, {"STRING", DG_VT_TEXT}, {"DATE", DG_VT_TEXT},
        {"DATETIME", DG_VT_TEXT}, {"TIMESTAMP", DG_VT_TEXT},
        {"BLOB", DG_VT_BLOB}, {"BOOL", DG_VT_BOOL}, {"BOOLEAN", DG_VT_BOOL},
        {"ANY", DG_VT_VALUE}, {"VALUE", DG_VT_VALUE},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strlen(words[i].w) != n) continue;
        size_t k = 0;   /* ASCII case-insensitive; digits compare as they are */
        while (k < n && upper(s[k]) == words[i].w[k]) k++;
        if (k == n) return words[i].v;
    }
    return DG_VT_UNKNOWN;
}

/* A PostgreSQL column (design/postgres.md 3.6), by the server's canonical
 * type text: arrays (no value class of their own yet), enums and the types
 * no name in the table lists (ranges, inet, composites) hold text;
 * numeric and money too (exact decimal text, never a double); a domain
 * holds its base type's class. */
static dg_vtype pg_vtype(const dg_pg_column *p, const char *type)
{
    if (p->array_dims > 0 || (p->type_kind && !strcmp(p->type_kind, "enum"))) return DG_VT_TEXT;
    const char *t = p->base_type ? p->base_type : type;
    int k = known_decl(t);
    if (k < 0) return DG_VT_TEXT;
    if (!strcmp(known_types[k].name, "NUMERIC") || !strcmp(known_types[k].name, "MONEY")) return DG_VT_TEXT;
    return known_types[k].v;
}

static bool is_fts(const char *module)
{
    return !dg_strcasecmp_ascii(module, "fts5") || !dg_strcasecmp_ascii(module, "fts4") ||
           !dg_strcasecmp_ascii(module, "fts3");
}

/* dg_vtype_of_column with c's @read annotation r (NULL: none) and the known
 * type k of its declared type (as decl_vtype's). */
static dg_vtype column_vtype(const dg_table *t, const dg_column *c, const char *r, int k)
{
    if (r && !strcmp(r, "any")) return DG_VT_VALUE;
    const char *a = dg_annotation_get(&c->annotations, "type");
    dg_vtype v = a ? dg_vtype_word(a, strlen(a)) : DG_VT_UNKNOWN;
    if (v != DG_VT_UNKNOWN) return v;
    if (c->pg) return pg_vtype(c->pg, c->type);
    if (t && t->module && !*c->type) {
        /* untyped columns of the common modules hold one kind of value;
         * fts's hidden rank is the match's score */
        if (is_fts(t->module)) return c->hidden && !dg_strcasecmp_ascii(c->name, "rank") ? DG_VT_DOUBLE : DG_VT_TEXT;
        if (!strncasecmp(t->module, "rtree", 5))
            return c == &t->columns.items[0] ? DG_VT_INT64 : DG_VT_DOUBLE;
    }
    return decl_vtype(c->type, k);
}

dg_vtype dg_vtype_of_column(const dg_table *t, const dg_column *c)
{
    return column_vtype(t, c, dg_annotation_get(&c->annotations, "read"), NOT_LOOKED_UP);
}

bool dg_read_known(const char *mode)
{
    return !strcmp(mode, "exact") || !strcmp(mode, "lenient") || !strcmp(mode, "any");
}

/* A value of C type v in a column of declared type decl is stored as
 * another class: SQLite turns text that looks like a number into one under
 * NUMERIC, INTEGER or REAL affinity (a JSON '1', a DATE '20240101'), and
 * numbers into text under TEXT affinity, so an exact read would fail on the
 * values dalgen itself wrote. */
static bool affinity_converts(const char *decl, dg_vtype v)
{
    switch (dg_affinity_of(decl)) {
    case DG_AFF_INTEGER:
    case DG_AFF_REAL:
    case DG_AFF_NUMERIC: return v == DG_VT_TEXT;
    case DG_AFF_TEXT: return v == DG_VT_INT64 || v == DG_VT_DOUBLE || v == DG_VT_BOOL;
    case DG_AFF_BLOB: break;
    }
    return false;
}

bool dg_decl_reads_lenient(const char *decltype)
{
    return decltype && *decltype && affinity_converts(decltype, dg_vtype_of_decl(decltype));
}

bool dg_column_reads_lenient(const dg_table *t, const dg_column *c)
{
    return dg_column_value(t, c).lenient;
}

dg_colvalue dg_column_value(const dg_table *t, const dg_column *c)
{
    const char *r = dg_annotation_get(&c->annotations, "read");
    int k = known_decl(c->type);   /* once: the type, and the format */
    dg_colvalue cv;
    cv.v = column_vtype(t, c, r, k);
    /* no affinity (no declared type): nothing is converted */
    cv.lenient = r ? !strcmp(r, "lenient") : *c->type && affinity_converts(c->type, cv.v);
    cv.format = known_format(k);
    return cv;
}

const char *dg_vtype_name(dg_vtype v)
{
    static const char *const names[] = {"unknown", "int64", "double", "text", "blob", "bool", "value"};
    return names[v];
}
