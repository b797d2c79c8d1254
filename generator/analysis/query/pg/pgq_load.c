/* pgq_load.c - dg_pg_queries_load (pgq.h): read the files, parse and
 * rewrite every query, describe them all in one pass, then build each
 * query's C parameters and fields from the server's types and dalgen's
 * nullability. */
#include <stdlib.h>
#include <string.h>

#include <pg_query.h>

#include "analysis/query/pg/pgq_int.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/ident.h"
#include "util/pq_dl.h"

static void ctx_free(pgq_ctx *c)
{
    if (!c) return;
    dg_qedits_free(&c->edits);
    pgq_params_free(c);
    free((char *)c->text);
    free(c);
}

/* ---- parse and rewrite ---- */

static bool int_type(const dg_column *col)
{
    const char *t = col->pg ? col->pg->type_name : NULL;
    return t && col->pg->array_dims == 0 && (!strcmp(t, "int2") || !strcmp(t, "int4") || !strcmp(t, "int8"));
}

/* :execlastid: RETURNING the INSERT's single integer identity / serial key. */
static void lastid(pgq_ctx *c, dg_query *q, json_t *stmt, size_t end, pgq_cols *cols)
{
    json_t *ins = pgq_as(stmt, "InsertStmt");
    json_t *rel = ins ? json_object_get(ins, "relation") : NULL;
    const char *name = rel ? json_string_value(json_object_get(rel, "relname")) : NULL;
    const char *sch = rel ? json_string_value(json_object_get(rel, "schemaname")) : NULL;
    const dg_table *t = name ? dg_schema_table_in(c->schema, sch, name) : NULL;
    const dg_column *pk = t && dg_table_pk_count(t) == 1 ? &t->columns.items[dg_table_pk_column(t, 1)] : NULL;
    c->errors++;
    if (!ins) {
        dg_error(c->d, q->loc, "query %s is :execlastid but not an INSERT; use :execrows, or :one with RETURNING", q->name);
    } else if (json_object_get(ins, "returningList")) {
        dg_error(c->d, q->loc, "query %s is :execlastid and has its own RETURNING; make it :one", q->name);
    } else if (!pk || !int_type(pk) || !pk->pg || (!pk->pg->identity && !pk->pg->sequence)) {
        dg_error(c->d, q->loc,
                 "query %s is :execlastid, but table %s has no single integer identity or serial key; use :one "
                 "with RETURNING the columns you need", q->name, name ? name : "?");
    } else {
        c->errors--;
        char *qn = pgq_quote(pk->name);
        dg_qedit_add(&c->edits, end, end, dg_xprintf(" RETURNING %s", qn));
        free(qn);
        pgq_cols_free(cols);
        pgq_cols_push(cols, pk->name, true, t, dg_table_pk_column(t, 1));
    }
}

/* A :copyfrom value: a parameter ($n in order, @name, sqlc.arg(name)). */
static bool copy_value(json_t *e, size_t i)
{
    json_t *b, *op;
    const char *kind = pgq_kind(e, &b);
    if (!kind) return false;
    if (!strcmp(kind, "ParamRef")) return json_integer_value(json_object_get(b, "number")) == (json_int_t)i + 1;
    if (!strcmp(kind, "FuncCall")) {   /* sqlc.arg / sqlc.narg (not sqlc.slice) */
        json_t *names = json_object_get(b, "funcname");
        const char *fn = json_string_value(
            json_object_get(json_object_get(json_array_get(names, json_array_size(names) - 1), "String"), "sval"));
        return fn && (!strcmp(fn, "arg") || !strcmp(fn, "narg"));
    }
    op = json_array_get(json_object_get(b, "name"), 0);
    return !strcmp(kind, "A_Expr") && !json_object_get(b, "lexpr") && op &&
           !strcmp(json_string_value(json_object_get(json_object_get(op, "String"), "sval")), "@");
}

/* :copyfrom (sqlc's): INSERT INTO t (a, b) VALUES ($1, $2), one row of
 * parameters only, sent as COPY t (a, b) FROM STDIN (FORMAT binary). */
