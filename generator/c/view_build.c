/* view_build.c - dg_view_build: the root of the view model and every
 * table's and view's part, in schema order (view_build.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "c/clang_struct.h"
#include "c/template.h"
#include "c/view_build.h"
#include "c/view_int.h"
#include "c/view_validators.h"

static void root_names(dg_vroot *r, const dg_strings *inputs, const dg_view_opts *opts)
{
    const char *p = opts->prefix;
    r->prefix = p;
    for (size_t i = 0; inputs && i < inputs->len; i++) dg_strings_push(&r->inputs, inputs->items[i]);
    r->guard = dg_xprintf("%s_H", p);
    for (char *c = r->guard; *c; c++) *c = (char)toupper((unsigned char)*c);
    r->header = dg_xprintf("%s.h", p);
    r->unit = dg_xprintf("%s__unit", p);
    r->slot = dg_xprintf("%s__slot", p);
    r->sql_array = dg_xprintf("%s__sql", p);
}

int dg_view_build_table(dg_vctx *v, dg_vtables *vts, const dg_table *t, dg_diags *d)
{
    dg_vtable *vt = DG_VEC_ADD(&vts->items);
    dg_view_table_begin(v, t, vt);
    dg_strings_push(&vts->types.structs, dg_names_struct(v->names, t->schema, t->name));
    if (dg_view_clang_struct(vt, &vts->types, v->opts, &vts->user_headers, d) < 0) return -1;
    if (dg_records_check(t, d) != 0) return -1;
    if (v->s->engine == DG_ENGINE_POSTGRESQL) dg_view_pg_enums(&vts->enums, vt, v->opts->prefix, &vts->types);
    if (dg_view_add_validators(&vts->enums, vt, dg_names_struct(v->names, t->schema, t->name), &vts->types, d) != 0) return -1;
    return dg_view_table_finish(v, vt);
}

dg_vtables *dg_view_build_typed(const dg_schema *s, const dg_strings *inputs, const dg_view_opts *opts, dg_diags *d)
{
    dg_names *names = dg_names_build(s, opts, d);
    if (!names) return NULL;
    dg_vtables *vts = dg_xcalloc(1, sizeof *vts);
    vts->names = names;
    vts->types.rows = names;
    root_names(&vts->root, inputs, opts);
    dg_schema_lookup lookup;
    dg_schema_lookup_init(&lookup, s);
    dg_vctx v = {&vts->arena, s, opts, names, &vts->stmts, &lookup};
    int rc = 0;
    vts->root.pg = s->engine == DG_ENGINE_POSTGRESQL;
    for (size_t i = 0; i < s->tables.len && rc == 0; i++) rc = dg_view_build_table(&v, vts, &s->tables.items[i], d);
    for (size_t i = 0; i < s->views.len && rc == 0; i++) {
        dg_vtable *vt = DG_VEC_ADD(&vts->items);
        dg_view_view(&v, &s->views.items[i], vt);
        if (vts->root.pg) dg_view_pg_enums(&vts->enums, vt, opts->prefix, &vts->types);
        rc = dg_view_table_finish(&v, vt);
    }
    dg_schema_lookup_free(&lookup);
    for (size_t i = 0; i < vts->stmts.len; i++)
        vts->root.long_sql = vts->root.long_sql || strlen(vts->stmts.items[i].sql) > DG_TMPL_MAX_LITERAL;
    if (rc != 0) {
        dg_vtables_free(vts);
        return NULL;
    }
    return vts;
}

json_t *dg_view_build(const dg_schema *s, const dg_strings *inputs, const dg_view_opts *opts, dg_vtables **tables,
                      dg_diags *d)
{
    if (tables) *tables = NULL;
    dg_vtables *vts = dg_view_build_typed(s, inputs, opts, d);
    if (!vts) return NULL;
    json_t *root = dg_view_to_json(vts);
    if (tables) *tables = vts;
    else dg_vtables_free(vts);
    return root;
}
