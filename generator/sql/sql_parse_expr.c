/* sql_parse_expr.c - SQLite's expression grammar by precedence climbing,
 * levels as in https://www.sqlite.org/lang_expr.html (and parse.y):
 *   OR < AND < NOT < (= == != <> IS IN LIKE GLOB MATCH REGEXP BETWEEN ISNULL
 *   NOTNULL) < (< <= > >=) < (& | << >>) < (+ -) < (* / %) < (|| -> ->>)
 *   < COLLATE < unary (- + ~). */
#include "sql/sql_parse.h"

#include <stdlib.h>
#include <string.h>

static dg_expr *node(dg_ps *p, dg_expr_kind kind, size_t start)
{
    dg_expr *e = dg_pool_alloc(p->pool, sizeof *e);
    e->kind = kind;
    e->start = start;
    e->height = 1;
    return e;
}

static size_t here(dg_ps *p) { return dg_ps_peek(p, 0).start; }

static dg_expr *finish(dg_ps *p, dg_expr *e)
{
    e->end = dg_ps_prev_end(p);
    return e;
}

/* Appends the n expressions of `a` to e's arguments, with one allocation:
 * the arguments carry no capacity, so appending one at a time copied the
 * list each time (an IN list of 20,000 values: seconds and gigabytes). */
static void add_args(dg_ps *p, dg_expr *e, dg_expr *const *a, size_t n)
{
    if (!n) return;
    for (size_t i = 0; i < n; i++)
        if (a[i]->height >= e->height) e->height = a[i]->height + 1;
    if (e->height > DG_SQL_MAX_EXPR_DEPTH)
        dg_ps_error(p, dg_ps_peek(p, 0), "expression tree is too large (maximum depth 1000, as in SQLite)");
    dg_expr **items = dg_pool_alloc(p->pool, (e->args.len + n) * sizeof *items);
    if (e->args.len) memcpy(items, e->args.items, e->args.len * sizeof *items);
    memcpy(items + e->args.len, a, n * sizeof *items);
    e->args.items = items;
    e->args.len += n;
}

static void add_arg(dg_ps *p, dg_expr *e, dg_expr *a) { add_args(p, e, &a, 1); }

static dg_expr *binary(dg_ps *p, const char *op, dg_expr *l, dg_expr *r)
{
    dg_expr *e = node(p, DG_E_BINARY, l->start);
    e->op = op;
    add_arg(p, e, l);
    add_arg(p, e, r);
    e->end = r->end;
    return e;
}

static char *tok_text(dg_ps *p, dg_tok t) { return dg_pool_strndup(p->pool, p->text + t.start, t.len); }

dg_exprs dg_parse_expr_list(dg_ps *p)
{
    DG_PLIST(dg_expr *) l = {0};
    do {
        DG_PLIST_PUSH(p, &l, dg_parse_expr(p));
    } while (dg_ps_accept_punct(p, ","));
    return (dg_exprs){l.items, l.len};
}

char *dg_parse_type_name(dg_ps *p)
{
    size_t start = here(p);
    if (!dg_ps_is_name(p, 0)) dg_ps_error(p, dg_ps_peek(p, 0), "expected a type name");
    while (dg_ps_is_name(p, 0)) dg_ps_next(p);
    if (dg_ps_accept_punct(p, "(")) {
        int depth = 1;
        while (depth > 0) {
            dg_tok t = dg_ps_next(p);
            if (t.kind == DG_TOK_EOF) dg_ps_error(p, t, NULL);
            if (dg_tok_is_punct(&p->lx, t, "(")) depth++;
            if (dg_tok_is_punct(&p->lx, t, ")")) depth--;
        }
    }
    /* the text as written, whitespace runs (and comments) folded to one space */
    size_t end = dg_ps_prev_end(p), n = 0;
    char *r = dg_pool_alloc(p->pool, end - start + 1);
    dg_lexer lx;
    dg_lexer_init(&lx, p->text + start, end - start);
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        bool tight = n && (r[n - 1] == '(' || p->text[start + t.start] == '(' ||
                           p->text[start + t.start] == ')' || p->text[start + t.start] == ',');
        if (n && !tight) r[n++] = ' ';
        memcpy(r + n, p->text + start + t.start, t.len);
        n += t.len;
    }
    return r;
}

