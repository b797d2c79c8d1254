/* queries_view.c - the named queries' part of the view model: every C
 * declaration and statement the templates print (templates/c/queries_*.tmpl)
 * is decided here.
 *
 * root["queries_unit"]  {unit, sql_array, slot, label, count} when there are queries
 * root["queries"][]     one object per query:
 *   fn, sql, id, one|many|exec|execrows|execlastid (true), proto (the
 *   function's prototype), binds[] {call}, locals[] {decl} (slices),
 *   reader (static row reader), row_type, row {fields[] {decl}} when the
 *   query generates its own row struct, reads[] {stmt} and own_reader when
 *   the reader is the query's (else `reader` is the table's), and for :many
 *   iter_type, iter_fields[] {decl}, iter_sets[] {stmt}, proto_next, proto_end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c/names.h"
#include "util/buf.h"
#include "util/vec.h"
#include "c/view_int.h"
#include "c/view_json.h"
#include "c/view_queries.h"

typedef struct qv {
    json_t *root;
    const dg_view_opts *opts;
    const dg_schema *s;
    dg_names *names;  /* built on first use when the root has every table's names */
    bool from_root;   /* root["tables"] and root["views"] hold every table and view */
    dg_diags *d;
    json_t *tables;   /* table name -> its object in root["tables"], made on first use */
    json_t *model;    /* table name -> its index in s->tables, made on first use */
} qv;

/* The generated names.  With the tables' part of the view model in the root
 * they are built only for what it does not hold (the same names: same
 * schema, same options, already built once without error). */
static const dg_names *names_of(qv *v)
{
    if (!v->names) v->names = dg_names_build(v->s, v->opts, NULL);
    return v->names;
}

static const char *scalar_c(dg_vtype c)
{
    switch (c) {
    case DG_VT_INT64: return "int64_t";
    case DG_VT_DOUBLE: return "double";
    case DG_VT_BOOL: return "bool";
    case DG_VT_TEXT: return "const char *";
    case DG_VT_BLOB: return "dal_blob";
    case DG_VT_VALUE: return "dal_value";
    default: return "int";
    }
}

static bool is_scalar(dg_vtype c) { return c == DG_VT_INT64 || c == DG_VT_DOUBLE || c == DG_VT_BOOL; }

static const char *bind_suffix(dg_vtype c)
{
    switch (c) {
    case DG_VT_INT64: return "int64";
    case DG_VT_DOUBLE: return "double";
    case DG_VT_BOOL: return "bool";
    case DG_VT_TEXT: return "text";
    case DG_VT_BLOB: return "blob";
    default: return "value";
    }
}

/* ---- parameters ---- */

/* Element type and dal_array storage class of a slice. */
static void slice_types(dg_vtype c, const char **elem, const char **dal_type)
{
    switch (c) {
    case DG_VT_DOUBLE: *elem = "const double *"; *dal_type = "DAL_TYPE_REAL"; break;
    case DG_VT_TEXT: *elem = "const char *const *"; *dal_type = "DAL_TYPE_TEXT"; break;
    case DG_VT_BLOB: *elem = "const dal_blob *"; *dal_type = "DAL_TYPE_BLOB"; break;
    default: *elem = "const int64_t *"; *dal_type = "DAL_TYPE_INTEGER"; break;
    }
}

static void param_decl(dg_buf *b, const dg_qparam *p)
{
    if (p->slice) {
        const char *elem, *dt;
        slice_types(p->type.v, &elem, &dt);
        dg_buf_printf(b, ", %s%s, size_t %s_len", elem, p->name, p->name);
    } else if (p->type.v == DG_VT_VALUE) {
        dg_buf_printf(b, ", const dal_value *%s", p->name);
    } else if (is_scalar(p->type.v) && p->type.nullable) {
        dg_buf_printf(b, ", const %s *%s", scalar_c(p->type.v), p->name);
    } else {
        const char *t = scalar_c(p->type.v);
        dg_buf_printf(b, ", %s%s%s", t, t[strlen(t) - 1] == '*' ? "" : " ", p->name);
    }
}

