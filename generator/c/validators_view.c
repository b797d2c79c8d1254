/* validators_view.c - dg_view_add_validators: a table's validator and enums
 * in the view model (see view_validators.h for the keys). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "c/names.h"
#include "util/buf.h"
#include "c/validators_rules.h"
#include "c/view_int.h"
#include "c/view_validators.h"

/* How the CHECK compiler and the rules read each column's field
 * (out[i].cname NULL: no field). */
static void read_fields(const dg_vtable *vt, dg_cfield *out)
{
    const dg_table *t = vt->t;
    for (size_t i = 0; i < t->columns.len; i++) {
        int k = dg_vtable_field(vt, t->columns.items[i].name);
        memset(&out[i], 0, sizeof out[i]);
        if (k < 0) continue;
        const dg_cbind *f = &vt->f.items[k];
        /* a user's struct (clang_struct.h): how its field reads as the kind's */
        out[i].cname = f->vref ? f->vref : f->name;
        out[i].has_name = f->vref ? f->vhas : f->has;
        out[i].kind = f->vkind;
        out[i].array = f->varray;
    }
}

/* The value as an identifier part: ASCII letters and digits upper-cased,
 * runs of anything else one '_' (other bytes as hex), "EMPTY" when nothing
 * is left. */
static char *value_ident(const char *value)
{
    dg_buf b = DG_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if (isalnum(*p) && *p < 0x80) dg_buf_putc(&b, (char)toupper(*p));
        else if (*p >= 0x80) dg_buf_printf(&b, "%sX%02X", b.len && b.data[b.len - 1] != '_' ? "_" : "", *p);
        else if (b.len && b.data[b.len - 1] != '_') dg_buf_putc(&b, '_');
    }
    while (b.len && b.data[b.len - 1] == '_') b.data[--b.len] = '\0';
    if (!b.len) dg_buf_puts(&b, "EMPTY");
    return dg_buf_steal(&b);
}

/* ENUMTYPE_VALUE (see value_ident); collisions get _2, _3... */
static char *value_name(const char *upper_type, const char *value, json_t *taken)
{
    char *id = value_ident(value);
    char *base = dg_xprintf("%s_%s", upper_type, id);
    free(id);
    char *name = dg_xstrdup(base);
    for (int n = 2; json_object_get(taken, name); n++) {
        free(name);
        name = dg_xprintf("%s_%d", base, n);
    }
    free(base);
    json_object_set_new(taken, name, json_true());
    return name;
}

static json_t *enum_json(const char *type, const dg_table *t, const dg_column *c, const dg_strings *values)
{
    char *upper = dg_xstrdup(type);
    for (char *p = upper; *p; p++) *p = (char)toupper((unsigned char)*p);
    json_t *taken = json_object();
    char *unknown = dg_xprintf("%s_UNKNOWN", upper);
    json_object_set_new(taken, unknown, json_true());
    json_t *vals = json_array();
    for (size_t k = 0; k < values->len; k++) {
        char *name = value_name(upper, values->items[k], taken);
        json_array_append_new(vals, json_pack("{s:s, s:s, s:I}", "name", name, "sql", values->items[k],
                                              "value", (json_int_t)(k + 1)));
        free(name);
    }
    json_t *e = json_pack("{s:s, s:s, s:s, s:s, s:o}", "type", type, "unknown", unknown, "table", t->name,
                          "column", c->name, "values", vals);
    json_decref(taken);
    free(unknown);
    free(upper);
    return e;
}

/* Turns the TEXT fields that an IN-list CHECK restricts into enum fields. */
/* P_<row>_<field>, or P_<row>_<field>_enum when that names something else
 * dalgen generates: a function of the table (a column named `count`,
 * `list`, `get_by_x`...), a row struct, or an earlier enum. */
static char *enum_type_name(const dg_vtypes *types, const char *cname, const char *field)
{
    bool taken = !strncmp(field, "get_by_", 7) || !strncmp(field, "list_by_", 8);
    for (int i = 0; dg_table_verbs[i] && !taken; i++) taken = !strcmp(field, dg_table_verbs[i]);
    char *type = dg_xprintf("%s_%s", cname, field);
    taken = taken || dg_vtypes_has(&types->structs, type) || dg_vtypes_has(&types->enums, type);
    if (!taken) return type;
    char *alt = dg_xprintf("%s_enum", type);
    free(type);
    return alt;
}