/* ---- primaries ---- */

static dg_expr *parse_param(dg_ps *p)
{
    dg_tok t = dg_ps_next(p);
    dg_expr *e = node(p, DG_E_PARAM, t.start);
    e->text = tok_text(p, t);
    if (e->text[0] == '?') {
        e->form = t.len > 1 ? DG_P_NUMBERED : DG_P_QUESTION;
        e->number = t.len > 1 ? strtol(e->text + 1, NULL, 10) : 0;
    } else {
        e->form = DG_P_NAMED;
        e->sigil = e->text[0];
        e->name = e->text + 1;
    }
    return finish(p, e);
}

/* sqlc.arg(name), sqlc.narg(name), sqlc.slice(name), sqlc.embed(table). */
static dg_expr *parse_sqlc(dg_ps *p)
{
    static const struct { const char *fn; dg_param_form form; } forms[] = {
        {"arg", DG_P_SQLC_ARG}, {"narg", DG_P_SQLC_NARG},
        {"slice", DG_P_SQLC_SLICE}, {"embed", DG_P_SQLC_EMBED},
    };
    size_t start = here(p);
    dg_ps_next(p);
    dg_ps_next(p);
    dg_tok fn = dg_ps_next(p);
    dg_expr *e = node(p, DG_E_PARAM, start);
    e->form = DG_P_SQLC_ARG;
    bool known = false;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (dg_tok_is_kw(&p->lx, fn, forms[i].fn)) {
            e->form = forms[i].form;
            known = true;
        }
    if (!known) dg_ps_error(p, fn, "unknown sqlc function (arg, narg, slice or embed)");
    dg_ps_expect_punct(p, "(");
    /* any word names the parameter, keywords too (`sqlc.arg(limit)` is `:limit`) */
    dg_tok t = dg_ps_peek(p, 0);
    if (t.kind == DG_TOK_IDENT) {
        dg_ps_next(p);
        e->name = dg_pool_strndup(p->pool, p->text + t.start, t.len);
    } else {
        e->name = dg_ps_name(p);
    }
    dg_ps_expect_punct(p, ")");
    finish(p, e);
    e->text = dg_pool_strndup(p->pool, p->text + e->start, e->end - e->start);
    return e;
}

static dg_expr *parse_literal(dg_ps *p, dg_lit_kind lit)
{
    dg_tok t = dg_ps_next(p);
    dg_expr *e = node(p, DG_E_LITERAL, t.start);
    e->lit = lit;
    e->text = tok_text(p, t);
    if (lit == DG_LIT_STRING) {
        char *s = dg_tok_ident(&p->lx, t);
        e->str = dg_pool_strndup(p->pool, s, strlen(s));
        free(s);
    } else if (lit == DG_LIT_INTEGER) {
        if (strchr(e->text, '.') || ((strchr(e->text, 'e') || strchr(e->text, 'E')) &&
                                     !(e->text[0] == '0' && (e->text[1] == 'x' || e->text[1] == 'X'))))
            e->lit = DG_LIT_REAL;
    }
    return finish(p, e);
}

static dg_expr *parse_case(dg_ps *p)
{
    dg_expr *e = node(p, DG_E_CASE, here(p));
    dg_ps_expect_kw(p, "CASE");
    if (!dg_ps_kw(p, 0, "WHEN")) e->base = dg_parse_expr(p);
    if (!dg_ps_kw(p, 0, "WHEN")) dg_ps_error(p, dg_ps_peek(p, 0), "expected WHEN");
    DG_PLIST(dg_expr *) arms = {0};   /* WHEN, THEN, WHEN, THEN... */
    while (dg_ps_accept_kw(p, "WHEN")) {
        DG_PLIST_PUSH(p, &arms, dg_parse_expr(p));
        dg_ps_expect_kw(p, "THEN");
        DG_PLIST_PUSH(p, &arms, dg_parse_expr(p));
    }
    add_args(p, e, arms.items, arms.len);
    if (dg_ps_accept_kw(p, "ELSE")) e->else_expr = dg_parse_expr(p);
    dg_ps_expect_kw(p, "END");
    return finish(p, e);
}

