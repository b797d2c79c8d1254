/* view_tables.c - the view model of tables and views: fields, and every
 * generated function's SQL, parameters, binds and reads (see view_int.h for
 * the keys).  All decisions live here; templates only lay the code out. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
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

static json_t *field_json(const char *column, const char *name, dg_fkind kind, bool has, bool readonly,
                          char *comment)
{
    json_t *f = json_object();
    set_str(f, "column", column);
    set_str(f, "name", name);
    if (has) dg_jset(f, "has", DG_JCAT("has_", name));
    set_str(f, "ctype", dg_fkind_ctype(kind));
    set_str(f, "kind", dg_fkind_name(kind));
    dg_jset(f, "readonly", json_boolean(readonly));
    if (comment) set_own(f, "comment", comment);
    return f;
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
    set_own(o, "reader", dg_xprintf("%s__%s_read", v->opts->prefix, row));
    return o;
}

json_t *dg_view_table_begin(dg_vctx *v, const dg_table *t)
{
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
        json_array_append_new(fields, field_json("rowid", "rowid", DG_FK_INT64, false, false,
                                                 dg_xstrdup("rowid of the virtual table")));
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        /* FTS5's hidden column named like the table holds a cursor handle */
        if (fts5 && c->hidden && !dg_strcasecmp_ascii(c->name, t->name)) continue;
        dg_fkind k = dg_column_kind(t, c);
        bool rowid_alias = c->pk && dg_table_has_rowid_alias(t);
        bool readonly = c->generated != DG_GEN_NONE || c->hidden;
        bool has = dg_fkind_scalar(k) && !rowid_alias && !c->pk &&
                   (!c->not_null || (c->default_sql && !readonly));
        json_array_append_new(fields, field_json(c->name, dg_names_field(v->names, t->name, c->name), k, has,
                                                 readonly, column_comment(c)));
    }
    dg_jset(tv, "fields", fields);
    return tv;
}

json_t *dg_view_view(dg_vctx *v, const dg_view *view)
{
    json_t *o = object_begin(v, view->name);
    json_t *fields = json_array();
    dg_jset(o, "is_view", json_true());
    set_own(o, "heading", dg_xprintf("%s (view, read-only)", view->name));
    for (size_t i = 0; i < view->columns.len; i++) {
        const dg_view_column *c = &view->columns.items[i];
        dg_fkind k = dg_decltype_kind(c->decltype);
        json_array_append_new(fields, field_json(c->name, dg_names_field(v->names, view->name, c->name), k,
                                                 dg_fkind_scalar(k), true,
                                                 dg_xstrdup(c->decltype ? c->decltype : "(no type)")));
    }
    dg_jset(o, "fields", fields);
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
