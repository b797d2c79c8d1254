/* view_tables.c - the first part of a table's or view's view model (its
 * names and fields, view_int.h), the unit's statements, and freeing it all.
 * The functions' SQL, binds and reads: view_funcs.c and the files it calls.
 * All decisions live in the view model; templates only lay the code out. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/sqltok.h"
#include "util/buf.h"
#include "c/template.h"
#include "c/view_int.h"
#include "analysis/query/pg/pgq.h"

void dg_vbinds_free(dg_vbinds *b)
{
    DG_VEC_FREE(b);   /* the strings are the arena's */
}

void dg_venums_free(dg_venums *e)
{
    for (size_t i = 0; i < e->len; i++) {
        dg_venum *n = &e->items[i];
        free(n->type), free(n->unknown), free(n->doc);
        for (size_t k = 0; k < n->values.len; k++) free(n->values.items[k].name), free(n->values.items[k].sql);
        DG_VEC_FREE(&n->values);
        dg_strings_free(&n->ints);
    }
    DG_VEC_FREE(e);
}

char *dg_sql_quote(const char *ident) { return dg_sql_quote_ident(ident); }

/* A short description of a column for the comment after its field (in b,
 * cleared first). */
static const char *column_comment(const dg_column *c, dg_buf *b)
{
    dg_buf_clear(b);
    dg_buf_puts(b, *c->type ? c->type : "(no type)");
    if (c->pk) dg_buf_puts(b, " PRIMARY KEY");
    if (c->not_null && !c->pk) dg_buf_puts(b, " NOT NULL");
    if (c->default_sql) dg_buf_cat(b, " DEFAULT ", c->default_sql, (char *)NULL);
    if (c->generated) dg_buf_puts(b, c->generated == DG_GEN_STORED ? " GENERATED STORED" : " GENERATED VIRTUAL");
    if (c->hidden) dg_buf_puts(b, " HIDDEN");
    return dg_buf_cstr(b);
}

/* Scratch buffers of a table's fields (their text ends in the arena). */
typedef struct field_bufs {
    dg_buf a, b;
} field_bufs;

static void field_bufs_free(field_bufs *fb)
{
    dg_buf_free(&fb->a);
    dg_buf_free(&fb->b);
}

/* Field `name` of column `column` (c: its model, NULL for a view's column
 * or a virtual table's rowid; cv: what c holds, NULL on PostgreSQL): its
 * binding in vt->f and the rest in vt->fx (comment copied into the arena;
 * fb->a may hold it). */
static void add_field(dg_vctx *v, field_bufs *fb, dg_vtable *vt, const char *oname, const char *column,
                      const dg_column *c, const dg_colvalue *cv, const char *name, dg_ckind kind, bool has,
                      bool readonly, const char *comment)
{
    dg_tarena *a = v->a;
    dg_vfield *fx = DG_VEC_ADD(&vt->fx);
    memset(fx, 0, sizeof *fx);
    fx->comment = dg_va_strdup(a, comment);
    fx->col = c;
    dg_cbind *f = DG_VEC_ADD(&vt->f);
    memset(f, 0, sizeof *f);
    f->column = column;
    f->name = name;
    if (has) f->has = DG_VA_CAT(a, "has_", name);
    f->kind = kind;
    f->vkind = kind;
    f->ctype = dg_ckind_ctype(kind);
    f->readonly = readonly;
    /* a virtual table's first field is its rowid, never a declared column */
    dg_buf_clear(&fb->a);
    if (c || !vt->t) dg_sql_quote_ident_to(&fb->a, column);
    else dg_buf_puts(&fb->a, "rowid");
    f->quoted = dg_va_buf(a, &fb->a);
    dg_buf_clear(&fb->a);
    dg_buf_cat(&fb->a, oname, ".", column, (char *)NULL);
    dg_buf_clear(&fb->b);
    dg_tmpl_c_literal(&fb->b, dg_buf_cstr(&fb->a), "");
    f->colname = dg_va_buf(a, &fb->b);
    if (c) {
        f->pk = c->pk > 0 && !vt->t->module;
        f->rowid_alias = c->pk && dg_table_has_rowid_alias(vt->t);
        f->lenient = cv && cv->lenient;
        f->format = cv ? cv->format : NULL;
        f->default_sql = c->default_sql;
        if (f->default_sql && !strcasecmp(f->default_sql, "NULL")) f->default_sql = NULL;
    }
}

