#include "frontend/clang/clang_walk.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "sql/sqltok.h"
#include "frontend/clang/clang_anns.h"
#include "frontend/clang/clang_types.h"

typedef DG_VEC(dg_cann) canns;

typedef struct field {
    CXCursor cur;
    char    *name;
    canns    anns;
    dg_loc   loc;
    bool     is_bool;       /* a plain bool (candidate has_ companion) */
    int      companion_of;  /* index of the field it flags, -1 */
    bool     has_companion;
} field;

typedef struct walk {
    dg_ctu    *t;
    dg_diags  *d;
    const char *header;
    dg_ctables *out;
    int        failed;
} walk;

typedef struct struct_parts {
    walk *w;
    canns anns;
    DG_VEC(field) fields;
} struct_parts;

static void canns_free(canns *v)
{
    for (size_t i = 0; i < v->len; i++) dg_cann_free(&v->items[i]);
    DG_VEC_FREE(v);
}

static void take_annotation(walk *w, CXCursor c, canns *into)
{
    char *text = dg_cx_take(clang_getCursorSpelling(c));
    dg_cann a;
    if (dg_cann_parse(text, dg_ctu_loc(w->t, c), &a) == 0) DG_VEC_PUSH(into, a);
    free(text);
}

static enum CXChildVisitResult field_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct_parts *p = data;
    if (clang_getCursorKind(c) == CXCursor_AnnotateAttr)
        take_annotation(p->w, c, &p->fields.items[p->fields.len - 1].anns);
    return CXChildVisit_Continue;
}

static enum CXChildVisitResult struct_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct_parts *p = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_AnnotateAttr) {
        take_annotation(p->w, c, &p->anns);
    } else if (k == CXCursor_FieldDecl) {
        field *f = DG_VEC_ADD(&p->fields);
        f->cur = c;
        f->name = dg_cx_take(clang_getCursorSpelling(c));
        f->loc = dg_ctu_loc(p->w->t, c);
        f->is_bool = clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_Bool;
        f->companion_of = -1;
        clang_visitChildren(c, field_child, p);
    }
    return CXChildVisit_Continue;
}

static const dg_cann *ann(const canns *v, const char *key)
{
    for (size_t i = 0; i < v->len; i++)
        if (!strcmp(v->items[i].key, key)) return &v->items[i];
    return NULL;
}

static int fail(walk *w)
{
    w->failed = 1;
    return -1;
}

/* `bool has_x` next to a field `x` flags x as nullable and is not a column. */
static void find_companions(struct_parts *p)
{
    for (size_t i = 0; i < p->fields.len; i++) {
        field *f = &p->fields.items[i];
        if (!f->is_bool || strncmp(f->name, "has_", 4) != 0) continue;
        for (size_t k = 0; k < p->fields.len; k++)
            if (k != i && !strcmp(p->fields.items[k].name, f->name + 4)) {
                f->companion_of = (int)k;
                p->fields.items[k].has_companion = true;
            }
    }
}

static char *quoted_list(const dg_cmapped *m)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < m->enum_names.len; i++) {
        char *q = dg_sql_quote_string(m->enum_names.items[i]);
        dg_buf_printf(&b, "%s%s", i ? ", " : "", q);
        free(q);
    }
    return dg_buf_steal(&b);
}

/* The enum's values, each once, in declaration order (DAL_ENUM_AS_INT). */
static char *value_list(const dg_cmapped *m)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < m->enum_values.len; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++) seen = m->enum_values.items[k] == m->enum_values.items[i];
        if (!seen) dg_buf_printf(&b, "%s%lld", b.len ? ", " : "", m->enum_values.items[i]);
    }
    return dg_buf_steal(&b);
}

/* NOT NULL and the CHECKs that come with the type. */
static int type_rules(walk *w, field *f, const dg_cmapped *m, bool nullable_ann, dg_ccol *col)
{
    bool can_be_null = m->kind == DG_CS_STRING || m->kind == DG_CS_BLOB || m->pointer;
    if (nullable_ann && !can_be_null) {
        const dg_cann *a = ann(&f->anns, "nullable");
        dg_error(w->d, a->loc, "DAL_NULLABLE applies to strings and dal_blob; make '%s' a pointer or add a 'bool has_%s' field",
                 f->name, f->name);
        return -1;
    }
    if (f->has_companion && can_be_null) {
        dg_error(w->d, f->loc, "'%s' can be NULL by itself; its 'has_%s' companion is not needed", f->name, f->name);
        return -1;
    }
    col->not_null = !(m->pointer || nullable_ann || f->has_companion);
    char *qname = dg_sql_quote_ident(col->name);
    if (m->is_bool) DG_VEC_PUSH(&col->checks, dg_xprintf("%s IN (0, 1)", qname));
    if (m->is_enum && !strcmp(m->sql_type, "TEXT")) {
        char *list = quoted_list(m);
        DG_VEC_PUSH(&col->checks, dg_xprintf("%s IN (%s)", qname, list));
        free(list);
    } else if (m->is_enum) {
        char *list = value_list(m);
        DG_VEC_PUSH(&col->checks, dg_xprintf("%s IN (%s)", qname, list));
        free(list);
    }
    free(qname);
    return 0;
}