static dg_expr *parse_cast(dg_ps *p)
{
    dg_expr *e = node(p, DG_E_CAST, here(p));
    dg_ps_next(p);
    dg_ps_expect_punct(p, "(");
    add_arg(p, e, dg_parse_expr(p));
    dg_ps_expect_kw(p, "AS");
    e->type = dg_parse_type_name(p);
    dg_ps_expect_punct(p, ")");
    return finish(p, e);
}

static dg_expr *parse_raise(dg_ps *p)
{
    dg_expr *e = node(p, DG_E_RAISE, here(p));
    dg_ps_next(p);
    dg_ps_expect_punct(p, "(");
    static const char *const ops[] = {"IGNORE", "ROLLBACK", "ABORT", "FAIL"};
    for (int i = 0; i < 4; i++)
        if (dg_ps_accept_kw(p, ops[i])) e->op = ops[i];
    if (!e->op) dg_ps_error(p, dg_ps_peek(p, 0), "expected IGNORE, ROLLBACK, ABORT or FAIL");
    if (strcmp(e->op, "IGNORE") != 0) {
        dg_ps_expect_punct(p, ",");
        add_arg(p, e, dg_parse_expr(p));
    }
    dg_ps_expect_punct(p, ")");
    return finish(p, e);
}

static dg_expr *parse_function(dg_ps *p)
{
    dg_expr *e = node(p, DG_E_FUNC, here(p));
    e->name = dg_ps_name(p);
    dg_ps_expect_punct(p, "(");
    if (dg_ps_accept_punct(p, "*")) {
        e->star = true;
    } else if (!dg_ps_punct(p, 0, ")")) {
        if (dg_ps_accept_kw(p, "DISTINCT")) e->distinct = true;
        else dg_ps_accept_kw(p, "ALL");
        e->args = dg_parse_expr_list(p);
        if (dg_ps_accept_kw(p, "ORDER")) {   /* aggregate ORDER BY (SQLite 3.44+) */
            dg_ps_expect_kw(p, "BY");
            (void)dg_parse_order_terms(p);
        }
    }
    dg_ps_expect_punct(p, ")");
    if (dg_ps_accept_kw(p, "FILTER")) {
        dg_ps_expect_punct(p, "(");
        dg_ps_expect_kw(p, "WHERE");
        e->filter = dg_parse_expr(p);
        dg_ps_expect_punct(p, ")");
    }
    if (dg_ps_accept_kw(p, "OVER")) {
        if (dg_ps_punct(p, 0, "(")) e->over = dg_parse_window_def(p);
        else e->over_name = dg_ps_name(p);
    }
    return finish(p, e);
}

static dg_expr *parse_column(dg_ps *p)
{
    dg_expr *e = node(p, DG_E_COLUMN, here(p));
    char *a = dg_ps_name(p), *b = NULL, *c = NULL;
    if (dg_ps_punct(p, 0, ".") && dg_ps_peek(p, 1).kind != DG_TOK_EOF) {
        dg_ps_next(p);
        b = dg_ps_name(p);
        if (dg_ps_punct(p, 0, ".")) {
            dg_ps_next(p);
            c = dg_ps_name(p);
        }
    }
    if (c) {
        e->schema = a;
        e->table = b;
        e->name = c;
    } else if (b) {
        e->table = a;
        e->name = b;
    } else {
        e->name = a;
    }
    return finish(p, e);
}

