/* validators_view.c - dg_view_add_validators: a table's validator and enums
 * in the view model (see view_validators.h for the keys). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "c/names.h"
#include "util/buf.h"
#include "util/map.h"
#include "c/validators_rules.h"
#include "c/view_int.h"
#include "c/view_validators.h"

/* How the CHECK compiler and the rules read each column's field
 * (out[i].cname NULL: no field). */
static void read_fields(const dg_vtable *vt, dg_cfield *out)
{
    const dg_table *t = vt->t;
    for (size_t i = 0; i < t->columns.len; i++) {
        int k = dg_vtable_column_field(vt, i);
        memset(&out[i], 0, sizeof out[i]);
        if (k < 0) continue;
        const dg_cbind *f = &vt->f.items[k];
        /* a user's struct (clang_struct.h): how its field reads as the kind's */
        out[i].cname = f->vref ? f->vref : f->name;
        out[i].has_name = f->vref ? f->vhas : f->has;
        out[i].kind = f->vkind;
        out[i].array = f->varray;
        out[i].pg = f->pg.call ? &f->pg : NULL;
        out[i].format = f->format;
        /* what dg_cbind__bind_pg binds with dal_pg_bind_text(&params__, n, row->name) */
        out[i].measure = f->pg.call && !strcmp(f->pg.call, "text") && f->kind == DG_CK_TEXT && !f->vref &&
                         !f->has && !f->by_ptr;
        if (f->pg.call && f->kind == DG_CK_ENUM) out[i].enum_type = f->enum_type;
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

/* Whether `name` is e's UNKNOWN or one of its values' names so far. */
/* `base`, or base_2, base_3... when `taken` holds it; the name is put in
 * taken (which borrows it) and returned.  Takes base. */
static char *claim_constant(char *base, dg_map *taken)
{
    char *name = dg_xstrdup(base);
    size_t one;
    for (int n = 2; dg_map_get(taken, name, &one); n++) {
        free(name);
        name = dg_xprintf("%s_%d", base, n);
    }
    free(base);
    dg_map_put(taken, name, 1);
    return name;
}

/* ENUMTYPE_VALUE (see value_ident); collisions get _2, _3...  `taken`
 * holds the unit's constants so far (a map: 20,000 values were quadratic;
 * the unit's: DB_A_B + C_D met DB_A_B_C + D). */
static char *value_name(const char *upper_type, const char *value, dg_map *taken)
{
    char *id = value_ident(value);
    char *base = dg_xprintf("%s_%s", upper_type, id);
    free(id);
    return claim_constant(base, taken);
}

/* e: the enum `type` (taken) of column `column` of `table` (its IN-list
 * `values`, or its enum type's labels); its constants step aside from the
 * unit's in `taken`. */
static void enum_gen(dg_venum *e, char *type, const char *table, const char *column, const dg_strings *values,
                     dg_map *taken)
{
    char *upper = dg_xstrdup(type);
    for (char *p = upper; *p; p++) *p = (char)toupper((unsigned char)*p);
    memset(e, 0, sizeof *e);
    e->kind = DG_VENUM_GEN;
    e->type = type;
    e->table = table;
    e->column = column;
    e->unknown = claim_constant(dg_xprintf("%s_UNKNOWN", upper), taken);
    for (size_t k = 0; k < values->len; k++) {
        char *name = value_name(upper, values->items[k], taken);
        dg_venum_value *v = DG_VEC_ADD(&e->values);
        v->name = name;
        v->sql = dg_xstrdup(values->items[k]);
    }
    free(upper);
}

/* P_<row>_<field>, or P_<row>_<field>_enum when that names something else
 * dalgen generates: a function of the table (a column named `count`,
 * `list`, `get_by_x`...), any row's struct or function (a later table's
 * too), or an earlier enum. */
static char *enum_type_name(const dg_vtypes *types, const char *cname, const char *field)
{
    bool taken = !strncmp(field, "get_by_", 7) || !strncmp(field, "list_by_", 8);
    for (int i = 0; dg_table_verbs[i] && !taken; i++) taken = !strcmp(field, dg_table_verbs[i]);
    char *type = dg_xprintf("%s_%s", cname, field);
    taken = taken || dg_vtypes_has(&types->structs, type) || dg_vtypes_has(&types->enums, type) ||
            dg_names_generates(types->rows, type);
    if (!taken) return type;
    char *alt = dg_xprintf("%s_enum", type);
    free(type);
    return alt;
}

/* A new enum of the unit, also the table's. */
static dg_venum *add_enum(dg_venums *enums, dg_vtable *vt)
{
    DG_VEC_PUSH(&vt->enums, enums->len);
    dg_venum *e = DG_VEC_ADD(enums);
    memset(e, 0, sizeof *e);
    return e;
}

/* A user's enum (clang_struct.h "user_enum"): its generated typedef and
 * conversions, once per unit however many columns use it. */
static void add_user_enum(dg_venums *enums, dg_vtable *vt, dg_vtypes *types, const dg_table *t,
                          const dg_column *c, const dg_cbind *f, const dg_strings *values)
{
    const char *type = f->enum_type;
    if (dg_vtypes_has(&types->enums, type)) return;
    dg_strings_push(&types->enums, type);
    dg_venum *e = add_enum(enums, vt);
    e->kind = DG_VENUM_USER;
    e->type = dg_xstrdup(type);
    e->user = dg_annotation_get(&c->annotations, "c_enum");
    e->table = t->name;
    e->column = c->name;
    for (size_t k = 0; k < values->len; k++) {
        dg_venum_value *v = DG_VEC_ADD(&e->values);
        v->name = dg_xstrdup(values->items[k]);
        v->sql = dg_xstrdup(values->items[k]);
    }
}

/* The readers of user's enums stored as integers (DAL_ENUM_AS_INT). */
static void add_user_int_enums(dg_venums *enums, dg_vtable *vt, dg_vtypes *types)
{
    const dg_table *t = vt->t;
    for (size_t i = 0; i < vt->f.len; i++) {
        const dg_cbind *f = &vt->f.items[i];
        const char *type = f->conv.enum_type;
        if (f->conv.kind != DG_CCONV_ENUMINT || dg_vtypes_has(&types->enums, type)) continue;
        dg_strings_push(&types->enums, type);
        dg_venum *e = add_enum(enums, vt);
        e->kind = DG_VENUM_USER_INT;
        e->type = dg_xstrdup(type);
        e->user = f->ctype;
        e->table = t->name;
        e->column = f->column;
        /* the values of its CHECK ("col" IN (1, 2)): a stored integer
         * outside them reads as an error (the last such CHECK's) */
        for (size_t c = 0; c < t->checks.len; c++) {
            dg_llongs ints = {0};
            int col = -1;
            if (dg_check_int_set(t, &t->checks.items[c], &col, &ints) && !strcmp(t->columns.items[col].name, f->column)) {
                dg_strings_free(&e->ints);
                e->has_ints = true;
                for (size_t v = 0; v < ints.len; v++) DG_VEC_PUSH(&e->ints, dg_xprintf("%lld", ints.items[v]));
            }
            DG_VEC_FREE(&ints);
        }
    }
}

/* The field of column `col` becomes the generated enum `type` (its binding
 * borrows type, owned by the unit's enums). */
static void make_enum(dg_vtable *vt, int k, const dg_column *c, const char *type, dg_cfield *vf)
{
    dg_cbind *b = &vt->f.items[k];
    /* Like the emitter's scalars: a has_ flag when nullable or defaulted. */
    bool has = dg_cbind_column_has(c, DG_CK_ENUM);
    b->kind = b->vkind = DG_CK_ENUM;
    b->enum_type = b->ctype = type;
    b->has = NULL;
    if (has) {
        DG_VEC_PUSH(&vt->strs, dg_xprintf("has_%s", vf->cname));
        b->has = vt->strs.items[vt->strs.len - 1];
    }
    vf->kind = DG_CK_ENUM;
    vf->enum_type = b->enum_type;
    vf->pg = NULL;
    vf->has_name = has ? b->has : NULL;
}

static void add_enums(dg_venums *enums, dg_vtable *vt, dg_vtypes *types, const char *cname, dg_cfield *vf,
                      bool *enum_check)
{
    const dg_table *t = vt->t;
    if (t->columns.len && t->columns.items[0].pg) return;   /* PostgreSQL: enum types (dg_view_pg_enums) */
    for (size_t k = 0; k < t->checks.len; k++) {
        int col;
        dg_strings values = {0};
        /* a user's struct (vref) keeps a text field text: its CHECK is compiled as written */
        int fi = dg_check_enum(t, &t->checks.items[k], &col, &values) ? dg_vtable_column_field(vt, (size_t)col) : -1;
        const dg_cbind *uf = fi >= 0 ? &vt->f.items[fi] : NULL;
        if (uf && uf->conv.kind != DG_CCONV_NONE && uf->enum_type && vf[col].kind == DG_CK_TEXT) {   /* the user's enum */
            add_user_enum(enums, vt, types, t, &t->columns.items[col], uf, &values);
            vf[col].kind = DG_CK_ENUM;
            vf[col].enum_type = uf->enum_type;
            enum_check[k] = true;
        } else if (uf && vf[col].kind == DG_CK_TEXT && !uf->vref) {
            const dg_column *c = &t->columns.items[col];
            char *type = enum_type_name(types, cname, vf[col].cname);
            dg_strings_push(&types->enums, type);
            dg_venum *e = add_enum(enums, vt);
            enum_gen(e, type, t->name, c->name, &values, &types->values);
            make_enum(vt, fi, c, e->type, &vf[col]);
            enum_check[k] = true;
        }
        dg_strings_free(&values);
    }
}

/* PostgreSQL enum types: one generated C enum per type of the schema,
 * P_<type> (P_<type>_enum when that names something else), shared by
 * every column of that type (of tables and views); the fields of those
 * columns become it. */
void dg_view_pg_enums(dg_venums *enums, dg_vtable *vt, const char *prefix, dg_vtypes *types)
{
    for (size_t i = 0; i < vt->f.len; i++) {
        dg_cbind *b = &vt->f.items[i];
        const dg_pg_enum *pe = b->pg.enumref;
        if (b->kind != DG_CK_ENUM || !pe) continue;
        char *snake = dg_snake_case(pe->name);
        char *type = dg_xprintf("%s_%s", prefix, snake);
        free(snake);
        size_t found = enums->len;
        for (size_t k = 0; k < enums->len; k++)
            if (enums->items[k].pg == pe) found = k;
        if (found == enums->len) {
            if (dg_vtypes_has(&types->structs, type) || dg_vtypes_has(&types->enums, type) ||
                dg_names_generates(types->rows, type)) {
                char *alt = dg_xprintf("%s_enum", type);
                free(type);
                type = alt;
            }
            dg_strings_push(&types->enums, type);
            dg_venum *e = DG_VEC_ADD(enums);
            enum_gen(e, dg_xstrdup(type), vt->name, b->column, &pe->labels, &types->values);
            e->pg = pe;
            e->doc = pe->schema && strcmp(pe->schema, "public") ? dg_xprintf("enum type %s.%s", pe->schema, pe->name)
                                                                : dg_xprintf("enum type %s", pe->name);
        }
        DG_VEC_PUSH(&vt->enums, found);
        free(type);
        b->enum_type = b->ctype = enums->items[found].type;
    }
}

int dg_view_add_validators(dg_venums *enums, dg_vtable *vt, const char *cname, dg_vtypes *types, dg_diags *d)
{
    const dg_table *t = vt->t;
    size_t n = t->columns.len;
    dg_cfield *vf = dg_xcalloc(n + 1, sizeof *vf);
    bool *enum_check = dg_xcalloc(t->checks.len + 1, sizeof *enum_check);
    read_fields(vt, vf);
    add_enums(enums, vt, types, cname, vf, enum_check);
    add_user_int_enums(enums, vt, types);
    int rc = dg_validator_build(t, vf, enum_check, cname, "row", &vt->val, d);
    vt->validated = true;   /* vt->val is to be freed */
    if (rc == 0) {
        vt->val_fn = dg_xprintf("%s_validate", cname);
        vt->val_struct = cname;
    }
    free(enum_check);
    free(vf);
    return rc;
}
