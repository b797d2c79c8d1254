#include "frontend/clang/clang_tables.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static void annotations_free(dg_annotations *a)
{
    for (size_t i = 0; i < a->len; i++) {
        free(a->items[i].key);
        free(a->items[i].value);
    }
    DG_VEC_FREE(a);
}

static void ccol_free(dg_ccol *c)
{
    free(c->field);
    free(c->name);
    free(c->default_sql);
    free(c->collate);
    dg_strings_free(&c->checks);
    free(c->ref_table);
    free(c->ref_column);
    free(c->on_delete);
    free(c->on_update);
    for (size_t i = 0; i < c->indexes.len; i++) free(c->indexes.items[i].name);
    DG_VEC_FREE(&c->indexes);
    annotations_free(&c->annotations);
}

void dg_ctables_free(dg_ctables *v)
{
    for (size_t i = 0; i < v->len; i++) {
        dg_ctable *t = &v->items[i];
        free(t->name);
        free(t->c_struct);
        dg_strings_free(&t->checks);
        annotations_free(&t->annotations);
        for (size_t k = 0; k < t->cols.len; k++) ccol_free(&t->cols.items[k]);
        DG_VEC_FREE(&t->cols);
    }
    DG_VEC_FREE(v);
}

int dg_cann_parse(const char *text, dg_loc loc, dg_cann *out)
{
    memset(out, 0, sizeof *out);
    if (strncmp(text, "dal:", 4) != 0) return -1;
    text += 4;
    const char *eq = strchr(text, '=');
    out->loc = loc;
    if (!eq) {
        out->key = dg_xstrdup(text);
        return 0;
    }
    out->key = dg_xstrndup(text, (size_t)(eq - text));
    const char *arg = eq + 1;
    const char *sep = strchr(arg, '\x1f');
    if (!sep) {
        out->arg1 = dg_xstrdup(arg);
        return 0;
    }
    out->arg1 = dg_xstrndup(arg, (size_t)(sep - arg));
    out->arg2 = dg_xstrdup(sep + 1);
    return 0;
}

void dg_cann_free(dg_cann *a)
{
    free(a->key);
    free(a->arg1);
    free(a->arg2);
    memset(a, 0, sizeof *a);
}
