/* Token-level helpers of the differ: canonical forms for comparison,
 * mention tests, the rewriting of stored CREATE text, and adding a statement
 * to the plan (dd_stmt). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"
#include "analysis/diff/diff_int.h"

const char *dd_rename_lookup(const dd_renames *r, const char *old_name)
{
    if (!r) return NULL;
    for (size_t i = 0; i < r->len; i++)
        if (!dg_strcasecmp_ascii(r->items[i].old_name, old_name)) return r->items[i].new_name;
    return NULL;
}

char *dd_q(const char *ident) { return dg_sql_quote_ident(ident); }

bool dd_is_ignored_table(const char *name)
{
    return !dg_strcasecmp_ascii(name, "_dal_migrations") ||
           !strncmp(name, "sqlite_", 7);
}

static void put_lower(dg_buf *b, const char *s)
{
    for (; *s; s++) dg_buf_putc(b, (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s);
}

/* Every identifier and keyword becomes "lower-case name" (after renames), so
 * that quoting and case do not matter; literals and operators stay.  With
 * `t`, a double-quoted word that names no column of t is the string literal
 * SQLite reads it as (and ALTER TABLE RENAME rewrites it to 'word'), so both
 * spellings compare equal. */
static char *canon(const char *text, const dd_renames *cols, const dd_renames *tables, const dg_table *t)
{
    if (!text) return dg_xstrdup("");
    dg_lexer lx;
    dg_lexer_init(&lx, text, strlen(text));
    dg_buf b = DG_BUF_INIT;
    for (;;) {
        dg_tok tk = dg_tok_next_sig(&lx);
        if (tk.kind == DG_TOK_EOF) break;
        if (b.len) dg_buf_putc(&b, ' ');
        if (tk.kind == DG_TOK_IDENT || tk.kind == DG_TOK_QIDENT) {
            char *id = dg_tok_ident(&lx, tk);
            if (t && tk.kind == DG_TOK_QIDENT && text[tk.start] == '"' && !dg_table_column(t, id)) {
                char *lit = dg_sql_quote_string(id);
                dg_buf_puts(&b, lit);
                free(lit);
                free(id);
                continue;
            }
            const char *r = dd_rename_lookup(cols, id);
            if (!r) r = dd_rename_lookup(tables, id);
            dg_buf_putc(&b, '"');
            put_lower(&b, r ? r : id);
            dg_buf_putc(&b, '"');
            free(id);
        } else {
            dg_buf_append(&b, text + tk.start, tk.len);
        }
    }
    return dg_buf_steal(&b);
}

char *dd_canon(const char *text, const dd_renames *cols, const dd_renames *tables)
{
    return canon(text, cols, tables, NULL);
}

char *dd_canon_in_table(const char *text, const dd_renames *cols, const dd_renames *tables, const dg_table *t)
{
    return canon(text, cols, tables, t);
}

/* Whether a word of `sql` (identifier, quoted identifier or string) is
 * one `is_name` accepts; with `past_as`, not a word right after AS (an
 * alias, or CAST's type: never a column's use). */
static bool any_word_at(const char *sql, bool (*is_name)(const char *id, const void *arg), const void *arg,
                        bool past_as)
{
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (bool after_as = false;;) {
        dg_tok t = dg_tok_next_sig(&lx);
        if (t.kind == DG_TOK_EOF) return false;
        bool skip = past_as && after_as;
        after_as = dg_tok_is_kw(&lx, t, "AS");
        if (skip || (t.kind != DG_TOK_IDENT && t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING)) continue;
        char *id = dg_tok_ident(&lx, t);
        bool hit = is_name(id, arg);
        free(id);
        if (hit) return true;
    }
}

static bool any_word(const char *sql, bool (*is_name)(const char *id, const void *arg), const void *arg)
{
    return any_word_at(sql, is_name, arg, false);
}

static bool is_the_name(const char *id, const void *name) { return !dg_strcasecmp_ascii(id, name); }

static bool is_in_map(const char *id, const void *names)
{
    size_t at;
    return dg_map_get(names, id, &at);
}

bool dd_mentions(const char *sql, const char *name)
{
    return sql && any_word(sql, is_the_name, name);
}

bool dd_mentions_outside_aliases(const char *sql, const char *name)
{
    return sql && any_word_at(sql, is_the_name, name, true);
}

bool dd_mentions_any(const char *sql, const dg_map *names)
{
    return sql && names->len && any_word(sql, is_in_map, names);
}

