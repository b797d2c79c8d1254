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

dg_vtype dg_vtype_of_decl(const char *decltype)
{
    if (!decltype || !*decltype || !dg_strcasecmp_ascii(decltype, "ANY")) return DG_VT_VALUE;
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
        size_t k = 0;
        while (k < n && (s[k] & ~0x20) == words[i].w[k]) k++;
        if (k == n) return words[i].v;
    }
    return DG_VT_UNKNOWN;
}

static bool is_fts(const char *module)
{
    return !dg_strcasecmp_ascii(module, "fts5") || !dg_strcasecmp_ascii(module, "fts4") ||
           !dg_strcasecmp_ascii(module, "fts3");
}

dg_vtype dg_vtype_of_column(const dg_table *t, const dg_column *c)
{
    const char *a = dg_annotation_get(&c->annotations, "type");
    dg_vtype v = a ? dg_vtype_word(a, strlen(a)) : DG_VT_UNKNOWN;
    if (v != DG_VT_UNKNOWN) return v;
    if (t && t->module && !*c->type) {
        /* untyped columns of the common modules hold one kind of value;
         * fts's hidden rank is the match's score */
        if (is_fts(t->module)) return c->hidden && !dg_strcasecmp_ascii(c->name, "rank") ? DG_VT_DOUBLE : DG_VT_TEXT;
        if (!strncasecmp(t->module, "rtree", 5))
            return c == &t->columns.items[0] ? DG_VT_INT64 : DG_VT_DOUBLE;
    }
    return dg_vtype_of_decl(c->type);
}

const char *dg_vtype_name(dg_vtype v)
{
    static const char *const names[] = {"unknown", "int64", "double", "text", "blob", "bool", "value"};
    return names[v];
}