static void copyfrom(pgq_ctx *c, dg_query *q, json_t *stmt)
{
    json_t *ins = pgq_as(stmt, "InsertStmt");
    json_t *rel = ins ? json_object_get(ins, "relation") : NULL, *cols = ins ? json_object_get(ins, "cols") : NULL;
    json_t *sel = ins ? pgq_as(json_object_get(ins, "selectStmt"), "SelectStmt") : NULL;
    json_t *rows = sel ? json_object_get(sel, "valuesLists") : NULL;
    json_t *vals = json_object_get(pgq_as(json_array_get(rows, 0), "List"), "items");
    bool ok = ins && rel && json_array_size(cols) > 0 && json_array_size(rows) == 1 &&
              json_array_size(vals) == json_array_size(cols) && !json_object_get(ins, "returningList") &&
              !json_object_get(ins, "onConflictClause") && !json_object_get(ins, "withClause");
    for (size_t i = 0; ok && i < json_array_size(vals); i++) ok = copy_value(json_array_get(vals, i), i);
    if (!ok) {
        c->errors++;
        dg_error(c->d, q->loc,
                 "query %s is :copyfrom, which needs INSERT INTO t (a, b, ...) VALUES ($1, $2, ...): one row of "
                 "parameters in column order, no RETURNING, ON CONFLICT or WITH", q->name);
        return;
    }
    dg_buf b = DG_BUF_INIT;
    const char *schema = json_string_value(json_object_get(rel, "schemaname"));
    char *qn = schema ? pgq_quote(schema) : NULL;
    dg_buf_cat(&b, "COPY ", qn ? qn : "", qn ? "." : "", (char *)NULL);
    free(qn);
    qn = pgq_quote(json_string_value(json_object_get(rel, "relname")));
    dg_buf_cat(&b, qn, " (", (char *)NULL);
    free(qn);
    for (size_t i = 0; i < json_array_size(cols); i++) {
        json_t *rt = pgq_as(json_array_get(cols, i), "ResTarget");
        qn = pgq_quote(json_string_value(json_object_get(rt, "name")));
        dg_buf_cat(&b, i ? ", " : "", qn, (char *)NULL);
        free(qn);
    }
    dg_buf_puts(&b, ") FROM STDIN (FORMAT binary)");
    q->copy_sql = dg_buf_steal(&b);
}

/* Parses the query of src and rewrites it; the item (q, c, cols, start)
 * or -1 after reporting. */
static int prepare_one(const dg_qsrc *src, const dg_schema *schema, pgq_item *it, dg_diags *d)
{
    pgq_ctx *c = dg_xcalloc(1, sizeof *c);
    c->schema = schema;
    c->src = src;
    c->d = d;
    c->len = src->end - src->start;
    c->text = dg_xstrndup(src->text + src->start, c->len);
    dg_query *q = dg_xcalloc(1, sizeof *q);
    q->name = dg_xstrdup(src->name);
    q->c_name = dg_snake_case(src->name);
    q->kind = src->execresult ? DG_QK_EXECROWS : src->kind;   /* no last insert id on PostgreSQL */
    q->loc = src->loc;
    it->q = q;
    it->c = c;
    PgQueryParseResult r = pg_query_parse(c->text);
    json_t *root = NULL;
    if (r.error) {
        long chars = r.error->cursorpos > 0 ? r.error->cursorpos - 1 : 0;
        pgq_error(c, pgq_char_offset(c->text, c->len, chars), "%s", r.error->message);
    } else {
        root = json_loads(r.parse_tree, 0, NULL);
    }
    pg_query_free_parse_result(r);
    json_t *stmts = json_object_get(root, "stmts");
    if (root && json_array_size(stmts) == 0) {
        dg_error(d, src->loc, "query %s has no statement", src->name);
        c->errors++;
    } else if (json_array_size(stmts) > 1) {
        size_t at = (size_t)json_integer_value(json_object_get(json_array_get(stmts, 1), "stmt_location"));
        pgq_error(c, pgq_skip_blank(c->text, c->len, at),
                  "query %s holds a second statement; start each query with `-- name: Name :kind`", src->name);
    }
    if (c->errors) {
        json_decref(root);
        return -1;
    }
    json_t *one = json_array_get(stmts, 0), *stmt = json_object_get(one, "stmt");
    size_t at = (size_t)json_integer_value(json_object_get(one, "stmt_location"));
    size_t slen = (size_t)json_integer_value(json_object_get(one, "stmt_len"));
    size_t start = pgq_skip_blank(c->text, c->len, at);
    size_t end = pgq_code_end(c->text, start, slen ? at + slen : c->len);
    pgq_params_collect(c, stmt);
    pgq_stmt_columns(c, stmt, NULL, &it->cols);
    if (q->kind == DG_QK_EXECLASTID) lastid(c, q, stmt, end, &it->cols);
    if (q->kind == DG_QK_COPYFROM) copyfrom(c, q, stmt);
    json_decref(root);
    if (c->errors) return -1;
    it->start = start;
    q->sql = dg_qedits_apply(&c->edits, c->text, start, end);
    return 0;
}

/* ---- C parameters and fields ---- */

static dg_vtype vtype_of(const dg_qpgtype *t, bool element)
{
    if (!t) return DG_VT_TEXT;
    dg_pg_column col = t->col;
    dg_column tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.type = t->type;
    if (element && col.array_dims > 0) {
        col.array_dims = 0;
        tmp.type = col.type_name;
    }
    tmp.pg = &col;
    return dg_vtype_of_column(NULL, &tmp);
}