/* obj[key], created as an empty array when missing. */
static json_t *array_at(json_t *obj, const char *key)
{
    json_t *a = json_object_get(obj, key);
    if (!json_is_array(a)) {
        a = json_array();
        json_object_set_new(obj, key, a);
    }
    return a;
}

/* A user's enum (clang_struct.h "user_enum"): its generated typedef and
 * conversions, once per unit however many columns use it. */
static void add_user_enum(json_t *root, json_t *table_view, dg_vtypes *types, const dg_table *t,
                          const dg_column *c, const dg_cbind *f, const dg_strings *values)
{
    const char *type = f->enum_type;
    if (dg_vtypes_has(&types->enums, type)) return;
    dg_strings_push(&types->enums, type);
    json_t *enums = array_at(root, "enums"), *e;
    json_t *vals = json_array();
    for (size_t k = 0; k < values->len; k++)
        json_array_append_new(vals, json_pack("{s:s, s:s}", "name", values->items[k], "sql", values->items[k]));
    e = json_pack("{s:s, s:s, s:s, s:s, s:o, s:I}", "type", type, "user", dg_annotation_get(&c->annotations, "c_enum"),
                  "table", t->name, "column", c->name, "values", vals, "count", (json_int_t)values->len);
    json_array_append(array_at(table_view, "enums"), e);
    json_array_append_new(enums, e);
}

/* The readers of user's enums stored as integers (DAL_ENUM_AS_INT). */
static void add_user_int_enums(json_t *root, const dg_vtable *vt, dg_vtypes *types)
{
    const dg_table *t = vt->t;
    json_t *enums = array_at(root, "enums"), *table_view = vt->tv, *e;
    for (size_t i = 0; i < vt->f.len; i++) {
        const dg_cbind *f = &vt->f.items[i];
        const char *type = f->conv.enum_type;
        if (f->conv.kind != DG_CCONV_ENUMINT || dg_vtypes_has(&types->enums, type)) continue;
        dg_strings_push(&types->enums, type);
        const char *ctype = f->ctype, *column = f->column;
        e = json_pack("{s:s, s:s, s:s, s:s, s:b}", "type", type, "user", ctype, "table", t->name, "column",
                      column, "as_int", 1);
        /* the values of its CHECK ("col" IN (1, 2)): a stored integer
         * outside them reads as an error */
        for (size_t c = 0; c < t->checks.len; c++) {
            dg_llongs ints = {0};
            int col = -1;
            if (dg_check_int_set(t, &t->checks.items[c], &col, &ints) && !strcmp(t->columns.items[col].name, column)) {
                json_t *vals = json_array();
                for (size_t v = 0; v < ints.len; v++) {
                    char *lit = dg_xprintf("%lld", ints.items[v]);
                    json_array_append_new(vals, json_pack("{s:s}", "value", lit));
                    free(lit);
                }
                json_object_set_new(e, "values", vals);
            }
            DG_VEC_FREE(&ints);
        }
        json_array_append(array_at(table_view, "enums"), e);
        json_array_append_new(enums, e);
    }
}

/* The field of column `col` becomes the generated enum `type`: in the JSON
 * and in its binding (both borrow the JSON's strings). */
static void make_enum(dg_vtable *vt, int k, const dg_column *c, const char *type, dg_cfield *vf)
{
    json_t *f = json_array_get(json_object_get(vt->tv, "fields"), (size_t)k);
    dg_cbind *b = &vt->f.items[k];
    /* Like the emitter's scalars: a has_ flag when nullable or defaulted. */
    bool has = dg_cbind_column_has(c, DG_CK_ENUM);
    json_object_set_new(f, "kind", json_string("enum"));
    json_object_set_new(f, "enum_type", json_string(type));
    json_object_set_new(f, "ctype", json_string(type));
    if (has) json_object_set_new(f, "has", json_pack("s+", "has_", vf->cname));
    b->kind = b->vkind = DG_CK_ENUM;
    b->enum_type = b->ctype = json_string_value(json_object_get(f, "enum_type"));
    b->has = json_string_value(json_object_get(f, "has"));
    vf->kind = DG_CK_ENUM;
    vf->enum_type = b->enum_type;
    vf->has_name = has ? b->has : NULL;
}