/* The bind call of parameter p at SQLite index `idx`. */
static char *bind_call(const dg_qparam *p, int idx, bool iter)
{
    const char *st = iter ? "it->it.st" : "st";
    char n[16];
    snprintf(n, sizeof n, "%d", idx);
    dg_buf b = DG_BUF_INIT;
    const char *sfx = bind_suffix(p->type.v);
    /* an iterator outlives the call: its text, blobs and values are copied */
    bool copy = iter && (p->type.v == DG_VT_TEXT || p->type.v == DG_VT_BLOB || p->type.v == DG_VT_VALUE);
    if (p->slice)
        dg_buf_cat(&b, "dal_bind_array(db, ", st, ", ", n, ", &", iter ? "it->" : "", p->name, "_arr)", (char *)NULL);
    else if (is_scalar(p->type.v) && p->type.nullable)
        dg_buf_cat(&b, "dal_bind_", sfx, "_null(db, ", st, ", ", n, ", ", p->name, " != NULL, ", p->name, " ? *", p->name,
            " : ", p->type.v == DG_VT_BOOL ? "false" : "0", ")", (char *)NULL);
    else
        dg_buf_cat(&b, "dal_bind_", sfx, copy ? "_copy" : "", "(db, ", st, ", ", n, ", ", p->name, ")", (char *)NULL);
    return dg_buf_steal(&b);
}

static void add_params(json_t *o, const dg_query *q, bool iter, dg_buf *args)
{
    json_t *binds = json_array(), *locals = json_array(), *iter_fields = json_array(), *iter_sets = json_array();
    for (size_t i = 0; i < q->params.len; i++) {
        const dg_qparam *p = &q->params.items[i];
        param_decl(args, p);
        if (p->slice) {
            const char *elem, *dt;
            slice_types(p->type.v, &elem, &dt);
            if (iter) {
                json_array_append_new(iter_fields, json_pack("{s:s++}", "decl", "dal_array ", p->name, "_arr;"));
                char *set = dg_xprintf("it->%s_arr.type = %s;\n    it->%s_arr.len = %s_len;\n    it->%s_arr.data = %s;",
                                       p->name, dt, p->name, p->name, p->name, p->name);
                json_array_append_new(iter_sets, dg_jobj1("stmt", set));
                free(set);
            } else {
                char *decl = dg_xprintf("dal_array %s_arr;\n    %s_arr.type = %s;\n    %s_arr.len = %s_len;\n"
                                        "    %s_arr.data = %s;",
                                        p->name, p->name, dt, p->name, p->name, p->name, p->name);
                json_array_append_new(locals, dg_jobj1("decl", decl));
                free(decl);
            }
        }
        for (size_t k = 0; k < p->binds.len; k++) {
            char *call = bind_call(p, p->binds.items[k], iter);
            json_array_append_new(binds, dg_jobj1("call", call));
            free(call);
        }
    }
    dg_jset(o, "has_binds", json_boolean(json_array_size(binds) > 0));
    dg_jset(o, "binds", binds);
    dg_jset(o, "locals", locals);
    dg_jset(o, "iter_fields", iter_fields);
    dg_jset(o, "iter_sets", iter_sets);
}

/* ---- result rows ---- */

/* The column name as a C string literal; names reach C kept printable. */
static char *col_literal(const char *colname)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_cat(&b, "\"", colname, "\"", (char *)NULL);
    char *qname = dg_buf_steal(&b);
    for (char *p = qname + 1; p[1]; p++)
        if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20 || *p == '?') *p = '_';
    return qname;
}

