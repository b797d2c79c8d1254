/* schema_sql_pg.c - `dalgen schema --sql` of a PostgreSQL model
 * (schema_print.h): DDL that a server loads back into the same model. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "model/schema_print.h"
#include "util/pg_word.h"

/* An identifier, quoted unless it is a plain lower-case word that is no
 * reserved keyword (a column `order` or `user` printed bare made DDL the
 * server refused). */
static void ident(dg_buf *b, const char *s)
{
    if (dg_pg_word_bare(s)) {
        dg_buf_puts(b, s);
        return;
    }
    dg_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"') dg_buf_putc(b, '"');
        dg_buf_putc(b, *p);
    }
    dg_buf_putc(b, '"');
}

static void qname(dg_buf *b, const char *schema, const char *name)
{
    if (schema) ident(b, schema), dg_buf_putc(b, '.');
    ident(b, name);
}

static void literal(dg_buf *b, const char *s)
{
    dg_buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'') dg_buf_putc(b, '\'');
        dg_buf_putc(b, *p);
    }
    dg_buf_putc(b, '\'');
}

static void ident_list(dg_buf *b, const dg_strings *v)
{
    for (size_t i = 0; i < v->len; i++) {
        if (i) dg_buf_puts(b, ", ");
        ident(b, v->items[i]);
    }
}

static void types(dg_buf *b, const dg_schema *s)
{
    for (size_t i = 0; i < s->schemas.len; i++) dg_buf_puts(b, "CREATE SCHEMA "), ident(b, s->schemas.items[i]), dg_buf_puts(b, ";\n");
    for (size_t i = 0; i < s->extensions.len; i++) {
        dg_buf_puts(b, "CREATE EXTENSION IF NOT EXISTS "), ident(b, s->extensions.items[i].name);
        dg_buf_puts(b, " WITH SCHEMA "), ident(b, s->extensions.items[i].schema), dg_buf_puts(b, ";\n");
    }
    for (size_t i = 0; i < s->enums.len; i++) {
        const dg_pg_enum *e = &s->enums.items[i];
        dg_buf_puts(b, "CREATE TYPE "), qname(b, e->schema, e->name), dg_buf_puts(b, " AS ENUM (");
        for (size_t k = 0; k < e->labels.len; k++) {
            if (k) dg_buf_puts(b, ", ");
            literal(b, e->labels.items[k]);
        }
        dg_buf_puts(b, ");\n");
    }
    for (size_t i = 0; i < s->domains.len; i++) {
        const dg_pg_domain *d = &s->domains.items[i];
        dg_buf_puts(b, "CREATE DOMAIN "), qname(b, d->schema, d->name), dg_buf_cat(b, " AS ", d->base, NULL);
        if (d->collation) dg_buf_puts(b, " COLLATE "), ident(b, d->collation);
        if (d->default_sql) dg_buf_cat(b, " DEFAULT ", d->default_sql, NULL);
        if (d->not_null) dg_buf_puts(b, " NOT NULL");
        for (size_t k = 0; k < d->checks.len; k++) {
            dg_buf_puts(b, " CONSTRAINT "), ident(b, d->checks.items[k].name);
            dg_buf_cat(b, " CHECK (", d->checks.items[k].expr, ")", NULL);
        }
        dg_buf_puts(b, ";\n");
    }
}

static void sequences(dg_buf *b, const dg_schema *s)
{
    for (size_t i = 0; i < s->sequences.len; i++) {
        const dg_pg_sequence *q = &s->sequences.items[i];
        if (q->owner_kind && !strcmp(q->owner_kind, "identity")) continue;   /* the column makes it */
        dg_buf_puts(b, "CREATE SEQUENCE "), qname(b, q->schema, q->name);
        dg_buf_printf(b, " AS %s INCREMENT BY %lld MINVALUE %lld MAXVALUE %lld START WITH %lld CACHE %lld%s;\n",
                      q->type, q->increment, q->min, q->max, q->start, q->cache, q->cycle ? " CYCLE" : "");
    }
}

