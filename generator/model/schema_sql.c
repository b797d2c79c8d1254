/* The model as DDL: tables and indexes rendered from their fields (so that
 * models without stored text, e.g. from headers or the differ, print too),
 * views and triggers as SQLite stored them.  Annotations become
 * `/ * @key value * /` comments placed where DESIGN.md's attachment rules
 * give them back to the same table or column. */
#include <string.h>

#include "util/buf.h"
#include "model/schema_print.h"
#include "sql/sqltok.h"

static void put_ident(dg_buf *b, const char *name)
{
    char *q = dg_sql_quote_ident(name);
    dg_buf_puts(b, q);
    free(q);
}

static void put_annotations(dg_buf *b, const dg_annotations *a)
{
    for (size_t i = 0; i < a->len; i++) {
        dg_buf_printf(b, "%s/* @%s", b->len && b->data[b->len - 1] != '\n' ? " " : "", a->items[i].key);
        if (a->items[i].value[0]) dg_buf_putc(b, ' ');
        for (const char *v = a->items[i].value; *v; v++) {
            dg_buf_putc(b, *v);
            if (v[0] == '*' && v[1] == '/') dg_buf_putc(b, ' ');   /* keep the comment closed where we close it */
        }
        dg_buf_puts(b, " */");
    }
}

/* A DEFAULT that SQLite accepts without parentheses: a literal, a signed
 * number, or one bare word (NULL, TRUE, CURRENT_TIMESTAMP, ...). */
static bool bare_default(const char *sql)
{
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    dg_tok t = dg_tok_next_sig(&lx);
    if (dg_tok_is_punct(&lx, t, "-") || dg_tok_is_punct(&lx, t, "+")) {
        t = dg_tok_next_sig(&lx);
        if (t.kind != DG_TOK_NUMBER) return false;
    } else if (t.kind != DG_TOK_NUMBER && t.kind != DG_TOK_STRING && t.kind != DG_TOK_BLOB && t.kind != DG_TOK_IDENT &&
               !(t.kind == DG_TOK_QIDENT && sql[t.start] == '"')) {   /* DEFAULT "x" is the string 'x' */
        return false;
    }
    return dg_tok_next_sig(&lx).kind == DG_TOK_EOF;
}

static void put_conflict(dg_buf *b, const char *conflict)
{
    if (conflict) dg_buf_printf(b, " ON CONFLICT %s", conflict);
}

static void put_constraint_name(dg_buf *b, const char *name)
{
    if (!name) return;
    dg_buf_puts(b, " CONSTRAINT ");
    put_ident(b, name);
}

/* A key written as a table constraint stays one: with DESC or COLLATE the
 * column form would mean another thing (INTEGER PRIMARY KEY DESC is no
 * rowid alias, and a column constraint takes no COLLATE). */
static bool pk_table_form(const dg_table *t)
{
    return dg_table_pk_count(t) > 1 || t->pk_terms.len > 0;
}

/* The k-th (1-based) term of a table-constraint key, NULL when unknown. */
static const dg_index_term *pk_term(const dg_table *t, int k)
{
    int n = dg_table_pk_count(t);
    return t->pk_terms.len == (size_t)n && k >= 1 && k <= n ? &t->pk_terms.items[k - 1] : NULL;
}

static void put_column(dg_buf *b, const dg_table *t, size_t ci, bool *unique_done)
{
    const dg_column *c = &t->columns.items[ci];
    dg_buf_puts(b, "  ");
    put_ident(b, c->name);
    if (c->type && c->type[0]) dg_buf_printf(b, " %s", c->type);
    if (c->pk == 1 && dg_table_pk_count(t) == 1 && !pk_table_form(t)) {
        put_constraint_name(b, t->pk_name);
        dg_buf_puts(b, c->pk_desc ? " PRIMARY KEY DESC" : " PRIMARY KEY");
        put_conflict(b, t->pk_conflict);
        if (c->autoincrement) dg_buf_puts(b, " AUTOINCREMENT");
    }
    if (c->not_null) {
        dg_buf_puts(b, " NOT NULL");
        put_conflict(b, c->not_null_conflict);
    }
    bool unique = c->unique;   /* SQLite keeps no index for a UNIQUE that repeats the key: print it anyway */
    for (size_t i = 0; unique && i < t->uniques.len; i++) {
        const dg_unique *u = &t->uniques.items[i];
        if (unique_done[i] || u->columns.len != 1 || dg_strcasecmp_ascii(u->columns.items[0], c->name)) continue;
        unique_done[i] = true;
        put_constraint_name(b, u->name);
        dg_buf_puts(b, " UNIQUE");
        put_conflict(b, u->conflict);
        unique = false;
    }
    if (unique) dg_buf_puts(b, " UNIQUE");
    for (size_t i = 0; i < t->checks.len; i++) {
        const dg_check *k = &t->checks.items[i];
        if (k->column != (int)ci) continue;
        put_constraint_name(b, k->name);
        dg_buf_printf(b, " CHECK (%s)", k->expr);
    }
    if (c->default_sql) dg_buf_printf(b, bare_default(c->default_sql) ? " DEFAULT %s" : " DEFAULT (%s)", c->default_sql);
    if (c->collation) dg_buf_printf(b, " COLLATE %s", c->collation);
    if (c->generated != DG_GEN_NONE)
        dg_buf_printf(b, " GENERATED ALWAYS AS (%s) %s", c->generated_expr ? c->generated_expr : "NULL",
                      c->generated == DG_GEN_STORED ? "STORED" : "VIRTUAL");
}