/* `-- @key value` -> `/ * @key value * /` (DESIGN.md: annotations dalgen
 * writes into SQL are block comments, which survive every statement form). */
static void put_comment(dg_buf *b, const char *s, size_t len)
{
    if (len < 2 || s[0] != '-') {
        dg_buf_append(b, s, len);
        return;
    }
    size_t i = 2;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i >= len || s[i] != '@') {
        dg_buf_append(b, s, len);
        return;
    }
    while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
    dg_buf_puts(b, "/* ");
    for (size_t k = i; k < len; k++) {
        dg_buf_putc(b, s[k]);
        if (s[k] == '*' && k + 1 < len && s[k + 1] == '/') dg_buf_putc(b, ' ');
    }
    dg_buf_puts(b, " */");
}

char *dd_sql_out(const char *sql)
{
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    dg_buf b = DG_BUF_INIT;
    for (;;) {
        dg_tok t = dg_tok_next(&lx);
        if (t.kind == DG_TOK_EOF) break;
        if (t.kind == DG_TOK_COMMENT) put_comment(&b, sql + t.start, t.len);
        else dg_buf_append(&b, sql + t.start, t.len);
    }
    while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\n' ||
                     b.data[b.len - 1] == '\t' || b.data[b.len - 1] == '\r' ||
                     b.data[b.len - 1] == ';'))
        b.data[--b.len] = '\0';
    return dg_buf_steal(&b);
}

char *dd_create_table_named(const char *sql, const char *name)
{
    dg_lexer lx;
    size_t len = strlen(sql);
    dg_lexer_init(&lx, sql, len);
    dg_tok t = dg_tok_next_sig(&lx);   /* CREATE */
    do t = dg_tok_next_sig(&lx);
    while (t.kind == DG_TOK_IDENT && (dg_tok_is_kw(&lx, t, "TEMP") || dg_tok_is_kw(&lx, t, "TEMPORARY")));
    t = dg_tok_next_sig(&lx);          /* the name, or IF */
    if (dg_tok_is_kw(&lx, t, "IF")) {
        dg_tok_next_sig(&lx);
        dg_tok_next_sig(&lx);
        t = dg_tok_next_sig(&lx);
    }
    size_t start = t.start, end = t.start + t.len;
    size_t save = lx.pos;
    dg_tok dot = dg_tok_next_sig(&lx);
    if (dg_tok_is_punct(&lx, dot, ".")) {
        dg_tok n2 = dg_tok_next_sig(&lx);
        end = n2.start + n2.len;
    } else {
        lx.pos = save;
    }
    char *q = dd_q(name);
    dg_buf b = DG_BUF_INIT;
    dg_buf_append(&b, sql, start);
    dg_buf_puts(&b, q);
    dg_buf_append(&b, sql + end, len - end);
    free(q);
    char *body = dg_buf_steal(&b);
    char *out = dd_sql_out(body);
    free(body);
    return out;
}

static bool is_constraint_kw(const dg_lexer *lx, dg_tok t)
{
    static const char *kws[] = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"};
    if (t.kind != DG_TOK_IDENT) return false;
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
        if (dg_tok_is_kw(lx, t, kws[i])) return true;
    return false;
}

char *dd_column_def(const char *table_sql, const char *column)
{
    if (!table_sql) return NULL;
    dg_lexer lx;
    dg_lexer_init(&lx, table_sql, strlen(table_sql));
    dg_tok t;
    do t = dg_tok_next_sig(&lx);
    while (t.kind != DG_TOK_EOF && !dg_tok_is_punct(&lx, t, "("));
    int depth = 1;
    size_t item = (size_t)-1, item_end = 0;
    bool want = false;
    while (depth > 0) {
        t = dg_tok_next_sig(&lx);
        if (t.kind == DG_TOK_EOF) return NULL;
        if (item == (size_t)-1) {
            item = t.start;
            char *id = dg_tok_ident(&lx, t);
            want = !is_constraint_kw(&lx, t) && !dg_strcasecmp_ascii(id, column);
            free(id);
        }
        if (dg_tok_is_punct(&lx, t, "(")) depth++;
        else if (dg_tok_is_punct(&lx, t, ")")) depth--;
        if ((depth == 1 && dg_tok_is_punct(&lx, t, ",")) || depth == 0) {
            if (want) {
                char *raw = dg_xstrndup(table_sql + item, item_end - item);
                char *out = dd_sql_out(raw);
                free(raw);
                return out;
            }
            item = (size_t)-1;
            continue;
        }
        item_end = t.start + t.len;
    }
    return NULL;
}

