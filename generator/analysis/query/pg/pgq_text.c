/* pgq_text.c - the little of PostgreSQL's lexical structure the queries
 * analyser needs beside libpg_query's locations: where a call's parentheses
 * close, where an identifier ends; quoting; locating (pgq_int.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"
#include "analysis/query/pg/pgq_int.h"
#include "util/buf.h"

static bool ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
           ch == '$' || (unsigned char)ch >= 0x80;
}

/* Offset after the token that is not code starting at i (a string, quoted
 * identifier, dollar quote or comment), or i when there is none. */
static size_t skip_quoted(const char *t, size_t len, size_t i)
{
    char ch = t[i];
    if (ch == '\'' || ch == '"') {
        bool esc = ch == '\'' && i > 0 && (t[i - 1] == 'E' || t[i - 1] == 'e') &&
                   (i < 2 || !ident_char(t[i - 2]));
        for (size_t k = i + 1; k < len; k++) {
            if (esc && t[k] == '\\') { k++; continue; }
            if (t[k] == ch) {
                if (k + 1 < len && t[k + 1] == ch) { k++; continue; }
                return k + 1;
            }
        }
        return len;
    }
    if (ch == '-' && i + 1 < len && t[i + 1] == '-') {
        const char *nl = memchr(t + i, '\n', len - i);
        return nl ? (size_t)(nl - t) + 1 : len;
    }
    if (ch == '/' && i + 1 < len && t[i + 1] == '*') {
        int depth = 0;
        for (size_t k = i; k + 1 < len; k++) {
            if (t[k] == '/' && t[k + 1] == '*') { depth++; k++; }
            else if (t[k] == '*' && t[k + 1] == '/') { k++; if (--depth == 0) return k + 1; }
        }
        return len;
    }
    if (ch == '$' && (i == 0 || !ident_char(t[i - 1]))) {   /* $tag$ ... $tag$ ($1 is a parameter) */
        size_t k = i + 1;
        while (k < len && ident_char(t[k]) && t[k] != '$' && !(k == i + 1 && t[k] >= '0' && t[k] <= '9')) k++;
        if (k < len && t[k] == '$') {
            size_t taglen = k + 1 - i;
            for (size_t m = k + 1; m + taglen <= len; m++)
                if (t[m] == '$' && !memcmp(t + m, t + i, taglen)) return m + taglen;
            return len;
        }
    }
    return i;
}

size_t pgq_find(const char *t, size_t len, size_t off, char ch)
{
    for (size_t i = off; i < len;) {
        size_t j = skip_quoted(t, len, i);
        if (j != i) { i = j; continue; }
        if (t[i] == ch) return i;
        i++;
    }
    return len;
}

size_t pgq_paren_end(const char *t, size_t len, size_t open)
{
    int depth = 0;
    for (size_t i = open; i < len;) {
        size_t j = skip_quoted(t, len, i);
        if (j != i) { i = j; continue; }
        if (t[i] == '(') depth++;
        else if (t[i] == ')' && --depth == 0) return i + 1;
        i++;
    }
    return len;
}

size_t pgq_ident_end(const char *t, size_t len, size_t off)
{
    if (off < len && t[off] == '"') return skip_quoted(t, len, off);
    while (off < len && ident_char(t[off])) off++;
    return off;
}

size_t pgq_char_offset(const char *t, size_t len, long chars)
{
    size_t i = 0;
    while (i < len && chars > 0) {
        i++;
        while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80) i++;
        chars--;
    }
    return i;
}

char *pgq_quote(const char *name) { return dg_sql_quote_ident(name); }

/* ---- the JSON tree ---- */

const char *pgq_kind(const json_t *node, json_t **body)
{
    if (body) *body = NULL;
    if (!json_is_object(node) || json_object_size(node) != 1) return NULL;
    void *it = json_object_iter((json_t *)node);
    if (body) *body = json_object_iter_value(it);
    return json_object_iter_key(it);
}

json_t *pgq_as(const json_t *node, const char *kind)
{
    json_t *body;
    const char *k = pgq_kind(node, &body);
    return k && !strcmp(k, kind) ? body : NULL;
}

long pgq_loc(const json_t *body)
{
    json_t *l = json_object_get(body, "location");
    return json_is_integer(l) ? (long)json_integer_value(l) : -1;
}