static const dg_pg_sequence *identity_seq(const dg_schema *s, const dg_table *t, const dg_column *c)
{
    for (size_t i = 0; i < s->sequences.len; i++) {
        const dg_pg_sequence *q = &s->sequences.items[i];
        if (q->owner_kind && !strcmp(q->owner_kind, "identity") && !strcmp(q->owned_table, t->name) &&
            !strcmp(q->owned_column, c->name) && !strcmp(q->schema, t->schema))
            return q;
    }
    return NULL;
}

static void column(dg_buf *b, const dg_schema *s, const dg_table *t, const dg_column *c)
{
    dg_buf_puts(b, "  "), ident(b, c->name), dg_buf_cat(b, " ", c->type, NULL);
    for (int k = 1; c->pg && k < c->pg->array_dims; k++) dg_buf_puts(b, "[]");   /* format_type writes one */
    if (c->collation) dg_buf_puts(b, " COLLATE "), ident(b, c->collation);
    if (c->generated == DG_GEN_STORED) dg_buf_cat(b, " GENERATED ALWAYS AS (", c->generated_expr, ") STORED", NULL);
    if (c->default_sql) dg_buf_cat(b, " DEFAULT ", c->default_sql, NULL);
    const dg_pg_sequence *q = c->pg && c->pg->identity ? identity_seq(s, t, c) : NULL;
    if (c->pg && c->pg->identity) {
        dg_buf_cat(b, " GENERATED ", !strcmp(c->pg->identity, "always") ? "ALWAYS" : "BY DEFAULT", " AS IDENTITY", NULL);
        if (q) {
            dg_buf_puts(b, " (SEQUENCE NAME "), qname(b, q->schema, q->name);
            dg_buf_printf(b, " INCREMENT BY %lld MINVALUE %lld MAXVALUE %lld START WITH %lld CACHE %lld%s)",
                          q->increment, q->min, q->max, q->start, q->cache, q->cycle ? " CYCLE" : "");
        }
    }
    if (c->not_null && !(c->pg && c->pg->identity) && !c->pk) dg_buf_puts(b, " NOT NULL");
}

static void table(dg_buf *b, const dg_schema *s, const dg_table *t)
{
    dg_buf_puts(b, "CREATE TABLE "), qname(b, t->schema, t->name), dg_buf_puts(b, " (\n");
    for (size_t i = 0; i < t->columns.len; i++) {
        if (i) dg_buf_puts(b, ",\n");
        column(b, s, t, &t->columns.items[i]);
    }
    int npk = dg_table_pk_count(t);
    if (npk) {
        dg_buf_puts(b, ",\n  CONSTRAINT "), ident(b, t->pk_name), dg_buf_puts(b, " PRIMARY KEY (");
        for (int k = 1; k <= npk; k++) {
            if (k > 1) dg_buf_puts(b, ", ");
            ident(b, t->columns.items[dg_table_pk_column(t, k)].name);
        }
        dg_buf_puts(b, ")");
    }
    for (size_t i = 0; i < t->uniques.len; i++) {
        dg_buf_puts(b, ",\n  CONSTRAINT "), ident(b, t->uniques.items[i].name), dg_buf_puts(b, " UNIQUE (");
        ident_list(b, &t->uniques.items[i].columns), dg_buf_puts(b, ")");
    }
    for (size_t i = 0; i < t->checks.len; i++) {
        dg_buf_puts(b, ",\n  CONSTRAINT "), ident(b, t->checks.items[i].name);
        dg_buf_cat(b, " CHECK (", t->checks.items[i].expr, ")", NULL);
    }
    for (size_t i = 0; i < t->exclusions.len; i++) {
        dg_buf_puts(b, ",\n  CONSTRAINT "), ident(b, t->exclusions.items[i].name);
        dg_buf_cat(b, " ", t->exclusions.items[i].sql, NULL);
    }
    dg_buf_puts(b, "\n)");
    if (t->partition_by) dg_buf_cat(b, " PARTITION BY ", t->partition_by, NULL);
    dg_buf_puts(b, ";\n");
}

