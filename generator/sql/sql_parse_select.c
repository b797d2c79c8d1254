/* sql_parse_select.c - SELECT (https://www.sqlite.org/lang_select.html):
 * WITH, compound operators, VALUES, joins, windows, ORDER BY, LIMIT. */
#include "sql/sql_parse.h"

#include <string.h>

static size_t here(dg_ps *p) { return dg_ps_peek(p, 0).start; }

bool dg_ps_starts_select(dg_ps *p, size_t k)
{
    return dg_ps_kw(p, k, "SELECT") || dg_ps_kw(p, k, "VALUES") || dg_ps_kw(p, k, "WITH");
}

dg_sql_names dg_parse_name_list(dg_ps *p)
{
    DG_PLIST(char *) l = {0};
    dg_ps_expect_punct(p, "(");
    do {
        DG_PLIST_PUSH(p, &l, dg_ps_name(p));
    } while (dg_ps_accept_punct(p, ","));
    dg_ps_expect_punct(p, ")");
    return (dg_sql_names){l.items, l.len};
}

dg_order dg_parse_order_terms(dg_ps *p)
{
    DG_PLIST(dg_order_term) l = {0};
    do {
        dg_order_term t = {0};
        t.expr = dg_parse_expr(p);
        if (dg_ps_accept_kw(p, "DESC")) t.desc = true;
        else dg_ps_accept_kw(p, "ASC");
        if (dg_ps_accept_kw(p, "NULLS")) {
            if (dg_ps_accept_kw(p, "FIRST")) t.nulls = 1;
            else {
                dg_ps_expect_kw(p, "LAST");
                t.nulls = 2;
            }
        }
        DG_PLIST_PUSH(p, &l, t);
    } while (dg_ps_accept_punct(p, ","));
    return (dg_order){l.items, l.len};
}

/* UNBOUNDED PRECEDING|FOLLOWING, CURRENT ROW, expr PRECEDING|FOLLOWING */
static dg_expr *parse_frame_bound(dg_ps *p)
{
    if (dg_ps_accept_kw(p, "UNBOUNDED")) {
        if (!dg_ps_accept_kw(p, "PRECEDING")) dg_ps_expect_kw(p, "FOLLOWING");
        return NULL;
    }
    if (dg_ps_kw(p, 0, "CURRENT") && dg_ps_kw(p, 1, "ROW")) {
        dg_ps_next(p);
        dg_ps_next(p);
        return NULL;
    }
    dg_expr *e = dg_parse_expr(p);
    if (!dg_ps_accept_kw(p, "PRECEDING")) dg_ps_expect_kw(p, "FOLLOWING");
    return e;
}

static void parse_frame(dg_ps *p, dg_window *w)
{
    static const char *const units[] = {"ROWS", "RANGE", "GROUPS"};
    for (int i = 0; i < 3; i++)
        if (dg_ps_accept_kw(p, units[i])) w->frame_unit = (char *)units[i];
    if (!w->frame_unit) return;
    if (dg_ps_accept_kw(p, "BETWEEN")) {
        w->frame_start = parse_frame_bound(p);
        dg_ps_expect_kw(p, "AND");
        w->frame_end = parse_frame_bound(p);
    } else {
        w->frame_start = parse_frame_bound(p);
    }
    if (dg_ps_accept_kw(p, "EXCLUDE")) {
        if (dg_ps_accept_kw(p, "NO")) dg_ps_expect_kw(p, "OTHERS");
        else if (dg_ps_accept_kw(p, "CURRENT")) dg_ps_expect_kw(p, "ROW");
        else if (!dg_ps_accept_kw(p, "GROUP")) dg_ps_expect_kw(p, "TIES");
    }
}

dg_window *dg_parse_window_def(dg_ps *p)
{
    dg_window *w = dg_pool_alloc(p->pool, sizeof *w);
    dg_ps_expect_punct(p, "(");
    if (dg_ps_is_name(p, 0) && !dg_ps_kw(p, 0, "PARTITION") && !dg_ps_kw(p, 0, "ROWS") &&
        !dg_ps_kw(p, 0, "RANGE") && !dg_ps_kw(p, 0, "GROUPS"))
        w->base = dg_ps_name(p);
    if (dg_ps_accept_kw(p, "PARTITION")) {
        dg_ps_expect_kw(p, "BY");
        w->partition = dg_parse_expr_list(p);
    }
    if (dg_ps_accept_kw(p, "ORDER")) {
        dg_ps_expect_kw(p, "BY");
        w->order = dg_parse_order_terms(p);
    }
    parse_frame(p, w);
    dg_ps_expect_punct(p, ")");
    return w;
}

/* [AS] alias, where a bare alias must not be a clause keyword. */
static char *parse_alias(dg_ps *p)
{
    if (dg_ps_accept_kw(p, "AS")) {
        if (dg_ps_peek(p, 0).kind == DG_TOK_IDENT) {   /* after AS even a keyword is a name */
            dg_tok t = dg_ps_next(p);
            return dg_pool_strndup(p->pool, p->text + t.start, t.len);
        }
        return dg_ps_name(p);
    }
    if (dg_ps_is_name(p, 0) || dg_ps_peek(p, 0).kind == DG_TOK_STRING) return dg_ps_name(p);
    return NULL;
}