static int build_params(pgq_item *it)
{
    pgq_ctx *c = it->c;
    dg_query *q = it->q;
    int errors = 0;
    q->nbind = (int)it->ptypes.len;
    for (size_t i = 0; i < it->ptypes.len; i++) {
        const pgq_param *pp = pgq_param_numbered(c, (int)i + 1);
        dg_qparam *p = DG_VEC_ADD(&q->params);
        p->sql_name = pp && pp->name ? dg_xstrdup(pp->name)
                      : pp && pp->derived ? dg_xstrdup(pp->derived) : dg_xprintf("dollar_%zu", i + 1);
        p->slice = pp && pp->slice;
        p->pg = it->pt.items[i];
        it->pt.items[i] = NULL;
        p->type = (dg_qtype){vtype_of(p->pg, p->slice), pp && pp->nullable};
        DG_VEC_PUSH(&p->binds, (int)i + 1);
        p->loc = pgq_loc_of(c, pp ? pp->at : it->start);
        p->origin_column = -1;
    }
    dg_qparams_name(q);
    for (size_t i = 0; i < q->params.len; i++) {   /* design 3.5 point 6 */
        const pgq_param *pp = pgq_param_numbered(c, (int)i + 1);
        const dg_qparam *p = &q->params.items[i];
        if (pp && pp->uses && pp->lit_uses == pp->uses && p->pg && !p->slice)
            dg_warning(c->d, pgq_loc_of(c, pp->lit_at - 1),
                       "parameter %s gets type %s only from an untyped literal or from nothing around it; "
                       "write `$%d::%s` (or the type you mean)", p->name, p->pg->type, (int)i + 1, p->pg->type);
    }
    dg_qsrc *src = (dg_qsrc *)c->src;
    for (size_t a = 0; a < src->params.len; a++) {
        dg_qannot *an = &src->params.items[a];
        for (size_t i = 0; i < q->params.len; i++) {
            dg_qparam *p = &q->params.items[i];
            char num[16];
            snprintf(num, sizeof num, "%d", p->binds.items[0]);
            if (strcmp(an->name, p->sql_name) && strcmp(an->name, p->name) && strcmp(an->name, num)) continue;
            p->type.nullable = an->type.nullable;   /* the server's type stands; the annotation says NULL */
            an->used = true;
        }
        if (!an->used) {
            dg_error(c->d, an->loc, "@param %s: query %s has no parameter %s", an->name, q->name, an->name);
            errors++;
        }
    }
    return errors;
}

static bool has_flag(const dg_qfield *f)
{
    dg_vtype v = f->type.v;
    return f->type.nullable && !f->embed_table &&
           (v == DG_VT_INT64 || v == DG_VT_DOUBLE || v == DG_VT_BOOL || (v == DG_VT_TEXT && f->origin));
}

static dg_qannot *result_annot(const dg_qsrc *src, const char *col, const char *field)
{
    for (size_t i = 0; i < src->results.len; i++) {
        dg_qannot *a = &src->results.items[i];
        if (!strcmp(a->name, col) || !strcmp(a->name, field)) return a;
    }
    return NULL;
}

/* The result is exactly table T's columns in order: reuse T's struct. */
static const dg_table *whole_table(const dg_query *q)
{
    const dg_table *t = q->fields.len ? q->fields.items[0].origin : NULL;
    if (!t || t->columns.len != q->fields.len) return NULL;
    for (size_t i = 0; i < q->fields.len; i++) {
        const dg_qfield *f = &q->fields.items[i];
        if (f->origin != t || f->origin_column != (int)i || f->embed_table) return NULL;
        if (f->type.nullable && t->columns.items[i].not_null) return NULL;
    }
    return t;
}

static void one_field(pgq_item *it, const pgq_col *pc, size_t i)
{
    dg_query *q = it->q;
    const char *colname = it->fnames.items[i];
    dg_qfield *f = DG_VEC_ADD(&q->fields);
    f->column = dg_xstrdup(colname);
    f->col = (int)i;
    f->ncols = 1;
    f->pg = it->ft.items[i];
    it->ft.items[i] = NULL;
    f->type = (dg_qtype){vtype_of(f->pg, false), !(pc && pc->notnull)};
    f->origin = pc && pc->column >= 0 && it->ftables.items[i] ? pc->table : NULL;
    f->origin_column = f->origin ? pc->column : -1;
    char *label = strcmp(colname, "?column?") ? dg_xstrdup(colname) : dg_xprintf("column_%zu", i + 1);
    f->name = dg_qfield_name(q, label, has_flag(f));
    free(label);
    dg_qannot *a = result_annot(it->c->src, colname, f->name);
    if (a) {
        f->type.nullable = a->type.nullable;
        a->used = true;
    }
}