bool dd_def_has_kw(const char *def, const char *kw)
{
    dg_lexer lx;
    dg_lexer_init(&lx, def, strlen(def));
    for (;;) {
        dg_tok t = dg_tok_next_sig(&lx);
        if (t.kind == DG_TOK_EOF) return false;
        if (t.kind == DG_TOK_IDENT && dg_tok_is_kw(&lx, t, kw)) return true;
    }
}

void dd_stmt(dd_ctx *c, const char *fmt, ...)
{
    dg_buf b = DG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    DG_VEC_PUSH(&c->p->stmts, dg_buf_steal(&b));
}

bool dd_is_null_default(const char *d)
{
    if (!d) return true;
    char *n = dd_canon(d, NULL, NULL);
    bool r = !strcmp(n, "\"null\"");
    free(n);
    return r;
}

/* Where a lint about a table or column points: the side the plan goes
 * to, else the other. */
dg_loc dd_table_loc(bool reverse, const dg_table *o, const dg_table *n)
{
    const dg_table *first = reverse ? o : n, *second = reverse ? n : o;
    return first && first->loc.file ? first->loc : second ? second->loc : first->loc;
}

dg_loc dd_column_loc(bool reverse, const dg_table *o, const dg_column *oc, const dg_table *n,
                     const dg_column *nc)
{
    const dg_column *first = reverse ? oc : nc;
    if (first && first->loc.file) return first->loc;
    return dd_table_loc(reverse, o, n);
}

/* Lints live here, below every file that reports one (diff_table.c and
 * diff_lint.c both do, and the PostgreSQL planner through dg_plan_lint). */
static void add_lint(dg_plan *p, dg_loc loc, dg_lint_level level, const char *code, const char *fmt, va_list ap)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_vprintf(&b, fmt, ap);
    dg_lint *l = DG_VEC_ADD(&p->lints);
    l->level = level;
    l->code = code;
    l->message = dg_buf_steal(&b);
    l->loc = loc;
    l->loc.file = loc.file ? dg_xstrdup(loc.file) : NULL;
}

void dg_plan_lint(dg_plan *p, dg_loc loc, dg_lint_level level, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_lint(p, loc, level, code, fmt, ap);
    va_end(ap);
}

void dd_lint(dd_ctx *c, dg_lint_level level, const char *code, const char *fmt, ...)
{
    dg_loc none = {0};
    va_list ap;
    va_start(ap, fmt);
    add_lint(c->p, none, level, code, fmt, ap);
    va_end(ap);
}

void dd_lint_at(dd_ctx *c, dg_loc loc, dg_lint_level level, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_lint(c->p, loc, level, code, fmt, ap);
    va_end(ap);
}

void dd_lint_rename_unknown(dg_plan *p, const dg_annotations *a, const char *table, const char *older_table,
                            const char *column)
{
    const dg_annotation *an = NULL;
    for (size_t i = 0; i < a->len; i++)
        if (!strcmp(a->items[i].key, "renamed_from")) an = &a->items[i];
    if (!an) return;   /* a rename from the sources' history, not an annotation */
    if (column)
        dg_plan_lint(p, an->loc, DG_LINT_NOTE, DG_LINT_RENAME_UNKNOWN,
                     "column %s.%s: @renamed_from %s names no column of %s in the older schema: "
                     "%s is added, and nothing is renamed",
                     table, column, an->value, older_table, column);
    else
        dg_plan_lint(p, an->loc, DG_LINT_NOTE, DG_LINT_RENAME_UNKNOWN,
                     "table %s: @renamed_from %s names no table of the older schema: "
                     "%s is created, and nothing is renamed",
                     table, an->value, table);
}

char *dd_comment(const char *fmt, ...)
{
    dg_buf b = DG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *safe = dg_sql_comment_text(dg_buf_cstr(&b));
    char *out = dg_xprintf("-- %s", safe);
    dg_buf_free(&b);
    free(safe);
    return out;
}

bool dd_same_sql(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    char *x = dd_canon(a, NULL, NULL), *y = dd_canon(b, NULL, NULL);
    bool same = !strcmp(x, y);
    free(x);
    free(y);
    return same;
}
