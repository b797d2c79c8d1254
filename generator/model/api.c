#include "model/api.h"

#include <stdlib.h>

void dg_api_free(dg_api *a)
{
    if (!a) return;
    for (int k = 0; k < DG_API_KINDS; k++) {
        for (size_t i = 0; i < a->items[k].len; i++) {
            dg_api_item *it = &a->items[k].items[i];
            free(it->owner);
            free(it->name);
            free(it->type);
            free(it->text);
        }
        DG_VEC_FREE(&a->items[k]);
    }
    dg_strings_free(&a->files);
}

void dg_api_relabel(dg_api *a, const char *file)
{
    dg_strings_push(&a->files, file);
    const char *f = a->files.items[a->files.len - 1];
    for (int k = 0; k < DG_API_KINDS; k++)
        for (size_t i = 0; i < a->items[k].len; i++) a->items[k].items[i].loc.file = f;
}

const char *dg_api_kind_name(int kind)
{
    static const char *const names[DG_API_KINDS] = {"functions", "structs", "fields", "enum values",
                                                              "typedefs"};
    return kind >= 0 && kind < DG_API_KINDS ? names[kind] : "?";
}