char *dg_view_reader(const dg_view_opts *opts, const char *row)
{
    return DG_XCAT(opts->prefix, "__", row, "_read");
}

static void object_begin(dg_vctx *v, const char *schema, const char *sqlname, dg_vtable *vt)
{
    vt->name = sqlname;
    vt->row = dg_names_row(v->names, schema, sqlname);
    vt->strct = dg_names_struct(v->names, schema, sqlname);
    vt->iter = DG_VA_CAT(v->a, vt->strct, "_iter");
    char *reader = dg_view_reader(v->opts, vt->row);
    vt->reader = dg_va_strdup(v->a, reader);
    free(reader);
}

/* A PostgreSQL column's field (cbind.h dg_pgtype_of_column): its C type,
 * how it moves, and what stands for its DEFAULT (an identity column's
 * sequence).  GENERATED ALWAYS AS IDENTITY columns are only read. */
static void pg_field(dg_vctx *v, field_bufs *fb, dg_vtable *vt, const dg_column *c)
{
    const dg_table *t = vt->t;
    dg_ckind k;
    dg_pgtype pg = dg_pgtype_of_column(v->s, c, &vt->strs, &k);
    bool always = c->pg->identity && !strcmp(c->pg->identity, "always");
    bool readonly = c->generated != DG_GEN_NONE || always;
    column_comment(c, &fb->a);
    if (c->pg->identity)
        dg_buf_cat(&fb->a, " GENERATED ", always ? "ALWAYS" : "BY DEFAULT", " AS IDENTITY", (char *)NULL);
    add_field(v, fb, vt, t->name, c->name, c, NULL, dg_names_field(v->names, t->schema, t->name, c->name), k,
              dg_cbind_column_has_pg(c, k), readonly, dg_buf_cstr(&fb->a));
    dg_cbind *f = &vt->f.items[vt->f.len - 1];
    f->pg = pg;
    if (pg.ctype) f->ctype = pg.ctype;
    f->lenient = false;
    if (c->pg->identity && c->pg->sequence && !always) {
        f->default_sql = DG_VA_CAT(v->a, "nextval('", c->pg->sequence, "'::regclass)");
    }
    f->rowid_alias = false;
}

/* vt->col_field: each field of a column is that column's (the first field
 * named so, as dg_vtable_field finds it: a virtual table's "rowid" is its
 * first field). */
static void column_fields(dg_vctx *v, dg_vtable *vt)
{
    const dg_table *t = vt->t;
    vt->col_field = dg_tarena_alloc(v->a, (t->columns.len + 1) * sizeof *vt->col_field);
    for (size_t i = 0; i < t->columns.len; i++)
        vt->col_field[i] = t->module && !strcmp(t->columns.items[i].name, "rowid") ? 0 : -1;
    for (size_t k = 0; k < vt->fx.len; k++) {
        const dg_column *c = vt->fx.items[k].col;
        if (c && vt->col_field[c - t->columns.items] < 0) vt->col_field[c - t->columns.items] = (int)k;
    }
}

