/* qtype.c - types of expressions (value type and nullability) from the schema
 * model and the parse, and the parameter types their context implies. */
#include "analysis/query/qinternal.h"

#include <stdlib.h>
#include <string.h>

static const dg_qtype unknown = {DG_VT_UNKNOWN, true};

void dg_qcols_push(dg_qcols *c, const char *name, dg_qtype t, const dg_table *table, int column)
{
    dg_qcol *q = DG_VEC_ADD(c);
    q->name = dg_xstrdup(name);
    q->type = t;
    q->table = table;
    q->column = column;
}

void dg_qcols_free(dg_qcols *c)
{
    for (size_t i = 0; i < c->len; i++) {
        free(c->items[i].name);
        free(c->items[i].label);
    }
    DG_VEC_FREE(c);
}

void dg_qscope_free(dg_qscope *s)
{
    for (size_t i = 0; i < s->srcs.len; i++) {
        free(s->srcs.items[i].name);
        dg_qcols_free(&s->srcs.items[i].cols);
    }
    DG_VEC_FREE(&s->srcs);
}

static bool rowid_alias(const dg_table *t, int i)
{
    return dg_table_has_rowid_alias(t) && dg_table_pk_column(t, 1) == i;
}

/* A full-text search table (fts3, fts4, fts5). */
static bool is_fts(const dg_table *t)
{
    return t->module && (!dg_strcasecmp_ascii(t->module, "fts3") || !dg_strcasecmp_ascii(t->module, "fts4") ||
                         !dg_strcasecmp_ascii(t->module, "fts5"));
}

/* The type of an FTS table's hidden column whose type SQLite's xinfo does
 * not say: FTS3/4's docid (the rowid) and langid are integers, docid never
 * NULL; FTS5's rank is a double (NULL outside a MATCH); the column named
 * like the table stays as declared. */
static bool fts_hidden_type(const dg_table *t, const dg_column *col, dg_qtype *ty)
{
    if (!col->hidden || !is_fts(t)) return false;
    if (!dg_strcasecmp_ascii(col->name, "docid")) *ty = (dg_qtype){DG_VT_INT64, false};
    else if (!dg_strcasecmp_ascii(col->name, "langid")) *ty = (dg_qtype){DG_VT_INT64, false};
    else if (!dg_strcasecmp_ascii(col->name, "rank")) *ty = (dg_qtype){DG_VT_DOUBLE, true};
    else return false;
    return true;
}

dg_qtype dg_qcolumn_type(const dg_table *t, int i)
{
    const dg_column *col = &t->columns.items[i];
    dg_qtype ty = {dg_vtype_of_column(t, col), !(col->not_null || rowid_alias(t, i))};
    fts_hidden_type(t, col, &ty);
    /* a WITHOUT ROWID table's primary key is NOT NULL */
    if (t->without_rowid && col->pk) ty.nullable = false;
    return ty;
}

void dg_qtable_cols(const dg_table *t, dg_qcols *out)
{
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *col = &t->columns.items[i];
        dg_qtype ty = dg_qcolumn_type(t, (int)i);
        dg_qcols_push(out, col->name, ty, t, (int)i);
        out->items[out->len - 1].hidden = col->hidden;
    }
}

dg_qsource *dg_qscope_add_table(dg_qscope *s, const char *name, const dg_table *t, bool nullable)
{
    dg_qsource *src = DG_VEC_ADD(&s->srcs);
    src->name = dg_xstrdup(name);
    src->table = t;
    src->nullable = nullable;
    dg_qtable_cols(t, &src->cols);
    return src;
}

/* ---- column references ---- */

static bool is_rowid_name(const char *n)
{
    return !dg_strcasecmp_ascii(n, "rowid") || !dg_strcasecmp_ascii(n, "oid") || !dg_strcasecmp_ascii(n, "_rowid_");
}