static void add_c_annotations(const field *f, const dg_cmapped *m, dg_ccol *col)
{
    if (m->max_bytes >= 0) {
        char *n = dg_xprintf("%lld", m->max_bytes);
        dg_annotations_add(&col->annotations, "max_bytes", n, f->loc);
        free(n);
    }
    if (strcmp(col->name, f->name) != 0) dg_annotations_add(&col->annotations, "c_field", f->name, f->loc);
    if (m->is_enum) dg_annotations_add(&col->annotations, "c_enum", m->enum_spelled, f->loc);
    if (!m->default_c && !(m->is_enum && !m->pointer))
        dg_annotations_add(&col->annotations, "c_type", m->spelled, f->loc);
}

/* Column annotations other than the ones type_rules reads. */
static int apply_column_annotations(walk *w, field *f, dg_ccol *col)
{
    const dg_cann *ondel = NULL, *onupd = NULL;
    for (size_t i = 0; i < f->anns.len; i++) {
        const dg_cann *a = &f->anns.items[i];
        const char *k = a->key;
        if (!strcmp(k, "pk")) col->pk = true;
        else if (!strcmp(k, "autoincrement")) col->autoincrement = true;
        else if (!strcmp(k, "unique")) col->unique = true;
        else if (!strcmp(k, "default")) { free(col->default_sql); col->default_sql = dg_xstrdup(a->arg1); }
        else if (!strcmp(k, "collate")) { free(col->collate); col->collate = dg_xstrdup(a->arg1); }
        else if (!strcmp(k, "check")) dg_strings_push(&col->checks, a->arg1);
        else if (!strcmp(k, "annotate")) dg_annotations_add(&col->annotations, a->arg1, a->arg2, a->loc);
        else if (!strcmp(k, "index") || !strcmp(k, "unique_index")) {
            dg_cindex_ref *r = DG_VEC_ADD(&col->indexes);
            r->name = dg_xstrdup(a->arg1);
            r->unique = !strcmp(k, "unique_index");
        } else if (!strcmp(k, "references")) {
            free(col->ref_table);
            free(col->ref_column);
            col->ref_table = dg_xstrdup(a->arg1);
            col->ref_column = dg_xstrdup(a->arg2);
        } else if (!strcmp(k, "on_delete")) ondel = a;
        else if (!strcmp(k, "on_update")) onupd = a;
    }
    const dg_cann *orphan = !col->ref_table ? (ondel ? ondel : onupd) : NULL;
    if (orphan) {
        dg_error(w->d, orphan->loc, "%s needs a DAL_REFERENCES on the same field", dg_cann_macro(orphan->key));
        return -1;
    }
    if (ondel) col->on_delete = dg_xstrdup(ondel->arg1);
    if (onupd) col->on_update = dg_xstrdup(onupd->arg1);
    return 0;
}

static int build_column(walk *w, field *f, dg_ctable *t)
{
    int bad = 0;
    for (size_t i = 0; i < f->anns.len; i++)
        if (dg_cann_check(&f->anns.items[i], DG_ANN_COLUMN, w->d) != 0) bad = 1;
    if (bad) return fail(w);
    if (ann(&f->anns, "ignore")) return 0;
    CXType type = clang_getCursorType(f->cur);
    dg_cmapped m;
    char *why = NULL;
    if (dg_ctype_map(type, ann(&f->anns, "enum_as_int") != NULL, &m, &why) != 0) {
        dg_error(w->d, f->loc, "field '%s' of type '%s' cannot be a column: %s", f->name, m.spelled, why);
        free(why);
        dg_cmapped_free(&m);
        return fail(w);
    }
    const dg_cann *as_int = ann(&f->anns, "enum_as_int");
    if (as_int && !m.is_enum) {
        dg_error(w->d, as_int->loc, "DAL_ENUM_AS_INT applies to enum fields only");
        dg_cmapped_free(&m);
        return fail(w);
    }
    dg_ccol *col = DG_VEC_ADD(&t->cols);
    col->field = dg_xstrdup(f->name);
    const dg_cann *cn = ann(&f->anns, "column");
    col->name = dg_xstrdup(cn ? cn->arg1 : f->name);
    col->sql_type = m.sql_type;
    col->loc = f->loc;
    if (m.is_bool && t->strict) {
        /* STRICT tables accept only INT, INTEGER, REAL, TEXT, BLOB, ANY */
        col->sql_type = "INTEGER";
        dg_annotations_add(&col->annotations, "type", "bool", f->loc);
    }
    int rc = type_rules(w, f, &m, ann(&f->anns, "nullable") != NULL, col);
    if (rc == 0) rc = apply_column_annotations(w, f, col);
    add_c_annotations(f, &m, col);
    dg_cmapped_free(&m);
    return rc == 0 ? 0 : fail(w);
}

