#include "migrations/msource.h"

#include <stdlib.h>
#include <string.h>

int dg_load_folder_schema(const dg_mfolder *f, dg_schema **out, dg_diags *d)
{
    if (f->items.len == 0) {
        *out = dg_schema_new();
        return 0;
    }
    dg_sources s = {0};
    dg_sources_add(&s, DG_SRC_SQL_DIR, f->dir);
    int rc = dg_schema_load(&s, out, d);
    dg_sources_free(&s);
    return rc;
}

dal_migration *dg_mfolder_to_dal(const dg_mfolder *f)
{
    dal_migration *v = dg_xcalloc(f->items.len + 1, sizeof *v);
    for (size_t i = 0; i < f->items.len; i++) {
        const dg_migration *m = &f->items.items[i];
        v[i].id = m->id;
        v[i].name = m->name;
        v[i].up = m->up;
        v[i].down = m->down;
        v[i].checksum = m->checksum;
    }
    return v;
}