static bool col_in_source(const dg_qsource *src, const char *name, dg_qtype *out)
{
    for (size_t i = 0; i < src->cols.len; i++) {
        if (dg_strcasecmp_ascii(src->cols.items[i].name, name) != 0) continue;
        *out = src->cols.items[i].type;
        if (src->nullable && !src->cols.items[i].flow_notnull) out->nullable = true;
        return true;
    }
    /* ordinary tables and full-text search tables have a rowid */
    if (src->table && !src->table->without_rowid && (!src->table->module || is_fts(src->table)) &&
        is_rowid_name(name)) {
        *out = (dg_qtype){DG_VT_INT64, src->nullable};
        return true;
    }
    return false;
}

bool dg_qsource_named(const dg_qsource *src, const dg_expr *e)
{
    if (!e->table) return true;
    if (!src->name || dg_strcasecmp_ascii(src->name, e->table) != 0) return false;
    if (!e->schema) return true;
    if (src->aliased || !src->table) return false;
    const char *sch = src->table->schema ? src->table->schema : "main";   /* SQLite: NULL is main */
    return dg_strcasecmp_ascii(sch, e->schema) == 0;
}

static dg_qtype column_type(dg_qscope *s, const dg_expr *e)
{
    dg_qtype t;
    for (dg_qscope *sc = s; sc; sc = sc->outer) {
        for (size_t i = 0; i < sc->srcs.len; i++) {
            const dg_qsource *src = &sc->srcs.items[i];
            if (!dg_qsource_named(src, e)) continue;
            if (col_in_source(src, e->name, &t)) return t;
        }
        if (!e->table && sc->aliases) {
            for (size_t i = 0; i < sc->aliases->len; i++)
                if (!dg_strcasecmp_ascii(sc->aliases->items[i].name, e->name)) return sc->aliases->items[i].type;
        }
    }
    return unknown;
}

/* The table column a plain column reference reads as it is (its source's
 * result column's origin); NULL (and *column -1) otherwise. */
static const dg_table *column_origin(const dg_qscope *s, const dg_expr *e, int *column)
{
    *column = -1;
    if (!e || e->kind != DG_E_COLUMN) return NULL;
    for (const dg_qscope *sc = s; sc; sc = sc->outer)
        for (size_t i = 0; i < sc->srcs.len; i++) {
            const dg_qsource *src = &sc->srcs.items[i];
            if (!dg_qsource_named(src, e)) continue;
            for (size_t k = 0; k < src->cols.len; k++) {
                const dg_qcol *col = &src->cols.items[k];
                if (dg_strcasecmp_ascii(col->name, e->name) != 0) continue;
                if (!col->table || col->column < 0) return NULL;
                *column = col->column;
                return col->table;
            }
        }
    return NULL;
}

/* A comparison of p (when a parameter) with `other` (dg_qparam_use). */
static void use(dg_qctx *c, const dg_qscope *s, const dg_expr *p, const dg_expr *other)
{
    int column;
    const dg_table *t = column_origin(s, other, &column);
    dg_qparam_use(c, p, t, column);
}

/* Name of the column an expression reads, for naming parameters. */
static const char *column_name(const dg_expr *e)
{
    while (e && (e->kind == DG_E_COLLATE || (e->kind == DG_E_UNARY && strcmp(e->op, "NOT") != 0)))
        e = e->args.items[0];
    if (e && e->kind == DG_E_COLUMN) return e->name;
    if (e && e->kind == DG_E_FUNC && e->args.len == 1) return column_name(e->args.items[0]);
    return NULL;
}

/* ---- parameter hints ---- */

static bool is_param(const dg_expr *e) { return e && e->kind == DG_E_PARAM && e->form != DG_P_SQLC_EMBED; }

static void hint(dg_qctx *c, const dg_expr *p, dg_qtype t, const dg_expr *other)
{
    if (!is_param(p) || t.v == DG_VT_UNKNOWN) return;
    dg_qparam_hint_named(c, p, t, column_name(other));
}

/* `x BETWEEN ? AND ?`: the bounds are from_x and to_x, as sqlc names them
 * (`t`: x's type). */
