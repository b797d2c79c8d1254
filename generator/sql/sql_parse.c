/* sql_parse.c - the parser's entry points: tokenize, then parse one
 * expression or statement (sql_ast.h); above sql_parse_*.c, which it calls. */
#include "sql/sql_parse.h"

#include <stdlib.h>

#include "util/buf.h"

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

