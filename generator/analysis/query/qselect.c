/* qselect.c - scopes of SELECT statements: FROM items (tables, views, CTEs,
 * subqueries, table-valued functions) with outer-join nullability, result
 * columns with * and t.* expanded, compound SELECTs, VALUES and CTEs. */
#include "analysis/query/qinternal.h"

#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"

/* The pragma table-valued functions (pragma.html#pragfunc): their result
 * columns as SQLite's pragma.h declares them, "?" marking a nullable one,
 * then the hidden argument columns `arg` and `schema`. */
static const struct {
    const char *name;
    const char *cols;   /* "name:T" separated by spaces; T is I(nteger) or T(ext), "?" = nullable */
} pragmas[] = {
    {"pragma_table_info", "cid:I name:T type:T notnull:I dflt_value:T? pk:I"},
    {"pragma_table_xinfo", "cid:I name:T type:T notnull:I dflt_value:T? pk:I hidden:I"},
    {"pragma_index_list", "seq:I name:T unique:I origin:T partial:I"},
    {"pragma_index_info", "seqno:I cid:I name:T?"},
    {"pragma_index_xinfo", "seqno:I cid:I name:T? desc:I coll:T? key:I"},
    {"pragma_foreign_key_list", "id:I seq:I table:T from:T to:T? on_update:T on_delete:T match:T"},
    {"pragma_table_list", "schema:T name:T type:T ncol:I wr:I strict:I"},
    {"pragma_database_list", "seq:I name:T file:T"},
    {"pragma_collation_list", "seq:I name:T"},
    {"pragma_function_list", "name:T builtin:I type:T enc:T narg:I flags:I"},
    {"pragma_module_list", "name:T"},
    {"pragma_pragma_list", "name:T"},
    {"pragma_compile_options", "compile_options:T"},
};

static bool pragma_cols(const char *name, dg_qcols *out)
{
    for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++) {
        if (dg_strcasecmp_ascii(pragmas[i].name, name)) continue;
        for (const char *p = pragmas[i].cols; *p;) {
            const char *colon = strchr(p, ':');
            char *col = dg_xstrndup(p, (size_t)(colon - p));
            dg_qtype t = {colon[1] == 'I' ? DG_VT_INT64 : DG_VT_TEXT, colon[2] == '?'};
            dg_qcols_push(out, col, t, NULL, -1);
            free(col);
            p = colon + (t.nullable ? 3 : 2);
            while (*p == ' ') p++;
        }
        static const char *const hidden[] = {"arg", "schema"};
        for (size_t k = 0; k < 2; k++) {
            dg_qcols_push(out, hidden[k], (dg_qtype){DG_VT_TEXT, true}, NULL, -1);
            out->items[out->len - 1].hidden = true;
        }
        return true;
    }
    return false;
}

/* Columns of the table-valued functions dalgen knows. */
static bool function_cols(const char *name, dg_qcols *out)
{
    static const struct { const char *n; dg_vtype v; bool nullable; bool hidden; } json_cols[] = {
        {"key", DG_VT_VALUE, true, false}, {"value", DG_VT_VALUE, true, false},
        {"type", DG_VT_TEXT, false, false}, {"atom", DG_VT_VALUE, true, false},
        {"id", DG_VT_INT64, false, false}, {"parent", DG_VT_INT64, true, false},
        {"fullkey", DG_VT_TEXT, false, false}, {"path", DG_VT_TEXT, false, false},
        {"json", DG_VT_TEXT, false, true}, {"root", DG_VT_TEXT, false, true},
    };
    if (!dg_strcasecmp_ascii(name, "json_each") || !dg_strcasecmp_ascii(name, "json_tree")) {
        for (size_t i = 0; i < sizeof json_cols / sizeof json_cols[0]; i++) {
            dg_qcols_push(out, json_cols[i].n, (dg_qtype){json_cols[i].v, json_cols[i].nullable}, NULL, -1);
            out->items[out->len - 1].hidden = json_cols[i].hidden;
        }
        return true;
    }
    if (!dg_strcasecmp_ascii(name, "dal_array")) {
        dg_qcols_push(out, "value", (dg_qtype){DG_VT_VALUE, true}, NULL, -1);
        return true;
    }
    return pragma_cols(name, out);
}