static void put_names(dg_buf *b, const dg_strings *v)
{
    dg_buf_puts(b, " (");
    for (size_t i = 0; i < v->len; i++) {
        if (i) dg_buf_puts(b, ", ");
        put_ident(b, v->items[i]);
    }
    dg_buf_putc(b, ')');
}

static void put_foreign_key(dg_buf *b, const dg_foreign_key *fk)
{
    put_constraint_name(b, fk->name);
    dg_buf_puts(b, " FOREIGN KEY");
    put_names(b, &fk->columns);
    dg_buf_puts(b, " REFERENCES ");
    put_ident(b, fk->table);
    if (fk->to.len && !fk->to_implicit) put_names(b, &fk->to);
    if (fk->on_delete && strcmp(fk->on_delete, "NO ACTION")) dg_buf_printf(b, " ON DELETE %s", fk->on_delete);
    if (fk->on_update && strcmp(fk->on_update, "NO ACTION")) dg_buf_printf(b, " ON UPDATE %s", fk->on_update);
    if (fk->match) {
        dg_buf_puts(b, " MATCH ");
        put_ident(b, fk->match);
    }
    if (fk->deferrable_sql) dg_buf_printf(b, " %s", fk->deferrable_sql);
    else if (fk->deferrable) dg_buf_puts(b, " DEFERRABLE INITIALLY DEFERRED");
}

/* The table constraints, each as " ..." without the separating comma. */
static void table_constraints(const dg_table *t, const bool *unique_done, dg_strings *out)
{
    dg_buf b = DG_BUF_INIT;
    int npk = dg_table_pk_count(t);
    if (npk > 0 && pk_table_form(t)) {
        put_constraint_name(&b, t->pk_name);
        dg_buf_puts(&b, " PRIMARY KEY (");
        for (int k = 1; k <= npk; k++) {
            int ci = dg_table_pk_column(t, k);
            const dg_index_term *term = pk_term(t, k);
            if (k > 1) dg_buf_puts(&b, ", ");
            put_ident(&b, ci >= 0 ? t->columns.items[ci].name : "");
            if (term && term->collation) {
                dg_buf_puts(&b, " COLLATE ");
                put_ident(&b, term->collation);
            }
            if (term && term->desc) dg_buf_puts(&b, " DESC");
        }
        dg_buf_putc(&b, ')');
        put_conflict(&b, t->pk_conflict);
        DG_VEC_PUSH(out, dg_buf_steal(&b));
    }
    for (size_t i = 0; i < t->uniques.len; i++) {
        if (unique_done[i]) continue;
        put_constraint_name(&b, t->uniques.items[i].name);
        dg_buf_puts(&b, " UNIQUE");
        put_names(&b, &t->uniques.items[i].columns);
        put_conflict(&b, t->uniques.items[i].conflict);
        DG_VEC_PUSH(out, dg_buf_steal(&b));
    }
    for (size_t i = 0; i < t->checks.len; i++) {
        if (t->checks.items[i].column >= 0) continue;
        put_constraint_name(&b, t->checks.items[i].name);
        dg_buf_printf(&b, " CHECK (%s)", t->checks.items[i].expr);
        DG_VEC_PUSH(out, dg_buf_steal(&b));
    }
    for (size_t i = 0; i < t->foreign_keys.len; i++) {
        put_foreign_key(&b, &t->foreign_keys.items[i]);
        DG_VEC_PUSH(out, dg_buf_steal(&b));
    }
}

/* [schema.]name: `schema` an attached SQLite schema, NULL for main. */
static void put_qualified(dg_buf *b, const char *schema, const char *name)
{
    if (schema) {
        put_ident(b, schema);
        dg_buf_putc(b, '.');
    }
    put_ident(b, name);
}

