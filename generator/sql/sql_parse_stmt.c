/* sql_parse_stmt.c - INSERT (with upsert), UPDATE, DELETE, RETURNING, and the
 * dispatch on a statement's first keyword. */
#include "sql/sql_parse.h"

#include <string.h>

static size_t here(dg_ps *p) { return dg_ps_peek(p, 0).start; }

static void parse_qualified_table(dg_ps *p, dg_stmt *s, bool as_required)
{
    s->table = dg_ps_name(p);
    if (dg_ps_accept_punct(p, ".")) {
        s->schema = s->table;
        s->table = dg_ps_name(p);
    }
    if (dg_ps_accept_kw(p, "AS")) s->alias = dg_ps_name(p);
    else if (!as_required && dg_ps_is_name(p, 0) && !dg_ps_kw(p, 0, "INDEXED") && !dg_ps_kw(p, 0, "DEFAULT"))
        s->alias = dg_ps_name(p);
    if (dg_ps_accept_kw(p, "INDEXED")) {
        dg_ps_expect_kw(p, "BY");
        (void)dg_ps_name(p);
    } else if (dg_ps_kw(p, 0, "NOT") && dg_ps_kw(p, 1, "INDEXED")) {
        dg_ps_next(p);
        dg_ps_next(p);
    }
}

static void parse_or_action(dg_ps *p, dg_stmt *s)
{
    static const char *const acts[] = {"ROLLBACK", "ABORT", "REPLACE", "FAIL", "IGNORE", NULL};
    if (!dg_ps_accept_kw(p, "OR")) return;
    for (int i = 0; acts[i]; i++)
        if (dg_ps_accept_kw(p, acts[i])) {
            s->or_action = (char *)acts[i];
            return;
        }
    dg_ps_error(p, dg_ps_peek(p, 0), "expected ROLLBACK, ABORT, REPLACE, FAIL or IGNORE");
}

static dg_set_list parse_set_list(dg_ps *p)
{
    DG_PLIST(dg_set_item) l = {0};
    do {
        dg_set_item it = {0};
        it.start = here(p);
        if (dg_ps_punct(p, 0, "(")) {
            it.columns = dg_parse_name_list(p);
        } else {
            char **one = dg_pool_alloc(p->pool, sizeof *one);
            one[0] = dg_ps_name(p);
            it.columns = (dg_sql_names){one, 1};
        }
        dg_ps_expect_punct(p, "=");
        it.expr = dg_parse_expr(p);
        it.end = dg_ps_prev_end(p);
        DG_PLIST_PUSH(p, &l, it);
    } while (dg_ps_accept_punct(p, ","));
    return (dg_set_list){l.items, l.len};
}

static void parse_returning(dg_ps *p, dg_stmt *s)
{
    if (dg_ps_accept_kw(p, "RETURNING")) s->returning = dg_parse_result_cols(p);
}

static void parse_upserts(dg_ps *p, dg_stmt *s)
{
    DG_PLIST(dg_upsert) l = {0};
    while (dg_ps_kw(p, 0, "ON") && dg_ps_kw(p, 1, "CONFLICT")) {
        dg_ps_next(p);
        dg_ps_next(p);
        dg_upsert u = {0};
        if (dg_ps_accept_punct(p, "(")) {
            u.target = dg_parse_order_terms(p);
            dg_ps_expect_punct(p, ")");
            if (dg_ps_accept_kw(p, "WHERE")) u.target_where = dg_parse_expr(p);
        }
        dg_ps_expect_kw(p, "DO");
        if (dg_ps_accept_kw(p, "NOTHING")) {
            u.do_nothing = true;
        } else {
            dg_ps_expect_kw(p, "UPDATE");
            dg_ps_expect_kw(p, "SET");
            u.set = parse_set_list(p);
            if (dg_ps_accept_kw(p, "WHERE")) u.where = dg_parse_expr(p);
        }
        DG_PLIST_PUSH(p, &l, u);
    }
    s->upserts.items = l.items;
    s->upserts.len = l.len;
}

static void parse_insert(dg_ps *p, dg_stmt *s)
{
    s->kind = DG_STMT_INSERT;
    if (dg_ps_accept_kw(p, "REPLACE")) {
        s->or_action = "REPLACE";
    } else {
        dg_ps_expect_kw(p, "INSERT");
        parse_or_action(p, s);
    }
    dg_ps_expect_kw(p, "INTO");
    parse_qualified_table(p, s, true);
    s->columns_end = dg_ps_prev_end(p);
    if (dg_ps_punct(p, 0, "(")) s->columns = dg_parse_name_list(p);
    if (dg_ps_accept_kw(p, "DEFAULT")) {
        dg_ps_expect_kw(p, "VALUES");
        s->default_values = true;
    } else {
        s->select = dg_parse_select(p);
    }
    parse_upserts(p, s);
    parse_returning(p, s);
}

