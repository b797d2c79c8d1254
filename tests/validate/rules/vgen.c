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

/* The table's JSON (struct, fields) and its fields' bindings in vt. */
static json_t *table_view(const dg_names *names, const dg_table *t, dg_vtable *vt)
{
    json_t *fields = json_array();
    memset(vt, 0, sizeof *vt);
    vt->t = t;
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        dg_ckind k = kind_of(c);
        bool has = k != DG_CK_TEXT && k != DG_CK_BLOB && !c->pk && (!c->not_null || c->default_sql);
        const char *name = dg_names_field(names, t->name, c->name);
        json_t *f = json_pack("{s:s, s:s, s:s}", "column", c->name, "name", name, "ctype", dg_ckind_ctype(k));
        if (has) json_object_set_new(f, "has", json_pack("s+", "has_", name));
        json_array_append_new(fields, f);
        dg_cbind *b = DG_VEC_ADD(&vt->f);
        b->column = c->name;
        b->name = name;
        b->has = json_string_value(json_object_get(f, "has"));
        b->kind = b->vkind = k;
        b->ctype = dg_ckind_ctype(k);
    }
    vt->tv = json_pack("{s:s, s:o}", "struct", dg_names_struct(names, t->name), "fields", fields);
    return vt->tv;
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
    json_t *root = json_pack("{s:[], s:[]}", "tables", "enums");
    dg_view_opts opts = {prefix, true, false};
    dg_names *names = dg_names_build(s, &opts, &d);
    if (!names) {
        dg_diags_print(&d, stderr);
        return 1;
    }
    int rc = 0;
    dg_vtypes types = {0};
    for (size_t i = 0; i < s->tables.len; i++) {
        dg_vtable vt;
        json_t *tv = table_view(names, &s->tables.items[i], &vt);
        const char *st = dg_names_struct(names, s->tables.items[i].name);
        if (dg_view_add_validators(root, &vt, st, &types, &d) != 0) rc = 1;
        json_array_append_new(json_object_get(root, "tables"), tv);
        dg_strings_push(&types.structs, st);
        dg_vtable_free(&vt);
    }
    dg_vtypes_free(&types);
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
    dg_names_free(names);
    dg_schema_free(s);
    dg_sources_free(&src);
    return rc;
}
