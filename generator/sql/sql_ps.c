/* sql_ps.c - the parser's token helpers (sql_parse.h): peeking, accepting
 * and expecting tokens, names, nesting depth; what every parse_*.c calls. */
#include "sql/sql_parse.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

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