static void hint_between(dg_qctx *c, const dg_expr *e, dg_qtype t)
{
    const char *col = column_name(e->args.items[0]);
    if (!col) return;
    t.nullable = false;
    for (int i = 1; i <= 2; i++) {
        if (!is_param(e->args.items[i])) continue;
        char *name = dg_xprintf("%s_%s", i == 1 ? "from" : "to", col);
        dg_qparam_hint_named(c, e->args.items[i], t, name);
        free(name);
    }
}

/* `fts MATCH ?`: e names a full-text search table of the scope itself (its
 * hidden column named like the table), so that the parameter is a query
 * over every column, named `query` rather than after the table. */
static bool matches_whole_table(const dg_qscope *s, const dg_expr *e)
{
    if (!e || e->kind != DG_E_COLUMN) return false;
    for (const dg_qscope *sc = s; sc; sc = sc->outer)
        for (size_t i = 0; i < sc->srcs.len; i++) {
            const dg_table *t = sc->srcs.items[i].table;
            if (t && is_fts(t) && !dg_strcasecmp_ascii(t->name, e->name)) return true;
        }
    return false;
}

/* `? IS NULL`, `? ISNULL`, `? NOTNULL`: the parameter may be NULL, whatever
 * else types it (`@since IS NULL OR at >= @since`). */
static void hint_null_test(dg_qctx *c, const dg_expr *p)
{
    if (!is_param(p) || !c->q || p->param_index <= 0) return;
    dg_qparam *q = &c->q->params.items[p->param_index - 1];
    if (!q->slice) q->type.nullable = true;
}

/* A parameter that is a whole condition (`WHERE ?`, `? OR x`, `NOT ?`,
 * `CASE WHEN ? ...`) is a bool, unless something stronger typed it. */
static void hint_cond(dg_qctx *c, const dg_expr *e) { hint(c, e, (dg_qtype){DG_VT_BOOL, false}, NULL); }

/* ---- expressions ---- */

static bool is_cmp(const char *op)
{
    static const char *const ops[] = {"=", "==", "!=", "<>", "<", "<=", ">", ">=", NULL};
    for (int i = 0; ops[i]; i++)
        if (!strcmp(op, ops[i])) return true;
    return false;
}

static bool is_is(const char *op) { return !strncmp(op, "IS", 2); }

static bool is_bool_literal(const dg_expr *e)
{
    return e->kind == DG_E_LITERAL && (e->lit == DG_LIT_TRUE || e->lit == DG_LIT_FALSE);
}

static dg_qtype arith(dg_qtype l, dg_qtype r, const char *op, const dg_expr *rhs)
{
    dg_qtype t = {DG_VT_UNKNOWN, l.nullable || r.nullable};
    bool li = l.v == DG_VT_INT64 || l.v == DG_VT_BOOL, ri = r.v == DG_VT_INT64 || r.v == DG_VT_BOOL;
    bool ld = l.v == DG_VT_DOUBLE, rd = r.v == DG_VT_DOUBLE;
    if (li && ri) t.v = DG_VT_INT64;
    else if ((li || ld) && (ri || rd)) t.v = DG_VT_DOUBLE;
    /* x / 0 and x % 0 are NULL in SQLite, unless the divisor is a non-zero literal */
    if ((!strcmp(op, "/") || !strcmp(op, "%")) &&
        !(rhs->kind == DG_E_LITERAL && (rhs->lit == DG_LIT_INTEGER || rhs->lit == DG_LIT_REAL) && strtod(rhs->text, NULL) != 0))
        t.nullable = true;
    return t;
}

