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
    for (size_t i = 0; i < b->len; i++) free(b->items[i].cond), free(b->items[i].call);
    DG_VEC_FREE(b);
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

/* A short description of a column for the comment after its field. */
static char *column_comment(const dg_column *c)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_puts(&b, *c->type ? c->type : "(no type)");
    if (c->pk) dg_buf_puts(&b, " PRIMARY KEY");
    if (c->not_null && !c->pk) dg_buf_puts(&b, " NOT NULL");
    if (c->default_sql) dg_buf_cat(&b, " DEFAULT ", c->default_sql, (char *)NULL);
    if (c->generated) dg_buf_puts(&b, c->generated == DG_GEN_STORED ? " GENERATED STORED" : " GENERATED VIRTUAL");
    if (c->hidden) dg_buf_puts(&b, " HIDDEN");
    return dg_buf_steal(&b);
}

static char *c_literal(const char *s)
{
    dg_buf b = DG_BUF_INIT;
    dg_tmpl_c_literal(&b, s, "");
    return dg_buf_steal(&b);
}

/* Field `name` of column `column` (c: its model, NULL for a view's column
 * or a virtual table's rowid): its binding in vt->f and the rest in vt->fx. */
static void add_field(dg_vtable *vt, const char *oname, const char *column, const dg_column *c, const char *name,
                      dg_ckind kind, bool has, bool readonly, char *comment)
{
    dg_vfield *fx = DG_VEC_ADD(&vt->fx);
    memset(fx, 0, sizeof *fx);
    fx->comment = comment;
    dg_cbind *f = DG_VEC_ADD(&vt->f);
    memset(f, 0, sizeof *f);
    f->column = column;
    f->name = name;
    if (has) {
        DG_VEC_PUSH(&vt->strs, DG_XCAT("has_", name));
        f->has = vt->strs.items[vt->strs.len - 1];
    }
    f->kind = kind;
    f->vkind = kind;
    f->ctype = dg_ckind_ctype(kind);
    f->readonly = readonly;
    /* a virtual table's first field is its rowid, never a declared column */
    f->quoted = c || !vt->t ? dg_sql_quote(column) : dg_xstrdup("rowid");
    dg_buf cn = DG_BUF_INIT;
    dg_buf_cat(&cn, oname, ".", column, (char *)NULL);
    f->colname = c_literal(dg_buf_cstr(&cn));
    dg_buf_free(&cn);
    if (c) {
        f->pk = c->pk > 0 && !vt->t->module;
        f->rowid_alias = c->pk && dg_table_has_rowid_alias(vt->t);
        f->lenient = dg_column_reads_lenient(vt->t, c);
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
    vt->iter = DG_XCAT(vt->strct, "_iter");
    vt->reader = dg_view_reader(v->opts, vt->row);
}

/* A PostgreSQL column's field (cbind.h dg_pgtype_of_column): its C type,
 * how it moves, and what stands for its DEFAULT (an identity column's
 * sequence).  GENERATED ALWAYS AS IDENTITY columns are only read. */
static void pg_field(dg_vctx *v, dg_vtable *vt, const dg_column *c)
{
    const dg_table *t = vt->t;
    dg_ckind k;
    dg_pgtype pg = dg_pgtype_of_column(v->s, c, &vt->strs, &k);
    bool always = c->pg->identity && !strcmp(c->pg->identity, "always");
    bool readonly = c->generated != DG_GEN_NONE || always;
    char *comment = column_comment(c);
    if (c->pg->identity) {
        char *more = dg_xprintf("%s GENERATED %s AS IDENTITY", comment, always ? "ALWAYS" : "BY DEFAULT");
        free(comment);
        comment = more;
    }
    add_field(vt, t->name, c->name, c, dg_names_field(v->names, t->schema, t->name, c->name), k, dg_cbind_column_has_pg(c, k),
              readonly, comment);
    dg_cbind *f = &vt->f.items[vt->f.len - 1];
    f->pg = pg;
    if (pg.ctype) f->ctype = pg.ctype;
    f->lenient = false;
    if (c->pg->identity && c->pg->sequence && !always) {
        DG_VEC_PUSH(&vt->strs, dg_xprintf("nextval('%s'::regclass)", c->pg->sequence));
        f->default_sql = vt->strs.items[vt->strs.len - 1];
    }
    f->rowid_alias = false;
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
    char *shown = q ? dg_xprintf("%s.%s", q, t->name) : dg_xstrdup(t->name);
    vt->heading = t->module ? dg_xprintf("%s (virtual table, %s)", shown, t->module) : dg_xstrdup(shown);
    free(shown);
    if (t->module)
        add_field(vt, t->name, "rowid", NULL, "rowid", DG_CK_INT64, false, false,
                  dg_xstrdup("rowid of the virtual table"));
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        /* a virtual table's hidden columns (FTS5's rank and the one named
         * like the table, FTS4's docid and langid, a table-valued
         * function's arguments) are not the row's: queries select them */
        if (c->hidden) continue;
        if (c->pg) {
            pg_field(v, vt, c);
            continue;
        }
        dg_ckind k = dg_ckind_of_column(t, c);
        bool readonly = c->generated != DG_GEN_NONE || c->hidden;
        add_field(vt, t->name, c->name, c, dg_names_field(v->names, t->schema, t->name, c->name), k, dg_cbind_column_has(c, k),
                  readonly, column_comment(c));
    }
}

/* A PostgreSQL view's fields: the type of each column from the catalog
 * (cbind.h dg_pgtype_of), NOT NULL only where dalgen's analysis of the
 * view's definition shows it (pgq.h dg_pg_view_notnull); the others are
 * nullable (has_ flags, NULL pointers). */
