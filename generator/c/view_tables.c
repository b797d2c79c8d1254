/* view_tables.c - the view model of tables and views: fields, and every
 * generated function's SQL, parameters, binds and reads (see view_int.h for
 * the keys).  All decisions live here; templates only lay the code out. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "c/template.h"
#include "c/view_int.h"
#include "c/view_json.h"

static void set_str(json_t *o, const char *key, const char *value)
{
    dg_jset_str(o, key, value);
}

static void set_own(json_t *o, const char *key, char *value)
{
    dg_jset_own(o, key, value);
}

char *dg_sql_quote(const char *ident)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_putc(&b, '"');
    for (; *ident; ident++) {
        if (*ident == '"') dg_buf_putc(&b, '"');
        dg_buf_putc(&b, *ident);
    }
    dg_buf_putc(&b, '"');
    return dg_buf_steal(&b);
}

/* A short description of a column for the comment after its field. */
static char *column_comment(const dg_column *c)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_puts(&b, *c->type ? c->type : "(no type)");
    if (c->pk) dg_buf_puts(&b, " PRIMARY KEY");
    if (c->not_null && !c->pk) dg_buf_puts(&b, " NOT NULL");
    if (c->default_sql) dg_buf_printf(&b, " DEFAULT %s", c->default_sql);
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
 * or a virtual table's rowid): its JSON in fields[] and its binding in
 * vt->f. */
static void add_field(dg_vtable *vt, json_t *fields, const char *oname, const char *column, const dg_column *c,
                      const char *name, dg_ckind kind, bool has, bool readonly, char *comment)
{
    json_t *fj = json_object();
    set_str(fj, "column", column);
    set_str(fj, "name", name);
    if (has) dg_jset(fj, "has", DG_JCAT("has_", name));
    set_str(fj, "ctype", dg_ckind_ctype(kind));
    set_str(fj, "kind", dg_ckind_name(kind));
    dg_jset(fj, "readonly", json_boolean(readonly));
    if (comment) set_own(fj, "comment", comment);
    json_array_append_new(fields, fj);
    dg_cbind *f = DG_VEC_ADD(&vt->f);
    memset(f, 0, sizeof *f);
    f->column = column;
    f->name = name;
    f->has = json_string_value(json_object_get(fj, "has"));
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
        f->default_sql = c->default_sql;
        if (f->default_sql && !strcasecmp(f->default_sql, "NULL")) f->default_sql = NULL;
    }
}

char *dg_view_reader(const dg_view_opts *opts, const char *row)
{
    return dg_xprintf("%s__%s_read", opts->prefix, row);
}

static json_t *object_begin(dg_vctx *v, const char *sqlname)
{
    json_t *o = json_object();
    const char *row = dg_names_row(v->names, sqlname);
    const char *st = dg_names_struct(v->names, sqlname);
    set_str(o, "name", sqlname);
    set_str(o, "row", row);
    set_str(o, "struct", st);
    set_str(o, "fn", st);
    set_own(o, "iter", dg_xprintf("%s_iter", st));
    set_own(o, "reader", dg_view_reader(v->opts, row));
    return o;
}

json_t *dg_view_table_begin(dg_vctx *v, const dg_table *t, dg_vtable *vt)
{
    memset(vt, 0, sizeof *vt);
    vt->t = t;
    json_t *tv = object_begin(v, t->name);
    json_t *fields = json_array();
    bool fts5 = t->module && !strcasecmp(t->module, "fts5");
    dg_jset(tv, "has_pk", json_boolean(!t->module && dg_table_pk_count(t) > 0));
    dg_jset(tv, "virtual", json_boolean(t->module != NULL));
    dg_jset(tv, "fts5", json_boolean(fts5));
    dg_jset(tv, "is_view", json_false());
    if (t->module) set_own(tv, "heading", dg_xprintf("%s (virtual table, %s)", t->name, t->module));
    else set_str(tv, "heading", t->name);
    if (t->module)
        add_field(vt, fields, t->name, "rowid", NULL, "rowid", DG_CK_INT64, false, false,
                  dg_xstrdup("rowid of the virtual table"));
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        /* FTS5's hidden column named like the table holds a cursor handle */
        if (fts5 && c->hidden && !dg_strcasecmp_ascii(c->name, t->name)) continue;
        dg_ckind k = dg_ckind_of_column(t, c);
        bool readonly = c->generated != DG_GEN_NONE || c->hidden;
        add_field(vt, fields, t->name, c->name, c, dg_names_field(v->names, t->name, c->name), k,
                  dg_cbind_column_has(c, k), readonly, column_comment(c));
    }
    dg_jset(tv, "fields", fields);
    vt->tv = tv;
    return tv;
}

json_t *dg_view_view(dg_vctx *v, const dg_view *view, dg_vtable *vt)
{
    memset(vt, 0, sizeof *vt);
    vt->view = view;
    json_t *o = object_begin(v, view->name);
    json_t *fields = json_array();
    dg_jset(o, "is_view", json_true());
    set_own(o, "heading", dg_xprintf("%s (view, read-only)", view->name));
    for (size_t i = 0; i < view->columns.len; i++) {
        const dg_view_column *c = &view->columns.items[i];
        dg_ckind k = dg_ckind_of_vtype(dg_vtype_of_decl(c->decltype));
        add_field(vt, fields, view->name, c->name, NULL, dg_names_field(v->names, view->name, c->name), k,
                  dg_ckind_scalar(k), true, dg_xstrdup(c->decltype ? c->decltype : "(no type)"));
    }
    dg_jset(o, "fields", fields);
    vt->tv = o;
    return o;
}

json_t *dg_view_stmt_entry(dg_vctx *v, const char *row, const char *verb, const char *sql)
{
    json_t *stmts = json_object_get(v->root, "stmts");
    json_t *s = json_object();
    dg_jset(s, "id", DG_JCAT(v->opts->prefix, "__s_", row, "_", verb));
    dg_jset_str(s, "sql", sql);
    dg_jset(s, "index", json_integer((json_int_t)json_array_size(stmts)));
    json_array_append_new(stmts, s);
    return s;
}

const char *dg_view_stmt(dg_vctx *v, const char *row, const char *verb, const char *sql)
{
    return json_string_value(json_object_get(dg_view_stmt_entry(v, row, verb, sql), "id"));
}

int dg_vtable_field(const dg_vtable *vt, const char *column)
{
    for (size_t i = 0; i < vt->f.len; i++)
        if (!strcmp(vt->f.items[i].column, column)) return (int)i;
    return -1;
}

void dg_vtable_free(dg_vtable *vt)
{
    for (size_t k = 0; k < vt->f.len; k++) {
        free(vt->f.items[k].quoted);
        free(vt->f.items[k].colname);
    }
    DG_VEC_FREE(&vt->f);
    for (size_t k = 0; k < vt->rule_columns.len; k++) DG_VEC_FREE(&vt->rule_columns.items[k]);
    DG_VEC_FREE(&vt->rule_columns);
    dg_strings_free(&vt->strs);
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
    for (size_t i = 0; i < v->items.len; i++) dg_vtable_free(&v->items.items[i]);
    DG_VEC_FREE(&v->items);
    dg_names_free(v->names);
    free(v);
}
