/* typecheck.c - DEFAULTs and CHECKs that contradict a column's C type
 * (typecheck.h).  What a literal becomes in a column follows SQLite's
 * affinity rules (datatype3.html 3, 4.2): a comparison applies the
 * column's affinity to a literal just as storing it does. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/typecheck/typecheck.h"
#include "sql/sql_ast.h"
#include "util/buf.h"

/* A storage class; SC_NONE: not known (or refused by a STRICT table). */
typedef enum sclass { SC_NONE = 0, SC_NULL, SC_INTEGER, SC_REAL, SC_TEXT, SC_BLOB } sclass;

/* A literal: its storage class as written and what affinity reads of it. */
typedef struct lit {
    sclass      cls;
    const char *text;        /* a number as written (its sign apart), a string's value;
                                NULL for text that is never a number (CURRENT_*) */
    size_t      start, end;  /* span in the parsed text, sign included */
} lit;

static bool sql_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Integral and within int64: what NUMERIC and INTEGER affinity keep as INTEGER. */
static bool integral(double v)
{
    return v >= -9223372036854775808.0 && v < 9223372036854775808.0 && v == (double)(int64_t)v;
}

/* What NUMERIC or INTEGER affinity makes of text: a well-formed decimal
 * number (spaces around it allowed; no hex, no inf) becomes INTEGER when
 * integral, else REAL; anything else stays TEXT. */
static sclass numeric_text(const char *s)
{
    if (!s) return SC_TEXT;
    while (sql_space(*s)) s++;
    const char *p = s + (*s == '+' || *s == '-');
    size_t digits = 0;
    for (; isdigit((unsigned char)*p); p++) digits++;
    if (*p == '.')
        for (p++; isdigit((unsigned char)*p); p++) digits++;
    if (!digits) return SC_TEXT;
    if (*p == 'e' || *p == 'E') {
        p += 1 + (p[1] == '+' || p[1] == '-');
        if (!isdigit((unsigned char)*p)) return SC_TEXT;
        while (isdigit((unsigned char)*p)) p++;
    }
    while (sql_space(*p)) p++;
    if (*p) return SC_TEXT;
    return integral(strtod(s, NULL)) ? SC_INTEGER : SC_REAL;
}

/* An integer literal is REAL when it does not fit int64 (hex ones always fit
 * or are errors). */
static sclass integer_class(const char *text, bool neg)
{
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) return SC_INTEGER;
    errno = 0;
    unsigned long long m = strtoull(text, NULL, 10);
    if (errno == ERANGE || m > (unsigned long long)INT64_MAX + (neg ? 1u : 0u)) return SC_REAL;
    return SC_INTEGER;
}

static sclass literal_class(const dg_expr *e, bool neg)
{
    switch (e->lit) {
    case DG_LIT_INTEGER: return integer_class(e->text, neg);
    case DG_LIT_REAL: return SC_REAL;
    case DG_LIT_STRING:
    case DG_LIT_CURRENT_TIME:
    case DG_LIT_CURRENT_DATE:
    case DG_LIT_CURRENT_TIMESTAMP: return SC_TEXT;
    case DG_LIT_BLOB: return SC_BLOB;
    case DG_LIT_NULL: return SC_NULL;
    case DG_LIT_TRUE:
    case DG_LIT_FALSE: return SC_INTEGER;
    }
    return SC_NONE;
}

static bool rowid_name(const char *n)
{
    return !dg_strcasecmp_ascii(n, "rowid") || !dg_strcasecmp_ascii(n, "oid") || !dg_strcasecmp_ascii(n, "_rowid_");
}

/* Whether SQLite reads the name e as text: in a DEFAULT (t NULL) any bare
 * or double-quoted name; in a CHECK of t, which SQLite resolved when it
 * created t, a name that is no column (a double-quoted string). */
static bool name_is_text(const dg_expr *e, const dg_table *t)
{
    if (e->kind != DG_E_COLUMN || e->table || e->schema) return false;
    return !t || (dg_table_column_index(t, e->name) < 0 && !rowid_name(e->name));
}

/* The literal e is (cls SC_NONE when it is none): a literal, a sign before
 * a number, or a name SQLite reads as text (name_is_text; t NULL in a
 * DEFAULT).  Parentheses are gone in the parse. */
static lit literal(const dg_expr *e, const dg_table *t)
{
    lit l = {SC_NONE, NULL, e->start, e->end};
    bool neg = false;
    if (e->kind == DG_E_UNARY && (!strcmp(e->op, "-") || !strcmp(e->op, "+"))) {
        neg = e->op[0] == '-';
        e = e->args.items[0];
        if (e->kind != DG_E_LITERAL || (e->lit != DG_LIT_INTEGER && e->lit != DG_LIT_REAL)) return l;
    }
    if (name_is_text(e, t)) {
        l.cls = SC_TEXT;
        l.text = e->name;
    } else if (e->kind == DG_E_LITERAL) {
        l.cls = literal_class(e, neg);
        l.text = e->lit == DG_LIT_STRING ? e->str : e->lit == DG_LIT_INTEGER || e->lit == DG_LIT_REAL ? e->text : NULL;
    }
    return l;
}