static void pg_view_fields(dg_vctx *v, const dg_view *view, dg_vtable *vt)
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
        char *comment = dg_xprintf("%s%s", c->decltype ? c->decltype : "(no type)", notnull[i] ? " NOT NULL" : "");
        add_field(vt, view->name, c->name, NULL, dg_names_field(v->names, view->schema, view->name, c->name), k,
                  !notnull[i] && dg_ckind_scalar(k), true, comment);
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
    vt->heading = dg_xprintf("%s%s%s (view, read-only)", q ? q : "", q ? "." : "", view->name);
    if (v->s->engine == DG_ENGINE_POSTGRESQL) {
        pg_view_fields(v, view, vt);
        return;
    }
    for (size_t i = 0; i < view->columns.len; i++) {
        const dg_view_column *c = &view->columns.items[i];
        dg_ckind k = dg_ckind_of_vtype(dg_vtype_of_decl(c->decltype));
        add_field(vt, view->name, c->name, NULL, dg_names_field(v->names, view->schema, view->name, c->name), k,
                  dg_ckind_scalar(k), true, dg_xstrdup(c->decltype ? c->decltype : "(no type)"));
        vt->f.items[vt->f.len - 1].lenient = dg_decl_reads_lenient(c->decltype);
    }
}

size_t dg_view_stmt(dg_vctx *v, const char *row, const char *verb, char *sql)
{
    dg_vstmt *st = DG_VEC_ADD(v->stmts);
    st->id = DG_XCAT(v->opts->prefix, "__s_", row, "_", verb);
    st->sql = sql;
    return v->stmts->len - 1;
}

int dg_vtable_field(const dg_vtable *vt, const char *column)
{
    for (size_t i = 0; i < vt->f.len; i++)
        if (!strcmp(vt->f.items[i].column, column)) return (int)i;
    return -1;
}

void dg_vfunc_free(dg_vfunc *f)
{
    free(f->fn);
    free(f->many_fn);
    free(f->params);
    dg_vbinds_free(&f->binds);
    dg_vbinds_free(&f->writebacks);
    if (f->with_rowid) {
        free(f->with_rowid->cond);
        free(f->with_rowid->note);
        free(f->with_rowid);
    }
    dg_strings_free(&f->prepare);
    dg_strings_free(&f->after);
    free(f->missing);
    free(f->doc);
    free(f->conflict_msg);
    free(f->pg_types);
    free(f->pg_results);
    if (f->pg_short) {
        free(f->pg_short->cond);
        free(f->pg_short);
    }
}

static void func_drop(dg_vfunc *f)
{
    if (!f) return;
    dg_vfunc_free(f);
    free(f);
}

static void funcs_free(dg_vfuncs *fs)
{
    for (size_t i = 0; i < fs->len; i++) dg_vfunc_free(&fs->items[i]);
    DG_VEC_FREE(fs);
}

void dg_vpatch_free(dg_vpatch *p)
{
    if (!p) return;
    char *own[] = {p->type, p->fn, p->sets_array, p->params, p->head, p->tail, p->missing, p->empty, p->check_fn,
                   p->pg_key_types};
    dg_buf_free(&p->pg_set_types);
    for (size_t i = 0; i < sizeof own / sizeof *own; i++) free(own[i]);
    for (size_t i = 0; i < p->fields.len; i++) {
        dg_vpatch_field *pf = &p->fields.items[i];
        free(pf->decl), free(pf->has_decl), free(pf->set), free(pf->set_decl);
    }
    DG_VEC_FREE(&p->fields);
    dg_strings_free(&p->sets);
    dg_vbinds_free(&p->binds);
    for (size_t i = 0; i < p->bits.len; i++) free(p->bits.items[i].cond);
    DG_VEC_FREE(&p->bits);
    dg_strings_free(&p->prepare);
    dg_strings_free(&p->after);
    for (size_t i = 0; i < p->check.len; i++) free(p->check.items[i].guard);
    DG_VEC_FREE(&p->check);
    free(p);
}

/* What only the templates read: the functions, reads, patch and validator. */
static void drop_rendered(dg_vtable *vt)
{
    if (vt->validated) dg_validator_free(&vt->val);
    vt->validated = false;
    free(vt->fills);
    vt->fills = NULL;
    dg_vbinds_free(&vt->reads);
    free(vt->pg_results);
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
    for (size_t k = 0; k < vt->f.len; k++) {
        free(vt->f.items[k].quoted);
        free(vt->f.items[k].colname);
        free(vt->fx.items[k].comment);
        free(vt->fx.items[k].decl);
        free(vt->fx.items[k].has_decl);
    }
    DG_VEC_FREE(&vt->f);
    DG_VEC_FREE(&vt->fx);
    dg_strings_free(&vt->strs);
    free(vt->user_type), free(vt->user_header), free(vt->iter), free(vt->reader), free(vt->heading);
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
}

void dg_vtables_free(dg_vtables *v)
{
    if (!v) return;
    dg_vtypes_free(&v->types);
    free(v->root.header), free(v->root.guard), free(v->root.unit), free(v->root.slot), free(v->root.sql_array);
    dg_strings_free(&v->root.inputs);
    for (size_t i = 0; i < v->stmts.len; i++) free(v->stmts.items[i].id), free(v->stmts.items[i].sql);
    DG_VEC_FREE(&v->stmts);
    dg_venums_free(&v->enums);
    dg_strings_free(&v->user_headers);
    for (size_t i = 0; i < v->items.len; i++) dg_vtable_free(&v->items.items[i]);
    DG_VEC_FREE(&v->items);
    dg_names_free(v->names);
    free(v);
}