static const dg_qcte_scope *find_cte(dg_qctx *c, const char *name)
{
    for (const dg_qcte_scope *s = c->ctes; s; s = s->next)
        if (!dg_strcasecmp_ascii(s->name, name)) return s;
    return NULL;
}

static void copy_cols(const dg_qcols *from, dg_qcols *to)
{
    for (size_t i = 0; i < from->len; i++) {
        dg_qcols_push(to, from->items[i].name, from->items[i].type, from->items[i].table, from->items[i].column);
        to->items[to->len - 1].hidden = false;
    }
}

/* The columns of a view: its SELECT typed like a subquery. */
static void view_cols(dg_qctx *c, const dg_view *v, dg_qcols *out)
{
    const char *as = NULL;
    dg_lexer lx;
    dg_lexer_init(&lx, v->sql, strlen(v->sql));
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx))
        if (dg_tok_is_kw(&lx, t, "AS")) {
            as = v->sql + t.start + t.len;
            break;
        }
    dg_sql_ast *ast = NULL;
    dg_qcols cols = {0};
    if (as && dg_stmt_parse(as, strlen(as), (dg_loc){0}, &ast, NULL) == 0 && ast->stmt->kind == DG_STMT_SELECT) {
        /* typed in a context of its own: its text, no edits, no parameters */
        dg_qctx vc = *c;
        vc.text = as;
        vc.edits = (dg_qedits){0};
        vc.ctes = NULL;
        vc.q = NULL;
        dg_qselect_columns(&vc, ast->stmt->select, NULL, &cols);
        dg_qedits_free(&vc.edits);
    }
    dg_sql_ast_free(ast);
    for (size_t i = 0; i < v->columns.len; i++) {
        const dg_view_column *vcol = &v->columns.items[i];
        dg_qtype t = {v->columns.items[i].decltype ? dg_vtype_of_decl(vcol->decltype) : DG_VT_UNKNOWN, true};
        if (i < cols.len && cols.items[i].type.v != DG_VT_UNKNOWN) t = cols.items[i].type;
        dg_qcols_push(out, vcol->name, t, NULL, -1);
    }
    dg_qcols_free(&cols);
}

/* ---- flow nullability ---- */

/* Column e of scope s (not of outer scopes): NULL when e is no column. */
static dg_qcol *scope_col(dg_qscope *s, const dg_expr *e, dg_qsource **in)
{
    while (e && e->kind == DG_E_COLLATE) e = e->args.items[0];
    if (!e || e->kind != DG_E_COLUMN) return NULL;
    for (size_t i = 0; i < s->srcs.len; i++) {
        dg_qsource *src = &s->srcs.items[i];
        if (!dg_qsource_named(src, e)) continue;
        for (size_t k = 0; k < src->cols.len; k++)
            if (!dg_strcasecmp_ascii(src->cols.items[k].name, e->name)) {
                *in = src;
                return &src->cols.items[k];
            }
    }
    return NULL;
}

/* e cannot be NULL in a row the condition lets through; `any`: also when
 * its source is on the nullable side of an outer join (a WHERE runs after
 * the joins, an ON before the later ones). */
static void not_null(dg_qscope *s, const dg_expr *e, bool any)
{
    dg_qsource *src = NULL;
    dg_qcol *col = scope_col(s, e, &src);
    if (!col || (src->nullable && !any)) return;
    col->type.nullable = false;
    col->flow_notnull = true;
}

static bool is_null_literal(const dg_expr *e) { return e && e->kind == DG_E_LITERAL && e->lit == DG_LIT_NULL; }

/* The columns that condition e, one of the top-level ANDs of a WHERE or ON,
 * keeps from being NULL: a row passes only when e is true, and a
 * comparison, BETWEEN, IN or LIKE with a NULL operand is NULL, never true
 * (x IS NOT NULL and x NOTNULL say it outright). */