static char *read_stmt(dg_vtype c, bool nullable, int col, const char *colname, const char *lhs, const char *has)
{
    char *qname = col_literal(colname);
    char n[16];
    snprintf(n, sizeof n, "%d", col);
    dg_buf b = DG_BUF_INIT;
    dg_buf_cat(&b, "if ((rc = dal_read_", bind_suffix(c), (char *)NULL);
    switch (c) {
    case DG_VT_TEXT:
    case DG_VT_BLOB:
    case DG_VT_VALUE:
        dg_buf_cat(&b, "(db, st, ", n, ", ", qname, ", arena, &", lhs, ")) != DAL_OK) return rc;", (char *)NULL);
        break;
    default:
        if (nullable)
            dg_buf_cat(&b, "_null(db, st, ", n, ", ", qname, ", &", has, ", &", lhs, ")) != DAL_OK) return rc;", (char *)NULL);
        else
            dg_buf_cat(&b, "(db, st, ", n, ", ", qname, ", &", lhs, ")) != DAL_OK) return rc;", (char *)NULL);
        if (!nullable && has) dg_buf_cat(&b, "\n    ", has, " = true;", (char *)NULL);
    }
    free(qname);
    return dg_buf_steal(&b);
}

/* The table's object in the view model (root["tables"]), NULL when the
 * view has none (the queries part rendered on its own). */
static json_t *table_view(qv *v, const char *name)
{
    if (!v->tables) {   /* a map, not a scan per query */
        size_t i;
        json_t *tv;
        v->tables = json_object();
        json_array_foreach(json_object_get(v->root, "tables"), i, tv) {
            const char *n = json_string_value(json_object_get(tv, "name"));
            if (n && !json_object_get(v->tables, n)) json_object_set_nocheck(v->tables, n, tv);
        }
    }
    return json_object_get(v->tables, name);
}

/* dg_schema_table through a map: the same table (the first of that exact
 * name, else the scan's case-insensitive match). */
static const dg_table *model_table(qv *v, const char *name)
{
    if (!v->model) {
        v->model = json_object();
        for (size_t i = 0; i < v->s->tables.len; i++) {
            const char *n = v->s->tables.items[i].name;
            if (!json_object_get(v->model, n)) json_object_set_new_nocheck(v->model, n, json_integer((json_int_t)i));
        }
    }
    json_t *i = json_object_get(v->model, name);
    return i ? &v->s->tables.items[json_integer_value(i)] : dg_schema_table(v->s, name);
}

