/* vgen - renders the validators_h / validators_c templates for a schema, with
 * minimal row structs around them (DESIGN.md's type mapping, dalgen's names),
 * so that the validators can be compiled, run and golden-tested on their own,
 * apart from the rest of the generated code.
 *   validate_vgen SCHEMA.sql PREFIX OUT_DIR     writes OUT_DIR/PREFIX.h, .c */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "c/names.h"
#include "c/template.h"
#include "c/view_int.h"
#include "c/view_validators.h"
#include "frontend/sources.h"
#include "util/buf.h"

static dg_ckind kind_of(const dg_column *c)
{
    if (!c->type[0]) return DG_CK_VALUE;
    if (dg_strcasecmp_ascii(c->type, "BOOLEAN") == 0 || dg_strcasecmp_ascii(c->type, "BOOL") == 0) return DG_CK_BOOL;
    switch (c->affinity) {
    case DG_AFF_INTEGER: return DG_CK_INT64;
    case DG_AFF_REAL: case DG_AFF_NUMERIC: return DG_CK_DOUBLE;
    case DG_AFF_TEXT: return DG_CK_TEXT;
    default: return DG_CK_BLOB;
    }
}

/* The table's name and its fields' bindings in vt. */
static void table_view(const dg_names *names, const dg_table *t, dg_vtable *vt)
{
    memset(vt, 0, sizeof *vt);
    vt->t = t;
    vt->name = t->name;
    vt->strct = dg_names_struct(names, t->schema, t->name);
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        dg_ckind k = kind_of(c);
        bool has = k != DG_CK_TEXT && k != DG_CK_BLOB && !c->pk && (!c->not_null || c->default_sql);
        const char *name = dg_names_field(names, t->schema, t->name, c->name);
        dg_cbind *b = DG_VEC_ADD(&vt->f);
        memset(b, 0, sizeof *b);
        memset(DG_VEC_ADD(&vt->fx), 0, sizeof(dg_vfield));
        b->column = c->name;
        b->name = name;
        if (has) {
            DG_VEC_PUSH(&vt->strs, dg_xprintf("has_%s", name));
            b->has = vt->strs.items[vt->strs.len - 1];
        }
        b->kind = b->vkind = k;
        b->ctype = dg_ckind_ctype(k);
    }
}

static void struct_def(dg_buf *b, json_t *tv)
{
    const char *st = json_string_value(json_object_get(tv, "struct"));
    dg_buf_printf(b, "\nstruct %s {\n", st);
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(tv, "fields"), i, f) {
        const char *name = json_string_value(json_object_get(f, "name"));
        const char *has = json_string_value(json_object_get(f, "has"));
        if (has) dg_buf_printf(b, "    bool %s;\n", has);
        const char *ct = json_string_value(json_object_get(f, "ctype"));
        dg_buf_printf(b, "    %s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", name);
    }
    dg_buf_puts(b, "};\n");
}

static int write(const char *path, dg_buf *b)
{
    FILE *fp = fopen(path, "w");
    int rc = fp && fputs(dg_buf_cstr(b), fp) >= 0 ? 0 : -1;
    if (fp && fclose(fp) != 0) rc = -1;
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: validate_vgen SCHEMA.sql PREFIX OUT_DIR\n");
        return 2;
    }
    const char *prefix = argv[2];
    dg_diags d = DG_DIAGS_INIT;
    dg_sources src;
    memset(&src, 0, sizeof src);
    dg_sources_add(&src, DG_SRC_SQL_FILE, argv[1]);
    dg_schema *s = NULL;
    if (dg_schema_load(&src, &s, &d) != 0) {
        dg_diags_print(&d, stderr);
        return 1;
    }
    dg_view_opts opts = {prefix, true, false};
    dg_names *names = dg_names_build(s, &opts, &d);
    if (!names) {
        dg_diags_print(&d, stderr);
        return 1;
    }
    int rc = 0;
    dg_vtables *vts = dg_xcalloc(1, sizeof *vts);
    vts->names = names;
    for (size_t i = 0; i < s->tables.len; i++) {
        dg_vtable *vt = DG_VEC_ADD(&vts->items);
        table_view(names, &s->tables.items[i], vt);
        if (dg_view_add_validators(&vts->enums, vt, vt->strct, &vts->types, &d) != 0) rc = 1;
        dg_strings_push(&vts->types.structs, vt->strct);
    }
    json_t *enums = dg_venums_to_json(&vts->enums), *tables = json_array();
    for (size_t i = 0; i < vts->items.len; i++)
        json_array_append_new(tables, dg_vtable_to_json(&vts->items.items[i], NULL, &vts->enums));
    json_t *root = json_pack("{s:o, s:o}", "tables", tables, "enums", enums);
    dg_vtables_free(vts);
    dg_tmpl_set *set = dg_tmpl_set_new();
    dg_tmpl_set_add_builtin(set);
    dg_buf h = DG_BUF_INIT, c = DG_BUF_INIT;
    char *guard = dg_xprintf("%s_H", prefix);
    for (char *p = guard; *p; p++) *p = (char)toupper((unsigned char)*p);
    dg_buf_printf(&h, "/* Validators of %s, rendered by validate_vgen; do not edit. */\n"
                      "#ifndef %s\n#define %s\n\n#include <stdbool.h>\n#include <stdint.h>\n\n#include \"dal.h\"\n\n",
                  prefix, guard, guard);
    size_t i;
    json_t *tv;
    json_array_foreach(json_object_get(root, "tables"), i, tv) {
        const char *st = json_string_value(json_object_get(tv, "struct"));
        dg_buf_printf(&h, "typedef struct %s %s;\n", st, st);
    }
    if (dg_tmpl_render(set, "validators_h", root, &h, &d) != 0) rc = 1;
    json_array_foreach(json_object_get(root, "tables"), i, tv) struct_def(&h, tv);
    dg_buf_printf(&h, "\n#endif\n");
    dg_buf_printf(&c, "/* Validators of %s, rendered by validate_vgen; do not edit. */\n"
                      "#include \"%s.h\"\n", prefix, prefix);
    if (dg_tmpl_render(set, "validators_c", root, &c, &d) != 0) rc = 1;
    dg_diags_print(&d, stderr);
    char *hp = dg_xprintf("%s/%s.h", argv[3], prefix), *cp = dg_xprintf("%s/%s.c", argv[3], prefix);
    if (rc == 0 && (write(hp, &h) != 0 || write(cp, &c) != 0)) {
        perror(argv[3]);
        rc = 1;
    }
    free(hp);
    free(cp);
    free(guard);
    dg_buf_free(&h);
    dg_buf_free(&c);
    dg_tmpl_set_free(set);
    json_decref(root);
    dg_schema_free(s);
    dg_sources_free(&src);
    return rc;
}