static void flow_facts(dg_qscope *s, const dg_expr *e, bool any)
{
    if (!e) return;
    static const char *const cmp[] = {"=", "==", "!=", "<>", "<", "<=", ">", ">="};
    switch (e->kind) {
    case DG_E_BINARY:
        if (!strcmp(e->op, "AND")) {
            flow_facts(s, e->args.items[0], any);
            flow_facts(s, e->args.items[1], any);
        } else if (!strcmp(e->op, "IS NOT") && is_null_literal(e->args.items[1])) {
            not_null(s, e->args.items[0], any);
        } else {
            for (size_t i = 0; i < sizeof cmp / sizeof *cmp; i++)
                if (!strcmp(e->op, cmp[i])) {
                    not_null(s, e->args.items[0], any);
                    not_null(s, e->args.items[1], any);
                }
        }
        break;
    case DG_E_NULLTEST:
        if (e->negated) not_null(s, e->args.items[0], any);
        break;
    case DG_E_UNARY: {   /* NOT (x IS NULL), NOT (x ISNULL) */
        const dg_expr *a = e->args.items[0];
        bool is_null = (a->kind == DG_E_NULLTEST && !a->negated) ||
                       (a->kind == DG_E_BINARY && !strcmp(a->op, "IS") && is_null_literal(a->args.items[1]));
        if (!strcmp(e->op, "NOT") && is_null) not_null(s, a->args.items[0], any);
        break;
    }
    case DG_E_BETWEEN:
    case DG_E_IN:
        not_null(s, e->args.items[0], any);
        break;
    case DG_E_LIKE:
        not_null(s, e->args.items[0], any);
        not_null(s, e->args.items[1], any);
        break;
    default: break;
    }
}

static int add_from(dg_qctx *c, dg_qscope *s, dg_from *from, dg_qscope *outer);

/* Adds the source(s) of one FROM item; returns how many were added. */
static size_t add_item(dg_qctx *c, dg_qscope *s, dg_from_item *it, dg_qscope *outer)
{
    size_t before = s->srcs.len;
    if (it->nested) {
        add_from(c, s, it->nested, outer);
        return s->srcs.len - before;
    }
    dg_qsource *src = DG_VEC_ADD(&s->srcs);
    src->name = dg_xstrdup(it->alias ? it->alias : it->name);
    src->aliased = it->alias != NULL;
    if (it->select) {
        dg_qcols cols = {0};
        dg_qselect_columns(c, it->select, NULL, &cols);
        s->srcs.items[s->srcs.len - 1].cols = cols;
        return 1;
    }
    if (it->is_func) {
        /* json_each(?) / json_tree(?, ?): JSON text and a path */
        bool json = !dg_strcasecmp_ascii(it->name, "json_each") || !dg_strcasecmp_ascii(it->name, "json_tree");
        bool pragma = !strncmp(it->name, "pragma_", 7) || !strncmp(it->name, "PRAGMA_", 7);
        for (size_t i = 0; i < it->func_args.len; i++) {
            if (json) dg_qparam_hint_named(c, it->func_args.items[i], (dg_qtype){DG_VT_TEXT, false}, i ? "path" : "json");
            /* pragma_x(arg, schema): a table, index or other name, then a schema */
            if (pragma) dg_qparam_hint_named(c, it->func_args.items[i], (dg_qtype){DG_VT_TEXT, false}, i ? "schema" : "arg");
            dg_qexpr_type(c, outer ? outer : s, it->func_args.items[i]);
        }
        if (!function_cols(it->name, &s->srcs.items[s->srcs.len - 1].cols)) s->srcs.items[s->srcs.len - 1].unknown = true;
        return 1;
    }
    const dg_qcte_scope *cte = it->schema ? NULL : find_cte(c, it->name);
    if (cte) {
        copy_cols(&cte->cols, &s->srcs.items[s->srcs.len - 1].cols);
        return 1;
    }
    const dg_table *t = dg_lookup_table_in(c->lk, it->schema, it->name);
    if (t) {
        src = &s->srcs.items[s->srcs.len - 1];
        src->table = t;
        dg_qtable_cols(t, &src->cols);
        return 1;
    }
    const dg_view *v = dg_lookup_view_in(c->lk, it->schema, it->name);
    if (v) view_cols(c, v, &s->srcs.items[s->srcs.len - 1].cols);
    else s->srcs.items[s->srcs.len - 1].unknown = true;
    return 1;
}

static bool has_col(const dg_qscope *s, size_t upto, const char *name)
{
    for (size_t i = 0; i < upto; i++)
        for (size_t k = 0; k < s->srcs.items[i].cols.len; k++)
            if (!dg_strcasecmp_ascii(s->srcs.items[i].cols.items[k].name, name)) return true;
    return false;
}