void dg_view_table_begin(dg_vctx *v, const dg_table *t, dg_vtable *vt)
{
    memset(vt, 0, sizeof *vt);
    vt->t = t;
    object_begin(v, t->schema, t->name, vt);
    vt->fts5 = t->module && !strcasecmp(t->module, "fts5");
    vt->has_pk = !t->module && dg_table_pk_count(t) > 0;
    vt->virt = t->module != NULL;
    const char *q = dg_schema_c_qualifier(v->s, t->schema, t->name);   /* baz.users, as its names say */
    vt->heading = DG_VA_CAT(v->a, q ? q : "", q ? "." : "", t->name, t->module ? " (virtual table, " : "",
                            t->module ? t->module : "", t->module ? ")" : "");
    field_bufs fb = {DG_BUF_INIT, DG_BUF_INIT};
    if (t->module)
        add_field(v, &fb, vt, t->name, "rowid", NULL, NULL, "rowid", DG_CK_INT64, false, false,
                  "rowid of the virtual table");
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        /* a virtual table's hidden columns (FTS5's rank and the one named
         * like the table, FTS4's docid and langid, a table-valued
         * function's arguments) are not the row's: queries select them */
        if (c->hidden) continue;
        if (c->pg) {
            pg_field(v, &fb, vt, c);
            continue;
        }
        dg_colvalue cv = dg_column_value(t, c);   /* the kind, the read mode, the format: one look */
        dg_ckind k = dg_ckind_of_vtype(cv.v);
        bool readonly = c->generated != DG_GEN_NONE || c->hidden;
        add_field(v, &fb, vt, t->name, c->name, c, &cv, dg_names_field(v->names, t->schema, t->name, c->name), k,
                  dg_cbind_column_has(c, k), readonly, column_comment(c, &fb.a));
    }
    field_bufs_free(&fb);
    column_fields(v, vt);
}

/* A PostgreSQL view's fields: the type of each column from the catalog
 * (cbind.h dg_pgtype_of), NOT NULL only where dalgen's analysis of the
 * view's definition shows it (pgq.h dg_pg_view_notnull); the others are
 * nullable (has_ flags, NULL pointers). */
static void pg_view_fields(dg_vctx *v, field_bufs *fb, const dg_view *view, dg_vtable *vt)
{
    bool *notnull = dg_xcalloc(view->columns.len + 1, sizeof *notnull);
    dg_pg_view_notnull(v->s, view, notnull);
    for (size_t i = 0; i < view->columns.len; i++) {
        const dg_view_column *c = &view->columns.items[i];
        const dg_pg_column *p = c->pg;   /* always read from the catalog; else held as text */
        dg_pg_typeref t = p ? (dg_pg_typeref){p->type_schema, p->type_name, p->type_kind, p->typmod, p->array_dims,
                                              c->decltype}
                            : (dg_pg_typeref){NULL, "text", NULL, -1, 0, NULL};
        dg_ckind k;
        dg_pgtype pg = dg_pgtype_of(v->s, &t, &vt->strs, &k);
        dg_buf_clear(&fb->a);
        dg_buf_cat(&fb->a, c->decltype ? c->decltype : "(no type)", notnull[i] ? " NOT NULL" : "", (char *)NULL);
        const char *name = dg_names_field(v->names, view->schema, view->name, c->name);
        add_field(v, fb, vt, view->name, c->name, NULL, NULL, name, k, !notnull[i] && dg_ckind_scalar(k), true,
                  dg_buf_cstr(&fb->a));
        dg_cbind *f = &vt->f.items[vt->f.len - 1];
        f->pg = pg;
        if (pg.ctype) f->ctype = pg.ctype;
    }
    free(notnull);
}

void dg_view_view(dg_vctx *v, const dg_view *view, dg_vtable *vt)
{
    memset(vt, 0, sizeof *vt);
    vt->view = view;
    object_begin(v, view->schema, view->name, vt);
    const char *q = dg_schema_c_qualifier(v->s, view->schema, view->name);
    vt->heading = DG_VA_CAT(v->a, q ? q : "", q ? "." : "", view->name, " (view, read-only)");
    field_bufs fb = {DG_BUF_INIT, DG_BUF_INIT};
    if (v->s->engine == DG_ENGINE_POSTGRESQL) pg_view_fields(v, &fb, view, vt);
    for (size_t i = 0; i < view->columns.len && v->s->engine != DG_ENGINE_POSTGRESQL; i++) {
        const dg_view_column *c = &view->columns.items[i];
        dg_ckind k = dg_ckind_of_vtype(dg_vtype_of_decl(c->decltype));
        const char *name = dg_names_field(v->names, view->schema, view->name, c->name);
        add_field(v, &fb, vt, view->name, c->name, NULL, NULL, name, k, dg_ckind_scalar(k), true,
                  c->decltype ? c->decltype : "(no type)");
        vt->f.items[vt->f.len - 1].lenient = dg_decl_reads_lenient(c->decltype);
    }
    field_bufs_free(&fb);
}