dg_result_cols dg_parse_result_cols(dg_ps *p)
{
    DG_PLIST(dg_result_col) l = {0};
    do {
        dg_result_col c = {0};
        c.start = here(p);
        if (dg_ps_accept_punct(p, "*")) {
            c.star = true;
        } else if (dg_ps_is_name(p, 0) && dg_ps_punct(p, 1, ".") && dg_ps_punct(p, 2, "*")) {
            c.star = true;
            c.star_table = dg_ps_name(p);
            dg_ps_next(p);
            dg_ps_next(p);
        } else {
            c.expr = dg_parse_expr(p);
            c.alias = parse_alias(p);
        }
        c.end = dg_ps_prev_end(p);
        DG_PLIST_PUSH(p, &l, c);
    } while (dg_ps_accept_punct(p, ","));
    return (dg_result_cols){l.items, l.len};
}

static void parse_table_or_subquery(dg_ps *p, dg_from_item *it)
{
    it->start = here(p);
    if (dg_ps_accept_punct(p, "(")) {
        if (dg_ps_starts_select(p, 0)) {
            it->select = dg_parse_select(p);
        } else {
            it->nested = dg_pool_alloc(p->pool, sizeof *it->nested);
            *it->nested = dg_parse_from(p);
        }
        dg_ps_expect_punct(p, ")");
        it->alias = parse_alias(p);
        it->end = dg_ps_prev_end(p);
        return;
    }
    it->name = dg_ps_name(p);
    if (dg_ps_accept_punct(p, ".")) {
        it->schema = it->name;
        it->name = dg_ps_name(p);
    }
    if (dg_ps_accept_punct(p, "(")) {
        it->is_func = true;
        if (!dg_ps_punct(p, 0, ")")) it->func_args = dg_parse_expr_list(p);
        dg_ps_expect_punct(p, ")");
    }
    it->alias = parse_alias(p);
    if (dg_ps_accept_kw(p, "INDEXED")) {
        dg_ps_expect_kw(p, "BY");
        (void)dg_ps_name(p);
    } else if (dg_ps_kw(p, 0, "NOT") && dg_ps_kw(p, 1, "INDEXED")) {
        dg_ps_next(p);
        dg_ps_next(p);
    }
    it->end = dg_ps_prev_end(p);
}

/* A join operator before the next item; false when there is none. */
static bool parse_join_op(dg_ps *p, dg_from_item *it)
{
    if (dg_ps_accept_punct(p, ",")) {
        it->join = DG_JOIN_COMMA;
        return true;
    }
    size_t save = p->pos;
    it->natural = dg_ps_accept_kw(p, "NATURAL");
    it->join = DG_JOIN_INNER;
    if (dg_ps_accept_kw(p, "LEFT")) it->join = DG_JOIN_LEFT;
    else if (dg_ps_accept_kw(p, "RIGHT")) it->join = DG_JOIN_RIGHT;
    else if (dg_ps_accept_kw(p, "FULL")) it->join = DG_JOIN_FULL;
    else if (dg_ps_accept_kw(p, "CROSS")) it->cross = true;
    else dg_ps_accept_kw(p, "INNER");
    if (it->join != DG_JOIN_INNER) dg_ps_accept_kw(p, "OUTER");
    if (dg_ps_accept_kw(p, "JOIN")) return true;
    if (p->pos != save) dg_ps_error(p, dg_ps_peek(p, 0), "expected JOIN");
    it->join = DG_JOIN_NONE;
    it->natural = false;
    return false;
}

dg_from dg_parse_from(dg_ps *p)
{
    DG_PLIST(dg_from_item) l = {0};
    dg_from_item first = {0};
    parse_table_or_subquery(p, &first);
    DG_PLIST_PUSH(p, &l, first);
    for (;;) {
        dg_from_item it = {0};
        if (!parse_join_op(p, &it)) break;
        parse_table_or_subquery(p, &it);
        if (dg_ps_accept_kw(p, "ON")) {
            it.on = dg_parse_expr(p);
        } else if (dg_ps_accept_kw(p, "USING")) {
            it.using_cols = dg_parse_name_list(p);
        }
        DG_PLIST_PUSH(p, &l, it);
    }
    return (dg_from){l.items, l.len};
}

static void parse_values(dg_ps *p, dg_select_core *c)
{
    DG_PLIST(dg_exprs) rows = {0};
    dg_ps_expect_kw(p, "VALUES");
    c->is_values = true;
    do {
        dg_ps_expect_punct(p, "(");
        DG_PLIST_PUSH(p, &rows, dg_parse_expr_list(p));
        dg_ps_expect_punct(p, ")");
    } while (dg_ps_accept_punct(p, ","));
    c->rows.items = rows.items;
    c->rows.len = rows.len;
}