static char *table_sql(const dg_table *t, const char *schema)
{
    dg_buf b = DG_BUF_INIT;
    if (t->module) {
        /* the module owns the text in parentheses: annotations go above */
        for (size_t i = 0; i < t->annotations.len; i++) {
            dg_annotations one = {&t->annotations.items[i], 1, 1};
            put_annotations(&b, &one);
            dg_buf_putc(&b, '\n');
        }
        dg_buf_puts(&b, "CREATE VIRTUAL TABLE ");
        put_qualified(&b, schema, t->name);
        dg_buf_printf(&b, " USING %s", t->module);
        if (t->module_args) dg_buf_printf(&b, "(%s)", t->module_args);
        return dg_buf_steal(&b);
    }
    dg_buf_puts(&b, "CREATE TABLE ");
    put_qualified(&b, schema, t->name);
    dg_buf_puts(&b, " (");
    put_annotations(&b, &t->annotations);
    bool *unique_done = dg_xcalloc(t->uniques.len + 1, sizeof *unique_done);
    dg_strings cons = {0};
    for (size_t i = 0; i < t->columns.len; i++) {
        if (t->columns.items[i].hidden) continue;
        dg_buf_putc(&b, '\n');
        put_column(&b, t, i, unique_done);
        bool last = i + 1 == t->columns.len;
        if (!last) dg_buf_putc(&b, ',');
        else {
            table_constraints(t, unique_done, &cons);
            if (cons.len) dg_buf_putc(&b, ',');
        }
        put_annotations(&b, &t->columns.items[i].annotations);
    }
    for (size_t i = 0; i < cons.len; i++) {
        dg_buf_printf(&b, "\n %s%s", cons.items[i], i + 1 < cons.len ? "," : "");
        free(cons.items[i]);
    }
    DG_VEC_FREE(&cons);
    free(unique_done);
    dg_buf_puts(&b, "\n)");
    if (t->without_rowid) dg_buf_puts(&b, " WITHOUT ROWID");
    if (t->strict) dg_buf_puts(&b, t->without_rowid ? ", STRICT" : " STRICT");
    return dg_buf_steal(&b);
}

char *dg_table_to_sql(const dg_table *t) { return table_sql(t, NULL); }

static char *index_sql(const dg_index *ix, const char *schema)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_puts(&b, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    put_qualified(&b, schema, ix->name);
    dg_buf_puts(&b, " ON ");
    put_ident(&b, ix->table);
    dg_buf_puts(&b, " (");
    for (size_t i = 0; i < ix->terms.len; i++) {
        const dg_index_term *t = &ix->terms.items[i];
        if (i) dg_buf_puts(&b, ", ");
        if (t->column) put_ident(&b, t->column);
        else dg_buf_puts(&b, t->expr ? t->expr : "NULL");
        if (t->collation) dg_buf_printf(&b, " COLLATE %s", t->collation);
        if (t->desc) dg_buf_puts(&b, " DESC");
    }
    dg_buf_putc(&b, ')');
    if (ix->where) dg_buf_printf(&b, " WHERE %s", ix->where);
    return dg_buf_steal(&b);
}

char *dg_index_to_sql(const dg_index *ix) { return index_sql(ix, NULL); }

/* The attached in-memory schemas the tables name (SQLite's ATTACH ':memory:'
 * AS x), each attached once, in order of first use. */
static void put_attaches(dg_buf *b, const dg_schema *s)
{
    for (size_t i = 0; i < s->tables.len; i++) {
        const char *sc = s->tables.items[i].schema;
        bool seen = false;
        for (size_t k = 0; sc && k < i && !seen; k++)
            seen = s->tables.items[k].schema && !strcmp(s->tables.items[k].schema, sc);
        if (!sc || seen) continue;
        dg_buf_puts(b, "ATTACH ':memory:' AS ");
        put_ident(b, sc);
        dg_buf_puts(b, ";\n\n");
    }
}

/* A view's stored text, its above-statement annotations written above it
 * again (its stored text must not change). */
static void put_view(dg_buf *b, const dg_view *v)
{
    for (size_t i = 0; i < v->annotations.len; i++) {
        if (!v->annotations.items[i].above) continue;
        dg_annotations one = {&v->annotations.items[i], 1, 1};
        put_annotations(b, &one);
        dg_buf_putc(b, '\n');
    }
    dg_buf_puts(b, v->sql);
}

char *dg_schema_to_sql(const dg_schema *s)
{
    if (s->engine == DG_ENGINE_POSTGRESQL) return dg_schema_to_sql_pg(s);
    dg_buf b = DG_BUF_INIT;
    put_attaches(&b, s);
    for (size_t i = 0; i < s->tables.len; i++) {
        char *t = table_sql(&s->tables.items[i], s->tables.items[i].schema);
        dg_buf_printf(&b, "%s;\n\n", t);
        free(t);
    }
    for (size_t i = 0; i < s->indexes.len; i++) {
        char *t = index_sql(&s->indexes.items[i], s->indexes.items[i].schema);
        dg_buf_printf(&b, "%s;\n", t);
        free(t);
    }
    if (s->indexes.len) dg_buf_putc(&b, '\n');
    for (size_t i = 0; i < s->views.len; i++) {
        put_view(&b, &s->views.items[i]);
        dg_buf_puts(&b, ";\n\n");
    }
    for (size_t i = 0; i < s->triggers.len; i++) dg_buf_printf(&b, "%s;\n\n", s->triggers.items[i].sql);
    while (b.len >= 2 && b.data[b.len - 1] == '\n' && b.data[b.len - 2] == '\n') b.data[--b.len] = '\0';
    return dg_buf_steal(&b);
}