static const char *jstr(json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

/* The table view's fields are exactly the table's columns, in order. */
static bool fields_match(json_t *tv, const dg_table *t)
{
    json_t *fields = json_object_get(tv, "fields");
    if (json_array_size(fields) != t->columns.len) return false;
    for (size_t i = 0; i < t->columns.len; i++) {
        const char *c = jstr(json_array_get(fields, i), "column");
        if (!c || strcmp(c, t->columns.items[i].name) != 0) return false;
    }
    return true;
}

/* Read of one field of a table struct as the table part lays it out
 * (kind, has_ flag, enum type). */
/* A field of the user's own struct whose C type is not the kind's (conv):
 * the table functions' read, which converts. */
static char *read_conv_field(json_t *f, int col, const char *base)
{
    dg_vfield vf = {0};
    vf.name = jstr(f, "name");
    vf.has = jstr(f, "has");
    vf.conv = jstr(f, "conv");
    if (!dg_fkind_parse(jstr(f, "kind"), &vf.kind)) vf.kind = DG_FK_VALUE;
    vf.colname = col_literal(jstr(f, "column"));
    char *call = dg_read_call(&vf, col, base);
    char *r = dg_xprintf("if ((rc = %s) != DAL_OK) return rc;", call);
    free(call);
    free(vf.colname);
    return r;
}

static char *read_view_field(json_t *f, int col, const char *base)
{
    const char *name = jstr(f, "name"), *has = jstr(f, "has"), *kind = jstr(f, "kind");
    const char *column = jstr(f, "column"), *et = jstr(f, "enum_type");
    if (jstr(f, "conv")) return read_conv_field(f, col, base);
    char *lhs = dg_xprintf("%s%s", base, name), *hasv = has ? dg_xprintf("%s%s", base, has) : NULL;
    char *r;
    if (kind && !strcmp(kind, "enum") && et) {
        char *read = read_stmt(DG_VT_TEXT, false, col, column, "text", NULL);
        r = dg_xprintf("{\n        const char *text = NULL;\n        %s\n        %s = %s_from_string(text);%s%s%s\n    }",
                       read, lhs, et, hasv ? "\n        " : "", hasv ? hasv : "", hasv ? " = text != NULL;" : "");
        free(read);
    } else {
        dg_vtype ct = DG_VT_VALUE;
        static const char *const kinds[] = {"int64", "double", "bool", "text", "blob", "value"};
        static const dg_vtype cts[] = {DG_VT_INT64, DG_VT_DOUBLE, DG_VT_BOOL, DG_VT_TEXT, DG_VT_BLOB, DG_VT_VALUE};
        for (int i = 0; kind && i < 6; i++)
            if (!strcmp(kind, kinds[i])) ct = cts[i];
        r = read_stmt(ct, hasv != NULL, col, column, lhs, hasv);
    }
    free(lhs);
    free(hasv);
    return r;
}

/* Reads of table t's columns into `base` (a table struct lvalue prefix). */
static void read_table(qv *v, json_t *reads, const dg_table *t, int col0, const char *base)
{
    json_t *tv = table_view(v, t->name);
    if (tv && fields_match(tv, t)) {
        for (size_t i = 0; i < t->columns.len; i++) {
            char *s = read_view_field(json_array_get(json_object_get(tv, "fields"), i), col0 + (int)i, base);
            json_array_append_new(reads, dg_jobj1("stmt", s));
            free(s);
        }
        return;
    }
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        if (c->hidden) continue;
        const char *f = dg_names_field(names_of(v), t->name, c->name);
        dg_vtype ct = dg_vtype_of_column(t, c);
        bool rowid = dg_table_has_rowid_alias(t) && dg_table_pk_column(t, 1) == (int)i;
        bool nullable = !c->not_null && !rowid && !(t->without_rowid && c->pk);
        char *lhs = dg_xprintf("%s%s", base, f);
        char *has = dg_xprintf("%shas_%s", base, f);
        bool readonly = c->generated != DG_GEN_NONE || c->hidden;
        bool flag = is_scalar(ct) && !rowid && !c->pk && (nullable || (c->default_sql && !readonly));
        char *s = read_stmt(ct, flag, col0 + (int)i, c->name, lhs, flag ? has : NULL);
        json_array_append_new(reads, dg_jobj1("stmt", s));
        free(s);
        free(lhs);
        free(has);
    }
}

/* Width of what precedes a field's name: "int64_t " or "const char *". */
static size_t type_width(const char *type)
{
    size_t n = strlen(type);
    return type[n - 1] == '*' ? n : n + 1;
}

/* A field declaration laid out like the table structs': names start at
 * column `tw` (a pointer's `*` just before), and the comment, which names
 * the result column and says when it may be NULL, at tw + nw + 1. */
static char *field_decl(const char *type, const char *name, size_t tw, size_t nw, const char *column, bool nullable)
{
    dg_buf b = DG_BUF_INIT;
    size_t n = strlen(type);
    bool ptr = type[n - 1] == '*';
    dg_buf_append(&b, type, ptr ? n - 1 : n);
    while (b.len > 0 && b.data[b.len - 1] == ' ') b.len--;
    while (b.len + (ptr ? 1 : 0) < tw) dg_buf_putc(&b, ' ');
    dg_buf_printf(&b, "%s%s;", ptr ? "*" : "", name);
    if (column && !strcmp(column, name)) column = NULL;   /* the comment says what the name does not */
    if (column || nullable) {
        while (b.len < tw + nw + 1) dg_buf_putc(&b, ' ');
        dg_buf_puts(&b, "/* ");
        for (const char *c = column ? column : ""; *c; c++) {   /* safe inside a comment */
            if ((unsigned char)*c < 0x20) continue;
            dg_buf_putc(&b, *c);
            if ((*c == '*' && c[1] == '/') || (*c == '/' && c[1] == '*') || (*c == '?' && c[1] == '?'))
                dg_buf_putc(&b, ' ');
        }
        dg_buf_puts(&b, nullable ? (column ? ", may be NULL */" : "may be NULL */") : " */");
    }
    return dg_buf_steal(&b);
}