static int build_fields(pgq_item *it)
{
    dg_query *q = it->q;
    pgq_ctx *c = it->c;
    size_t n = it->ftypes.len;
    q->ncols = (int)n;
    if (dg_qkind_rows(q->kind) && n == 0) {
        static const char *const names[] = {[DG_QK_ONE] = "one", [DG_QK_MANY] = "many",
                                            [DG_QK_BATCHONE] = "batchone", [DG_QK_BATCHMANY] = "batchmany"};
        dg_error(c->d, q->loc, "query %s is :%s but returns no columns; use :%s", q->name, names[q->kind],
                 dg_qkind_batch(q->kind) ? "batchexec" : "exec, :execrows or :execlastid");
        return 1;
    }
    if (q->kind == DG_QK_EXECLASTID && n == 1 && it->cols.len == 1) one_field(it, &it->cols.items[0], 0);
    if (!dg_qkind_rows(q->kind)) return 0;
    bool matched = !c->star_unknown && it->cols.len == n;
    for (size_t i = 0; i < n; i++) {
        const pgq_col *pc = matched ? &it->cols.items[i] : NULL;
        if (pc && pc->embed_table) {
            dg_qfield *f = DG_VEC_ADD(&q->fields);
            f->column = dg_xstrdup(it->fnames.items[i]);
            f->col = (int)i;
            f->embed_table = pc->embed_table;
            f->ncols = pc->embed_ncols;
            f->origin_column = -1;
            f->type = (dg_qtype){DG_VT_VALUE, false};
            f->name = dg_qembed_field_name(q, c->schema, pc->embed_table);
            i += (size_t)pc->embed_ncols - 1;
            continue;
        }
        one_field(it, pc, i);
    }
    q->row_table = whole_table(q);
    int errors = 0;
    for (size_t i = 0; i < c->src->results.len; i++) {
        dg_qannot *a = &c->src->results.items[i];
        if (a->used) continue;
        dg_error(c->d, a->loc, "@result %s: query %s has no result column %s", a->name, q->name, a->name);
        errors++;
    }
    return errors;
}

/* ---- the set ---- */

static int add_query(dg_query_set *set, dg_query *q, dg_diags *d)
{
    for (size_t i = 0; i < set->queries.len; i++) {
        const dg_query *o = &set->queries.items[i];
        if (strcmp(o->c_name, q->c_name)) continue;
        if (o->loc.file == q->loc.file)
            dg_error(d, q->loc, "query %s: its C name %s is taken by query %s (line %d)", q->name, q->c_name, o->name,
                     o->loc.line);
        else
            dg_error(d, q->loc, "query %s: its C name %s is taken by query %s (%s:%d)", q->name, q->c_name, o->name,
                     o->loc.file, o->loc.line);
        return 1;
    }
    DG_VEC_PUSH(&set->queries, *q);
    return 0;
}

int dg_pg_queries_load(const dg_strings *paths, const dg_schema *schema, void *conn, dg_query_set **out, dg_diags *d)
{
    *out = NULL;
    if (paths->len == 0) return 0;
    if (dg_pq_open((dg_loc){paths->items[0], 0, 0}, d) != 0) return -1;
    dg_query_set *set = dg_xcalloc(1, sizeof *set);
    dg_qfiles files = {0};
    int errors = dg_qfiles_read(paths, set, &files, d);
    DG_VEC(pgq_item) items = {0};
    for (size_t i = 0; i < files.srcs.len; i++) {
        pgq_item it;
        memset(&it, 0, sizeof it);
        if (prepare_one(&files.srcs.items[i], schema, &it, d) != 0) {
            errors++;
            dg_query_free(it.q);
            free(it.q);
            ctx_free(it.c);
            pgq_item_free(&it);
            continue;
        }
        DG_VEC_PUSH(&items, it);
    }
    /* the queries that parsed are described even when others did not: every error at once */
    int server = pgq_describe_all(conn, items.items, items.len, d);
    errors += server;
    for (size_t i = 0; i < items.len; i++) {
        pgq_item *it = &items.items[i];
        bool typed = it->pt.len == it->ptypes.len && it->ft.len == it->ftypes.len;
        int e = it->failed || !typed ? 1 : build_params(it) + build_fields(it);
        if (!e) e = add_query(set, it->q, d);
        if (e) dg_query_free(it->q);   /* not in the set (a C name taken is refused there too) */
        if (!it->failed) errors += e;
        free(it->q);
        ctx_free(it->c);
        pgq_item_free(it);
    }
    DG_VEC_FREE(&items);
    dg_qfiles_free(&files);
    if (errors) {
        dg_query_set_free(set);
        return -1;
    }
    *out = set;
    return 0;
}
