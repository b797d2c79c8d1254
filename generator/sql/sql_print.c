/* sql_print.c - an expression back to SQL text, every operator
 * parenthesised so that the tree's shape is visible (tests, messages). */
#include "sql/sql_ast.h"

#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"
#include "util/buf.h"

static void put_name(dg_buf *b, const char *n)
{
    bool plain = n[0] && !(n[0] >= '0' && n[0] <= '9');
    for (const char *c = n; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_'))
            plain = false;
    if (plain) {
        dg_buf_puts(b, n);
        return;
    }
    char *q = dg_sql_quote_ident(n);
    dg_buf_puts(b, q);
    free(q);
}

static void print(dg_buf *b, const dg_expr *e);

static void print_list(dg_buf *b, const dg_exprs *l, size_t from)
{
    for (size_t i = from; i < l->len; i++) {
        if (i > from) dg_buf_puts(b, ", ");
        print(b, l->items[i]);
    }
}

static void print_func(dg_buf *b, const dg_expr *e)
{
    dg_buf_printf(b, "%s(", e->name);
    if (e->star) dg_buf_putc(b, '*');
    if (e->distinct) dg_buf_puts(b, "DISTINCT ");
    print_list(b, &e->args, 0);
    dg_buf_putc(b, ')');
    if (e->filter) {
        dg_buf_puts(b, " FILTER (WHERE ");
        print(b, e->filter);
        dg_buf_putc(b, ')');
    }
    if (e->over_name) dg_buf_printf(b, " OVER %s", e->over_name);
    else if (e->over) dg_buf_puts(b, " OVER (...)");
}

static void print_case(dg_buf *b, const dg_expr *e)
{
    dg_buf_puts(b, "CASE");
    if (e->base) {
        dg_buf_putc(b, ' ');
        print(b, e->base);
    }
    for (size_t i = 0; i + 1 < e->args.len; i += 2) {
        dg_buf_puts(b, " WHEN ");
        print(b, e->args.items[i]);
        dg_buf_puts(b, " THEN ");
        print(b, e->args.items[i + 1]);
    }
    if (e->else_expr) {
        dg_buf_puts(b, " ELSE ");
        print(b, e->else_expr);
    }
    dg_buf_puts(b, " END");
}

static void print_in(dg_buf *b, const dg_expr *e)
{
    dg_buf_putc(b, '(');
    print(b, e->args.items[0]);
    dg_buf_puts(b, e->negated ? " NOT IN " : " IN ");
    if (e->select) {
        dg_buf_puts(b, "(SELECT ...)");
    } else if (e->table) {
        if (e->schema) dg_buf_printf(b, "%s.", e->schema);
        put_name(b, e->table);
        if (e->star) {
            dg_buf_putc(b, '(');
            print_list(b, &e->args, 1);
            dg_buf_putc(b, ')');
        }
    } else {
        dg_buf_putc(b, '(');
        print_list(b, &e->args, 1);
        dg_buf_putc(b, ')');
    }
    dg_buf_putc(b, ')');
}

static void print(dg_buf *b, const dg_expr *e)
{
    switch (e->kind) {
    case DG_E_LITERAL:
    case DG_E_PARAM:
        dg_buf_puts(b, e->text);
        break;
    case DG_E_COLUMN:
        if (e->schema) { put_name(b, e->schema); dg_buf_putc(b, '.'); }
        if (e->table) { put_name(b, e->table); dg_buf_putc(b, '.'); }
        put_name(b, e->name);
        break;
    case DG_E_UNARY:
        dg_buf_printf(b, "(%s%s", e->op, strcmp(e->op, "NOT") == 0 ? " " : "");
        print(b, e->args.items[0]);
        dg_buf_putc(b, ')');
        break;
    case DG_E_BINARY:
        dg_buf_putc(b, '(');
        print(b, e->args.items[0]);
        dg_buf_printf(b, " %s ", e->op);
        print(b, e->args.items[1]);
        dg_buf_putc(b, ')');
        break;
    case DG_E_NULLTEST:
        dg_buf_putc(b, '(');
        print(b, e->args.items[0]);
        dg_buf_puts(b, e->negated ? " NOTNULL)" : " ISNULL)");
        break;
    case DG_E_BETWEEN:
        dg_buf_putc(b, '(');
        print(b, e->args.items[0]);
        dg_buf_puts(b, e->negated ? " NOT BETWEEN " : " BETWEEN ");
        print(b, e->args.items[1]);
        dg_buf_puts(b, " AND ");
        print(b, e->args.items[2]);
        dg_buf_putc(b, ')');
        break;
    case DG_E_IN:
        print_in(b, e);
        break;
    case DG_E_LIKE:
        dg_buf_putc(b, '(');
        print(b, e->args.items[0]);
        dg_buf_printf(b, " %s%s ", e->negated ? "NOT " : "", e->op);
        print(b, e->args.items[1]);
        if (e->args.len > 2) {
            dg_buf_puts(b, " ESCAPE ");
            print(b, e->args.items[2]);
        }
        dg_buf_putc(b, ')');
        break;
    case DG_E_CASE: print_case(b, e); break;
    case DG_E_CAST:
        dg_buf_puts(b, "CAST(");
        print(b, e->args.items[0]);
        dg_buf_printf(b, " AS %s)", e->type);
        break;
    case DG_E_COLLATE:
        dg_buf_putc(b, '(');
        print(b, e->args.items[0]);
        dg_buf_printf(b, " COLLATE %s)", e->name);
        break;
    case DG_E_FUNC: print_func(b, e); break;
    case DG_E_EXISTS: dg_buf_puts(b, e->negated ? "NOT EXISTS (SELECT ...)" : "EXISTS (SELECT ...)"); break;
    case DG_E_SUBQUERY: dg_buf_puts(b, "(SELECT ...)"); break;
    case DG_E_ROW:
        dg_buf_putc(b, '(');
        print_list(b, &e->args, 0);
        dg_buf_putc(b, ')');
        break;
    case DG_E_RAISE:
        dg_buf_printf(b, "RAISE(%s", e->op);
        if (e->args.len) {
            dg_buf_puts(b, ", ");
            print(b, e->args.items[0]);
        }
        dg_buf_putc(b, ')');
        break;
    }
}

char *dg_expr_to_sql(const dg_expr *e)
{
    dg_buf b = DG_BUF_INIT;
    if (e) print(&b, e);
    return dg_buf_steal(&b);
}