static dg_expr *parse_paren(dg_ps *p)
{
    size_t start = here(p);
    dg_ps_expect_punct(p, "(");
    if (dg_ps_starts_select(p, 0)) {
        dg_expr *e = node(p, DG_E_SUBQUERY, start);
        e->select = dg_parse_select(p);
        dg_ps_expect_punct(p, ")");
        return finish(p, e);
    }
    dg_exprs list = dg_parse_expr_list(p);
    dg_ps_expect_punct(p, ")");
    if (list.len == 1) return list.items[0];   /* grouping only; span stays the inner one */
    dg_expr *e = node(p, DG_E_ROW, start);
    e->args = list;
    return finish(p, e);
}

static const struct { const char *kw; dg_lit_kind lit; } word_literals[] = {
    {"NULL", DG_LIT_NULL}, {"TRUE", DG_LIT_TRUE}, {"FALSE", DG_LIT_FALSE},
    {"CURRENT_TIME", DG_LIT_CURRENT_TIME}, {"CURRENT_DATE", DG_LIT_CURRENT_DATE},
    {"CURRENT_TIMESTAMP", DG_LIT_CURRENT_TIMESTAMP},
};

static dg_expr *parse_primary(dg_ps *p)
{
    dg_tok t = dg_ps_peek(p, 0);
    switch (t.kind) {
    case DG_TOK_NUMBER: return parse_literal(p, DG_LIT_INTEGER);
    case DG_TOK_STRING: return parse_literal(p, DG_LIT_STRING);
    case DG_TOK_BLOB: return parse_literal(p, DG_LIT_BLOB);
    case DG_TOK_VARIABLE: return parse_param(p);
    default: break;
    }
    if (dg_ps_punct(p, 0, "(")) return parse_paren(p);
    for (size_t i = 0; i < sizeof word_literals / sizeof word_literals[0]; i++)
        if (dg_ps_kw(p, 0, word_literals[i].kw) &&
            (i == 0 || i > 2 || !dg_ps_punct(p, 1, ".")))
            return parse_literal(p, word_literals[i].lit);
    if (dg_ps_kw(p, 0, "CASE")) return parse_case(p);
    if (dg_ps_kw(p, 0, "CAST") && dg_ps_punct(p, 1, "(")) return parse_cast(p);
    if (dg_ps_kw(p, 0, "RAISE") && dg_ps_punct(p, 1, "(")) return parse_raise(p);
    if (dg_ps_kw(p, 0, "EXISTS") && dg_ps_punct(p, 1, "(")) {
        dg_expr *e = node(p, DG_E_EXISTS, t.start);
        dg_ps_next(p);
        dg_ps_next(p);
        e->select = dg_parse_select(p);
        dg_ps_expect_punct(p, ")");
        return finish(p, e);
    }
    if (dg_ps_kw(p, 0, "sqlc") && dg_ps_punct(p, 1, ".") && dg_ps_punct(p, 3, "("))
        return parse_sqlc(p);
    /* A function name may be a keyword with an ID fallback (replace, like, glob). */
    if ((t.kind == DG_TOK_IDENT || t.kind == DG_TOK_QIDENT) && dg_ps_punct(p, 1, "(") &&
        (dg_ps_is_name(p, 0) || dg_ps_kw(p, 0, "LIKE") || dg_ps_kw(p, 0, "GLOB")))
        return parse_function(p);
    if (dg_ps_is_name(p, 0) || t.kind == DG_TOK_STRING) return parse_column(p);
    dg_ps_error(p, t, NULL);
}

/* ---- operators ----
 *
 * Precedence climbing with SQLite's levels (parse.y):
 *   OR 1, AND 2, NOT 3 (prefix), = == != <> IS IN LIKE GLOB MATCH REGEXP
 *   BETWEEN ISNULL NOTNULL 4, < <= > >= 5, & | << >> 7, + - 8, * / % 9,
 *   || -> ->> 10, COLLATE 11, unary - + ~ 12.
 * As in SQLite's LALR parser, a prefix operator may start any operand, and
 * the result of a postfix form (x IN (...), x ISNULL, x COLLATE c) goes on
 * as the left operand of what follows. */

enum { P_OR = 1, P_AND, P_NOT, P_EQ, P_CMP, P_ESCAPE, P_BIT, P_ADD, P_MUL, P_CONCAT, P_COLLATE, P_UNARY };