static dg_qtype type_binary(dg_qctx *c, dg_qscope *s, dg_expr *e)
{
    dg_expr *l = e->args.items[0], *r = e->args.items[1];
    const char *op = e->op;
    dg_qtype lt = dg_qexpr_type(c, s, l), rt = dg_qexpr_type(c, s, r);
    if (!strcmp(op, "AND") || !strcmp(op, "OR")) {
        hint_cond(c, l);
        hint_cond(c, r);
        return (dg_qtype){DG_VT_INT64, lt.nullable || rt.nullable};
    }
    if (is_cmp(op) || is_is(op)) {
        bool isop = is_is(op);
        if (l->kind == DG_E_ROW && r->kind == DG_E_ROW && l->args.len == r->args.len) {
            for (size_t i = 0; i < l->args.len; i++) {
                dg_qtype a = dg_qexpr_type(c, s, l->args.items[i]), b = dg_qexpr_type(c, s, r->args.items[i]);
                a.nullable = b.nullable = isop;
                hint(c, l->args.items[i], b, r->args.items[i]);
                hint(c, r->args.items[i], a, l->args.items[i]);
            }
        }
        if (isop && r->kind == DG_E_LITERAL && r->lit == DG_LIT_NULL) hint_null_test(c, l);
        if (isop && l->kind == DG_E_LITERAL && l->lit == DG_LIT_NULL) hint_null_test(c, r);
        dg_qtype hl = lt, hr = rt;
        hl.nullable = hr.nullable = isop;
        /* `? = TRUE`, `? IS NOT FALSE`: the parameter is a bool */
        if (is_bool_literal(l)) hl.v = DG_VT_BOOL;
        if (is_bool_literal(r)) hr.v = DG_VT_BOOL;
        hint(c, l, hr, r);
        hint(c, r, hl, l);
        if (!(r->kind == DG_E_LITERAL && r->lit == DG_LIT_NULL)) use(c, s, l, r);   /* not `? IS NULL` */
        if (!(l->kind == DG_E_LITERAL && l->lit == DG_LIT_NULL)) use(c, s, r, l);
        return (dg_qtype){DG_VT_INT64, isop ? false : (lt.nullable || rt.nullable)};
    }
    if (!strcmp(op, "||")) {
        dg_qtype tt = {DG_VT_TEXT, false};
        hint(c, l, tt, r);
        hint(c, r, tt, l);
        return (dg_qtype){DG_VT_TEXT, lt.nullable || rt.nullable};
    }
    if (!strcmp(op, "->")) {
        hint(c, l, (dg_qtype){DG_VT_TEXT, false}, NULL);
        return (dg_qtype){DG_VT_TEXT, true};
    }
    if (!strcmp(op, "->>")) {
        hint(c, l, (dg_qtype){DG_VT_TEXT, false}, NULL);
        return (dg_qtype){DG_VT_VALUE, true};
    }
    if (!strcmp(op, "&") || !strcmp(op, "|") || !strcmp(op, "<<") || !strcmp(op, ">>")) {
        dg_qtype it = {DG_VT_INT64, false};
        hint(c, l, it, r);
        hint(c, r, it, l);
        return (dg_qtype){DG_VT_INT64, lt.nullable || rt.nullable};
    }
    /* + - * / % */
    dg_qtype hl = lt, hr = rt;
    hl.nullable = hr.nullable = false;
    hint(c, l, hr, r);
    hint(c, r, hl, l);
    if (is_param(l)) lt = dg_qexpr_type(c, s, l);
    if (is_param(r)) rt = dg_qexpr_type(c, s, r);
    return arith(lt, rt, op, r);
}

static dg_qtype type_in(dg_qctx *c, dg_qscope *s, dg_expr *e)
{
    dg_expr *lhs = e->args.items[0];
    dg_qtype lt = dg_qexpr_type(c, s, lhs), other = unknown;
    bool nullable = lt.nullable;
    if (e->select) {
        dg_qcols cols = {0};
        if (dg_qselect_columns(c, e->select, s, &cols) == 0 && cols.len) other = cols.items[0].type;
        nullable |= other.nullable;   /* x IN (SELECT NULL ...) is NULL when x is not found */
        dg_qcols_free(&cols);
    }
    for (size_t i = 1; i < e->args.len; i++) {
        dg_qtype t = dg_qexpr_type(c, s, e->args.items[i]);
        if (other.v == DG_VT_UNKNOWN) other = t;
        nullable |= t.nullable;
        dg_qtype h = lt;
        h.nullable = false;
        hint(c, e->args.items[i], h, lhs);
        use(c, s, e->args.items[i], lhs);
    }
    other.nullable = false;
    hint(c, lhs, other, NULL);
    use(c, s, lhs, NULL);
    return (dg_qtype){DG_VT_INT64, nullable};
}

