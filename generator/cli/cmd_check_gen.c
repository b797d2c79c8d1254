/* cmd_check_gen.c - check's view of generate: its output in memory. */
#include "cli/cmd_check_gen.h"

#include <stdlib.h>
#include <string.h>

int dg_check_render(const dg_generate_opts *o, dg_check_files *out, dg_diags *d)
{
    dg_outputs gen = {0};
    if (dg_generate(o, &gen, d) != 0) return -1;
    size_t dl = strlen(o->out_dir);
    for (size_t i = 0; i < gen.items.len; i++) {
        dg_output *g = &gen.items.items[i];
        /* dg_generate names its outputs out_dir/<file>. */
        const char *name = g->path;
        if (!strncmp(name, o->out_dir, dl) && name[dl] == '/') name += dl + 1;
        dg_check_file *f = DG_VEC_ADD(out);
        f->name = dg_xstrdup(name);
        f->data = g->data;
        f->len = g->len;
        g->data = NULL;
    }
    dg_outputs_free(&gen);
    return 0;
}

void dg_check_files_free(dg_check_files *f)
{
    for (size_t i = 0; i < f->len; i++) {
        free(f->items[i].name);
        free(f->items[i].data);
    }
    DG_VEC_FREE(f);
}