/* "struct user", or the typedef name of an anonymous struct. */
static char *c_struct_name(CXCursor c)
{
    char *name = dg_cx_take(clang_getCursorSpelling(c));
    if (!clang_Cursor_isAnonymous(c) && name[0] && !strchr(name, ' ')) {
        char *s = dg_xprintf("struct %s", name);
        free(name);
        return s;
    }
    free(name);
    char *t = dg_cx_take(clang_getTypeSpelling(clang_getCursorType(c)));
    if (strchr(t, ' ') || strchr(t, '(')) {
        free(t);
        return NULL;
    }
    return t;
}

static int table_annotations(walk *w, struct_parts *p, dg_ctable *t)
{
    int bad = 0;
    for (size_t i = 0; i < p->anns.len; i++)
        if (dg_cann_check(&p->anns.items[i], DG_ANN_TABLE, w->d) != 0) bad = 1;
    if (bad) return -1;
    for (size_t i = 0; i < p->anns.len; i++) {
        const dg_cann *a = &p->anns.items[i];
        if (!strcmp(a->key, "table")) { free(t->name); t->name = dg_xstrdup(a->arg1); }
        else if (!strcmp(a->key, "strict")) t->strict = true;
        else if (!strcmp(a->key, "without_rowid")) t->without_rowid = true;
        else if (!strcmp(a->key, "check")) dg_strings_push(&t->checks, a->arg1);
        else if (!strcmp(a->key, "annotate")) dg_annotations_add(&t->annotations, a->arg1, a->arg2, a->loc);
    }
    return 0;
}

static void check_autoincrement(walk *w, const dg_ctable *t)
{
    int pks = 0;
    for (size_t i = 0; i < t->cols.len; i++) pks += t->cols.items[i].pk;
    for (size_t i = 0; i < t->cols.len; i++) {
        const dg_ccol *c = &t->cols.items[i];
        if (c->autoincrement && (!c->pk || pks != 1 || strcmp(c->sql_type, "INTEGER") != 0)) {
            dg_error(w->d, c->loc, "DAL_AUTOINCREMENT needs '%s' to be the only DAL_PK field, of an integer type",
                     c->field);
            fail(w);
        }
    }
}

static void process_struct(walk *w, CXCursor c)
{
    struct_parts p = {w, {0}, {0}};
    clang_visitChildren(c, struct_child, &p);
    if (!ann(&p.anns, "table")) goto done;
    dg_ctable *t = DG_VEC_ADD(w->out);
    t->loc = dg_ctu_loc(w->t, c);
    if (table_annotations(w, &p, t) != 0) fail(w);
    t->c_struct = c_struct_name(c);
    if (!t->c_struct) {
        dg_error(w->d, t->loc, "a DAL_TABLE struct needs a tag or a typedef name");
        fail(w);
        goto done;
    }
    find_companions(&p);
    for (size_t i = 0; i < p.fields.len; i++)
        if (p.fields.items[i].companion_of < 0) build_column(w, &p.fields.items[i], t);
    check_autoincrement(w, t);
    if (t->cols.len == 0 && !w->failed) {
        dg_error(w->d, t->loc, "table '%s' has no columns", t->name);
        fail(w);
    }
    if (w->failed) goto done;
    dg_annotations_add(&t->annotations, "c_struct", t->c_struct, t->loc);
    dg_annotations_add(&t->annotations, "c_header", w->header, t->loc);
done:
    canns_free(&p.anns);
    for (size_t i = 0; i < p.fields.len; i++) {
        free(p.fields.items[i].name);
        canns_free(&p.fields.items[i].anns);
    }
    DG_VEC_FREE(&p.fields);
}

static enum CXChildVisitResult top_level(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    walk *w = data;
    if (clang_getCursorKind(c) == CXCursor_StructDecl && clang_isCursorDefinition(c) &&
        !dg_ctu_in_system_header(c))
        process_struct(w, c);
    return CXChildVisit_Continue;
}

int dg_clang_walk(dg_ctu *t, const char *header, dg_ctables *out, dg_diags *d)
{
    walk w = {t, d, header, out, 0};
    clang_visitChildren(clang_getTranslationUnitCursor(t->tu), top_level, &w);
    return w.failed ? -1 : 0;
}
