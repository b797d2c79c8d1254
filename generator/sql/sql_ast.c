/* sql_ast.c - the parser's memory pool, token helpers and entry points. */
#include "sql/sql_parse.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

typedef union pool_hdr {
    union pool_hdr *next;
    long double align_ld;
    void *align_p;
    long long align_ll;
} pool_hdr;

struct dg_ast_pool { pool_hdr *head; };

dg_ast_pool *dg_pool_new(void) { return dg_xcalloc(1, sizeof(dg_ast_pool)); }

void *dg_pool_alloc(dg_ast_pool *p, size_t n)
{
    pool_hdr *h = dg_xcalloc(1, sizeof *h + n);
    h->next = p->head;
    p->head = h;
    return h + 1;
}

char *dg_pool_strndup(dg_ast_pool *p, const char *s, size_t n)
{
    char *r = dg_pool_alloc(p, n + 1);
    memcpy(r, s, n);
    return r;
}

void dg_pool_free(dg_ast_pool *p)
{
    if (!p) return;
    for (pool_hdr *h = p->head; h;) {
        pool_hdr *n = h->next;
        free(h);
        h = n;
    }
    free(p);
}

void dg_sql_ast_free(dg_sql_ast *a)
{
    if (!a) return;
    dg_pool_free(a->pool);
    free(a);
}

/* ---- tokens ---- */

dg_tok dg_ps_peek(dg_ps *p, size_t k)
{
    size_t i = p->pos + k;
    return i < p->ntoks ? p->toks[i] : p->toks[p->ntoks - 1];
}

dg_tok dg_ps_next(dg_ps *p)
{
    dg_tok t = dg_ps_peek(p, 0);
    if (p->pos + 1 < p->ntoks) p->pos++;
    return t;
}

size_t dg_ps_prev_end(dg_ps *p)
{
    if (p->pos == 0) return 0;
    dg_tok t = p->toks[p->pos - 1];
    return t.start + t.len;
}

bool dg_ps_kw(dg_ps *p, size_t k, const char *kw) { return dg_tok_is_kw(&p->lx, dg_ps_peek(p, k), kw); }
bool dg_ps_punct(dg_ps *p, size_t k, const char *s) { return dg_tok_is_punct(&p->lx, dg_ps_peek(p, k), s); }

bool dg_ps_accept_kw(dg_ps *p, const char *kw)
{
    if (!dg_ps_kw(p, 0, kw)) return false;
    dg_ps_next(p);
    return true;
}

bool dg_ps_accept_punct(dg_ps *p, const char *s)
{
    if (!dg_ps_punct(p, 0, s)) return false;
    dg_ps_next(p);
    return true;
}

_Noreturn void dg_ps_error(dg_ps *p, dg_tok t, const char *msg)
{
    if (p->d) {
        dg_loc loc = dg_loc_at(p->text, t.start, p->base);
        if (t.kind == DG_TOK_EOF)
            dg_error(p->d, loc, "incomplete input%s%s", msg ? ": " : "", msg ? msg : "");
        else
            dg_error(p->d, loc, "near \"%.*s\": syntax error%s%s", (int)t.len, p->text + t.start,
                     msg ? ": " : "", msg ? msg : "");
    }
    longjmp(p->fail, 1);
}

void dg_ps_expect_kw(dg_ps *p, const char *kw)
{
    if (dg_ps_accept_kw(p, kw)) return;
    char msg[64];
    snprintf(msg, sizeof msg, "expected %s", kw);
    dg_ps_error(p, dg_ps_peek(p, 0), msg);
}

void dg_ps_expect_punct(dg_ps *p, const char *s)
{
    if (dg_ps_accept_punct(p, s)) return;
    char msg[64];
    snprintf(msg, sizeof msg, "expected \"%s\"", s);
    dg_ps_error(p, dg_ps_peek(p, 0), msg);
}

/* Words that never name a column, table or alias: SQLite's keywords without
 * an ID fallback, which is where clauses begin and end. */
static const char *const reserved[] = {
    "ADD", "ALL", "ALTER", "AND", "AS", "AUTOINCREMENT", "BETWEEN", "CASE", "CHECK",
    "COLLATE", "COMMIT", "CONSTRAINT", "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIME",
    "CURRENT_TIMESTAMP", "DEFAULT", "DEFERRABLE", "DELETE", "DISTINCT", "DROP", "ELSE",
    "ESCAPE", "EXCEPT", "EXISTS", "FILTER", "FOREIGN", "FROM", "FULL", "GROUP", "HAVING",
    "IN", "INDEX", "INDEXED", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN",
    "LEFT", "LIMIT", "NATURAL", "NOT", "NOTNULL", "NULL", "ON", "OR", "ORDER",
    "OUTER", "OVER", "PRIMARY", "REFERENCES", "RETURNING", "RIGHT", "SELECT", "SET",
    "TABLE", "THEN", "TO", "TRANSACTION", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES",
    "WHEN", "WHERE", "WINDOW", NULL
};