static void add_enums(json_t *root, dg_vtable *vt, dg_vtypes *types, const char *cname, dg_cfield *vf,
                      bool *enum_check)
{
    const dg_table *t = vt->t;
    json_t *enums = array_at(root, "enums"), *mine = array_at(vt->tv, "enums");
    for (size_t k = 0; k < t->checks.len; k++) {
        int col;
        dg_strings values = {0};
        /* a user's struct (vref) keeps a text field text: its CHECK is compiled as written */
        int fi = dg_check_enum(t, &t->checks.items[k], &col, &values) ? dg_vtable_field(vt, t->columns.items[col].name) : -1;
        const dg_cbind *uf = fi >= 0 ? &vt->f.items[fi] : NULL;
        if (uf && uf->conv.kind != DG_CCONV_NONE && uf->enum_type && vf[col].kind == DG_CK_TEXT) {   /* the user's enum */
            add_user_enum(root, vt->tv, types, t, &t->columns.items[col], uf, &values);
            vf[col].kind = DG_CK_ENUM;
            vf[col].enum_type = uf->enum_type;
            enum_check[k] = true;
        } else if (uf && vf[col].kind == DG_CK_TEXT && !uf->vref) {
            const dg_column *c = &t->columns.items[col];
            char *type = enum_type_name(types, cname, vf[col].cname);
            dg_strings_push(&types->enums, type);
            make_enum(vt, fi, c, type, &vf[col]);
            json_t *e = enum_json(type, t, c, &values);
            json_array_append(mine, e);
            json_array_append_new(enums, e);
            enum_check[k] = true;
            free(type);
        }
        dg_strings_free(&values);
    }
}

static json_t *validator_json(const dg_table *t, const char *cname, const dg_validator *v)
{
    json_t *rules = json_array(), *pats = json_array(), *skipped = json_array();
    for (size_t i = 0; i < v->rules.len; i++) {
        const dg_vrule *r = &v->rules.items[i];
        const char *field = r->column >= 0 ? t->columns.items[r->column].name : "";
        json_array_append_new(rules, json_pack("{s:s, s:s, s:s, s:s}", "cond", r->cond, "code", r->code,
                                               "field", field, "message", r->message));
    }
    for (size_t i = 0; i < v->patterns.len; i++)
        json_array_append_new(pats, json_pack("{s:s, s:s}", "name", v->patterns.items[i].name,
                                              "ere", v->patterns.items[i].ere));
    for (size_t i = 0; i < v->skipped.len; i++)
        json_array_append_new(skipped, json_pack("{s:s, s:s}", "sql", v->skipped.items[i].sql,
                                                 "reason", v->skipped.items[i].reason));
    char *fn = dg_xprintf("%s_validate", cname);
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "fn", fn, "struct", cname, "table", t->name,
                          "rules", rules, "patterns", pats, "not_compiled", skipped);
    free(fn);
    return o;
}

int dg_view_add_validators(json_t *root, dg_vtable *vt, const char *cname, dg_vtypes *types, dg_diags *d)
{
    const dg_table *t = vt->t;
    size_t n = t->columns.len;
    dg_cfield *vf = dg_xcalloc(n + 1, sizeof *vf);
    bool *enum_check = dg_xcalloc(t->checks.len + 1, sizeof *enum_check);
    read_fields(vt, vf);
    add_enums(root, vt, types, cname, vf, enum_check);
    add_user_int_enums(root, vt, types);
    dg_validator v;
    int rc = dg_validator_build(t, vf, enum_check, cname, "row", &v, d);
    if (rc == 0) {
        json_object_set_new(vt->tv, "validator", validator_json(t, cname, &v));
        for (size_t i = 0; i < v.rules.len; i++) {
            dg_ints *cols = DG_VEC_ADD(&vt->rule_columns);
            for (size_t k = 0; k < v.rules.items[i].reads.len; k++) DG_VEC_PUSH(cols, v.rules.items[i].reads.items[k]);
        }
    }
    dg_validator_free(&v);
    free(enum_check);
    free(vf);
    return rc;
}