static dg_qtype type_case(dg_qctx *c, dg_qscope *s, dg_expr *e)
{
    dg_qtype base = e->base ? dg_qexpr_type(c, s, e->base) : unknown;
    dg_qtype r = {DG_VT_UNKNOWN, !e->else_expr};
    dg_qtype when_type = unknown;
    for (size_t i = 0; i + 1 < e->args.len; i += 2) {
        dg_qtype w = dg_qexpr_type(c, s, e->args.items[i]);
        if (!e->base) hint_cond(c, e->args.items[i]);
        if (e->base) {
            dg_qtype hb = base, hw = w;
            hb.nullable = hw.nullable = false;
            hint(c, e->args.items[i], hb, e->base);
            if (when_type.v == DG_VT_UNKNOWN) when_type = hw;
        }
    }
    if (e->base) hint(c, e->base, when_type, NULL);
    size_t n = 0;
    dg_expr *branches[256];
    for (size_t i = 1; i < e->args.len && n < 255; i += 2) branches[n++] = e->args.items[i];
    if (e->else_expr) branches[n++] = e->else_expr;
    for (size_t i = 0; i < n; i++) {
        dg_qtype t = dg_qexpr_type(c, s, branches[i]);
        r.v = dg_qmerge_vtype(r.v, t.v);
        r.nullable |= t.nullable;
    }
    dg_qtype h = {r.v, false};
    for (size_t i = 0; i < n; i++) hint(c, branches[i], h, NULL);
    if (r.v == DG_VT_UNKNOWN) r.nullable = true;
    return r;
}

static dg_qtype type_func(dg_qctx *c, dg_qscope *s, dg_expr *e)
{
    size_t n = e->args.len;
    dg_qtype *args = dg_xcalloc(n ? n : 1, sizeof *args);
    for (size_t i = 0; i < n; i++) args[i] = dg_qexpr_type(c, s, e->args.items[i]);
    if (e->filter) dg_qcond_type(c, s, e->filter);
    if (e->over) {
        for (size_t i = 0; i < e->over->partition.len; i++) dg_qexpr_type(c, s, e->over->partition.items[i]);
        for (size_t i = 0; i < e->over->order.len; i++) dg_qexpr_type(c, s, e->over->order.items[i].expr);
        if (e->over->frame_start) dg_qexpr_type(c, s, e->over->frame_start);
        if (e->over->frame_end) dg_qexpr_type(c, s, e->over->frame_end);
    }
    /* parameters: the declared or documented argument type, else the type of
     * the other arguments for functions that merge them (coalesce, min...) */
    dg_qtype merged = {DG_VT_UNKNOWN, false};
    for (size_t i = 0; i < n; i++) merged.v = dg_qmerge_vtype(merged.v, args[i].v);
    bool merges = !dg_strcasecmp_ascii(e->name, "coalesce") || !dg_strcasecmp_ascii(e->name, "ifnull") ||
                  !dg_strcasecmp_ascii(e->name, "nullif") || !dg_strcasecmp_ascii(e->name, "min") ||
                  !dg_strcasecmp_ascii(e->name, "max");
    for (size_t i = 0; i < n; i++) {
        dg_qtype want;
        if (dg_qfunc_arg_type(c, e->name, i, &want)) {
            hint(c, e->args.items[i], want, NULL);
        } else if (merges && merged.v != DG_VT_UNKNOWN) {
            dg_qtype h = {merged.v, !dg_strcasecmp_ascii(e->name, "coalesce") || !dg_strcasecmp_ascii(e->name, "ifnull")};
            const dg_expr *other = NULL;
            for (size_t k = 0; k < n; k++)
                if (k != i && !is_param(e->args.items[k])) other = e->args.items[k];
            hint(c, e->args.items[i], h, other);
        } else {
            continue;
        }
        args[i] = dg_qexpr_type(c, s, e->args.items[i]);
    }
    dg_qtype t = unknown;
    if (!dg_qfunc_minmax(e, args, n, s && s->grouped, &t) && !dg_qfunc_type(c, e, args, n, s && s->grouped, &t))
        t = unknown;
    free(args);
    return t;
}

