#include "c/clang_struct.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "c/view_int.h"

static bool among(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list)) return true;
    return false;
}

/* Integer spellings of @c_type (the front end writes a typedef other than
 * the <stdint.h> names as its canonical type): 's' signed, 'u' unsigned,
 * 0 when not an integer. */
static char int_sign(const char *t)
{
    static const char *const sig[] = {"int8_t", "int16_t", "int32_t", "int64_t", "signed char", "short",
                                      "short int", "signed short", "int", "signed", "signed int", "long",
                                      "long int", "signed long", "long long", "long long int", "signed long long",
                                      NULL};
    static const char *const uns[] = {"uint8_t", "uint16_t", "uint32_t", "unsigned char", "unsigned short",
                                      "unsigned short int", "unsigned", "unsigned int", NULL};
    return among(t, sig) ? 's' : among(t, uns) ? 'u' : 0;
}

/* "double *" -> "double"; NULL when not a pointer spelling. */
static char *pointee(const char *t)
{
    size_t n = strlen(t);
    if (!n || t[n - 1] != '*') return NULL;
    n--;
    while (n && t[n - 1] == ' ') n--;
    return dg_xstrndup(t, n);
}

/* The conv (cbind.c) of a @c_type: kind NONE for the kind's own type,
 * or with *why set when the emitter cannot move it. */
static dg_cconv conv_of_ctype(const char *ct, long *array, const char **why)
{
    dg_cconv conv = {DG_CCONV_NONE, false, NULL};
    char *p = pointee(ct);
    *array = 0;
    if (p) {
        char sg = int_sign(p);
        if (!strcmp(p, "char")) conv.kind = DG_CCONV_CHARP;
        else if (sg) conv.kind = DG_CCONV_PTR_INT, conv.is_signed = sg == 's';
        else if (!strcmp(p, "double")) conv.kind = DG_CCONV_PTR_DOUBLE;
        else if (!strcmp(p, "float")) conv.kind = DG_CCONV_PTR_FLOAT;
        else if (!strcmp(p, "bool") || !strcmp(p, "_Bool")) conv.kind = DG_CCONV_PTR_BOOL;
        free(p);
    } else if (!strncmp(ct, "char[", 5)) {
        char *end;
        *array = strtol(ct + 5, &end, 10);
        if (*array > 0 && !strcmp(end, "]")) conv.kind = DG_CCONV_CHARS;
    } else if (int_sign(ct)) {
        conv.kind = DG_CCONV_INT;
        conv.is_signed = int_sign(ct) == 's';
    } else if (!strcmp(ct, "float")) {
        conv.kind = DG_CCONV_FLOAT;
    } else if (!strcmp(ct, "_Bool") || !strcmp(ct, "double")) {
        return conv;   /* the kind's own type */
    }
    if (conv.kind == DG_CCONV_NONE) *why = "its C type is not one the emitter moves";
    return conv;
}

/* The C name of the generated typedef of a user's enum: <prefix>_<name>
 * ("enum mood" -> app_mood), with "_enum" when a table's struct has it. */
static char *enum_typedef(const dg_vtypes *types, const char *prefix, const char *c_enum)
{
    const char *base = !strncmp(c_enum, "enum ", 5) ? c_enum + 5 : c_enum;
    char *type = dg_xprintf("%s_%s", prefix, base);
    if (!dg_vtypes_has(&types->structs, type)) return type;
    char *alt = dg_xprintf("%s_enum", type);
    free(type);
    return alt;
}

/* Why column i cannot be moved to and from the user's field; NULL when it
 * can.  *conv is what moves it when the kind's own C type does not; a
 * user's enum's conv borrows its typedef, *enum_type (owned). */
static const char *not_movable(const dg_vtypes *types, const char *prefix, const dg_table *t, size_t i, dg_cconv *conv,
                               long *array, char **enum_type)
{
    const dg_column *c = &t->columns.items[i];
    const char *ct = dg_annotation_get(&c->annotations, "c_type");
    const char *ce = dg_annotation_get(&c->annotations, "c_enum");
    const char *why = NULL;
    *conv = (dg_cconv){DG_CCONV_NONE, false, NULL};
    *array = 0;
    *enum_type = NULL;
    if (ce && dg_column_reads_lenient(t, c)) return "it reads leniently, which only fields of the types dalgen generates can";
    if (ce) {
        if (ct) return "it is a pointer to an enum";
        bool text = dg_affinity_of(c->type) == DG_AFF_TEXT;
        *enum_type = enum_typedef(types, prefix, ce);
        *conv = (dg_cconv){text ? DG_CCONV_ENUM : DG_CCONV_ENUMINT, false, *enum_type};
        return NULL;
    }
    if (ct) *conv = conv_of_ctype(ct, array, &why);
    if (why) return why;
    if (conv->kind != DG_CCONV_NONE && dg_column_reads_lenient(t, c)) {
        conv->kind = DG_CCONV_NONE;
        return "it reads leniently, which only fields of the types dalgen generates can";
    }
    if (conv->kind != DG_CCONV_NONE && c->pk && dg_table_has_rowid_alias(t)) {
        conv->kind = DG_CCONV_NONE;
        return "an INTEGER PRIMARY KEY is the rowid: its field must be int64_t";
    }
    return NULL;
}

