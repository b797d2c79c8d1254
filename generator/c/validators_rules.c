/* validators_rules.c - NOT NULL, declared lengths, UTF-8, CHECK and enum
 * rules of a table's validator (annotations: validators_annotations.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "sql/sqltok.h"
#include "c/validators_int.h"

long dg_declared_length(const char *type)
{
    static const char *names[] = {"VARCHAR", "CHAR", "NVARCHAR", "NCHAR", "CHARACTER", "VARYING CHARACTER",
                                  "NATIVE CHARACTER", "CHARACTER VARYING", "NATIONAL CHARACTER",
                                  "NATIONAL VARCHAR", NULL};
    const char *open = strchr(type, '(');
    if (!open) return 0;
    char *name = dg_xstrndup(type, (size_t)(open - type));
    char *one = dg_sql_one_line(name);
    free(name);
    bool known = false;
    for (int i = 0; names[i] && !known; i++) known = dg_strcasecmp_ascii(one, names[i]) == 0;
    free(one);
    if (!known) return 0;
    char *end;
    long n = strtol(open + 1, &end, 10);
    while (*end == ' ') end++;
    return n > 0 && *end == ')' ? n : 0;
}

static void not_null(dg_validator *v, const dg_column *c, int i, const dg_cfield *f, const char *row)
{
    if (!c->not_null && !(f->pg && f->pg->domain_not_null)) return;
    char *ref = dg_cfield_ref(row, f), *cond = NULL;
    if (f->pg) {   /* PostgreSQL: NaN is a value; an identity column's DEFAULT is its sequence */
        if (c->default_sql || (c->pg && c->pg->identity)) cond = NULL;
        /* a nullable column of a NOT NULL domain has a has_ flag */
        else if (f->has_name) cond = dg_xprintf("!%s->%s", row, f->has_name);
        else if (f->kind == DG_CK_TEXT) cond = dg_xprintf("%s == NULL", ref);
        else if (f->kind == DG_CK_BLOB || f->kind == DG_CK_ARRAY) cond = dg_xprintf("%s.data == NULL", ref);
    } else if (f->kind == DG_CK_DOUBLE)   /* NaN is bound as NULL */
        cond = f->has_name ? dg_xprintf("%s->%s && %s != %s", row, f->has_name, ref, ref)
                           : dg_xprintf("%s != %s", ref, ref);
    else if (c->default_sql) cond = NULL;   /* unset: the DEFAULT applies */
    else if (f->kind == DG_CK_TEXT && !f->array) cond = dg_xprintf("%s == NULL", ref);
    else if (f->kind == DG_CK_BLOB) cond = dg_xprintf("%s.data == NULL", ref);
    else if (f->kind == DG_CK_VALUE)
        cond = dg_xprintf("(%s.type == DAL_TYPE_NULL || (%s.type == DAL_TYPE_REAL && %s.as.real != %s.as.real))",
                          ref, ref, ref, ref);
    free(ref);
    if (cond) dg_vrule_add(v, i, "DAL_RULE_NOT_NULL", cond, dg_xstrdup("must not be NULL"));
}

static void text_rules(dg_validator *v, const dg_column *c, int i, const dg_cfield *f, const char *row)
{
    char *ref = dg_cfield_ref(row, f);
    if (f->kind == DG_CK_VALUE)
        dg_vrule_add(v, i, "DAL_RULE_UTF8",
                     dg_xprintf("%s.type == DAL_TYPE_TEXT && !dal_utf8_valid(%s.as.text.data, %s.as.text.len)", ref, ref, ref),
                     dg_xstrdup("must be valid UTF-8"));
    if (f->kind != DG_CK_TEXT) {
        free(ref);
        return;
    }
    char *set = dg_cfield_text_present(row, f);
    /* the same test on the length the write measured for its bind */
    char *valid_len = f->measure ? dg_xprintf("dal_utf8_valid(%s, len__[%zu])", ref, v->measured.len) : NULL;
    if (f->measure) DG_VEC_PUSH(&v->measured, i);
    dg_vrule_add(v, i, "DAL_RULE_UTF8", dg_xprintf("%s && !dal_text_valid_utf8(%s)", set, ref),
                 dg_xstrdup("must be valid UTF-8"));
    if (valid_len) v->rules.items[v->rules.len - 1].cond_len = dg_xprintf("%s && !%s", set, valid_len);
    long n = f->pg ? f->pg->maxlen : dg_declared_length(c->type);
    /* PostgreSQL cuts excess trailing spaces off instead of refusing them */
    const char *count = f->pg ? "dal_text_chars_trimmed" : "dal_text_chars";
    if (n > 0) {
        dg_vrule_add(v, i, "DAL_RULE_MAX_LENGTH",
                     dg_xprintf("%s && dal_text_valid_utf8(%s) && %s(%s) > %ld", set, ref, count, ref, n),
                     dg_xprintf("must be at most %ld character%s%s", n, n == 1 ? "" : "s",
                                f->pg ? " (trailing spaces aside)" : ""));
        if (valid_len)
            v->rules.items[v->rules.len - 1].cond_len = dg_xprintf("%s && %s && %s(%s) > %ld", set, valid_len, count, ref, n);
    }
    free(valid_len);
    free(set);
    free(ref);
}

