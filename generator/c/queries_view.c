/* queries_view.c - the named queries' part of the view model
 * (view_queries.h): every C declaration and statement the templates print
 * (templates/c/queries_*.tmpl) is decided here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c/names.h"
#include "util/buf.h"
#include "util/vec.h"
#include "c/view_int.h"
#include "c/view_json.h"
#include "c/view_queries.h"
#include "analysis/query/pg/pgq.h"

typedef struct qv {
    const dg_view_opts *opts;
    const dg_schema *s;
    const dg_vtables *tables;  /* the tables' typed part, NULL when the queries are rendered alone */
    const dg_names *names;     /* tables->names, or own_names */
    dg_names *own_names;
    dg_diags *d;
    const char *qname;/* the query being built (PostgreSQL errors) */
    dg_loc qloc;
    dg_strings *keep; /* strings the PostgreSQL bindings borrow (the dg_vqueries') */
} qv;

/* The binding of table t's column i in the table's struct, NULL without
 * the tables' part. */
static const dg_cbind *column_bind(qv *v, const dg_table *t, int i)
{
    if (!v->tables) return NULL;
    const dg_vtable *vt = &v->tables->items.items[t - v->s->tables.items];
    int k = dg_vtable_column_field(vt, (size_t)i);
    return k >= 0 ? &vt->f.items[k] : NULL;
}

/* ---- parameters ---- */

/* A parameter compared with or written to a table column is passed as the
 * column's field is held (an enum); a slice keeps its element type. */
static dg_cbind param_bind(qv *v, const dg_qparam *p)
{
    const dg_cbind *origin = p->origin && !p->slice ? column_bind(v, p->origin, p->origin_column) : NULL;
    return dg_cbind_value(p->name, p->type.v, p->type.nullable, origin, NULL);
}

/* Parameter p's declaration, its two parts joined by `sep` for a slice
 * ("const int64_t *ids, size_t ids_len"). */
static char *param_decl(qv *v, const dg_qparam *p, const char *sep)
{
    if (p->slice) {
        const char *elem, *dt;
        dg_ckind_slice(dg_ckind_of_vtype(p->type.v), &elem, &dt);
        return dg_xprintf("%s%s%ssize_t %s_len", elem, p->name, sep, p->name);
    }
    dg_cbind f = param_bind(v, p);
    return dg_cbind_param_decl(&f);
}

/* The bind call of parameter p at SQLite index `idx`; `src` holds the
 * parameters ("" or "params->"). */
static char *bind_call(qv *v, const dg_qparam *p, int idx, bool iter, const char *src)
{
    const char *st = iter ? "it->it.st" : "st";
    if (p->slice) {
        char n[16];
        snprintf(n, sizeof n, "%d", idx);
        dg_buf b = DG_BUF_INIT;
        dg_buf_cat(&b, "dal_bind_array(db, ", st, ", ", n, ", &", iter ? "it->" : "", p->name, "_arr)", (char *)NULL);
        return dg_buf_steal(&b);
    }
    /* a parameter's binding (`src` is for a row's fields): its name says where it is */
    char *name = dg_xprintf("%s%s", src, p->name);
    dg_cbind f = param_bind(v, p);
    f.name = name;
    /* an iterator outlives the call: its text, blobs and values are copied */
    char *call = dg_cbind_bind(&f, idx, "", st, iter);
    free(name);
    return call;
}

/* Pushes s (taken). */
static void take(dg_strings *v, char *s) { DG_VEC_PUSH(v, s); }

/* The statements that set slice p's dal_array `arr` ("ids_arr" or
 * "it->ids_arr") from its arguments under `src`. */
static char *slice_sets(const dg_qparam *p, const char *arr, const char *src)
{
    const char *elem, *dt;
    dg_ckind_slice(dg_ckind_of_vtype(p->type.v), &elem, &dt);
    return dg_xprintf("%s.type = %s;\n    %s.len = %s%s_len;\n    %s.data = %s%s;", arr, dt, arr, src, p->name, arr,
                      src, p->name);
}

/* The C arguments into `args` (", int64_t id, ..." or ", const T *params"
 * past the limit, with the struct's fields), the slices' arrays and the
 * bind calls. */
/* Whether q's parameters come in a <fn>_params struct: more of them than
 * query_parameter_limit (both engines). */
static bool params_in_struct(const qv *v, const dg_query *q)
{
    return q->params.len > 0 && (int)q->params.len > dg_view_param_limit(v->opts);
}

static void add_params(qv *v, dg_vquery *o, const dg_query *q, bool iter, dg_buf *args)
{
    bool in_struct = params_in_struct(v, q);
    const char *src = in_struct ? "params->" : "";
    if (in_struct) {
        o->params_type = dg_xprintf("%s_params", o->fn);
        dg_buf_cat(args, ", const ", o->params_type, " *params", (char *)NULL);
    }
    for (size_t i = 0; i < q->params.len; i++) {
        const dg_qparam *p = &q->params.items[i];
        char *decl = param_decl(v, p, in_struct ? ";\n    " : ", ");
        if (in_struct) take(&o->params_fields, dg_xprintf("%s;", decl));
        else dg_buf_cat(args, ", ", decl, (char *)NULL);
        free(decl);
        if (p->slice && iter) {
            char *arr = dg_xprintf("it->%s_arr", p->name);
            take(&o->iter_fields, dg_xprintf("dal_array %s_arr;", p->name));
            take(&o->iter_sets, slice_sets(p, arr, src));
            free(arr);
        } else if (p->slice) {
            char *arr = dg_xprintf("%s_arr", p->name), *sets = slice_sets(p, arr, src);
            take(&o->locals, dg_xprintf("dal_array %s;\n    %s", arr, sets));
            free(sets);
            free(arr);
        }
        for (size_t k = 0; k < p->binds.len; k++) take(&o->binds, bind_call(v, p, p->binds.items[k], iter, src));
    }
}

/* ---- result rows ---- */

/* The column name as a C string literal, through the one escaper. */
static char *col_literal(const char *colname)
{
    dg_buf b = DG_BUF_INIT;
    dg_tmpl_c_literal(&b, colname, "");
    return dg_buf_steal(&b);
}

/* "if ((rc = <read>) != DAL_OK) return rc;" of field f from result column
 * `col` into dst (an enum through a local `text`), f's colname aside: the
 * result column's name. */