static dg_expr *parse_prec(dg_ps *p, int min);

static const struct { const char *op; int prec; } puncts_prec[] = {
    {"=", P_EQ}, {"==", P_EQ}, {"!=", P_EQ}, {"<>", P_EQ},
    {"<", P_CMP}, {"<=", P_CMP}, {">", P_CMP}, {">=", P_CMP},
    {"&", P_BIT}, {"|", P_BIT}, {"<<", P_BIT}, {">>", P_BIT},
    {"+", P_ADD}, {"-", P_ADD}, {"*", P_MUL}, {"/", P_MUL}, {"%", P_MUL},
    {"||", P_CONCAT}, {"->", P_CONCAT}, {"->>", P_CONCAT},
};

static const char *like_op(dg_ps *p, size_t k)
{
    static const char *const ops[] = {"LIKE", "GLOB", "REGEXP", "MATCH", NULL};
    for (int i = 0; ops[i]; i++)
        if (dg_ps_kw(p, k, ops[i])) return ops[i];
    return NULL;
}

/* The precedence of the operator at the current token, 0 when none. */
static int next_prec(dg_ps *p, const char **punct)
{
    *punct = NULL;
    for (size_t i = 0; i < sizeof puncts_prec / sizeof puncts_prec[0]; i++)
        if (dg_ps_punct(p, 0, puncts_prec[i].op)) {
            *punct = puncts_prec[i].op;
            return puncts_prec[i].prec;
        }
    if (dg_ps_kw(p, 0, "OR")) return P_OR;
    if (dg_ps_kw(p, 0, "AND")) return P_AND;
    if (dg_ps_kw(p, 0, "COLLATE")) return P_COLLATE;
    if (dg_ps_kw(p, 0, "IS") || dg_ps_kw(p, 0, "ISNULL") || dg_ps_kw(p, 0, "NOTNULL") || dg_ps_kw(p, 0, "IN") ||
        dg_ps_kw(p, 0, "BETWEEN") || like_op(p, 0))
        return P_EQ;
    if (dg_ps_kw(p, 0, "NOT") && (dg_ps_kw(p, 1, "NULL") || dg_ps_kw(p, 1, "IN") || dg_ps_kw(p, 1, "BETWEEN") ||
                                  like_op(p, 1)))
        return P_EQ;
    return 0;
}

/* The right side of [NOT] IN. */
static void parse_in_rhs(dg_ps *p, dg_expr *e)
{
    if (dg_ps_accept_punct(p, "(")) {
        if (dg_ps_starts_select(p, 0)) e->select = dg_parse_select(p);
        else if (!dg_ps_punct(p, 0, ")")) {
            dg_exprs l = dg_parse_expr_list(p);
            add_args(p, e, l.items, l.len);
        }
        dg_ps_expect_punct(p, ")");
        return;
    }
    /* IN [schema.]table  or  IN [schema.]fn(args) */
    char *a = dg_ps_name(p);
    if (dg_ps_accept_punct(p, ".")) {
        e->schema = a;
        e->table = dg_ps_name(p);
    } else {
        e->table = a;
    }
    if (dg_ps_accept_punct(p, "(")) {
        e->star = true;   /* marks a table-valued function call */
        if (!dg_ps_punct(p, 0, ")")) {
            dg_exprs l = dg_parse_expr_list(p);
            add_args(p, e, l.items, l.len);
        }
        dg_ps_expect_punct(p, ")");
    }
}