static int add_from(dg_qctx *c, dg_qscope *s, dg_from *from, dg_qscope *outer)
{
    for (size_t i = 0; i < from->len; i++) {
        dg_from_item *it = &from->items[i];
        size_t first = s->srcs.len;
        size_t n = add_item(c, s, it, outer);
        bool right_null = it->join == DG_JOIN_LEFT || it->join == DG_JOIN_FULL;
        bool left_null = it->join == DG_JOIN_RIGHT || it->join == DG_JOIN_FULL;
        for (size_t k = first; k < first + n; k++) s->srcs.items[k].nullable |= right_null;
        if (left_null)
            for (size_t k = 0; k < first; k++) s->srcs.items[k].nullable = true;
        /* USING and NATURAL: * shows the shared columns once (the left ones) */
        for (size_t k = first; k < first + n; k++) {
            dg_qsource *src = &s->srcs.items[k];
            for (size_t j = 0; j < src->cols.len; j++) {
                bool shared = false;
                for (size_t u = 0; u < it->using_cols.len; u++)
                    if (!dg_strcasecmp_ascii(it->using_cols.items[u], src->cols.items[j].name)) shared = true;
                if (it->natural && has_col(s, first, src->cols.items[j].name)) shared = true;
                if (shared) src->cols.items[j].hidden = true;
            }
        }
    }
    for (size_t i = 0; i < from->len; i++)
        if (from->items[i].on) dg_qcond_type(c, s, from->items[i].on);
    /* an inner join's ON drops the rows where its comparisons are NULL; a
     * later outer join may still bring NULLs back (those sources stay nullable) */
    for (size_t i = 0; i < from->len; i++)
        if (from->items[i].on && (from->items[i].join == DG_JOIN_INNER || from->items[i].join == DG_JOIN_COMMA))
            flow_facts(s, from->items[i].on, false);
    return 0;
}

int dg_qfrom_scope(dg_qctx *c, dg_from *from, dg_qscope *s)
{
    return from->len ? add_from(c, s, from, NULL) : 0;
}

/* ---- result columns and stars ---- */

static void star_text(dg_buf *b, const dg_qsource *src, const dg_qcol *col)
{
    if (b->len) dg_buf_puts(b, ", ");
    if (src->name) {
        char *q = dg_sql_quote_ident(src->name);
        dg_buf_printf(b, "%s.", q);
        free(q);
    }
    char *q = dg_sql_quote_ident(col->name);
    dg_buf_puts(b, q);
    free(q);
}

/* Expands the columns of `src` (into out and the text b). */
static void expand_source(const dg_qsource *src, bool all, dg_qcols *out, dg_buf *b)
{
    for (size_t k = 0; k < src->cols.len; k++) {
        const dg_qcol *col = &src->cols.items[k];
        if (col->hidden && (!all || (src->table && src->table->columns.items[k].hidden))) continue;
        dg_qtype t = col->type;
        if (src->nullable && !col->flow_notnull) t.nullable = true;
        dg_qcols_push(out, col->name, t, col->table, col->column);
        star_text(b, src, col);
    }
}

static const dg_qsource *find_source(const dg_qscope *s, const char *name)
{
    for (size_t i = 0; i < s->srcs.len; i++)
        if (s->srcs.items[i].name && !dg_strcasecmp_ascii(s->srcs.items[i].name, name)) return &s->srcs.items[i];
    return NULL;
}

static void result_star(dg_qctx *c, dg_qscope *s, const dg_result_col *rc, dg_qcols *out)
{
    /* a source whose columns dalgen does not know: leave the * to SQLite
     * (the result is then typed from SQLite's metadata and @result) */
    for (size_t i = 0; i < s->srcs.len; i++) {
        const dg_qsource *src = &s->srcs.items[i];
        if (src->unknown && (!rc->star_table || (src->name && !dg_strcasecmp_ascii(src->name, rc->star_table)))) {
            c->star_unknown = true;
            return;
        }
    }
    dg_buf b = DG_BUF_INIT;
    size_t first = out->len;
    if (rc->star_table) {
        const dg_qsource *src = find_source(s, rc->star_table);
        if (src) expand_source(src, true, out, &b);
    } else {
        for (size_t i = 0; i < s->srcs.len; i++) expand_source(&s->srcs.items[i], false, out, &b);
    }
    for (size_t i = first; i < out->len; i++) out->items[i].pos = rc->start + 1;
    if (b.len) dg_qedit_add(&c->edits, rc->start, rc->end, dg_buf_steal(&b));
    dg_buf_free(&b);
}