/* The struct name of table `name`. */
static const char *struct_of(qv *v, const char *name)
{
    const char *st = v->from_root ? jstr(table_view(v, name), "struct") : NULL;
    return st ? st : dg_names_struct(names_of(v), name);
}

static void add_row(qv *v, json_t *o, const dg_query *q, const char *fn)
{
    json_t *reads = json_array();
    if (q->row_table) {
        const dg_table *t = model_table(v, q->row_table);
        json_t *tv = table_view(v, q->row_table);
        dg_jset(o, "row_type", dg_jstr(struct_of(v, q->row_table)));
        if (tv && jstr(tv, "reader") && fields_match(tv, t) &&
            json_array_size(json_object_get(tv, "reads")) == t->columns.len) {
            /* the columns in table order: the table's own row reader reads them */
            dg_jset(o, "reader", dg_jstr(jstr(tv, "reader")));
            json_decref(reads);
            return;
        }
        read_table(v, reads, t, 0, "out->");
        dg_jset(o, "reads", reads);
        return;
    }
    char *row_type = dg_xprintf("%s_row", fn);
    json_t *fields = json_array();
    size_t tw = type_width("bool"), nw = 0;   /* the type and name columns */
    for (size_t i = 0; i < q->fields.len; i++) {
        const dg_qfield *f = &q->fields.items[i];
        const char *t = f->embed_table ? struct_of(v, f->embed_table) : scalar_c(f->type.v);
        if (type_width(t) > tw) tw = type_width(t);
        if (strlen(f->name) + 1 > nw) nw = strlen(f->name) + 1;
    }
    for (size_t i = 0; i < q->fields.len; i++) {
        const dg_qfield *f = &q->fields.items[i];
        if (f->embed_table) {
            char *decl = field_decl(struct_of(v, f->embed_table), f->name, tw, nw, f->embed_table, false);
            char *base = dg_xprintf("out->%s.", f->name);
            read_table(v, reads, model_table(v, f->embed_table), f->col, base);
            free(base);
            json_array_append_new(fields, dg_jobj1("decl", decl));
            free(decl);
            continue;
        }
        dg_buf lb = DG_BUF_INIT, hb = DG_BUF_INIT;
        dg_buf_cat(&lb, "out->", f->name, (char *)NULL);
        dg_buf_cat(&hb, "out->has_", f->name, (char *)NULL);
        char *lhs = dg_buf_steal(&lb), *has = dg_buf_steal(&hb);
        bool flag = is_scalar(f->type.v) && f->type.nullable;
        char *decl = field_decl(scalar_c(f->type.v), f->name, tw, nw, f->column, f->type.nullable);
        if (flag) {
            char *hname = dg_xprintf("has_%s", f->name);
            char *hdecl = field_decl("bool", hname, tw, 0, NULL, false);
            char *both = dg_xprintf("%s\n    %s", hdecl, decl);
            free(hname);
            free(hdecl);
            free(decl);
            decl = both;
        }
        char *st = read_stmt(f->type.v, flag, f->col, f->column, lhs, flag ? has : NULL);
        json_array_append_new(fields, dg_jobj1("decl", decl));
        json_array_append_new(reads, dg_jobj1("stmt", st));
        free(decl);
        free(st);
        free(lhs);
        free(has);
    }
    dg_jset(o, "row", json_pack("{s:s,s:o}", "name", row_type, "fields", fields));
    dg_jset(o, "row_type", dg_jstr(row_type));
    dg_jset(o, "reads", reads);
    free(row_type);
}

