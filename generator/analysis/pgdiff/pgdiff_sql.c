/* pgdiff_sql.c - the text the PostgreSQL planner writes: quoting, column
 * definitions, CREATE TABLE, adding statements and lints. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"
#include "util/buf.h"
#include "analysis/pgdiff/pgdiff_int.h"

char *pd_q(const char *ident) { return dg_sql_quote_ident(ident); }

char *pd_qq(const char *schema, const char *name)
{
    char *n = dg_sql_quote_ident(name);
    if (!schema) return n;
    char *s = dg_sql_quote_ident(schema), *out = dg_xprintf("%s.%s", s, n);
    free(s);
    free(n);
    return out;
}

char *pd_lit(const char *s) { return dg_sql_quote_string(s); }

char *pd_qualified(const char *schema, const char *name)
{
    return schema ? dg_xprintf("%s.%s", schema, name) : dg_xstrdup(name);
}

void pd_stmt(pd_ctx *c, pd_phase ph, const char *fmt, ...)
{
    dg_buf b = DG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    DG_VEC_PUSH(&c->phase[ph], dg_buf_steal(&b));
}

void pd_lint(pd_ctx *c, dg_loc loc, dg_lint_level level, const char *code, const char *fmt, ...)
{
    dg_buf b = DG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    dg_plan_lint(c->p, loc, level, code, "%s", dg_buf_cstr(&b));
    dg_buf_free(&b);
}

char *pd_type(const dg_column *col)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_puts(&b, col->type);
    for (int k = 1; col->pg && k < col->pg->array_dims; k++) dg_buf_puts(&b, "[]");   /* format_type writes one */
    return dg_buf_steal(&b);
}

const dg_pg_sequence *pd_identity_seq(const dg_schema *s, const dg_table *t, const dg_column *col)
{
    for (size_t i = 0; i < s->sequences.len; i++) {
        const dg_pg_sequence *q = &s->sequences.items[i];
        if (q->owner_kind && !strcmp(q->owner_kind, "identity") && q->owned_table && !strcmp(q->owned_table, t->name) &&
            q->owned_column && !strcmp(q->owned_column, col->name) && t->schema && !strcmp(q->schema, t->schema))
            return q;
    }
    return NULL;
}

static void identity(dg_buf *b, const dg_schema *s, const dg_table *t, const dg_column *col)
{
    dg_buf_cat(b, " GENERATED ", !strcmp(col->pg->identity, "always") ? "ALWAYS" : "BY DEFAULT", " AS IDENTITY", NULL);
    const dg_pg_sequence *q = pd_identity_seq(s, t, col);
    if (!q) return;
    char *qn = pd_qq(q->schema, q->name);
    dg_buf_printf(b, " (SEQUENCE NAME %s INCREMENT BY %lld MINVALUE %lld MAXVALUE %lld START WITH %lld CACHE %lld%s)",
                  qn, q->increment, q->min, q->max, q->start, q->cache, q->cycle ? " CYCLE" : "");
    free(qn);
}

char *pd_column_def(const dg_schema *s, const dg_table *t, const dg_column *col, bool with_not_null)
{
    dg_buf b = DG_BUF_INIT;
    char *n = pd_q(col->name), *ty = pd_type(col);
    dg_buf_cat(&b, n, " ", ty, NULL);
    free(n);
    free(ty);
    if (col->collation) {
        char *cq = pd_q(col->collation);
        dg_buf_cat(&b, " COLLATE ", cq, NULL);
        free(cq);
    }
    if (col->generated == DG_GEN_STORED) dg_buf_cat(&b, " GENERATED ALWAYS AS (", col->generated_expr, ") STORED", NULL);
    if (col->default_sql) dg_buf_cat(&b, " DEFAULT ", col->default_sql, NULL);
    bool ident = col->pg && col->pg->identity;
    if (ident) identity(&b, s, t, col);
    if (with_not_null && col->not_null && !ident) dg_buf_puts(&b, " NOT NULL");
    return dg_buf_steal(&b);
}

static void ident_list(dg_buf *b, const dg_strings *v)
{
    for (size_t i = 0; i < v->len; i++) {
        char *q = pd_q(v->items[i]);
        dg_buf_cat(b, i ? ", " : "", q, NULL);
        free(q);
    }
}

static void constraint(dg_buf *b, const char *name, const char *def)
{
    char *q = pd_q(name);
    dg_buf_cat(b, ",\n  CONSTRAINT ", q, " ", def, NULL);
    free(q);
}

/* CREATE TABLE with its columns, primary key, UNIQUE, CHECK and EXCLUDE
 * constraints (foreign keys come after every table exists). */
char *pd_create_table(const dg_schema *s, const dg_table *t)
{
    dg_buf b = DG_BUF_INIT, d = DG_BUF_INIT;
    char *qn = pd_qq(t->schema, t->name);
    dg_buf_cat(&b, "CREATE TABLE ", qn, " (", NULL);
    free(qn);
    for (size_t i = 0; i < t->columns.len; i++) {
        char *def = pd_column_def(s, t, &t->columns.items[i], true);
        dg_buf_cat(&b, i ? ",\n  " : "\n  ", def, NULL);
        free(def);
    }
    int npk = dg_table_pk_count(t);
    if (npk && t->pk_name) {
        dg_buf_puts(&d, "PRIMARY KEY (");
        for (int k = 1; k <= npk; k++) {
            char *q = pd_q(t->columns.items[dg_table_pk_column(t, k)].name);
            dg_buf_cat(&d, k > 1 ? ", " : "", q, NULL);
            free(q);
        }
        dg_buf_puts(&d, ")");
        constraint(&b, t->pk_name, dg_buf_cstr(&d));
    }
    for (size_t i = 0; i < t->uniques.len; i++) {
        dg_buf_clear(&d), dg_buf_puts(&d, "UNIQUE ("), ident_list(&d, &t->uniques.items[i].columns), dg_buf_puts(&d, ")");
        constraint(&b, t->uniques.items[i].name, dg_buf_cstr(&d));
    }
    for (size_t i = 0; i < t->checks.len; i++) {
        dg_buf_clear(&d), dg_buf_cat(&d, "CHECK (", t->checks.items[i].expr, ")", NULL);
        constraint(&b, t->checks.items[i].name, dg_buf_cstr(&d));
    }
    for (size_t i = 0; i < t->exclusions.len; i++) constraint(&b, t->exclusions.items[i].name, t->exclusions.items[i].sql);
    dg_buf_puts(&b, t->columns.len ? "\n);" : ");");
    dg_buf_free(&d);
    return dg_buf_steal(&b);
}