/* sqlc.embed(t): t.* read into t's struct. */
static void result_embed(dg_qctx *c, dg_qscope *s, const dg_result_col *rc, dg_qcols *out)
{
    const dg_qsource *src = find_source(s, rc->expr->name);
    if (!src || !src->table) {
        dg_error(c->d, dg_qctx_loc(c, rc->expr->start), "sqlc.embed(%s): no table %s in FROM", rc->expr->name,
                 rc->expr->name);
        c->errors++;
        return;
    }
    if (src->nullable) {
        dg_error(c->d, dg_qctx_loc(c, rc->expr->start),
                 "sqlc.embed(%s): %s is on the nullable side of an outer join, so its struct could hold NULL in "
                 "NOT NULL fields; select its columns one by one", rc->expr->name, rc->expr->name);
        c->errors++;
        return;
    }
    size_t first = out->len;
    dg_buf b = DG_BUF_INIT;
    expand_source(src, true, out, &b);
    dg_qedit_add(&c->edits, rc->start, rc->end, dg_buf_steal(&b));
    dg_buf_free(&b);
    if (out->len > first) {
        out->items[first].embed_table = src->table;
        out->items[first].embed_ncols = (int)(out->len - first);
    }
}

/* The table column a column reference reads (for reusing a table's struct). */
static void origin_of(const dg_qscope *s, const dg_expr *e, const dg_table **tab, int *col)
{
    for (size_t k = 0; k < s->srcs.len; k++) {
        const dg_qsource *src = &s->srcs.items[k];
        if (!dg_qsource_named(src, e)) continue;
        for (size_t j = 0; j < src->cols.len; j++)
            if (!dg_strcasecmp_ascii(src->cols.items[j].name, e->name)) {
                *tab = src->cols.items[j].table;
                *col = src->cols.items[j].column;
                return;
            }
    }
}

static void core_columns(dg_qctx *c, dg_select_core *core, dg_qscope *outer, dg_qcols *out)
{
    if (core->is_values) {
        for (size_t r = 0; r < core->rows.len; r++) {
            dg_exprs *row = &core->rows.items[r];
            for (size_t i = 0; i < row->len; i++) {
                dg_qtype t = dg_qexpr_type(c, outer, row->items[i]);
                if (r == 0) {
                    char name[32];
                    snprintf(name, sizeof name, "column%zu", i + 1);
                    dg_qcols_push(out, name, t, NULL, -1);
                } else if (i < out->len) {
                    out->items[i].type.v = dg_qmerge_vtype(out->items[i].type.v, t.v);
                    out->items[i].type.nullable |= t.nullable;
                }
            }
        }
        return;
    }
    dg_qscope s = {0};
    s.outer = outer;
    s.grouped = core->group_by.len > 0;
    add_from(c, &s, &core->from, outer);
    if (core->where) dg_qcond_type(c, &s, core->where);
    flow_facts(&s, core->where, true);
    for (size_t i = 0; i < core->group_by.len; i++) dg_qexpr_type(c, &s, core->group_by.items[i]);
    for (size_t i = 0; i < core->cols.len; i++) {
        dg_result_col *rc = &core->cols.items[i];
        if (rc->star) {
            result_star(c, &s, rc, out);
        } else if (rc->expr->kind == DG_E_PARAM && rc->expr->form == DG_P_SQLC_EMBED) {
            result_embed(c, &s, rc, out);
        } else {
            dg_qtype t = dg_qexpr_type(c, &s, rc->expr);
            char *name = rc->alias ? dg_xstrdup(rc->alias) : dg_qexpr_name(c, rc->expr);
            const dg_table *tab = NULL;
            int col = -1;
            if (rc->expr->kind == DG_E_COLUMN) origin_of(&s, rc->expr, &tab, &col);
            dg_qcols_push(out, name, t, tab, col);
            out->items[out->len - 1].pos = rc->expr->start + 1;
            if (!rc->alias && rc->expr->kind != DG_E_COLUMN)
                out->items[out->len - 1].label = dg_qexpr_label(rc->expr, out->len);
            free(name);
        }
    }
    s.aliases = out;
    if (core->having) dg_qcond_type(c, &s, core->having);
    for (size_t i = 0; i < core->windows.len; i++) {
        dg_window *w = core->windows.items[i].window;
        for (size_t k = 0; k < w->partition.len; k++) dg_qexpr_type(c, &s, w->partition.items[k]);
        for (size_t k = 0; k < w->order.len; k++) dg_qexpr_type(c, &s, w->order.items[k].expr);
    }
    /* ORDER BY of a simple SELECT sees its FROM (typed by the caller) */
    dg_qscope_free(&s);
}