/* As pg_dump does: partitions are created as tables, then attached (the
 * parent's primary key then adopts the partition's, and an index of the
 * parent, created after, makes one on each partition). */
static void attach(dg_buf *b, const dg_table *t)
{
    if (!t->partition_of) return;
    dg_buf_puts(b, "ALTER TABLE "), qname(b, t->partition_of_schema, t->partition_of);
    dg_buf_puts(b, " ATTACH PARTITION "), qname(b, t->schema, t->name);
    dg_buf_cat(b, " ", t->partition_bound, ";\n", NULL);
}


static void foreign_keys(dg_buf *b, const dg_table *t)
{
    for (size_t i = 0; i < t->foreign_keys.len; i++) {
        const dg_foreign_key *fk = &t->foreign_keys.items[i];
        dg_buf_puts(b, "ALTER TABLE "), qname(b, t->schema, t->name), dg_buf_puts(b, " ADD CONSTRAINT ");
        ident(b, fk->name), dg_buf_puts(b, " FOREIGN KEY ("), ident_list(b, &fk->columns);
        dg_buf_puts(b, ") REFERENCES "), qname(b, fk->table_schema, fk->table), dg_buf_puts(b, " (");
        ident_list(b, &fk->to);
        dg_buf_cat(b, ")", fk->match ? " MATCH " : "", fk->match ? fk->match : "", " ON UPDATE ", fk->on_update,
                   " ON DELETE ", fk->on_delete, fk->deferrable_sql ? " " : "",
                   fk->deferrable_sql ? fk->deferrable_sql : "", ";\n", NULL);
    }
}

/* COMMENT ON <what> IS text + annotations (one line each). */
static void comment(dg_buf *b, const char *what, const char *text, const dg_annotations *a)
{
    if (!text && a->len == 0) return;
    dg_buf db = DG_BUF_INIT;
    for (size_t i = 0; i < a->len; i++) {
        if (i) dg_buf_putc(&db, '\n');
        dg_buf_cat(&db, "@", a->items[i].key, *a->items[i].value ? " " : "", a->items[i].value, NULL);
    }
    if (text) dg_buf_cat(&db, db.len ? "\n" : "", text, NULL);
    dg_buf_cat(b, "COMMENT ON ", what, " IS ", NULL);
    literal(b, dg_buf_cstr(&db));
    dg_buf_puts(b, ";\n");
    dg_buf_free(&db);
}

static void comments(dg_buf *b, const dg_schema *s)
{
    dg_buf w = DG_BUF_INIT;
    const dg_annotations none = {0};   /* types carry no annotations */
    for (size_t i = 0; i < s->enums.len; i++) {
        const dg_pg_enum *e = &s->enums.items[i];
        dg_buf_clear(&w), dg_buf_puts(&w, "TYPE "), qname(&w, e->schema, e->name);
        comment(b, dg_buf_cstr(&w), e->comment, &none);
    }
    for (size_t i = 0; i < s->domains.len; i++) {
        const dg_pg_domain *dm = &s->domains.items[i];
        dg_buf_clear(&w), dg_buf_puts(&w, "DOMAIN "), qname(&w, dm->schema, dm->name);
        comment(b, dg_buf_cstr(&w), dm->comment, &none);
    }
    for (size_t i = 0; i < s->tables.len; i++) {
        const dg_table *t = &s->tables.items[i];
        dg_buf_clear(&w), dg_buf_puts(&w, "TABLE "), qname(&w, t->schema, t->name);
        comment(b, dg_buf_cstr(&w), t->comment, &t->annotations);
        for (size_t k = 0; k < t->columns.len; k++) {
            const dg_column *c = &t->columns.items[k];
            dg_buf_clear(&w), dg_buf_puts(&w, "COLUMN "), qname(&w, t->schema, t->name);
            dg_buf_putc(&w, '.'), ident(&w, c->name);
            comment(b, dg_buf_cstr(&w), c->pg ? c->pg->comment : NULL, &c->annotations);
        }
    }
    for (size_t i = 0; i < s->views.len; i++) {
        const dg_view *v = &s->views.items[i];
        dg_buf_clear(&w), dg_buf_puts(&w, "VIEW "), qname(&w, v->schema, v->name);
        comment(b, dg_buf_cstr(&w), NULL, &v->annotations);
    }
    dg_buf_free(&w);
}