static bool is_reserved(dg_ps *p, dg_tok t)
{
    for (int i = 0; reserved[i]; i++)
        if (dg_tok_is_kw(&p->lx, t, reserved[i])) return true;
    return false;
}

bool dg_ps_is_name(dg_ps *p, size_t k)
{
    dg_tok t = dg_ps_peek(p, k);
    if (t.kind == DG_TOK_QIDENT) return true;
    return t.kind == DG_TOK_IDENT && !is_reserved(p, t);
}

char *dg_ps_name(dg_ps *p)
{
    dg_tok t = dg_ps_peek(p, 0);
    if (!dg_ps_is_name(p, 0) && t.kind != DG_TOK_STRING) dg_ps_error(p, t, "expected a name");
    dg_ps_next(p);
    char *s = dg_tok_ident(&p->lx, t);
    char *r = dg_pool_strndup(p->pool, s, strlen(s));
    free(s);
    return r;
}

void dg_ps_enter(dg_ps *p)
{
    if (++p->depth > 400) dg_ps_error(p, dg_ps_peek(p, 0), "nested too deeply");
}

void dg_ps_leave(dg_ps *p) { p->depth--; }

/* ---- entry points ---- */

static void tokenize(dg_ps *p)
{
    DG_PLIST(dg_tok) toks = {0};
    dg_lexer_init(&p->lx, p->text, p->len);
    for (;;) {
        dg_tok t = dg_tok_next_sig(&p->lx);
        DG_PLIST_PUSH(p, &toks, t);
        if (t.kind == DG_TOK_EOF) break;
        if (t.kind == DG_TOK_ILLEGAL) {
            p->toks = toks.items;
            p->ntoks = toks.len;
            dg_ps_error(p, t, "unrecognized token");
        }
    }
    p->toks = toks.items;
    p->ntoks = toks.len;
}

typedef enum { PARSE_EXPR, PARSE_STMT } parse_what;

static int parse(const char *text, size_t len, dg_loc loc, dg_sql_ast **out, dg_diags *d, parse_what what)
{
    *out = NULL;
    dg_ps *p = dg_xcalloc(1, sizeof *p);
    p->text = text;
    p->len = len;
    p->base = loc;
    p->d = d;
    p->pool = dg_pool_new();
    dg_sql_ast *a = dg_xcalloc(1, sizeof *a);
    a->pool = p->pool;
    if (setjmp(p->fail)) {
        dg_sql_ast_free(a);
        free(p);
        return -1;
    }
    tokenize(p);
    if (what == PARSE_EXPR) {
        a->expr = dg_parse_expr(p);
    } else {
        a->stmt = dg_parse_statement(p);
        dg_ps_accept_punct(p, ";");
    }
    dg_tok t = dg_ps_peek(p, 0);
    if (t.kind != DG_TOK_EOF) dg_ps_error(p, t, NULL);
    free(p);
    *out = a;
    return 0;
}

int dg_expr_parse(const char *text, size_t len, dg_loc loc, dg_sql_ast **out, dg_diags *d)
{
    return parse(text, len, loc, out, d, PARSE_EXPR);
}

int dg_stmt_parse(const char *text, size_t len, dg_loc loc, dg_sql_ast **out, dg_diags *d)
{
    return parse(text, len, loc, out, d, PARSE_STMT);
}

/* ---- walking ---- */

static void walk_window(dg_window *w, dg_expr_visit_fn fn, void *ctx)
{
    if (!w) return;
    for (size_t i = 0; i < w->partition.len; i++) dg_expr_walk(w->partition.items[i], fn, ctx);
    for (size_t i = 0; i < w->order.len; i++) dg_expr_walk(w->order.items[i].expr, fn, ctx);
    dg_expr_walk(w->frame_start, fn, ctx);
    dg_expr_walk(w->frame_end, fn, ctx);
}

void dg_expr_walk(dg_expr *e, dg_expr_visit_fn fn, void *ctx)
{
    if (!e) return;
    fn(e, ctx);
    dg_expr_walk(e->base, fn, ctx);
    for (size_t i = 0; i < e->args.len; i++) dg_expr_walk(e->args.items[i], fn, ctx);
    dg_expr_walk(e->else_expr, fn, ctx);
    dg_expr_walk(e->filter, fn, ctx);
    walk_window(e->over, fn, ctx);
}