const char *pgq_str_at(const json_t *list, size_t n)
{
    json_t *s = pgq_as(json_array_get(list, n), "String");
    return s ? json_string_value(json_object_get(s, "sval")) : NULL;
}

/* ---- locations ---- */

dg_loc pgq_loc_of(const pgq_ctx *c, size_t off)
{
    const dg_qsrc *src = c->src;
    if (src->start_loc.line > 0) return dg_loc_at(src->text + src->start, off, src->start_loc);
    dg_loc base = {src->file, 1, 1};
    return dg_loc_at(src->text, src->start + off, base);
}

void pgq_error(pgq_ctx *c, size_t off, const char *fmt, ...)
{
    c->errors++;
    if (c->quiet) return;
    dg_buf b = DG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    dg_error(c->d, pgq_loc_of(c, off), "%s", dg_buf_cstr(&b));
    dg_buf_free(&b);
}

/* ---- columns and scopes ---- */

/* A table column's NOT NULL: its own, or its domain's. */
bool pgq_column_notnull(const dg_schema *s, const dg_column *col)
{
    if (col->not_null) return true;
    const dg_pg_column *p = col->pg;
    if (!p || !p->type_kind || strcmp(p->type_kind, "domain") || p->array_dims > 0) return false;
    for (size_t i = 0; i < s->domains.len; i++) {
        const dg_pg_domain *dm = &s->domains.items[i];
        if (!strcmp(dm->name, p->type_name) && (!p->type_schema || !strcmp(dm->schema, p->type_schema)))
            return dm->not_null;
    }
    return false;
}


void pgq_cols_free(pgq_cols *c)
{
    for (size_t i = 0; i < c->len; i++) free(c->items[i].name);
    DG_VEC_FREE(c);
}

void pgq_cols_push(pgq_cols *c, const char *name, bool notnull, const dg_table *t, int column)
{
    pgq_col *x = DG_VEC_ADD(c);
    memset(x, 0, sizeof *x);
    x->name = dg_xstrdup(name);
    x->notnull = notnull;
    x->table = t;
    x->column = column;
}

void pgq_scope_free(pgq_scope *s)
{
    for (size_t i = 0; i < s->srcs.len; i++) {
        free(s->srcs.items[i].name);
        pgq_cols_free(&s->srcs.items[i].cols);
    }
    DG_VEC_FREE(&s->srcs);
}

/* ---- blanks ---- */

static bool is_blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f'; }

static bool is_comment(const char *t, size_t len, size_t i)
{
    return i + 1 < len && ((t[i] == '-' && t[i + 1] == '-') || (t[i] == '/' && t[i + 1] == '*'));
}

size_t pgq_skip_blank(const char *t, size_t len, size_t off)
{
    while (off < len) {
        if (is_blank(t[off])) off++;
        else if (is_comment(t, len, off)) off = skip_quoted(t, len, off);
        else break;
    }
    return off;
}

size_t pgq_code_end(const char *t, size_t from, size_t to)
{
    size_t end = from;
    for (size_t i = from; i < to;) {
        if (is_blank(t[i])) { i++; continue; }
        if (is_comment(t, to, i)) { i = skip_quoted(t, to, i); continue; }
        size_t j = skip_quoted(t, to, i);
        i = j != i ? j : i + 1;
        end = i;
    }
    return end;
}

char *dg_pg_sql_cast_params(const char *sql, const char *const *casts, size_t n)
{
    dg_buf b = DG_BUF_INIT;
    size_t len = strlen(sql), i = 0;
    while (i < len) {
        size_t j = skip_quoted(sql, len, i);
        if (j != i) {
            dg_buf_append(&b, sql + i, j - i);
            i = j;
            continue;
        }
        bool param = sql[i] == '$' && i + 1 < len && sql[i + 1] >= '0' && sql[i + 1] <= '9' &&
                     (i == 0 || !ident_char(sql[i - 1]));
        if (!param) {
            dg_buf_putc(&b, sql[i++]);
            continue;
        }
        size_t k = 0, e = i + 1;
        while (e < len && sql[e] >= '0' && sql[e] <= '9') k = k * 10 + (size_t)(sql[e++] - '0');
        dg_buf_append(&b, sql + i, e - i);
        if (k >= 1 && k <= n && casts[k - 1]) dg_buf_puts(&b, casts[k - 1]);
        i = e;
    }
    return dg_buf_steal(&b);
}