static void add_header(dg_strings *h, const char *path)
{
    for (size_t i = 0; i < h->len; i++)
        if (!strcmp(h->items[i], path)) return;
    dg_strings_push(h, path);
}

/* Field k as the user declares it: its binding (name, has_ flag, C type,
 * conv, and how the validators read it: vref, vhas, vkind, varray).  Takes
 * enum_type, the typedef conv borrows. */
static void adjust_field(dg_vtable *vt, size_t k, const dg_column *c, dg_cconv conv, char *enum_type, long array)
{
    dg_cbind *b = &vt->f.items[k];
    const char *cf = dg_annotation_get(&c->annotations, "c_field");
    const char *ct = dg_annotation_get(&c->annotations, "c_type");
    const char *ce = dg_annotation_get(&c->annotations, "c_enum");
    b->name = cf ? cf : c->name;
    bool rowid_alias = c->pk && dg_table_has_rowid_alias(vt->t);
    bool ptr = dg_cconv_ptr(&conv);
    bool scalar = (b->kind == DG_CK_INT64 || b->kind == DG_CK_DOUBLE || b->kind == DG_CK_BOOL) ||
                  dg_cconv_enum(&conv) || conv.kind == DG_CCONV_CHARS;
    b->has = NULL;
    if (scalar && !ptr && !c->not_null && !rowid_alias && !c->pk) {
        DG_VEC_PUSH(&vt->strs, dg_xprintf("has_%s", b->name));
        b->has = vt->strs.items[vt->strs.len - 1];
    }
    if (ptr) DG_VEC_PUSH(&vt->strs, dg_xprintf("%s[0]", b->name));
    b->vref = ptr ? vt->strs.items[vt->strs.len - 1] : b->name;
    b->vhas = ptr ? b->name : b->has;
    b->vkind = conv.kind == DG_CCONV_ENUMINT ? DG_CK_INT64 : b->kind;
    b->varray = array;
    if (enum_type) DG_VEC_PUSH(&vt->strs, enum_type);
    if (conv.kind != DG_CCONV_NONE) {
        b->conv = conv;
        if (conv.kind == DG_CCONV_ENUM) {
            b->enum_type = conv.enum_type;
            vt->fx.items[k].user_enum = ce;
        }
    }
    if (array || ct || ce) b->ctype = array ? "char" : ct ? ct : ce;
}

int dg_view_clang_struct(dg_vtable *vt, const dg_vtypes *types, const dg_view_opts *opts, dg_strings *headers,
                         dg_diags *d)
{
    const dg_table *t = vt->t;
    const char *c_struct = dg_annotation_get(&t->annotations, "c_struct");
    const char *c_header = dg_annotation_get(&t->annotations, "c_header");
    if (!c_struct) return 0;
    if (!c_header) {
        dg_error(d, t->loc, "table '%s' has @c_struct but no @c_header", t->name);
        return -1;
    }
    const char *prefix = opts->prefix;
    size_t n = t->columns.len;
    dg_cconv *convs = dg_xcalloc(n + 1, sizeof *convs);
    char **enums = dg_xcalloc(n + 1, sizeof *enums);
    long *arrays = dg_xcalloc(n + 1, sizeof *arrays);
    const char *why = NULL;
    size_t i;
    for (i = 0; i < n && !why; i++) why = not_movable(types, prefix, t, i, &convs[i], &arrays[i], &enums[i]);
    if (why) {
        i--;
        dg_warning(d, t->columns.items[i].loc,
                   "'%s' gets a generated struct instead of %s: column '%s' cannot use the user's field (%s)",
                   t->name, c_struct, t->columns.items[i].name, why);
    }
    for (i = 0; i < n; i++) {
        int k = why ? -1 : dg_vtable_column_field(vt, i);
        if (k >= 0) adjust_field(vt, (size_t)k, &t->columns.items[i], convs[i], enums[i], arrays[i]);
        else free(enums[i]);
    }
    free(convs);
    free(enums);
    free(arrays);
    if (why) return 0;
    char *rel = dg_relpath(c_header, opts->out_dir ? opts->out_dir : ".");
    vt->user_type = dg_xstrdup(c_struct);
    vt->user_header = rel;
    add_header(headers, rel);
    vt->user_struct = true;
    return 1;
}