static void parse_windows(dg_ps *p, dg_select_core *c)
{
    DG_PLIST(dg_named_window) l = {0};
    do {
        dg_named_window w = {0};
        w.name = dg_ps_name(p);
        dg_ps_expect_kw(p, "AS");
        w.window = dg_parse_window_def(p);
        DG_PLIST_PUSH(p, &l, w);
    } while (dg_ps_accept_punct(p, ","));
    c->windows.items = l.items;
    c->windows.len = l.len;
}

static void parse_core(dg_ps *p, dg_select_core *c)
{
    c->start = here(p);
    if (dg_ps_kw(p, 0, "VALUES")) {
        parse_values(p, c);
        c->end = dg_ps_prev_end(p);
        return;
    }
    dg_ps_expect_kw(p, "SELECT");
    if (dg_ps_accept_kw(p, "DISTINCT")) c->distinct = true;
    else dg_ps_accept_kw(p, "ALL");
    c->cols = dg_parse_result_cols(p);
    if (dg_ps_accept_kw(p, "FROM")) c->from = dg_parse_from(p);
    if (dg_ps_accept_kw(p, "WHERE")) c->where = dg_parse_expr(p);
    if (dg_ps_accept_kw(p, "GROUP")) {
        dg_ps_expect_kw(p, "BY");
        c->group_by = dg_parse_expr_list(p);
    }
    if (dg_ps_accept_kw(p, "HAVING")) c->having = dg_parse_expr(p);
    if (dg_ps_accept_kw(p, "WINDOW")) parse_windows(p, c);
    c->end = dg_ps_prev_end(p);
}

dg_with *dg_parse_with(dg_ps *p)
{
    dg_with *w = dg_pool_alloc(p->pool, sizeof *w);
    DG_PLIST(dg_cte) l = {0};
    dg_ps_expect_kw(p, "WITH");
    w->recursive = dg_ps_accept_kw(p, "RECURSIVE");
    do {
        dg_cte c = {0};
        c.name = dg_ps_name(p);
        if (dg_ps_punct(p, 0, "(")) c.columns = dg_parse_name_list(p);
        dg_ps_expect_kw(p, "AS");
        if (dg_ps_accept_kw(p, "NOT")) {
            dg_ps_expect_kw(p, "MATERIALIZED");
            c.materialized = -1;
        } else if (dg_ps_accept_kw(p, "MATERIALIZED")) {
            c.materialized = 1;
        }
        dg_ps_expect_punct(p, "(");
        c.select = dg_parse_select(p);
        dg_ps_expect_punct(p, ")");
        DG_PLIST_PUSH(p, &l, c);
    } while (dg_ps_accept_punct(p, ","));
    w->ctes.items = l.items;
    w->ctes.len = l.len;
    return w;
}

static dg_compound_op parse_compound_op(dg_ps *p)
{
    if (dg_ps_accept_kw(p, "UNION")) return dg_ps_accept_kw(p, "ALL") ? DG_UNION_ALL : DG_UNION;
    if (dg_ps_accept_kw(p, "INTERSECT")) return DG_INTERSECT;
    if (dg_ps_accept_kw(p, "EXCEPT")) return DG_EXCEPT;
    return DG_COMPOUND_NONE;
}

/* ORDER BY ... LIMIT a [OFFSET b | , b] (shared with UPDATE and DELETE). */
static void parse_order_limit(dg_ps *p, dg_order *order, dg_expr **limit, dg_expr **offset)
{
    if (dg_ps_accept_kw(p, "ORDER")) {
        dg_ps_expect_kw(p, "BY");
        *order = dg_parse_order_terms(p);
    }
    if (dg_ps_accept_kw(p, "LIMIT")) {
        *limit = dg_parse_expr(p);
        if (dg_ps_accept_kw(p, "OFFSET")) {
            *offset = dg_parse_expr(p);
        } else if (dg_ps_accept_punct(p, ",")) {   /* LIMIT offset, count */
            *offset = *limit;
            *limit = dg_parse_expr(p);
        }
    }
}

dg_select *dg_parse_select_after_with(dg_ps *p, dg_with *with)
{
    dg_ps_enter(p);
    dg_select *s = dg_pool_alloc(p->pool, sizeof *s);
    DG_PLIST(dg_select_core) cores = {0};
    s->with = with;
    s->start = here(p);
    dg_compound_op op = DG_COMPOUND_NONE;
    do {
        dg_select_core c = {0};
        c.op = op;
        parse_core(p, &c);
        DG_PLIST_PUSH(p, &cores, c);
    } while ((op = parse_compound_op(p)) != DG_COMPOUND_NONE);
    s->cores.items = cores.items;
    s->cores.len = cores.len;
    parse_order_limit(p, &s->order_by, &s->limit, &s->offset);
    s->end = dg_ps_prev_end(p);
    dg_ps_leave(p);
    return s;
}

dg_select *dg_parse_select(dg_ps *p)
{
    size_t start = here(p);
    dg_with *with = dg_ps_kw(p, 0, "WITH") ? dg_parse_with(p) : NULL;
    dg_select *s = dg_parse_select_after_with(p, with);
    s->start = start;
    return s;
}

void dg_parse_order_limit(dg_ps *p, dg_order *order, dg_expr **limit, dg_expr **offset)
{
    parse_order_limit(p, order, limit, offset);
}
