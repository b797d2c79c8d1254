/* view_build.c - dg_view_build: the root of the view model and every
 * table's and view's part, in schema order (view_build.h). */
#include <ctype.h>
#include <dal.h>
#include <stdlib.h>
#include <string.h>

#include "c/clang_struct.h"
#include "c/template.h"
#include "c/view_build.h"
#include "c/view_int.h"
#include "c/view_validators.h"

static json_t *root_skeleton(const dg_strings *inputs, const dg_view_opts *opts)
{
    const char *p = opts->prefix;
    json_t *root = json_object();
    json_t *in = json_array();
    for (size_t i = 0; inputs && i < inputs->len; i++)
        json_array_append_new(in, json_pack("{s:s}", "path", inputs->items[i]));
    char *guard = dg_xprintf("%s_H", p);
    for (char *c = guard; *c; c++) *c = (char)toupper((unsigned char)*c);
    json_object_set_new(root, "prefix", json_string(p));
    json_object_set_new(root, "header", json_pack("s+", p, ".h"));
    json_object_set_new(root, "guard", json_string(guard));
    json_object_set_new(root, "inputs", in);
    json_object_set_new(root, "dal_major", json_integer(DAL_VERSION_MAJOR));
    json_object_set_new(root, "dal_minor", json_integer(DAL_VERSION_MINOR));
    json_object_set_new(root, "unit", json_pack("s+", p, "__unit"));
    json_object_set_new(root, "slot", json_pack("s+", p, "__slot"));
    json_object_set_new(root, "sql_array", json_pack("s+", p, "__sql"));
    json_object_set_new(root, "stmts", json_array());
    json_object_set_new(root, "enums", json_array());
    json_object_set_new(root, "tables", json_array());
    json_object_set_new(root, "views", json_array());
    free(guard);
    return root;
}

json_t *dg_view_build(const dg_schema *s, const dg_strings *inputs, const dg_view_opts *opts, dg_vtables **tables,
                      dg_diags *d)
{
    if (tables) *tables = NULL;
    dg_names *names = dg_names_build(s, opts, d);
    if (!names) return NULL;
    json_t *root = root_skeleton(inputs, opts);
    dg_vtables *vts = dg_xcalloc(1, sizeof *vts);
    vts->names = names;
    dg_vctx v = {s, opts, names, root};
    int rc = 0;
    for (size_t i = 0; i < s->tables.len && rc == 0; i++) {
        const dg_table *t = &s->tables.items[i];
        dg_vtable *vt = DG_VEC_ADD(&vts->items);
        json_array_append_new(json_object_get(root, "tables"), dg_view_table_begin(&v, t, vt));
        dg_strings_push(&vts->types.structs, dg_names_struct(names, t->name));
        rc = dg_view_clang_struct(root, vt, &vts->types, opts->out_dir, d) < 0 ? -1 : 0;
        if (rc == 0) rc = dg_records_check(t, d);
        if (rc == 0) rc = dg_view_add_validators(root, vt, dg_names_struct(names, t->name), &vts->types, d);
        if (rc == 0) rc = dg_view_table_finish(&v, vt);
    }
    for (size_t i = 0; i < s->views.len && rc == 0; i++) {
        dg_vtable *vt = DG_VEC_ADD(&vts->items);
        json_array_append_new(json_object_get(root, "views"), dg_view_view(&v, &s->views.items[i], vt));
        rc = dg_view_table_finish(&v, vt);
    }
    bool long_sql = false;
    json_t *st;
    size_t k;
    json_array_foreach(json_object_get(root, "stmts"), k, st)
        long_sql = long_sql || strlen(json_string_value(json_object_get(st, "sql"))) > DG_TMPL_MAX_LITERAL;
    json_object_set_new(root, "long_sql", json_boolean(long_sql));
    json_object_set_new(root, "stmt_count", json_integer((json_int_t)json_array_size(json_object_get(root, "stmts"))));
    if (rc != 0 || !tables) dg_vtables_free(vts);
    if (rc != 0) {
        json_decref(root);
        return NULL;
    }
    if (tables) *tables = vts;
    return root;
}