/* The one storage class a STRICT column of affinity a accepts (SC_NONE: any). */
static sclass strict_class(dg_affinity a)
{
    switch (a) {
    case DG_AFF_INTEGER: return SC_INTEGER;
    case DG_AFF_REAL: return SC_REAL;
    case DG_AFF_TEXT: return SC_TEXT;
    case DG_AFF_BLOB: return SC_BLOB;
    case DG_AFF_NUMERIC: break;
    }
    return SC_NONE;
}

/* The storage class literal l has in column c of t once c's affinity has
 * applied; SC_NONE when a STRICT table refuses it (an insert fails). */
static sclass stored(const dg_table *t, const dg_column *c, lit l)
{
    if (l.cls == SC_NULL || l.cls == SC_NONE) return l.cls;
    bool any = t->strict && !dg_strcasecmp_ascii(c->type, "ANY");   /* no affinity at all */
    sclass s = l.cls;
    switch (any ? DG_AFF_BLOB : c->affinity) {
    case DG_AFF_TEXT:
        if (s == SC_INTEGER || s == SC_REAL) s = SC_TEXT;
        break;
    case DG_AFF_NUMERIC:
    case DG_AFF_INTEGER:
        if (s == SC_TEXT) s = numeric_text(l.text);
        else if (s == SC_REAL && integral(strtod(l.text, NULL))) s = SC_INTEGER;
        break;
    case DG_AFF_REAL:
        if (s == SC_INTEGER || (s == SC_TEXT && numeric_text(l.text) != SC_TEXT)) s = SC_REAL;
        break;
    case DG_AFF_BLOB: break;
    }
    sclass only = any || !t->strict ? SC_NONE : strict_class(c->affinity);
    return only != SC_NONE && s != only ? SC_NONE : s;
}

/* Whether the exact read of v accepts a value of class s (dal.h). */
static bool read_fits(dg_vtype v, sclass s)
{
    switch (v) {
    case DG_VT_INT64:
    case DG_VT_BOOL: return s == SC_INTEGER;
    case DG_VT_DOUBLE: return s == SC_INTEGER || s == SC_REAL;
    case DG_VT_TEXT: return s == SC_TEXT;
    case DG_VT_BLOB: return s == SC_BLOB;
    case DG_VT_UNKNOWN:
    case DG_VT_VALUE: break;
    }
    return true;
}

/* Whether v and s are the same kind of value (a number, text, a blob). */
static bool kind_fits(dg_vtype v, sclass s)
{
    if (v == DG_VT_INT64 || v == DG_VT_BOOL) v = DG_VT_DOUBLE;
    return read_fits(v, s == SC_INTEGER ? SC_REAL : s);
}

static const char *class_phrase(sclass s)
{
    static const char *const p[] = {"unknown", "NULL", "an integer", "a real number", "text", "a blob"};
    return p[s];
}

/* The value type that reads class s exactly. */
static dg_vtype class_vtype(sclass s)
{
    return s == SC_INTEGER ? DG_VT_INT64 : s == SC_REAL ? DG_VT_DOUBLE : s == SC_TEXT ? DG_VT_TEXT : DG_VT_BLOB;
}

/* Column c's value type when a contradiction would matter: the exact read
 * of a typed value (not `value`, not an `@read` lenient or any). */
static bool judged(const dg_table *t, const dg_column *c, dg_vtype *v)
{
    const char *read = dg_annotation_get(&c->annotations, "read");
    if (read && (!dg_strcasecmp_ascii(read, "lenient") || !dg_strcasecmp_ascii(read, "any"))) return false;
    *v = dg_vtype_of_column(t, c);
    return *v != DG_VT_VALUE && *v != DG_VT_UNKNOWN;
}

/* The warning; `what` says what contradicts v, s is that value's class. */
static void warn(dg_diags *d, dg_loc loc, const dg_table *t, const dg_column *c, dg_vtype v, const char *what,
                 sclass s)
{
    const char *fix = dg_vtype_name(class_vtype(s));
    char *decl = *c->type ? dg_xprintf("declared '%s'", c->type) : dg_xstrdup("declared without a type");
    dg_warning(d, loc,
               "column '%s.%s' (%s) is read as %s, but %s; type it with '-- @type %s' or the override "
               "'{column: %s.%s, c_type: %s}'",
               t->name, c->name, decl, dg_vtype_name(v), what, fix, t->name, c->name, fix);
    free(decl);
}