static void enum_rule(dg_validator *v, int i, const dg_cfield *f, const char *row, const dg_strings *values)
{
    dg_buf m = DG_BUF_INIT;
    dg_buf_puts(&m, "must be one of ");
    for (size_t k = 0; k < values->len; k++) {
        char *q = dg_sql_quote_string(values->items[k]);
        dg_buf_printf(&m, "%s%s", k ? ", " : "", q);
        free(q);
    }
    char *cond = f->has_name ? dg_xprintf("%s->%s && !%s_is_valid(%s->%s)", row, f->has_name, f->enum_type, row, f->cname)
                             : dg_xprintf("!%s_is_valid(%s->%s)", f->enum_type, row, f->cname);
    dg_vrule_add(v, i, "DAL_RULE_ENUM", cond, dg_buf_steal(&m));
}

/* Messages are one line: control characters inside string literals of the
 * CHECK are shown as \n, \r, \t. */
static char *one_line(const char *s)
{
    dg_buf b = DG_BUF_INIT;
    for (; *s; s++) {
        if (*s == '\n') dg_buf_puts(&b, "\\n");
        else if (*s == '\r') dg_buf_puts(&b, "\\r");
        else if (*s == '\t') dg_buf_puts(&b, "\\t");
        else dg_buf_putc(&b, *s);
    }
    return dg_buf_steal(&b);
}

static void check_rule(dg_validator *v, const dg_table *t, const dg_check *chk, const dg_cfield *fields,
                       const char *row)
{
    dg_check_c cc;
    dg_check_compile(t, chk, fields, row, &cc);
    char *sql = one_line(cc.sql);
    char *label = chk->name ? dg_xprintf("CONSTRAINT %s CHECK (%s)", chk->name, sql) : dg_xprintf("CHECK (%s)", sql);
    free(sql);
    if (!cc.cond) {
        dg_vskip *s = DG_VEC_ADD(&v->skipped);
        s->sql = label;
        s->reason = dg_xstrdup(cc.reason);
    } else {
        int col = chk->column >= 0 ? chk->column : cc.column;
        char *cond = cc.guard ? dg_xprintf("(%s) && %s == 0", cc.guard, cc.cond) : dg_xprintf("%s == 0", cc.cond);
        dg_vrule_add(v, col, "DAL_RULE_CHECK", cond, dg_xprintf("must satisfy %s", label));
        dg_vrule *r = &v->rules.items[v->rules.len - 1];
        r->reads.len = 0;
        for (size_t k = 0; k < cc.nreads; k++) DG_VEC_PUSH(&r->reads, cc.reads[k]);
        free(label);
    }
    dg_check_c_free(&cc);
}

/* PostgreSQL: the server enforces CHECKs (DAL_CONSTRAINT naming the
 * constraint); the validator lists them as left to it. */
static void pg_check(dg_validator *v, const dg_check *chk)
{
    char *sql = one_line(chk->expr);
    dg_vskip *s = DG_VEC_ADD(&v->skipped);
    s->sql = chk->name ? dg_xprintf("CONSTRAINT %s CHECK (%s)", chk->name, sql) : dg_xprintf("CHECK (%s)", sql);
    s->reason = dg_xstrdup("a PostgreSQL CHECK (dalgen compiles SQLite's only)");
    free(sql);
}

int dg_validator_build(const dg_table *t, const dg_cfield *fields, const bool *enum_check,
                       const char *cname, const char *row, dg_validator *out, dg_diags *d)
{
    memset(out, 0, sizeof *out);
    int rc = 0;
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        const dg_cfield *f = &fields[i];
        if (!f->cname || c->generated != DG_GEN_NONE || c->hidden) continue;   /* never written */
        not_null(out, c, (int)i, f, row);
        text_rules(out, c, (int)i, f, row);
        for (size_t k = 0; k < t->checks.len; k++) {
            int col;
            dg_strings values = {0};
            if (enum_check[k] && dg_check_enum(t, &t->checks.items[k], &col, &values) && col == (int)i)
                enum_rule(out, (int)i, f, row, &values);
            dg_strings_free(&values);
        }
        if (f->pg && f->kind == DG_CK_ENUM && f->pg->enumref) enum_rule(out, (int)i, f, row, &f->pg->enumref->labels);
        if (dg_validator_annotations(out, t, c, (int)i, f, cname, row, d) != 0) rc = -1;
    }
    bool pg = t->columns.len && t->columns.items[0].pg;
    out->pg = pg;
    for (size_t k = 0; k < t->checks.len; k++)
        if (pg) pg_check(out, &t->checks.items[k]);
        else if (!enum_check[k]) check_rule(out, t, &t->checks.items[k], fields, row);
    return rc;
}

void dg_validator_free(dg_validator *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->rules.len; i++) {
        free(v->rules.items[i].code);
        free(v->rules.items[i].cond);
        free(v->rules.items[i].cond_len);
        free(v->rules.items[i].message);
        DG_VEC_FREE(&v->rules.items[i].reads);
    }
    DG_VEC_FREE(&v->rules);
    for (size_t i = 0; i < v->patterns.len; i++) {
        free(v->patterns.items[i].name);
        free(v->patterns.items[i].ere);
    }
    DG_VEC_FREE(&v->patterns);
    for (size_t i = 0; i < v->skipped.len; i++) {
        free(v->skipped.items[i].sql);
        free(v->skipped.items[i].reason);
    }
    DG_VEC_FREE(&v->skipped);
    DG_VEC_FREE(&v->measured);
}
