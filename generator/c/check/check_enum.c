/* check_enum.c - recognising the CHECK that makes a TEXT column an enum,
 * and the integer set of an enum stored as integers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "c/check/check_int.h"
#include "util/map.h"

typedef struct enum_scan {
    const dg_table *t;
    int column;
    dg_strings *values;
    dg_map      seen;   /* the values so far (keys borrowed from the parsed CHECK) */
} enum_scan;

static bool add_value(enum_scan *s, const dg_expr *lit)
{
    size_t one;
    if (lit->kind != DG_E_LITERAL || lit->lit != DG_LIT_STRING) return false;
    if (dg_map_get(&s->seen, lit->str, &one)) return false;   /* a map: 20,000 values were quadratic */
    dg_map_put(&s->seen, lit->str, 1);
    dg_strings_push(s->values, lit->str);
    return true;
}

static bool same_column(enum_scan *s, const dg_expr *e)
{
    if (e->kind != DG_E_COLUMN || e->schema || (e->table && dg_strcasecmp_ascii(e->table, s->t->name) != 0))
        return false;
    int i = dg_table_column_index(s->t, e->name);
    if (i < 0 || (s->column >= 0 && i != s->column)) return false;
    s->column = i;
    return true;
}

/* col = 'a' OR col = 'b' OR ... */
static bool or_chain(enum_scan *s, const dg_expr *e)
{
    if (e->kind != DG_E_BINARY) return false;
    if (strcmp(e->op, "OR") == 0) return or_chain(s, e->args.items[0]) && or_chain(s, e->args.items[1]);
    if (strcmp(e->op, "=") != 0 && strcmp(e->op, "==") != 0) return false;
    const dg_expr *a = e->args.items[0], *b = e->args.items[1];
    if (a->kind == DG_E_LITERAL) { const dg_expr *x = a; a = b; b = x; }
    return same_column(s, a) && add_value(s, b);
}

bool dg_check_enum(const dg_table *t, const dg_check *chk, int *column, dg_strings *values)
{
    dg_sql_ast *ast = NULL;
    if (dg_expr_parse(chk->expr, strlen(chk->expr), chk->loc, &ast, NULL) != 0) return false;
    dg_strings found = {0};
    enum_scan s = {t, -1, &found, {0}};
    dg_map_init(&s.seen, false);
    const dg_expr *e = ast->expr;
    bool ok;
    if (e->kind == DG_E_IN && !e->negated && !e->select && !e->name && e->args.len > 1) {
        ok = same_column(&s, e->args.items[0]);
        for (size_t i = 1; ok && i < e->args.len; i++) ok = add_value(&s, e->args.items[i]);
    } else {
        ok = or_chain(&s, e) && found.len > 1;
    }
    if (ok) {
        const dg_column *c = &t->columns.items[s.column];
        ok = c->affinity == DG_AFF_TEXT && (!c->collation || dg_strcasecmp_ascii(c->collation, "BINARY") == 0) &&
             (chk->column < 0 || chk->column == s.column);
    }
    if (ok) {
        *column = s.column;
        for (size_t i = 0; i < found.len; i++) dg_strings_push(values, found.items[i]);
    }
    dg_strings_free(&found);
    dg_map_free(&s.seen);
    dg_sql_ast_free(ast);
    return ok;
}

/* An integer literal, or `-` before one. */
static bool int_literal(const dg_expr *e, long long *out)
{
    bool neg = e->kind == DG_E_UNARY && !strcmp(e->op, "-") && e->args.len == 1;
    if (neg) e = e->args.items[0];
    if (e->kind != DG_E_LITERAL || e->lit != DG_LIT_INTEGER || !e->text) return false;
    char *end;
    errno = 0;
    long long v = strtoll(e->text, &end, 10);
    if (*end || errno) return false;
    *out = neg ? -v : v;
    return true;
}

bool dg_check_int_set(const dg_table *t, const dg_check *chk, int *column, dg_llongs *values)
{
    dg_sql_ast *ast = NULL;
    if (dg_expr_parse(chk->expr, strlen(chk->expr), chk->loc, &ast, NULL) != 0) return false;
    dg_strings unused = {0};
    enum_scan s = {t, -1, &unused, {0}};
    dg_map_init(&s.seen, false);
    const dg_expr *e = ast->expr;
    bool ok = e->kind == DG_E_IN && !e->negated && !e->select && !e->name && e->args.len > 1 &&
              same_column(&s, e->args.items[0]);
    dg_llongs found = {0};
    for (size_t i = 1; ok && i < e->args.len; i++) {
        long long v;
        ok = int_literal(e->args.items[i], &v);
        if (ok) DG_VEC_PUSH(&found, v);
    }
    ok = ok && t->columns.items[s.column].affinity == DG_AFF_INTEGER && (chk->column < 0 || chk->column == s.column);
    if (ok) {
        *column = s.column;
        for (size_t i = 0; i < found.len; i++) DG_VEC_PUSH(values, found.items[i]);
    }
    DG_VEC_FREE(&found);
    dg_map_free(&s.seen);
    dg_sql_ast_free(ast);
    return ok;
}
