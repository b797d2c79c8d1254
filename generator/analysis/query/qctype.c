/* qctype.c - the C type of a declared SQL type (DESIGN.md, "Types"). */
#include "analysis/query/qinternal.h"

#include <string.h>

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

/* The same rules as the table structs' fields (emit/view_fields.c), so that
 * a query's row and a table's struct agree on every column. */
dg_ctype dg_ctype_of_decl(const char *decltype)
{
    if (!decltype || !*decltype || !dg_strcasecmp_ascii(decltype, "ANY")) return DG_CT_VALUE;
    if (contains_ci(decltype, "BOOL")) return DG_CT_BOOL;
    if (contains_ci(decltype, "DATE") || contains_ci(decltype, "TIME")) return DG_CT_TEXT;
    switch (dg_affinity_of(decltype)) {
    case DG_AFF_INTEGER: return DG_CT_INT64;
    case DG_AFF_TEXT: return DG_CT_TEXT;
    case DG_AFF_REAL:
    case DG_AFF_NUMERIC: return DG_CT_DOUBLE;
    case DG_AFF_BLOB: return DG_CT_BLOB;
    }
    return DG_CT_VALUE;
}

dg_ctype dg_ctype_of_column(const dg_table *t, const dg_column *c)
{
    const char *a = dg_annotation_get(&c->annotations, "type");
    if (a) {
        dg_ctype ct = dg_qtype_word(a, strlen(a));
        if (ct != DG_CT_UNKNOWN) return ct;
    }
    if (t && t->module && !*c->type) {
        /* untyped columns of the common modules hold one kind of value */
        if (!dg_strcasecmp_ascii(t->module, "fts5") || !dg_strcasecmp_ascii(t->module, "fts4") ||
            !dg_strcasecmp_ascii(t->module, "fts3"))
            return DG_CT_TEXT;
        if (!strncmp(t->module, "rtree", 5) || !strncmp(t->module, "RTREE", 5))
            return c == &t->columns.items[0] ? DG_CT_INT64 : DG_CT_DOUBLE;
    }
    return dg_ctype_of_decl(c->type);
}

const char *dg_ctype_name(dg_ctype c)
{
    static const char *const names[] = {"unknown", "int64", "double", "text", "blob", "bool", "value"};
    return names[c];
}
