/* sql_parse.h - private state of the recursive-descent parser behind
 * sql_ast.h (sql_parse_*.c).  Every allocation goes to the pool, so a
 * syntax error unwinds with longjmp and the pool frees what was built. */
#ifndef DG_SQL_PARSE_H
#define DG_SQL_PARSE_H

#include <setjmp.h>
#include <string.h>

#include "sql/sqltok.h"
#include "sql/sql_ast.h"

typedef struct dg_ast_pool dg_ast_pool;

void *dg_pool_alloc(dg_ast_pool *p, size_t n);          /* zeroed */
char *dg_pool_strndup(dg_ast_pool *p, const char *s, size_t n);
dg_ast_pool *dg_pool_new(void);
void dg_pool_free(dg_ast_pool *p);

/* A growable array whose storage lives in the pool (old storage is kept
 * until the pool is freed: lists are short). */
#define DG_PLIST(T) struct { T *items; size_t len; size_t cap; }
#define DG_PLIST_PUSH(ps, l, v)                                                 \
    do {                                                                        \
        if ((l)->len == (l)->cap) {                                             \
            size_t ncap_ = (l)->cap ? (l)->cap * 2 : 4;                         \
            void *n_ = dg_pool_alloc((ps)->pool, ncap_ * sizeof *(l)->items);   \
            if ((l)->len) memcpy(n_, (l)->items, (l)->len * sizeof *(l)->items);\
            (l)->items = n_;                                                    \
            (l)->cap = ncap_;                                                   \
        }                                                                       \
        (l)->items[(l)->len++] = (v);                                           \
    } while (0)

typedef struct dg_ps {
    const char *text;
    size_t len;
    dg_lexer lx;             /* for dg_tok_* helpers */
    dg_tok *toks;            /* significant tokens, ending with EOF */
    size_t ntoks, pos;
    dg_ast_pool *pool;
    dg_loc base;
    dg_diags *d;
    jmp_buf fail;
    int depth;
} dg_ps;

/* Token access. */
dg_tok dg_ps_peek(dg_ps *p, size_t k);
dg_tok dg_ps_next(dg_ps *p);
bool dg_ps_kw(dg_ps *p, size_t k, const char *kw);
bool dg_ps_punct(dg_ps *p, size_t k, const char *punct);
bool dg_ps_accept_kw(dg_ps *p, const char *kw);
bool dg_ps_accept_punct(dg_ps *p, const char *punct);
void dg_ps_expect_kw(dg_ps *p, const char *kw);
void dg_ps_expect_punct(dg_ps *p, const char *punct);
/* Reports a syntax error at token `t` and unwinds. */
_Noreturn void dg_ps_error(dg_ps *p, dg_tok t, const char *msg);
/* True when token k can name something (identifier, quoted, non-reserved word). */
bool dg_ps_is_name(dg_ps *p, size_t k);
char *dg_ps_name(dg_ps *p);          /* consumes a name or fails */
size_t dg_ps_prev_end(dg_ps *p);     /* end offset of the last consumed token */
void dg_ps_enter(dg_ps *p);          /* recursion guard */
void dg_ps_leave(dg_ps *p);

/* Grammar. */
dg_expr *dg_parse_expr(dg_ps *p);
dg_exprs dg_parse_expr_list(dg_ps *p);                 /* e, e, ... (at least one) */
dg_select *dg_parse_select(dg_ps *p);                  /* [WITH] core compound... ORDER LIMIT */
dg_select *dg_parse_select_after_with(dg_ps *p, dg_with *with);
dg_with *dg_parse_with(dg_ps *p);                      /* at WITH */
dg_window *dg_parse_window_def(dg_ps *p);              /* at '(' */
dg_order dg_parse_order_terms(dg_ps *p);               /* after ORDER BY */
dg_result_cols dg_parse_result_cols(dg_ps *p);
dg_from dg_parse_from(dg_ps *p);
dg_sql_names dg_parse_name_list(dg_ps *p);                 /* ( a, b ) */
char *dg_parse_type_name(dg_ps *p);
bool dg_ps_starts_select(dg_ps *p, size_t k);          /* SELECT, VALUES or WITH */
/* [ORDER BY terms] [LIMIT a [OFFSET b | , b]] */
void dg_parse_order_limit(dg_ps *p, dg_order *order, dg_expr **limit, dg_expr **offset);
dg_stmt *dg_parse_statement(dg_ps *p);

#endif