static char *read_stmt(const dg_cbind *field, int col, const char *dst)
{
    dg_cbind f = *field;
    f.colname = col_literal(f.column);
    char *call = dg_cbind_read(&f, col, dst), *r;
    char *after = f.conv.kind != DG_CCONV_NONE ? NULL : dg_cbind_read_enum_after(&f, dst, "        ");
    if (after)
        r = dg_xprintf("{\n        const char *text = NULL;\n        if ((rc = %s) != DAL_OK) return rc;\n        %s\n    }",
                       call, after);
    else
        r = dg_xprintf("if ((rc = %s) != DAL_OK) return rc;", call);
    free(after);
    free(call);
    free(f.colname);
    return r;
}

/* Table t's typed view (its fields' bindings) when its fields are exactly
 * its columns in order; NULL otherwise or without the tables' part. */
static const dg_vtable *table_binds(qv *v, const dg_table *t)
{
    if (!v->tables || !t) return NULL;
    const dg_vtable *vt = &v->tables->items.items[t - v->s->tables.items];
    if (vt->f.len != t->columns.len) return NULL;
    for (size_t i = 0; i < t->columns.len; i++)
        if (strcmp(vt->f.items[i].column, t->columns.items[i].name) != 0) return NULL;
    return vt;
}

/* Reads of table t's columns into `base` (a table struct lvalue prefix). */
static void read_table(qv *v, dg_strings *reads, const dg_table *t, int col0, const char *base)
{
    const dg_vtable *vt = table_binds(v, t);
    if (vt) {
        for (size_t i = 0; i < t->columns.len; i++)
            take(reads, read_stmt(&vt->f.items[i], col0 + (int)i, base));
        return;
    }
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        if (c->hidden) continue;
        dg_cbind f = {0};
        f.column = c->name;
        f.name = dg_names_field(v->names, t->schema, t->name, c->name);
        f.kind = dg_ckind_of_column(t, c);
        char *has = dg_xprintf("has_%s", f.name);
        f.has = dg_cbind_column_has(c, f.kind) ? has : NULL;
        take(reads, read_stmt(&f, col0 + (int)i, base));
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

/* The struct name of table `t`. */
static const char *struct_of(qv *v, const dg_table *t) { return dg_names_struct(v->names, t->schema, t->name); }

/* A result field's binding; a table column read as it is keeps the
 * column's enum. */
static dg_cbind pg_row_bind(qv *v, const dg_qfield *f, const char *has);
static dg_cbind pg_value(qv *v, const char *name, const dg_qpgtype *t, bool nullable, const char *has);

static dg_cbind row_bind(qv *v, const dg_qfield *f, const char *has)
{
    if (f->pg) return pg_row_bind(v, f, has);
    const dg_cbind *origin = f->origin ? column_bind(v, f->origin, f->origin_column) : NULL;
    dg_cbind b = dg_cbind_value(f->name, f->type.v, f->type.nullable, origin, has);
    b.column = f->column;
    return b;
}

/* The row struct of a query of its own: its field declarations and reads. */
static void own_row(qv *v, dg_strings *fields, dg_strings *reads, const dg_query *q)
{
    size_t n = q->fields.len, tw = type_width("bool"), nw = 0;   /* the type and name columns */
    dg_cbind *binds = dg_xcalloc(n + 1, sizeof *binds);
    char **has = dg_xcalloc(n + 1, sizeof *has);
    for (size_t i = 0; i < n; i++) {
        const dg_qfield *f = &q->fields.items[i];
        has[i] = dg_xprintf("has_%s", f->name);
        if (!f->embed_table) binds[i] = row_bind(v, f, has[i]);
        const char *t = f->embed_table ? struct_of(v, f->embed_table) : binds[i].ctype;
        if (type_width(t) > tw) tw = type_width(t);
        if (strlen(f->name) + 1 > nw) nw = strlen(f->name) + 1;
    }
    for (size_t i = 0; i < n; i++) {
        const dg_qfield *f = &q->fields.items[i];
        char *decl;
        if (f->embed_table) {
            decl = field_decl(struct_of(v, f->embed_table), f->name, tw, nw, f->embed_table->name, false);
            char *base = dg_xprintf("out->%s.", f->name);
            read_table(v, reads, f->embed_table, f->col, base);
            free(base);
        } else {
            decl = field_decl(binds[i].ctype, f->name, tw, nw, f->column, f->type.nullable);
            if (binds[i].has) {
                char *hdecl = field_decl("bool", has[i], tw, 0, NULL, false);
                char *both = dg_xprintf("%s\n    %s", hdecl, decl);
                free(hdecl);
                free(decl);
                decl = both;
            }
            take(reads, read_stmt(&binds[i], f->col, "out->"));
        }
        take(fields, decl);
    }
    for (size_t i = 0; i < n; i++) free(has[i]);
    free(has);
    free(binds);
}

/* Whether q's result is one column yielded as its C type: a single
 * column that is not a table's struct (sqlc.embed, or a one-column table's
 * SELECT *, which keep the struct).  Batches keep their row struct: their
 * results come per item (queries_pg_*.tmpl). */
static bool scalar_result(const dg_query *q)
{
    return !dg_qkind_batch(q->kind) && !q->row_table && q->fields.len == 1 && !q->fields.items[0].embed_table;
}

/* "T *name" for a value of C type `ctype` ("const char *" -> "const char **out"). */
static char *out_decl(const char *ctype, const char *name)
{
    size_t n = strlen(ctype);
    return dg_xprintf("%s%s*%s", ctype, ctype[n - 1] == '*' ? "" : " ", name);
}

/* A scalar result: `T *out` (and `bool *out_has` for a nullable scalar,
 * `dal_arena *arena` for what is read into it: text, blob, value, enum),
 * read by the query's own reader through `*out`. */
static void add_scalar(qv *v, dg_vquery *o, const dg_query *q)
{
    const dg_qfield *f = &q->fields.items[0];
    const dg_cbind *origin = f->origin ? column_bind(v, f->origin, f->origin_column) : NULL;
    dg_cbind b = f->pg ? pg_value(v, "out", f->pg, f->type.nullable, "out_has")
                       : dg_cbind_value("out", f->type.v, f->type.nullable, origin, "out_has");
    b.column = f->column;
    bool arena = !dg_ckind_scalar(b.kind) || b.kind == DG_CK_ENUM;
    o->scalar = true;
    o->no_arena = !arena;
    o->row_type = dg_xstrdup(b.ctype);
    char *out = out_decl(b.ctype, "out");
    o->out_params = dg_xprintf("%s%s%s", out, b.has ? ", bool *out_has" : "", arena ? ", dal_arena *arena" : "");
    o->reader_params = dg_xprintf("%s%s, dal_arena *arena", out, b.has ? ", bool *out_has" : "");
    o->reader_args = dg_xprintf("out%s, %s", b.has ? ", out_has" : "", arena ? "arena" : "NULL");
    free(out);
    take(&o->reads, read_stmt(&b, f->col, "*"));
}

/* Whether a and b's own rows would be the same struct read the same way:
 * the same fields (names, result columns, types, nullability, enums, read
 * modes, embedded tables) in the same order. */
static bool same_row(qv *v, const dg_query *a, const dg_query *b)
{
    if (a->fields.len != b->fields.len || a->ncols != b->ncols) return false;
    for (size_t i = 0; i < a->fields.len; i++) {
        const dg_qfield *x = &a->fields.items[i], *y = &b->fields.items[i];
        if (strcmp(x->name, y->name) || strcmp(x->column, y->column) || x->col != y->col ||
            x->type.nullable != y->type.nullable)
            return false;
        if (!x->embed_table != !y->embed_table) return false;
        if (x->embed_table) {
            if (x->embed_table != y->embed_table) return false;
            continue;
        }
        dg_cbind bx = row_bind(v, x, "has"), by = row_bind(v, y, "has");
        if (bx.kind != by.kind || strcmp(bx.ctype, by.ctype) || !bx.has != !by.has || bx.lenient != by.lenient ||
            bx.conv.kind != by.conv.kind)
            return false;
    }
    return true;
}

/* The first earlier query (index below `upto`) with its own row struct
 * that q's row would repeat, or -1. */
static int shared_row(qv *v, const dg_vqueries *views, const dg_query_set *set, size_t upto, const dg_query *q)
{
    for (size_t i = 0; i < upto; i++) {
        const dg_vquery *o = &views->items.items[i];
        if (o->own_row && same_row(v, &set->queries.items[i], q)) return (int)i;
    }
    return -1;
}

/* The row of a :one or :many query: a scalar, a table's struct (read by
 * the table's own reader when it reads the columns in table order), an
 * earlier query's row struct of the same fields, or its own. */
static void add_row(qv *v, dg_vquery *o, const dg_query *q, const dg_vquery *same)
{
    if (scalar_result(q)) {
        add_scalar(v, o, q);
        return;
    }
    o->reader_args = dg_xstrdup("out, arena");
    if (same) {   /* queries returning the same columns share the first one's struct */
        o->row_type = dg_xstrdup(same->row_type);
        o->reader = dg_xstrdup(same->reader);
    } else if (q->row_table) {
        const dg_table *t = q->row_table;
        o->row_type = dg_xstrdup(struct_of(v, t));
        if (table_binds(v, t)) o->reader = dg_view_reader(v->opts, dg_names_row(v->names, t->schema, t->name));
        else read_table(v, &o->reads, t, 0, "out->");
    } else {
        o->row_type = dg_xprintf("%s_row", o->fn);
        o->own_row = true;
        own_row(v, &o->row_fields, &o->reads, q);
    }
    o->out_params = dg_xprintf("%s *out, dal_arena *arena", o->row_type);
    if (o->reader) return;
    o->reader_params = dg_xprintf("%s *out, dal_arena *arena", o->row_type);
}

/* ---- one query ---- */

/* The prototypes of o's functions; `a` the C arguments after db. */
static void protos(dg_vquery *o, const dg_query *q, const char *a)
{
    const char *fn = o->fn;
    if (q->kind == DG_QK_ONE) {
        o->proto = dg_xprintf("int %s(dal_db *db%s, %s)", fn, a, o->out_params);
    } else if (q->kind == DG_QK_MANY) {
        o->iter_type = dg_xprintf("%s_iter", fn);
        o->proto = dg_xprintf("int %s(dal_db *db%s, %s *it)", fn, a, o->iter_type);
        o->proto_next = dg_xprintf("int %s_next(%s *it, %s)", fn, o->iter_type, o->out_params);
        o->proto_end = dg_xprintf("void %s_iter_end(%s *it)", fn, o->iter_type);
    } else if (q->kind == DG_QK_EXECROWS) {
        o->proto = dg_xprintf("int %s(dal_db *db%s, int64_t *out_rows)", fn, a);
    } else if (q->kind == DG_QK_EXECLASTID) {
        o->proto = dg_xprintf("int %s(dal_db *db%s, int64_t *out_id)", fn, a);
    } else if (q->kind == DG_QK_COPYFROM) {   /* a is empty: the fields are params_type's */
        o->proto = dg_xprintf("int %s(dal_db *db, const %s *rows, size_t n, int64_t *out_rows)", fn, o->params_type);
    } else if (q->kind == DG_QK_BATCHEXEC) {   /* rcs: NULL or n item codes */
        o->proto = dg_xprintf("int %s(dal_db *db, const %s *items, size_t n, int *rcs)", fn, o->params_type);
    } else if (q->kind == DG_QK_BATCHONE) {   /* out: n rows, out[i] item i's */
        o->proto = dg_xprintf("int %s(dal_db *db, const %s *items, size_t n, %s, int *rcs)", fn, o->params_type,
                              o->out_params);
    } else if (q->kind == DG_QK_BATCHMANY) {   /* each(ctx, i, row): every row of item i, in order */
        o->proto = dg_xprintf("int %s(dal_db *db, const %s *items, size_t n, int (*each)(void *ctx, size_t i, "
                              "const %s *row), void *ctx, dal_arena *arena, int *rcs)", fn, o->params_type,
                              o->row_type);
    } else if (q->kind == DG_QK_EXECRESULT) {
        o->proto = dg_xprintf("int %s(dal_db *db%s, int64_t *out_rows, int64_t *out_id)", fn, a);
    } else {
        o->proto = dg_xprintf("int %s(dal_db *db%s)", fn, a);
    }
}

/* The result of a :one or :many query (add_row) and, when nothing else
 * reads it, the query's own reader. */
static void add_result(qv *v, dg_vquery *o, const dg_query *q, const dg_vquery *same)
{
    add_row(v, o, q, same);
    if (!o->reader_params) return;
    o->reader = dg_xprintf("%s__q_%s_read", v->opts->prefix, q->c_name);
    o->own_reader = true;
}

static void pg_query_view(qv *v, dg_vquery *o, const dg_query *q, const dg_vquery *same);
static const char *kind_key(dg_qkind k);

/* `same`: an earlier query whose row struct q's row repeats, or NULL. */
static void query_view(qv *v, dg_vquery *o, const dg_query *q, int id, const dg_vquery *same)
{
    o->fn = dg_xprintf("%s_%s", v->opts->prefix, q->c_name);
    o->name = q->name;
    o->sql = q->sql;
    o->id = id;
    o->kind = q->kind;
    o->drop_rows = !dg_qkind_rows(q->kind) && q->ncols > 0;
    if (v->s->engine == DG_ENGINE_POSTGRESQL) {
        pg_query_view(v, o, q, same);
        return;
    }
    bool iter = q->kind == DG_QK_MANY;
    dg_buf args = DG_BUF_INIT;
    add_params(v, o, q, iter, &args);
    if (q->kind == DG_QK_ONE || iter) add_result(v, o, q, same);
    protos(o, q, dg_buf_cstr(&args));
    dg_buf_free(&args);
}

/* ---- PostgreSQL (design/postgres.md 3.7): the server's types bound
 * through cbind's PostgreSQL kinds; bodies over dal_pg.h ---- */

/* The generated C enum of PostgreSQL enum type pe, NULL when the tables
 * generate none for it (its label is then text). */
static const char *pg_enum_type(qv *v, const dg_pg_enum *pe)
{
    for (size_t i = 0; pe && v->tables && i < v->tables->enums.len; i++)
        if (v->tables->enums.items[i].pg == pe) return v->tables->enums.items[i].type;
    return NULL;
}

static dg_cbind pg_value(qv *v, const char *name, const dg_qpgtype *t, bool nullable, const char *has)
{
    dg_pg_typeref r = {t->col.type_schema, t->col.type_name, t->col.type_kind, t->col.typmod, t->col.array_dims,
                       t->type};
    dg_ckind k;
    dg_pgtype pg = dg_pgtype_of(v->s, &r, v->keep, &k);
    return dg_cbind_value_pg(name, k, pg, pg_enum_type(v, pg.enumref), nullable, has);
}

static dg_cbind pg_row_bind(qv *v, const dg_qfield *f, const char *has)
{
    dg_cbind b = pg_value(v, f->name, f->pg, f->type.nullable, has);
    b.column = f->column;
    return b;
}

/* A sqlc.slice: (const T *x, size_t x_len), bound as one binary array;
 * in a parameter struct (`src` "params->") its two fields. */
static void pg_slice(dg_vquery *o, const dg_cbind *f, int n, dg_buf *args, const char *st, const char *src)
{
    const char *ec = dg_pgtype_ctype(f->pg.elem, f->pg.elem);
    size_t len = strlen(ec);
    char *ptr = ec[len - 1] == '*' ? dg_xprintf("%sconst *%s", ec, f->name) : dg_xprintf("const %s *%s", ec, f->name);
    if (*src) take(&o->params_fields, dg_xprintf("%s;\n    size_t %s_len;", ptr, f->name));
    else dg_buf_printf(args, ", %s, size_t %s_len", ptr, f->name);
    free(ptr);
    take(&o->binds, dg_xprintf("dal_pg_bind_%s(%s, %d, %s%s, %s%s_len)", f->pg.call, st, n, src, f->name, src,
                               f->name));
}

/* :copyfrom: field f (parameter i) written straight into the COPY's
 * buffer (o->copy_row's parts); false when it has no writer, and the
 * row then goes through the binders. */
static bool copy_put(dg_vquery *o, const dg_cbind *f, size_t i, dg_buf *max)
{
    char len[32];
    int width = 0;
    snprintf(len, sizeof len, "len%zu__", i + 1);
    char *put = dg_cbind_copy_put(f, "r__->", len, &width);
    if (!put) return false;
    take(&o->copy_puts, put);
    if (width >= 0) {
        dg_buf_printf(max, " + %d", 4 + width);
        return true;
    }
    take(&o->copy_lens, dg_xprintf("%s = r__->%s ? strlen(r__->%s) : 0", len, f->name, f->name));
    dg_buf_printf(max, " + (4 + %s)", len);
    return true;
}

/* A :copyfrom's row writer when every field has one (o->copy_row). */
static void pg_copy_row(qv *v, dg_vquery *o, const dg_query *q)
{
    dg_buf max = DG_BUF_INIT;
    bool all = true;
    dg_buf_puts(&max, "2");   /* the field count */
    for (size_t i = 0; all && i < q->params.len; i++) {
        const dg_qparam *p = &q->params.items[i];
        dg_cbind f = pg_value(v, p->name, p->pg, p->type.nullable, NULL);
        all = !p->slice && copy_put(o, &f, i, &max);
    }
    if (all) {
        o->copy_row = dg_xprintf("%s__q_%s_copy_row", v->opts->prefix, q->c_name);
        o->copy_max = dg_buf_steal(&max);
    } else {
        dg_strings_free(&o->copy_lens);
        dg_strings_free(&o->copy_puts);
    }
    dg_buf_free(&max);
}

static void pg_params(qv *v, dg_vquery *o, const dg_query *q, dg_buf *args, dg_buf *types, const char **casts)
{
    const char *st = o->batch_bind ? "p" : "&params__";   /* :batchexec binds in its callback */
    /* where a struct holds the parameters: a :copyfrom row or :batchexec item, or past the limit */
    const char *src = o->copyfrom || o->batch_bind ? "r__->" : o->params_type ? "params->" : "";
    for (size_t i = 0; i < q->params.len; i++) {
        const dg_qparam *p = &q->params.items[i];
        dg_cbind f = pg_value(v, p->name, p->pg, p->type.nullable, NULL);
        int n = p->binds.items[0];
        dg_buf_printf(types, "%s%s", i ? ", " : "", f.pg.oid);
        if (f.kind == DG_CK_ARRAY || !strcmp(f.pg.call, "jsonb") || !strcmp(f.pg.call, "numeric"))
            o->local_arena = q->kind != DG_QK_ONE || o->no_arena;   /* :one binds into the caller's arena */
        if (n >= 1 && (size_t)n <= q->params.len) casts[n - 1] = f.pg.cast_in;
        if (p->slice && f.kind == DG_CK_ARRAY) {
            pg_slice(o, &f, n, args, st, src);
            continue;
        }
        char *decl = dg_cbind_param_decl(&f);
        if (o->params_type) take(&o->params_fields, dg_xprintf("%s;", decl));
        else dg_buf_cat(args, ", ", decl, (char *)NULL);
        free(decl);
        take(&o->binds, dg_cbind_bind(&f, n, src, st, false));
        if (o->copyfrom && (p->slice || f.pg.cast_in))   /* binary COPY sends the column's own type */
            dg_error(v->d, p->loc, "query %s is :copyfrom, but parameter %s is sent as %s; binary COPY needs "
                     "the column's own type: use :exec", q->name, p->name, p->slice ? "a slice" : "text with a cast");
    }
}

/* :execlastid: the key RETURNING gives, read into *out_id. */
static char *pg_lastid(qv *v, const dg_query *q)
{
    if (!q->fields.len || !q->fields.items[0].pg) return NULL;
    const dg_qfield *k = &q->fields.items[0];
    dg_cbind f = pg_value(v, "id__", k->pg, false, NULL);
    f.colname = col_literal(k->column);
    char *read = dg_cbind_read(&f, 0, "");
    char *r = dg_xprintf("if (rc == DAL_OK && out_id) {\n        const PGresult *res = res__;\n"
                         "        const int row__ = 0;\n        %s id__;\n"
                         "        rc = PQntuples(res) == 1 ? %s : DAL_NOTFOUND;\n"
                         "        if (rc == DAL_OK) *out_id = id__;\n    }", f.ctype, read);
    free(read);
    free(f.colname);
    return r;
}

/* The cast each result column is read through (a type held as text, an
 * @type override of a table column) and the type its reader expects
 * (dg_pgtype_result_oid), as the binding that reads it says: the table's
 * for a table row or an embed, the field's own otherwise.  oids[i] stays
 * NULL for a column no binding reads. */
static void pg_result_casts(qv *v, const dg_query *q, const char **casts, const char **oids)
{
    const dg_table *row = q->row_table;
    for (size_t i = 0; row && i < row->columns.len && i < (size_t)q->ncols; i++) {
        const dg_cbind *b = column_bind(v, row, (int)i);
        casts[i] = b ? b->pg.cast_out : NULL;
        oids[i] = b ? dg_pgtype_result_oid(&b->pg) : NULL;
    }
    for (size_t i = 0; !row && i < q->fields.len; i++) {
        const dg_qfield *f = &q->fields.items[i];
        const dg_table *t = f->embed_table;
        for (int k = 0; t && k < f->ncols; k++) {
            const dg_cbind *b = column_bind(v, t, k);
            casts[f->col + k] = b ? b->pg.cast_out : NULL;
            oids[f->col + k] = b ? dg_pgtype_result_oid(&b->pg) : NULL;
        }
        if (!t && f->pg) {
            dg_pgtype pg = pg_value(v, f->name, f->pg, true, NULL).pg;
            casts[f->col] = pg.cast_out;
            oids[f->col] = dg_pgtype_result_oid(&pg);
        }
    }
}

/* The result types a query function declares (dal_pg_params.results): its
 * row's for :one and :many; for :execlastid the RETURNING columns' when
 * none is cast (its SQL is not rewritten).  NULL when a column has no
 * known type: the function then declares none. */
static char *pg_result_types(const dg_query *q, const char **casts, const char **oids)
{
    dg_buf b = DG_BUF_INIT;
    bool lastid = q->kind == DG_QK_EXECLASTID;
    if (!lastid && !dg_qkind_rows(q->kind)) return NULL;
    for (int i = 0; i < q->ncols; i++) {
        if (!oids[i] || (lastid && casts[i])) {
            dg_buf_free(&b);
            return NULL;
        }
        dg_buf_cat(&b, i ? ", " : "", oids[i], NULL);
    }
    return b.len ? dg_buf_steal(&b) : NULL;
}

/* The SQL with the casts of types bound or read as text: $n::T, and the
 * result columns through a CTE, `WITH q(c1, ...) AS (sql) SELECT c1, c2::text
 * FROM q` (so that INSERT ... RETURNING works too).  NULL when none. */
static char *pg_cast_sql(const dg_query *q, const char **pcasts, const char **rcasts)
{
    bool any_in = false, any_out = false;
    for (size_t i = 0; i < q->params.len; i++) any_in |= pcasts[i] != NULL;
    for (int i = 0; i < q->ncols && dg_qkind_rows(q->kind); i++) any_out |= rcasts[i] != NULL;
    if (!any_in && !any_out) return NULL;
    char *sql = any_in ? dg_pg_sql_cast_params(q->sql, pcasts, q->params.len) : dg_xstrdup(q->sql);
    if (!any_out) return sql;
    dg_buf b = DG_BUF_INIT;
    dg_buf_puts(&b, "WITH dal__q(");
    for (int i = 0; i < q->ncols; i++) dg_buf_printf(&b, "%sc%d", i ? ", " : "", i + 1);
    dg_buf_printf(&b, ") AS (\n%s\n)\nSELECT ", sql);
    for (int i = 0; i < q->ncols; i++) dg_buf_printf(&b, "%sc%d%s", i ? ", " : "", i + 1, rcasts[i] ? rcasts[i] : "");
    dg_buf_puts(&b, " FROM dal__q");
    free(sql);
    return dg_buf_steal(&b);
}

static void pg_query_view(qv *v, dg_vquery *o, const dg_query *q, const dg_vquery *same)
{
    o->pg = true;
    o->nparams = (int)q->params.len;
    v->qname = q->name;
    v->qloc = q->loc;
    dg_buf args = DG_BUF_INIT, types = DG_BUF_INIT;
    const char **pcasts = dg_xcalloc(q->params.len + 1, sizeof *pcasts);
    const char **rcasts = dg_xcalloc((size_t)q->ncols + 1, sizeof *rcasts);
    const char **roids = dg_xcalloc((size_t)q->ncols + 1, sizeof *roids);
    o->copyfrom = q->kind == DG_QK_COPYFROM;
    if (dg_qkind_batch(q->kind)) o->batch_bind = dg_xprintf("%s__q_%s_bind", v->opts->prefix, q->c_name);
    if (q->kind == DG_QK_BATCHONE || q->kind == DG_QK_BATCHMANY)   /* items, rows and the caller's callback */
        o->batch_ctx = dg_xprintf("%s__q_%s_batch", v->opts->prefix, q->c_name);
    if (o->copyfrom || o->batch_bind) o->params_type = dg_xprintf("%s_params", o->fn);   /* a row, an item */
    else if (params_in_struct(v, q)) {   /* past query_parameter_limit, as on SQLite */
        o->params_type = dg_xprintf("%s_params", o->fn);
        dg_buf_cat(&args, ", const ", o->params_type, " *params", (char *)NULL);
    }
    if (o->batch_bind && !q->params.len)
        dg_error(v->d, q->loc, "query %s is :%s but has no parameters; use :%s", q->name, kind_key(q->kind),
                 q->kind == DG_QK_BATCHEXEC ? "exec" : q->kind == DG_QK_BATCHONE ? "one" : "many");
    if (dg_qkind_rows(q->kind)) add_result(v, o, q, same);   /* before: no_arena; a batch's `same` is NULL */
    pg_params(v, o, q, &args, &types, pcasts);
    if (o->copyfrom) pg_copy_row(v, o, q);
    o->pg_types = q->params.len ? dg_buf_steal(&types) : NULL;
    o->params_arena = o->local_arena ? "&arena__" : q->kind == DG_QK_ONE && !o->no_arena ? "arena" : "NULL";
    if (dg_qkind_rows(q->kind) || q->kind == DG_QK_EXECLASTID) {
        pg_result_casts(v, q, rcasts, roids);
        o->pg_results = pg_result_types(q, rcasts, roids);
        o->nresults = o->pg_results ? q->ncols : 0;
    }
    o->own_sql = o->copyfrom ? dg_xstrdup(q->copy_sql) : pg_cast_sql(q, pcasts, rcasts);
    if (o->own_sql) o->sql = o->own_sql;
    free(pcasts);
    free(rcasts);
    free(roids);
    if (q->kind == DG_QK_EXECLASTID) o->lastid = pg_lastid(v, q);
    protos(o, q, dg_buf_cstr(&args));
    dg_buf_free(&args);
    dg_buf_free(&types);
}

static const char *object_name(const dg_schema *s, size_t t)
{
    return t < s->tables.len ? s->tables.items[t].name : s->views.items[t - s->tables.len].name;
}

static const char *object_schema(const dg_schema *s, size_t t)
{
    return t < s->tables.len ? s->tables.items[t].schema : s->views.items[t - s->tables.len].schema;
}

/* The verbs of the functions a table's or view's JSON object names in a
 * "fn" of its own (dg_vqueries_claim_names): a query may take those names,
 * and the table's function yields.  The others (the struct, its _iter,
 * _next, _iter_end, _patch, _validate) are names a query must not take. */
static const char *const yielding_verbs[] = {"insert", "get",   "update", "delete",       "upsert",
                                             "count",  "list",  "match",  "update_patch", NULL};

static bool in_list(const char *const *list, const char *s)
{
    for (int k = 0; list[k]; k++)
        if (!strcmp(s, list[k])) return true;
    return false;
}

/* A verb whose <row>_<verb> a query must not take: with the tables' part
 * (`yield`), only those no function of a table's JSON names. */
static bool is_table_verb(const char *s, bool yield)
{
    return in_list(dg_table_verbs, s) && !(yield && in_list(yielding_verbs, s));
}

static int cmp_index(const void *a, const void *b)
{
    json_int_t x = *(const json_int_t *)a, y = *(const json_int_t *)b;
    return (x > y) - (x < y);
}

/* Indexes (ascending) of the tables and views whose generated names include
 * `c_name`: their row name itself or <row>_<verb> (is_table_verb).  `rows` maps row names
 * to arrays of indexes. */
static size_t clashes(json_t *rows, const char *c_name, bool yield, json_int_t **out)
{
    DG_VEC(json_int_t) hits = {0};
    size_t len = strlen(c_name);
    for (size_t k = 0; k <= len; k++) {
        if (k < len && (c_name[k] != '_' || !is_table_verb(c_name + k + 1, yield))) continue;
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
    return dg_names_row(v->names, object_schema(v->s, t), object_name(v->s, t));
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
        size_t n = clashes(rows, q->c_name, v->tables != NULL, &hits);
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

/* A query's parameter struct (P_x_params, past the limit) must not be
 * another query's function: `Search` and `SearchParams`. */
static int params_taken(const dg_vqueries *v, const dg_query_set *set, dg_diags *d)
{
    int errors = 0;
    for (size_t i = 0; i < v->items.len; i++) {
        const char *pt = v->items.items[i].params_type;
        for (size_t k = 0; pt && k < v->items.len; k++)
            if (!strcmp(v->items.items[k].fn, pt)) {
                dg_error(d, set->queries.items[k].loc, "query %s: %s is the parameter struct of query %s; rename "
                         "the query", set->queries.items[k].name, pt, set->queries.items[i].name);
                errors++;
            }
    }
    return errors;
}

int dg_vqueries_build(dg_vqueries *out, const dg_vtables *tables, const dg_query_set *q, const dg_schema *s,
                      const dg_view_opts *opts, dg_diags *d)
{
    memset(out, 0, sizeof *out);
    if (!q || q->queries.len == 0) return 0;
    qv v = {opts, s, tables, NULL, NULL, d, NULL, {0}, &out->keep};
    /* rendered alone: the names (the table part reports a bad @name) */
    v.names = tables ? tables->names : (v.own_names = dg_names_build(s, opts, NULL));
    int rc = v.names && !check_names(&v, q) ? 0 : -1;
    int before = d->errors;
    for (size_t i = 0; i < q->queries.len && rc == 0; i++) {
        const dg_query *qi = &q->queries.items[i];
        bool rows = (qi->kind == DG_QK_ONE || qi->kind == DG_QK_MANY) && !qi->row_table && !scalar_result(qi);
        int same = rows ? shared_row(&v, out, q, i, qi) : -1;
        dg_vquery *o = DG_VEC_ADD(&out->items);
        memset(o, 0, sizeof *o);
        query_view(&v, o, qi, (int)i, same >= 0 ? &out->items.items[same] : NULL);
    }
    if (rc == 0 && params_taken(out, q, d) != 0) rc = -1;
    if (d->errors != before) rc = -1;   /* PostgreSQL types the view cannot bind */
    if (rc == 0) {
        const char *p = opts->prefix;
        out->unit = dg_xprintf("%s__queries_unit", p);
        out->sql_array = dg_xprintf("%s__queries_sql", p);
        out->slot = dg_xprintf("%s__queries_slot", p);
        out->label = dg_xprintf("%s.queries", p);
    }
    dg_names_free(v.own_names);
    return rc;
}

static void query_free(dg_vquery *o)
{
    dg_strings *lists[] = {&o->binds, &o->locals,     &o->iter_fields,  &o->iter_sets,
                           &o->reads, &o->row_fields, &o->params_fields, &o->copy_lens, &o->copy_puts};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) dg_strings_free(lists[i]);
    char *strs[] = {o->fn,          o->proto,         o->row_type,    o->reader,     o->iter_type,
                    o->proto_next,  o->proto_end,     o->params_type, o->out_params, o->reader_params,
                    o->reader_args, o->pg_types,      o->pg_results,  o->lastid,     o->own_sql,
                    o->batch_bind,  o->batch_ctx,     o->copy_row,    o->copy_max};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) free(strs[i]);
}

void dg_vqueries_free(dg_vqueries *v)
{
    for (size_t i = 0; i < v->items.len; i++) query_free(&v->items.items[i]);
    DG_VEC_FREE(&v->items);
    free(v->unit);
    free(v->sql_array);
    free(v->slot);
    free(v->label);
    dg_strings_free(&v->keep);
    memset(v, 0, sizeof *v);
}

/* ---- query names over the tables' functions ---- */

/* A table's or view's generated function: where its name is held. */
typedef struct table_fn {
    char           **fn;
    const dg_vtable *vt;
} table_fn;
typedef DG_VEC(table_fn) table_fns;

static void add_fn(char **fn, const dg_vtable *vt, table_fns *all, json_t *fns)
{
    if (!*fn) return;
    json_object_set_new(fns, *fn, json_integer((json_int_t)all->len));
    DG_VEC_PUSH(all, ((table_fn){fn, vt}));
}

/* The functions of table or view vt that its JSON names (view_json.c) into
 * `fns` (function name -> index in `all`; a later function of the same name
 * replaces the earlier). */
static void table_functions(dg_vtable *vt, table_fns *all, json_t *fns)
{
    if (!vt->finished) return;
    dg_vfunc *single[] = {vt->insert, vt->get, vt->update, vt->del, vt->upsert, vt->count};
    for (size_t k = 0; k < sizeof single / sizeof *single; k++)
        if (single[k]) add_fn(&single[k]->fn, vt, all, fns);
    if (vt->patch) add_fn(&vt->patch->fn, vt, all, fns);
    for (size_t i = 0; vt->t && !vt->virt && i < vt->get_by.len; i++) add_fn(&vt->get_by.items[i].fn, vt, all, fns);
    for (size_t i = 0; i < vt->lists.len; i++) add_fn(&vt->lists.items[i].fn, vt, all, fns);
}

/* Whether `name` is taken: a table's function or a query's. */
static bool name_taken(json_t *fns, const dg_vqueries *v, const char *name)
{
    if (json_object_get(fns, name)) return true;
    for (size_t i = 0; i < v->items.len; i++)
        if (!strcmp(v->items.items[i].fn, name)) return true;
    return false;
}

/* A query named like a generated enum type (a table's `state` column gives
 * P_product_state) is an error: a type is no function that could yield. */
static int enum_clashes(const dg_vqueries *v, const dg_query_set *q, const dg_venums *enums, dg_diags *d)
{
    int errors = 0;
    for (size_t i = 0; i < enums->len; i++) {
        const dg_venum *e = &enums->items[i];
        for (size_t k = 0; e->type && k < v->items.len; k++)
            if (!strcmp(v->items.items[k].fn, e->type)) {
                dg_error(d, q->queries.items[k].loc, "query %s: %s is the enum type of %s.%s; rename the query",
                         v->items.items[k].name, e->type, e->table, e->column);
                errors++;
            }
    }
    return errors;
}

int dg_vqueries_claim_names(const dg_vqueries *v, const dg_query_set *q, dg_vtables *tables, dg_diags *d)
{
    if (!v->items.len) return 0;
    if (enum_clashes(v, q, &tables->enums, d)) return -1;
    json_t *fns = json_object();
    table_fns all = {0};
    for (size_t i = 0; i < tables->items.len; i++) table_functions(&tables->items.items[i], &all, fns);
    int renamed = 0;
    for (size_t i = 0; i < v->items.len; i++) {
        const char *fn = v->items.items[i].fn;
        json_t *hit = json_object_get(fns, fn);
        if (!hit) continue;
        table_fn *f = &all.items[json_integer_value(hit)];
        bool view = f->vt->view != NULL;
        char *to = dg_xprintf("%s_%s", fn, view ? "view" : "table");
        for (int n = 2; name_taken(fns, v, to); n++) {
            free(to);
            to = dg_xprintf("%s_%s_%d", fn, view ? "view" : "table", n);
        }
        dg_note(d, q->queries.items[i].loc, "query %s keeps the name %s; %s %s's function is %s", v->items.items[i].name,
                fn, view ? "view" : "table", f->vt->name, to);
        json_object_set(fns, to, hit);
        json_object_del(fns, fn);
        *f->fn = dg_va_strdup(&tables->arena, to);   /* the table's strings are its arena's */
        free(to);
        renamed++;
    }
    json_decref(fns);
    DG_VEC_FREE(&all);
    return renamed;
}

/* ---- JSON, for the templates ---- */

/* Made as arena values (template_value.h): a query's object is rendered as
 * it is, and turned into JSON only for the root --dump-view prints. */

/* [{key: s}, ...] */
static dg_tval *objs(dg_tarena *a, const dg_strings *list, const char *key)
{
    dg_tval *arr = dg_tv_arr(a);
    for (size_t i = 0; i < list->len; i++) dg_tv_push(a, arr, dg_tv_obj1(a, key, list->items[i]));
    return arr;
}

/* o[key] = objs(list, item_key) when `want` has key. */
static void set_objs(dg_tarena *a, dg_tval *o, const dg_tmpl_names *want, const char *key, const dg_strings *list,
                     const char *item_key)
{
    if (dg_tmpl_names_has(want, key)) dg_tv_set(a, o, key, objs(a, list, item_key));
}

/* {name, fields: [{decl}]}, NULL without a (valid) name. */
static dg_tval *named_fields(dg_tarena *a, const char *name, const dg_strings *fields)
{
    dg_tval *n = dg_tv_str(a, name);
    if (!n) return NULL;
    dg_tval *o = dg_tv_obj(a);
    dg_tv_set(a, o, "name", n);
    dg_tv_set(a, o, "fields", objs(a, fields, "decl"));
    return o;
}

static const char *kind_key(dg_qkind k)
{
    static const char *const keys[] = {"one", "many", "exec", "execrows", "execlastid", "execresult", "copyfrom", "batchexec",
                                       "batchone", "batchmany"};
    return keys[k];
}

/* PostgreSQL's keys of query q. */
static void query_pg_val(dg_tarena *a, const dg_vquery *q, dg_tval *o)
{
    dg_tv_set(a, o, "pg", dg_tv_true(a));
    dg_tv_set_int(a, o, "nparams", q->nparams);
    if (q->pg_types) dg_tv_set_str(a, o, "pg_types", q->pg_types);
    dg_tv_set_str(a, o, "params_arena", q->params_arena);
    if (q->pg_results) {
        dg_tv_set_str(a, o, "pg_results", q->pg_results);
        dg_tv_set_int(a, o, "nresults", q->nresults);
    }
    if (q->pg_types || q->pg_results) dg_tv_set(a, o, "params_block", dg_tv_true(a));
    if (q->lastid) dg_tv_set_str(a, o, "lastid", q->lastid);
    if (q->local_arena) dg_tv_set(a, o, "local_arena", dg_tv_true(a));
    if (q->batch_ctx) dg_tv_set_str(a, o, "batch_ctx", q->batch_ctx);
    if (q->batch_bind) dg_tv_set_str(a, o, "batch_bind", q->batch_bind);
    if (q->copy_row) {
        dg_tv_set_str(a, o, "copy_row", q->copy_row);
        dg_tv_set(a, o, "copy_lens", objs(a, &q->copy_lens, "decl"));
        dg_tv_set_str(a, o, "copy_max", q->copy_max);
        dg_tv_set(a, o, "copy_puts", objs(a, &q->copy_puts, "stmt"));
    }
}

/* The keys of query q's reading: its row, reader, parameters, iterator. */
static void query_read_val(dg_tarena *a, const dg_vquery *q, const dg_tmpl_names *w, dg_tval *o)
{
    if (q->own_row && dg_tmpl_names_has(w, "row")) dg_tv_set(a, o, "row", named_fields(a, q->row_type, &q->row_fields));
    if (q->row_type) dg_tv_set_str(a, o, "row_type", q->row_type);
    if (q->reader) {
        dg_tv_set_str(a, o, "reader", q->reader);
        dg_tv_set_str(a, o, "reader_args", q->reader_args);
        dg_tv_set_str(a, o, "out_params", q->out_params);
    }
    if (q->scalar) dg_tv_set(a, o, "scalar", dg_tv_true(a));
    if (q->own_reader) {
        set_objs(a, o, w, "reads", &q->reads, "stmt");
        dg_tv_set_str(a, o, "reader_params", q->reader_params);
        dg_tv_set(a, o, "own_reader", dg_tv_true(a));
    }
    if (q->params_type) dg_tv_set(a, o, "params_struct", named_fields(a, q->params_type, &q->params_fields));
    if (q->iter_type) {
        dg_tv_set_str(a, o, "iter_type", q->iter_type);
        dg_tv_set_str(a, o, "proto_next", q->proto_next);
        dg_tv_set_str(a, o, "proto_end", q->proto_end);
    }
}

/* Query q's object, with only the lists `w` has (NULL: all). */
static dg_tval *query_val(dg_tarena *a, const dg_vquery *q, const dg_tmpl_names *w)
{
    dg_tval *o = dg_tv_obj(a);
    dg_tv_set_str(a, o, "fn", q->fn);
    dg_tv_set_str(a, o, "name", q->name);
    dg_tv_set_str(a, o, "sql", q->sql);
    dg_tv_set_int(a, o, "id", q->id);
    dg_tv_set(a, o, kind_key(q->kind), dg_tv_true(a));
    if (q->kind == DG_QK_EXECRESULT) {   /* both counts */
        dg_tv_set(a, o, "execrows", dg_tv_true(a));
        dg_tv_set(a, o, "execlastid", dg_tv_true(a));
    }
    if (q->drop_rows) dg_tv_set(a, o, "drop_rows", dg_tv_true(a));
    dg_tv_set_bool(a, o, "has_binds", q->binds.len > 0);
    set_objs(a, o, w, "binds", &q->binds, "call");
    set_objs(a, o, w, "locals", &q->locals, "decl");
    set_objs(a, o, w, "iter_fields", &q->iter_fields, "decl");
    set_objs(a, o, w, "iter_sets", &q->iter_sets, "stmt");
    query_read_val(a, q, w, o);
    dg_tv_set_str(a, o, "proto", q->proto);
    if (q->pg) query_pg_val(a, q, o);
    return o;
}

static dg_tval *query_value(void *ctx, size_t i, const dg_tmpl_names *w, dg_tarena *a)
{
    const dg_vqueries *v = ctx;
    return query_val(a, &v->items.items[i], w);
}

/* queries_unit into root; with `lazy`, the queries as that list, else as
 * root["queries"]. */
static void to_json(const dg_vqueries *v, json_t *root, dg_tmpl_list *lazy)
{
    if (lazy) {
        *lazy = (dg_tmpl_list){"queries", v->items.len, NULL, (void *)v, query_value};
    } else {
        json_t *list = json_array();
        dg_tarena a = DG_TARENA_INIT;
        dg_jset(root, "queries", list);
        for (size_t i = 0; i < v->items.len; i++) {
            json_array_append_new(list, dg_tv_to_json(query_val(&a, &v->items.items[i], NULL)));
            dg_tarena_reset(&a);
        }
        dg_tarena_free(&a);
    }
    if (!v->unit) return;
    bool prepared = false;   /* a :copyfrom reads the SQL array only: the unit and its slot would be unused */
    bool long_sql = false;   /* a query longer than one C literal may be (the tables' stmts say the same) */
    for (size_t i = 0; i < v->items.len; i++) {
        prepared = prepared || !v->items.items[i].copyfrom;
        long_sql = long_sql || strlen(v->items.items[i].sql) > DG_TMPL_MAX_LITERAL;
    }
    dg_jset(root, "queries_unit", json_pack("{s:s,s:s,s:s,s:s,s:i,s:b,s:b}", "unit", v->unit, "sql_array", v->sql_array,
                                            "slot", v->slot, "label", v->label, "count", (int)v->items.len,
                                            "prepared", prepared, "long_sql", long_sql));
}

void dg_vqueries_to_json(const dg_vqueries *v, json_t *root)
{
    to_json(v, root, NULL);
}

void dg_vqueries_to_json_list(const dg_vqueries *v, json_t *root, dg_tmpl_list *list)
{
    to_json(v, root, list);
}