static void check_default(const dg_table *t, const dg_column *c, dg_diags *d)
{
    dg_vtype v;
    if (!c->default_sql || !judged(t, c, &v)) return;
    dg_sql_ast *ast = NULL;
    dg_loc none = {NULL, 0, 0};
    if (dg_expr_parse(c->default_sql, strlen(c->default_sql), none, &ast, NULL) != 0) return;
    sclass s = stored(t, c, literal(ast->expr, NULL));
    if (s != SC_NONE && s != SC_NULL && !read_fits(v, s)) {
        char *what = dg_xprintf("its DEFAULT %s is %s", c->default_sql, class_phrase(s));
        warn(d, c->loc, t, c, v, what, s);
        free(what);
    }
    dg_sql_ast_free(ast);
}

/* ---- CHECK constraints ---- */

typedef struct checkcx {
    const dg_table *t;
    const dg_check *ck;
    bool           *warned;   /* per column: warned of already for this CHECK */
    dg_diags       *d;
} checkcx;

/* The index of the column of t that e names, -1 when e is no such column. */
static int column_of(const dg_table *t, const dg_expr *e)
{
    if (e->kind != DG_E_COLUMN || e->schema || (e->table && dg_strcasecmp_ascii(e->table, t->name))) return -1;
    return dg_table_column_index(t, e->name);
}

/* `col` compared with each of lits[0, n): a warning for the first literal
 * of another kind than the column's C type. */
static void compare(checkcx *x, const dg_expr *col, dg_expr *const *lits, size_t n)
{
    int i = column_of(x->t, col);
    dg_vtype v;
    if (i < 0 || x->warned[i] || !judged(x->t, &x->t->columns.items[i], &v)) return;
    const dg_column *c = &x->t->columns.items[i];
    for (size_t k = 0; k < n; k++) {
        lit l = literal(lits[k], x->t);
        sclass s = stored(x->t, c, l);
        if (s == SC_NONE || s == SC_NULL || kind_fits(v, s)) continue;
        char *what = dg_xprintf("its CHECK compares it with %.*s, which is %s", (int)(l.end - l.start),
                                x->ck->expr + l.start, class_phrase(s));
        warn(x->d, x->ck->loc, x->t, c, v, what, s);
        free(what);
        x->warned[i] = true;
        return;
    }
}

static bool is_comparison(const char *op)
{
    static const char *const ops[] = {"=", "==", "!=", "<>", "<", "<=", ">", ">=", "IS", "IS NOT",
                                      "IS DISTINCT FROM", "IS NOT DISTINCT FROM"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (!strcmp(op, ops[i])) return true;
    return false;
}

/* The simple comparisons of e, through AND, OR and NOT. */
static void walk(checkcx *x, const dg_expr *e)
{
    dg_expr *const *a = e->args.items;
    switch (e->kind) {
    case DG_E_BINARY:
        if (!strcmp(e->op, "AND") || !strcmp(e->op, "OR")) {
            walk(x, a[0]);
            walk(x, a[1]);
        } else if (is_comparison(e->op)) {
            compare(x, a[0], &a[1], 1);
            compare(x, a[1], &a[0], 1);
        }
        break;
    case DG_E_UNARY:
        if (!strcmp(e->op, "NOT")) walk(x, a[0]);
        break;
    case DG_E_BETWEEN: compare(x, a[0], a + 1, 2); break;
    case DG_E_IN:
        if (!e->select && !e->table) compare(x, a[0], a + 1, e->args.len - 1);
        break;
    default: break;
    }
}

static void check_check(const dg_table *t, const dg_check *ck, bool *warned, dg_diags *d)
{
    dg_sql_ast *ast = NULL;
    dg_loc none = {NULL, 0, 0};
    if (dg_expr_parse(ck->expr, strlen(ck->expr), none, &ast, NULL) != 0) return;
    memset(warned, 0, t->columns.len * sizeof *warned);
    checkcx x = {t, ck, warned, d};
    walk(&x, ast->expr);
    dg_sql_ast_free(ast);
}

void dg_schema_type_warnings(const dg_schema *s, dg_diags *d)
{
    for (size_t i = 0; i < s->tables.len; i++) {
        const dg_table *t = &s->tables.items[i];
        if (t->module) continue;   /* virtual tables: their module decides what they hold */
        for (size_t k = 0; k < t->columns.len; k++) check_default(t, &t->columns.items[k], d);
        bool *warned = dg_xcalloc(t->columns.len + 1, sizeof *warned);
        for (size_t k = 0; k < t->checks.len; k++) check_check(t, &t->checks.items[k], warned, d);
        free(warned);
    }
}