/* SELECT agg(...) FROM ... without GROUP BY, HAVING or LIMIT: exactly one row. */
static bool one_row(const dg_select *sel)
{
    static const char *const aggs[] = {"count", "total", "sum", "avg", "min", "max", "group_concat",
                                       "string_agg", "json_group_array", "json_group_object", NULL};
    if (sel->cores.len != 1 || sel->limit || sel->offset) return false;
    const dg_select_core *core = &sel->cores.items[0];
    if (core->is_values || core->group_by.len || core->having || core->cols.len == 0) return false;
    const dg_expr *e = core->cols.items[0].expr;
    if (!e || e->kind != DG_E_FUNC || e->over || e->over_name) return false;
    for (int i = 0; aggs[i]; i++)
        if (!dg_strcasecmp_ascii(e->name, aggs[i])) return e->args.len <= 1;
    return false;
}

static dg_qtype type_subquery(dg_qctx *c, dg_qscope *s, dg_select *sel, bool first_col)
{
    dg_qcols cols = {0};
    dg_qtype t = unknown;
    if (dg_qselect_columns(c, sel, s, &cols) == 0 && first_col && cols.len) {
        t = cols.items[0].type;
        if (!one_row(sel)) t.nullable = true;   /* no row -> NULL */
    }
    dg_qcols_free(&cols);
    return t;
}

static dg_qtype type_literal(const dg_expr *e)
{
    switch (e->lit) {
    case DG_LIT_INTEGER: return (dg_qtype){DG_VT_INT64, false};
    case DG_LIT_REAL: return (dg_qtype){DG_VT_DOUBLE, false};
    case DG_LIT_STRING: return (dg_qtype){DG_VT_TEXT, false};
    case DG_LIT_BLOB: return (dg_qtype){DG_VT_BLOB, false};
    case DG_LIT_NULL: return unknown;
    case DG_LIT_TRUE:
    case DG_LIT_FALSE: return (dg_qtype){DG_VT_INT64, false};
    default: return (dg_qtype){DG_VT_TEXT, false};
    }
}