static void parse_update(dg_ps *p, dg_stmt *s)
{
    s->kind = DG_STMT_UPDATE;
    dg_ps_expect_kw(p, "UPDATE");
    parse_or_action(p, s);
    parse_qualified_table(p, s, false);
    dg_ps_expect_kw(p, "SET");
    s->set = parse_set_list(p);
    if (dg_ps_accept_kw(p, "FROM")) s->from = dg_parse_from(p);
    if (dg_ps_accept_kw(p, "WHERE")) s->where = dg_parse_expr(p);
    parse_returning(p, s);
    dg_parse_order_limit(p, &s->order_by, &s->limit, &s->offset);
}

static void parse_delete(dg_ps *p, dg_stmt *s)
{
    s->kind = DG_STMT_DELETE;
    dg_ps_expect_kw(p, "DELETE");
    dg_ps_expect_kw(p, "FROM");
    parse_qualified_table(p, s, false);
    if (dg_ps_accept_kw(p, "WHERE")) s->where = dg_parse_expr(p);
    parse_returning(p, s);
    dg_parse_order_limit(p, &s->order_by, &s->limit, &s->offset);
}

/* CREATE [TEMP] TRIGGER, as dg_sql_statement_end finds it. */
static bool is_create_trigger(dg_ps *p)
{
    if (!dg_ps_kw(p, 0, "CREATE")) return false;
    for (size_t k = 1; k <= 3; k++)
        if (dg_ps_kw(p, k, "TRIGGER")) return true;
    return false;
}

/* Any other statement (PRAGMA, CREATE, ATTACH, BEGIN, ...): kept as its
 * first keyword; the tokens up to ';' are skipped (a trigger's body holds
 * ';' inside BEGIN ... END, where CASE ... END nests too). */
static void parse_other(dg_ps *p, dg_stmt *s)
{
    dg_tok t = dg_ps_peek(p, 0);
    if (t.kind != DG_TOK_IDENT) dg_ps_error(p, t, NULL);
    s->kind = DG_STMT_OTHER;
    char *kw = dg_pool_strndup(p->pool, p->text + t.start, t.len);
    for (char *c = kw; *c; c++)
        if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 32);
    s->keyword = kw;
    DG_PLIST(dg_expr *) params = {0};
    bool trigger = is_create_trigger(p);
    int depth = 0;
    while (dg_ps_peek(p, 0).kind != DG_TOK_EOF && !(depth == 0 && dg_ps_punct(p, 0, ";"))) {
        if (trigger && (dg_ps_kw(p, 0, "BEGIN") || dg_ps_kw(p, 0, "CASE"))) depth++;
        else if (trigger && depth > 0 && dg_ps_kw(p, 0, "END")) depth--;
        if (dg_ps_peek(p, 0).kind == DG_TOK_VARIABLE) DG_PLIST_PUSH(p, &params, dg_parse_expr(p));
        else dg_ps_next(p);
    }
    s->params = (dg_exprs){params.items, params.len};
}

dg_stmt *dg_parse_statement(dg_ps *p)
{
    dg_stmt *s = dg_pool_alloc(p->pool, sizeof *s);
    s->start = here(p);
    if (dg_ps_kw(p, 0, "WITH")) s->with = dg_parse_with(p);
    if (dg_ps_kw(p, 0, "SELECT") || dg_ps_kw(p, 0, "VALUES")) {
        s->kind = DG_STMT_SELECT;
        s->select = dg_parse_select_after_with(p, s->with);
    } else if (dg_ps_kw(p, 0, "INSERT") || dg_ps_kw(p, 0, "REPLACE")) {
        parse_insert(p, s);
    } else if (dg_ps_kw(p, 0, "UPDATE")) {
        parse_update(p, s);
    } else if (dg_ps_kw(p, 0, "DELETE")) {
        parse_delete(p, s);
    } else if (s->with) {
        dg_ps_error(p, dg_ps_peek(p, 0), "expected SELECT, INSERT, UPDATE or DELETE after WITH");
    } else {
        parse_other(p, s);
    }
    s->end = dg_ps_prev_end(p);
    return s;
}