/* ---- one query ---- */

static const char *kind_key(dg_qkind k)
{
    static const char *const keys[] = {"one", "many", "exec", "execrows", "execlastid"};
    return keys[k];
}

static json_t *query_view(qv *v, const dg_query *q, int id)
{
    json_t *o = json_object();
    char *fn = dg_xprintf("%s_%s", v->opts->prefix, q->c_name);
    bool iter = q->kind == DG_QK_MANY;
    dg_jset(o, "fn", dg_jstr(fn));
    dg_jset(o, "name", dg_jstr(q->name));
    dg_jset(o, "sql", dg_jstr(q->sql));
    dg_jset(o, "id", json_integer(id));
    json_object_set_new(o, kind_key(q->kind), json_true());
    dg_buf args = DG_BUF_INIT;
    add_params(o, q, iter, &args);
    if (q->kind == DG_QK_ONE || iter) {
        add_row(v, o, q, fn);
        if (!json_object_get(o, "reader")) {
            char *reader = dg_xprintf("%s__q_%s_read", v->opts->prefix, q->c_name);
            dg_jset(o, "reader", dg_jstr(reader));
            dg_jset(o, "own_reader", json_true());
            free(reader);
        }
    }
    const char *row_type = json_string_value(json_object_get(o, "row_type"));
    char *proto;
    if (q->kind == DG_QK_ONE) {
        proto = dg_xprintf("int %s(dal_db *db%s, %s *out, dal_arena *arena)", fn, dg_buf_cstr(&args), row_type);
    } else if (iter) {
        char *it = dg_xprintf("%s_iter", fn);
        proto = dg_xprintf("int %s(dal_db *db%s, %s *it)", fn, dg_buf_cstr(&args), it);
        char *next = dg_xprintf("int %s_next(%s *it, %s *out, dal_arena *arena)", fn, it, row_type);
        char *end = dg_xprintf("void %s_iter_end(%s *it)", fn, it);
        dg_jset(o, "iter_type", dg_jstr(it));
        dg_jset(o, "proto_next", dg_jstr(next));
        dg_jset(o, "proto_end", dg_jstr(end));
        free(it);
        free(next);
        free(end);
    } else if (q->kind == DG_QK_EXECROWS) {
        proto = dg_xprintf("int %s(dal_db *db%s, int64_t *out_rows)", fn, dg_buf_cstr(&args));
    } else if (q->kind == DG_QK_EXECLASTID) {
        proto = dg_xprintf("int %s(dal_db *db%s, int64_t *out_id)", fn, dg_buf_cstr(&args));
    } else {
        proto = dg_xprintf("int %s(dal_db *db%s)", fn, dg_buf_cstr(&args));
    }
    dg_jset(o, "proto", dg_jstr(proto));
    free(proto);
    dg_buf_free(&args);
    free(fn);
    return o;
}

static const char *object_name(const dg_schema *s, size_t t)
{
    return t < s->tables.len ? s->tables.items[t].name : s->views.items[t - s->tables.len].name;
}

static bool is_table_verb(const char *s)
{
    for (int k = 0; dg_table_verbs[k]; k++)
        if (!strcmp(s, dg_table_verbs[k])) return true;
    return false;
}

static int cmp_index(const void *a, const void *b)
{
    json_int_t x = *(const json_int_t *)a, y = *(const json_int_t *)b;
    return (x > y) - (x < y);
}

/* Indexes (ascending) of the tables and views whose generated names include
 * `c_name`: their row name itself or <row>_<verb>.  `rows` maps row names
 * to arrays of indexes. */