dg_qtype dg_qexpr_type(dg_qctx *c, dg_qscope *s, dg_expr *e)
{
    if (!e) return unknown;
    switch (e->kind) {
    case DG_E_LITERAL: return type_literal(e);
    case DG_E_PARAM: return dg_qparam_type(c, e);
    case DG_E_COLUMN: return column_type(s, e);
    case DG_E_UNARY: {
        dg_qtype a = dg_qexpr_type(c, s, e->args.items[0]);
        if (!strcmp(e->op, "NOT")) hint_cond(c, e->args.items[0]);
        if (!strcmp(e->op, "NOT") || !strcmp(e->op, "~")) return (dg_qtype){DG_VT_INT64, a.nullable};
        if (a.v != DG_VT_INT64 && a.v != DG_VT_DOUBLE) a.v = a.v == DG_VT_BOOL ? DG_VT_INT64 : DG_VT_UNKNOWN;
        return a;
    }
    case DG_E_BINARY: return type_binary(c, s, e);
    case DG_E_NULLTEST:
        dg_qexpr_type(c, s, e->args.items[0]);
        hint_null_test(c, e->args.items[0]);
        return (dg_qtype){DG_VT_INT64, false};
    case DG_E_BETWEEN: {
        dg_qtype t[3];
        bool nullable = false;
        for (int i = 0; i < 3; i++) {
            t[i] = dg_qexpr_type(c, s, e->args.items[i]);
            nullable |= t[i].nullable;
        }
        hint_between(c, e, t[0]);
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 3; k++)
                if (k != i) {
                    dg_qtype h = t[k];
                    h.nullable = false;
                    hint(c, e->args.items[i], h, e->args.items[k]);
                }
        return (dg_qtype){DG_VT_INT64, nullable};
    }
    case DG_E_IN: return type_in(c, s, e);
    case DG_E_LIKE: {
        bool nullable = false;
        for (size_t i = 0; i < e->args.len; i++) {
            const dg_expr *other = e->args.items[i == 0 ? 1 : 0];
            if (i == 1 && is_param(e->args.items[1]) && !strcmp(e->op, "MATCH") && matches_whole_table(s, other))
                dg_qparam_hint_named(c, e->args.items[1], (dg_qtype){DG_VT_TEXT, false}, "query");
            else
                hint(c, e->args.items[i], (dg_qtype){DG_VT_TEXT, false}, other);
            nullable |= dg_qexpr_type(c, s, e->args.items[i]).nullable;
        }
        return (dg_qtype){DG_VT_INT64, nullable};
    }
    case DG_E_CASE: return type_case(c, s, e);
    case DG_E_CAST: {
        dg_qtype a = dg_qexpr_type(c, s, e->args.items[0]);
        dg_qtype t = {dg_vtype_of_decl(e->type), false};
        hint(c, e->args.items[0], t, NULL);
        a = dg_qexpr_type(c, s, e->args.items[0]);
        t.nullable = a.nullable;
        return t;
    }
    case DG_E_COLLATE: {
        dg_qtype a = dg_qexpr_type(c, s, e->args.items[0]);
        hint(c, e->args.items[0], (dg_qtype){DG_VT_TEXT, false}, NULL);
        return a;
    }
    case DG_E_FUNC: return type_func(c, s, e);
    case DG_E_EXISTS:
        type_subquery(c, s, e->select, false);
        return (dg_qtype){DG_VT_INT64, false};
    case DG_E_SUBQUERY: return type_subquery(c, s, e->select, true);
    case DG_E_ROW:
        for (size_t i = 0; i < e->args.len; i++) dg_qexpr_type(c, s, e->args.items[i]);
        return unknown;
    case DG_E_RAISE: return unknown;
    }
    return unknown;
}

char *dg_qexpr_name(dg_qctx *c, const dg_expr *e)
{
    if (e->kind == DG_E_COLUMN) return dg_xstrdup(e->name);
    return dg_xstrndup(c->text + e->start, e->end - e->start);
}

char *dg_qexpr_label(const dg_expr *e, size_t n)
{
    while (e && (e->kind == DG_E_COLLATE || (e->kind == DG_E_CAST && e->args.items[0]->kind == DG_E_COLUMN)))
        e = e->args.items[0];
    if (e && e->kind == DG_E_COLUMN) return dg_xstrdup(e->name);
    if (e && e->kind == DG_E_FUNC && e->name) return dg_xstrdup(e->name);
    if (e && e->kind == DG_E_EXISTS) return dg_xstrdup(e->negated ? "not_exists" : "exists");
    if (e && e->kind == DG_E_UNARY && !strcmp(e->op, "NOT") && e->args.items[0]->kind == DG_E_EXISTS &&
        !e->args.items[0]->negated)
        return dg_xstrdup("not_exists");
    if (e && e->kind == DG_E_SUBQUERY && e->select && e->select->cores.len) {
        const dg_select_core *core = &e->select->cores.items[0];
        if (core->cols.len && !core->cols.items[0].star) {
            const dg_result_col *rc = &core->cols.items[0];
            return rc->alias ? dg_xstrdup(rc->alias) : dg_qexpr_label(rc->expr, n);
        }
    }
    return dg_xprintf("column_%zu", n);
}

dg_qtype dg_qcond_type(dg_qctx *c, dg_qscope *s, dg_expr *e)
{
    dg_qtype t = dg_qexpr_type(c, s, e);
    hint_cond(c, e);
    return t;
}
