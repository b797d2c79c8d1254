#include "clang_struct.h"

#include <stdlib.h>
#include <string.h>

#include "../analysis/check/check.h"
#include "../util/buf.h"
#include "../util/fsutil.h"

/* Why column i cannot be moved to and from the user's field as the
 * emitter does for its own structs; NULL when it can. */
static const char *not_movable(const dg_table *t, size_t i)
{
    const dg_column *c = &t->columns.items[i];
    if (dg_annotation_get(&c->annotations, "c_type")) return "its C type is not the one dalgen emits";
    if (dg_annotation_get(&c->annotations, "c_enum")) return "it is a C enum";
    for (size_t k = 0; k < t->checks.len; k++) {
        int col = -1;
        dg_strings values = {0};
        bool is_enum = dg_check_enum(t, &t->checks.items[k], &col, &values);
        dg_strings_free(&values);
        if (is_enum && col == (int)i) return "its CHECK (... IN (...)) makes it a generated enum";
    }
    return NULL;
}

static json_t *field_of(json_t *fields, const char *column)
{
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f) {
        const char *c = json_string_value(json_object_get(f, "column"));
        if (c && !strcmp(c, column)) return f;
    }
    return NULL;
}

static bool scalar_kind(const char *kind)
{
    return kind && (!strcmp(kind, "int64") || !strcmp(kind, "double") || !strcmp(kind, "bool"));
}

static void add_header(json_t *root, const char *path)
{
    json_t *list = json_object_get(root, "user_headers");
    if (!list) {
        list = json_array();
        json_object_set_new(root, "user_headers", list);
    }
    size_t i;
    json_t *h;
    json_array_foreach(list, i, h)
        if (!strcmp(json_string_value(json_object_get(h, "path")), path)) return;
    json_array_append_new(list, json_pack("{s:s}", "path", path));
}

static void adjust_field(json_t *f, const dg_table *t, const dg_column *c)
{
    const char *cf = dg_annotation_get(&c->annotations, "c_field");
    const char *name = cf ? cf : c->name;
    json_object_set_new(f, "name", json_string(name));
    bool rowid_alias = c->pk && dg_table_has_rowid_alias(t);
    if (scalar_kind(json_string_value(json_object_get(f, "kind"))) && !c->not_null && !rowid_alias && !c->pk) {
        char *has = dg_xprintf("has_%s", name);
        json_object_set_new(f, "has", json_string(has));
        free(has);
    } else {
        json_object_del(f, "has");
    }
}

int dg_view_clang_struct(json_t *root, json_t *tv, const dg_table *t, const char *out_dir, dg_diags *d)
{
    const char *c_struct = dg_annotation_get(&t->annotations, "c_struct");
    const char *c_header = dg_annotation_get(&t->annotations, "c_header");
    if (!c_struct) return 0;
    if (!c_header) {
        dg_error(d, t->loc, "table '%s' has @c_struct but no @c_header", t->name);
        return -1;
    }
    for (size_t i = 0; i < t->columns.len; i++) {
        const char *why = not_movable(t, i);
        if (why) {
            dg_warning(d, t->columns.items[i].loc,
                       "'%s' gets a generated struct instead of %s: column '%s' cannot use the user's field yet (%s)",
                       t->name, c_struct, t->columns.items[i].name, why);
            return 0;
        }
    }
    json_t *fields = json_object_get(tv, "fields");
    for (size_t i = 0; i < t->columns.len; i++) {
        json_t *f = field_of(fields, t->columns.items[i].name);
        if (f) adjust_field(f, t, &t->columns.items[i]);
    }
    char *rel = dg_relpath(c_header, out_dir ? out_dir : ".");
    json_object_set_new(tv, "user_struct", json_string(c_struct));
    json_object_set_new(tv, "user_header", json_string(rel));
    add_header(root, rel);
    free(rel);
    return 1;
}