/* Whether the signature of function F (its text up to the body; all of an
 * aggregate's) names NAME as a word: a table's or view's row type there
 * must exist before the function does. */
static bool signature_names(const dg_pg_function *f, const char *name)
{
    const char *end = strstr(f->sql, "\nAS ");
    size_t n = strlen(name), len = end ? (size_t)(end - f->sql) : strlen(f->sql);
    for (const char *p = f->sql; (p = strstr(p, name)) && (size_t)(p - f->sql) + n <= len; p++) {
        char before = p == f->sql ? ' ' : p[-1], after = p[n];
        bool word_b = (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') || (before >= '0' && before <= '9') || before == '_';
        bool word_a = (after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') || (after >= '0' && after <= '9') || after == '_';
        if (!word_b && !word_a) return true;
    }
    return false;
}

/* When function F can be created: 0 before the tables (a table's DEFAULT or
 * CHECK may call it), 1 after them when its signature names a table's row
 * type, 2 after the views when it names a view's. */
static int function_stage(const dg_schema *s, const dg_pg_function *f)
{
    for (size_t i = 0; i < s->views.len; i++)
        if (signature_names(f, s->views.items[i].name)) return 2;
    for (size_t i = 0; i < s->tables.len; i++)
        if (signature_names(f, s->tables.items[i].name)) return 1;
    return 0;
}

static void functions(dg_buf *b, const dg_schema *s, int stage)
{
    for (size_t i = 0; i < s->functions.len; i++)
        if (function_stage(s, &s->functions.items[i]) == stage) dg_buf_cat(b, s->functions.items[i].sql, ";\n", NULL);
}

char *dg_schema_to_sql_pg(const dg_schema *s)
{
    dg_buf b = DG_BUF_INIT;
    /* As pg_dump does: a LANGUAGE sql function may name a table created
     * further down, which the server would otherwise check at once. */
    if (s->functions.len) dg_buf_puts(&b, "SET check_function_bodies = false;\n");
    types(&b, s);
    sequences(&b, s);
    functions(&b, s, 0);
    for (size_t i = 0; i < s->tables.len; i++) table(&b, s, &s->tables.items[i]);
    for (size_t i = 0; i < s->tables.len; i++) attach(&b, &s->tables.items[i]);
    functions(&b, s, 1);
    for (size_t i = 0; i < s->tables.len; i++) foreign_keys(&b, &s->tables.items[i]);
    for (size_t i = 0; i < s->sequences.len; i++) {
        const dg_pg_sequence *q = &s->sequences.items[i];
        if (!q->owner_kind || strcmp(q->owner_kind, "serial") != 0) continue;
        dg_buf_puts(&b, "ALTER SEQUENCE "), qname(&b, q->schema, q->name), dg_buf_puts(&b, " OWNED BY ");
        qname(&b, q->schema, q->owned_table), dg_buf_putc(&b, '.'), ident(&b, q->owned_column), dg_buf_puts(&b, ";\n");
    }
    /* Views before indexes: a materialized view can carry an index. */
    for (size_t i = 0; i < s->views.len; i++) dg_buf_cat(&b, s->views.items[i].sql, ";\n", NULL);
    functions(&b, s, 2);
    for (size_t i = 0; i < s->indexes.len; i++) dg_buf_cat(&b, s->indexes.items[i].sql, ";\n", NULL);
    for (size_t i = 0; i < s->triggers.len; i++) dg_buf_cat(&b, s->triggers.items[i].sql, ";\n", NULL);
    comments(&b, s);
    return dg_buf_steal(&b);
}