/* ORDER BY and LIMIT of a SELECT: typed in the first core's scope. */
static void order_limit(dg_qctx *c, dg_select *sel, dg_qscope *outer, dg_qcols *cols)
{
    dg_qscope s = {0};
    s.outer = outer;
    s.aliases = cols;
    dg_select_core *core = &sel->cores.items[0];
    if (sel->order_by.len && !core->is_values && sel->cores.len == 1) {
        dg_qctx quiet = *c;
        quiet.edits = (dg_qedits){0};   /* the FROM was expanded already */
        add_from(&quiet, &s, &core->from, outer);
        dg_qedits_free(&quiet.edits);
        c->errors = quiet.errors;
    }
    for (size_t i = 0; i < sel->order_by.len; i++) dg_qexpr_type(c, &s, sel->order_by.items[i].expr);
    if (sel->limit) dg_qparam_hint_named(c, sel->limit, (dg_qtype){DG_VT_INT64, false}, "limit");
    if (sel->offset) dg_qparam_hint_named(c, sel->offset, (dg_qtype){DG_VT_INT64, false}, "offset");
    dg_qexpr_type(c, &s, sel->limit);
    dg_qexpr_type(c, &s, sel->offset);
    dg_qscope_free(&s);
}

int dg_qwith_push(dg_qctx *c, dg_with *w, dg_qscope *outer)
{
    if (!w) return 0;
    for (size_t i = 0; i < w->ctes.len; i++) {
        dg_cte *cte = &w->ctes.items[i];
        dg_qcte_scope *cs = dg_xcalloc(1, sizeof *cs);
        cs->name = cte->name;
        /* a recursive CTE sees itself: type its first core before the rest */
        cs->next = c->ctes;
        dg_qcols first = {0};
        core_columns(c, &cte->select->cores.items[0], outer, &first);
        cs->cols = first;
        for (size_t k = 0; k < cte->columns.len && k < cs->cols.len; k++) {
            free(cs->cols.items[k].name);
            cs->cols.items[k].name = dg_xstrdup(cte->columns.items[k]);
        }
        c->ctes = cs;
        dg_qcols all = {0};
        dg_qselect_columns(c, cte->select, outer, &all);
        dg_qcols_free(&cs->cols);
        cs->cols = all;
        for (size_t k = 0; k < cte->columns.len && k < cs->cols.len; k++) {
            free(cs->cols.items[k].name);
            cs->cols.items[k].name = dg_xstrdup(cte->columns.items[k]);
        }
    }
    return 0;
}

void dg_qwith_pop(dg_qctx *c, dg_with *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->ctes.len && c->ctes; i++) {
        dg_qcte_scope *cs = c->ctes;
        c->ctes = cs->next;
        dg_qcols_free(&cs->cols);
        free(cs);
    }
}

int dg_qselect_columns(dg_qctx *c, dg_select *sel, dg_qscope *outer, dg_qcols *out)
{
    dg_qwith_push(c, sel->with, outer);
    for (size_t i = 0; i < sel->cores.len; i++) {
        dg_qcols cols = {0};
        core_columns(c, &sel->cores.items[i], outer, &cols);
        if (i == 0) {
            *out = cols;
            continue;
        }
        for (size_t k = 0; k < out->len && k < cols.len; k++) {
            dg_qcol *o = &out->items[k];
            o->type.v = dg_qmerge_vtype(o->type.v, cols.items[k].type.v);
            o->type.nullable |= cols.items[k].type.nullable;
            if (o->table != cols.items[k].table || o->column != cols.items[k].column) {
                o->table = NULL;
                o->column = -1;
            }
        }
        dg_qcols_free(&cols);
    }
    order_limit(c, sel, outer, out);
    dg_qwith_pop(c, sel->with);
    return 0;
}
