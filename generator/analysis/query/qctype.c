/* qctype.c - the C type of a declared SQL type (DESIGN.md, "Types"). */
#include "qinternal.h"

#include <string.h>

static bool starts_with_word(const char *up, const char *w)
{
    size_t n = strlen(w);
    return !strncmp(up, w, n) && !((up[n] >= 'A' && up[n] <= 'Z') || (up[n] >= '0' && up[n] <= '9') || up[n] == '_');
}

dg_ctype dg_ctype_of_decl(const char *decltype)
{
    if (!decltype || !*decltype) return DG_CT_VALUE;
    char up[64];
    size_t n = 0;
    for (const char *s = decltype; *s && n + 1 < sizeof up; s++)
        up[n++] = (*s >= 'a' && *s <= 'z') ? (char)(*s - 32) : *s;
    up[n] = 0;
    if (starts_with_word(up, "BOOL") || starts_with_word(up, "BOOLEAN")) return DG_CT_BOOL;
    if (starts_with_word(up, "DATE") || starts_with_word(up, "DATETIME") || starts_with_word(up, "TIMESTAMP"))
        return DG_CT_TEXT;
    if (starts_with_word(up, "ANY")) return DG_CT_VALUE;
    switch (dg_affinity_of(decltype)) {
    case DG_AFF_INTEGER: return DG_CT_INT64;
    case DG_AFF_TEXT: return DG_CT_TEXT;
    case DG_AFF_REAL:
    case DG_AFF_NUMERIC: return DG_CT_DOUBLE;
    case DG_AFF_BLOB: return DG_CT_BLOB;
    }
    return DG_CT_VALUE;
}

dg_ctype dg_ctype_of_column(const dg_column *c)
{
    const char *t = dg_annotation_get(&c->annotations, "type");
    if (t) {
        dg_ctype ct = dg_qtype_word(t, strlen(t));
        if (ct != DG_CT_UNKNOWN) return ct;
    }
    return dg_ctype_of_decl(c->type);
}

const char *dg_ctype_name(dg_ctype c)
{
    static const char *const names[] = {"unknown", "int64", "double", "text", "blob", "bool", "value"};
    return names[c];
}