/* IS, ISNULL, NOTNULL, NOT NULL, [NOT] IN / BETWEEN / LIKE... after lhs. */
static dg_expr *parse_eq_op(dg_ps *p, dg_expr *lhs)
{
    if (dg_ps_accept_kw(p, "IS")) {
        bool not = dg_ps_accept_kw(p, "NOT");
        bool distinct = false;
        if (dg_ps_accept_kw(p, "DISTINCT")) {
            dg_ps_expect_kw(p, "FROM");
            distinct = true;
        }
        const char *op = distinct ? (not ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM") : (not ? "IS NOT" : "IS");
        return binary(p, op, lhs, parse_prec(p, P_EQ + 1));
    }
    if (dg_ps_kw(p, 0, "ISNULL") || dg_ps_kw(p, 0, "NOTNULL") || (dg_ps_kw(p, 0, "NOT") && dg_ps_kw(p, 1, "NULL"))) {
        dg_expr *e = node(p, DG_E_NULLTEST, lhs->start);
        e->negated = !dg_ps_kw(p, 0, "ISNULL");
        if (dg_ps_accept_kw(p, "NOT")) dg_ps_next(p);
        else dg_ps_next(p);
        add_arg(p, e, lhs);
        return finish(p, e);
    }
    bool not = dg_ps_accept_kw(p, "NOT");
    if (dg_ps_accept_kw(p, "IN")) {
        dg_expr *e = node(p, DG_E_IN, lhs->start);
        e->negated = not;
        add_arg(p, e, lhs);
        parse_in_rhs(p, e);
        return finish(p, e);
    }
    if (dg_ps_accept_kw(p, "BETWEEN")) {
        dg_expr *e = node(p, DG_E_BETWEEN, lhs->start);
        e->negated = not;
        add_arg(p, e, lhs);
        add_arg(p, e, parse_prec(p, P_NOT));   /* the middle ends at its AND */
        dg_ps_expect_kw(p, "AND");
        add_arg(p, e, parse_prec(p, P_EQ + 1));
        return finish(p, e);
    }
    dg_expr *e = node(p, DG_E_LIKE, lhs->start);
    e->op = like_op(p, 0);
    dg_ps_next(p);
    e->negated = not;
    add_arg(p, e, lhs);
    add_arg(p, e, parse_prec(p, P_EQ + 1));
    if (dg_ps_accept_kw(p, "ESCAPE")) add_arg(p, e, parse_prec(p, P_EQ + 1));
    return finish(p, e);
}

static dg_expr *parse_prefix(dg_ps *p)
{
    static const char *const ops[] = {"-", "+", "~"};
    for (int i = 0; i < 3; i++) {
        if (dg_ps_punct(p, 0, ops[i])) {
            dg_expr *e = node(p, DG_E_UNARY, here(p));
            dg_ps_next(p);
            e->op = ops[i];
            add_arg(p, e, parse_prec(p, P_UNARY));
            return finish(p, e);
        }
    }
    if (dg_ps_kw(p, 0, "NOT")) {
        size_t start = here(p);
        dg_ps_next(p);
        dg_expr *operand = parse_prec(p, P_NOT);
        if (operand->kind == DG_E_EXISTS && !operand->negated) {   /* NOT EXISTS (...) */
            operand->negated = true;
            operand->start = start;
            return operand;
        }
        dg_expr *e = node(p, DG_E_UNARY, start);
        e->op = "NOT";
        add_arg(p, e, operand);
        return finish(p, e);
    }
    return parse_primary(p);
}

static dg_expr *parse_prec(dg_ps *p, int min)
{
    dg_ps_enter(p);
    dg_expr *e = parse_prefix(p);
    for (;;) {
        const char *punct;
        int prec = next_prec(p, &punct);
        if (prec == 0 || prec < min) break;
        if (punct) {
            dg_ps_next(p);
            e = binary(p, punct, e, parse_prec(p, prec + 1));
        } else if (prec == P_OR || prec == P_AND) {
            dg_ps_next(p);
            e = binary(p, prec == P_OR ? "OR" : "AND", e, parse_prec(p, prec + 1));
        } else if (prec == P_COLLATE) {
            dg_ps_next(p);
            dg_expr *c = node(p, DG_E_COLLATE, e->start);
            add_arg(p, c, e);
            c->name = dg_ps_name(p);
            e = finish(p, c);
        } else {
            e = parse_eq_op(p, e);
        }
    }
    dg_ps_leave(p);
    return e;
}

dg_expr *dg_parse_expr(dg_ps *p) { return parse_prec(p, P_OR); }