static size_t clashes(json_t *rows, const char *c_name, json_int_t **out)
{
    DG_VEC(json_int_t) hits = {0};
    size_t len = strlen(c_name);
    for (size_t k = 0; k <= len; k++) {
        if (k < len && (c_name[k] != '_' || !is_table_verb(c_name + k + 1))) continue;
        size_t i;
        json_t *ix;
        json_array_foreach(json_object_getn(rows, c_name, k), i, ix) DG_VEC_PUSH(&hits, json_integer_value(ix));
    }
    if (hits.len > 1) qsort(hits.items, hits.len, sizeof *hits.items, cmp_index);
    *out = hits.items;
    return hits.len;
}

/* The row name of table or view t (index as object_name's). */
static const char *row_of(qv *v, size_t t)
{
    if (v->from_root) {
        size_t nt = v->s->tables.len;
        json_t *o = json_array_get(json_object_get(v->root, t < nt ? "tables" : "views"), t < nt ? t : t - nt);
        return jstr(o, "row");
    }
    return dg_names_row(names_of(v), object_name(v->s, t));
}

/* A query function must not take a name the tables generate. */
static int check_names(qv *v, const dg_query_set *set)
{
    int errors = 0;
    size_t ntables = v->s->tables.len + v->s->views.len;
    json_t *rows = json_object();   /* a map, not a scan of the tables per query */
    for (size_t t = 0; t < ntables; t++) {
        const char *row = row_of(v, t);
        if (!row) continue;
        json_t *list = json_object_get(rows, row);
        if (!list) json_object_set_new(rows, row, list = json_array());
        json_array_append_new(list, json_integer((json_int_t)t));
    }
    for (size_t i = 0; i < set->queries.len; i++) {
        const dg_query *q = &set->queries.items[i];
        json_int_t *hits;
        size_t n = clashes(rows, q->c_name, &hits);
        for (size_t h = 0; h < n; h++) {
            dg_error(v->d, q->loc, "query %s: %s_%s is a name %s generates; rename the query", q->name,
                     v->opts->prefix, q->c_name, object_name(v->s, (size_t)hits[h]));
            errors++;
        }
        free(hits);
        for (size_t f = 0; f < q->params.len; f++)
            if (q->params.items[f].slice && q->params.items[f].type.v == DG_VT_VALUE) {
                dg_error(v->d, q->params.items[f].loc, "sqlc.slice(%s) compares with a column of no declared type; "
                         "declare its element type with `-- @param %s TYPE`", q->params.items[f].name,
                         q->params.items[f].name);
                errors++;
            }
    }
    json_decref(rows);
    return errors;
}

int dg_view_add_queries(json_t *root, const dg_query_set *q, const dg_schema *s,
                        const dg_view_opts *opts, dg_diags *d)
{
    json_t *list = json_array();
    dg_jset(root, "queries", list);
    if (!q || q->queries.len == 0) return 0;
    qv v = {root, opts, s, NULL, false, d, NULL, NULL};
    v.from_root = json_array_size(json_object_get(root, "tables")) == s->tables.len &&
                  json_array_size(json_object_get(root, "views")) == s->views.len;
    if (!v.from_root && !names_of(&v)) return -1;   /* the table part reports bad @name */
    if (check_names(&v, q)) {
        dg_names_free(v.names);
        json_decref(v.tables);
        json_decref(v.model);
        return -1;
    }
    for (size_t i = 0; i < q->queries.len; i++)
        json_array_append_new(list, query_view(&v, &q->queries.items[i], (int)i));
    dg_jset(root, "queries_unit",
                        json_pack("{s:s++,s:s++,s:s++,s:s+,s:i}", "unit", opts->prefix, "__queries", "_unit",
                                  "sql_array", opts->prefix, "__queries", "_sql", "slot", opts->prefix, "__queries",
                                  "_slot", "label", opts->prefix, ".queries", "count", (int)q->queries.len));
    dg_names_free(v.names);
    json_decref(v.tables);
    json_decref(v.model);
    return 0;
}