size_t dg_view_stmt(dg_vctx *v, const char *row, const char *verb, char *sql)
{
    dg_vstmt *st = DG_VEC_ADD(v->stmts);
    st->id = DG_VA_CAT(v->a, v->opts->prefix, "__s_", row, "_", verb);
    st->sql = sql;
    return v->stmts->len - 1;
}

int dg_vtable_field(const dg_vtable *vt, const char *column)
{
    for (size_t i = 0; i < vt->f.len; i++)
        if (!strcmp(vt->f.items[i].column, column)) return (int)i;
    return -1;
}

int dg_vtable_column_field(const dg_vtable *vt, size_t i)
{
    if (vt->col_field) return vt->col_field[i];
    return dg_vtable_field(vt, vt->t->columns.items[i].name);   /* a table made by hand (tests) */
}

/* Only the arrays: the strings, with_rowid and pg_short are the arena's. */
void dg_vfunc_free(dg_vfunc *f)
{
    dg_vbinds_free(&f->binds);
    dg_vbinds_free(&f->writebacks);
    DG_VEC_FREE(&f->prepare);
    DG_VEC_FREE(&f->after);
}

static void func_drop(dg_vfunc *f)
{
    if (f) dg_vfunc_free(f);   /* f itself is the arena's */
}

static void funcs_free(dg_vfuncs *fs)
{
    for (size_t i = 0; i < fs->len; i++) dg_vfunc_free(&fs->items[i]);
    DG_VEC_FREE(fs);
}

/* Only the arrays and pg_set_types: the rest is the arena's. */
void dg_vpatch_free(dg_vpatch *p)
{
    if (!p) return;
    dg_buf_free(&p->pg_set_types);
    DG_VEC_FREE(&p->fields);
    DG_VEC_FREE(&p->sets);
    dg_vbinds_free(&p->binds);
    DG_VEC_FREE(&p->bits);
    DG_VEC_FREE(&p->prepare);
    DG_VEC_FREE(&p->after);
    DG_VEC_FREE(&p->check);
}

/* What only the templates read: the functions, reads, patch and validator. */
static void drop_rendered(dg_vtable *vt)
{
    if (vt->validated) dg_validator_free(&vt->val);
    vt->validated = false;
    vt->fills = NULL;
    dg_vbinds_free(&vt->reads);
    vt->pg_results = NULL;
    vt->nresults = 0;
    dg_vfunc **fs[] = {&vt->insert, &vt->get, &vt->update, &vt->del, &vt->upsert, &vt->count, &vt->missing_fn};
    for (size_t i = 0; i < sizeof fs / sizeof *fs; i++) {
        func_drop(*fs[i]);
        *fs[i] = NULL;
    }
    dg_vpatch_free(vt->patch);
    vt->patch = NULL;
    funcs_free(&vt->get_by);
    funcs_free(&vt->lists);
}

void dg_vtable_free(dg_vtable *vt)
{
    DG_VEC_FREE(&vt->f);
    DG_VEC_FREE(&vt->fx);
    dg_strings_free(&vt->strs);
    free(vt->user_type), free(vt->user_header);
    DG_VEC_FREE(&vt->enums);
    free(vt->val_fn);
    drop_rendered(vt);
}

bool dg_vtypes_has(const dg_strings *names, const char *name)
{
    for (size_t i = 0; i < names->len; i++)
        if (!strcmp(names->items[i], name)) return true;
    return false;
}

void dg_vtypes_free(dg_vtypes *t)
{
    dg_strings_free(&t->structs);
    dg_strings_free(&t->enums);
    dg_map_free(&t->values);
}

void dg_vtables_free(dg_vtables *v)
{
    if (!v) return;
    dg_vtypes_free(&v->types);
    free(v->root.header), free(v->root.guard), free(v->root.unit), free(v->root.slot), free(v->root.sql_array);
    dg_strings_free(&v->root.inputs);
    DG_VEC_FREE(&v->stmts);
    dg_venums_free(&v->enums);
    dg_strings_free(&v->user_headers);
    for (size_t i = 0; i < v->items.len; i++) dg_vtable_free(&v->items.items[i]);
    DG_VEC_FREE(&v->items);
    dg_names_free(v->names);
    dg_tarena_free(&v->arena);
    free(v);
}
