#include "frontend/clang/clang_ddl.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"

static void line(dg_cddl *c, dg_loc loc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void line(dg_cddl *c, dg_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dg_buf_vprintf(&c->text, fmt, ap);
    va_end(ap);
    dg_buf_putc(&c->text, '\n');
    DG_VEC_PUSH(&c->origin, loc);
}

static void annotation_lines(dg_cddl *c, const dg_annotations *a, const char *indent, dg_loc loc)
{
    for (size_t i = 0; i < a->len; i++) {
        const char *v = a->items[i].value;
        line(c, loc, "%s-- @%s%s%s", indent, a->items[i].key, v[0] ? " " : "", v);
    }
}

static int pk_count(const dg_ctable *t)
{
    int n = 0;
    for (size_t i = 0; i < t->cols.len; i++) n += t->cols.items[i].pk;
    return n;
}

/* The column definition, without the separating comma. */
static char *column_def(const dg_ctable *t, const dg_ccol *col)
{
    dg_buf b = DG_BUF_INIT;
    char *q = dg_sql_quote_ident(col->name);
    dg_buf_printf(&b, "%s %s", q, col->sql_type);
    bool single_pk = col->pk && pk_count(t) == 1;
    bool rowid_alias = single_pk && !strcmp(col->sql_type, "INTEGER") && !t->without_rowid;
    if (single_pk) dg_buf_puts(&b, col->autoincrement ? " PRIMARY KEY AUTOINCREMENT" : " PRIMARY KEY");
    if (col->not_null && !rowid_alias) dg_buf_puts(&b, " NOT NULL");
    if (col->unique) dg_buf_puts(&b, " UNIQUE");
    if (col->default_sql) dg_buf_printf(&b, " DEFAULT %s", col->default_sql);
    if (col->collate) dg_buf_printf(&b, " COLLATE %s", col->collate);
    for (size_t i = 0; i < col->checks.len; i++) dg_buf_printf(&b, " CHECK (%s)", col->checks.items[i]);
    if (col->ref_table) {
        char *rt = dg_sql_quote_ident(col->ref_table);
        dg_buf_printf(&b, " REFERENCES %s", rt);
        free(rt);
        if (col->ref_column && col->ref_column[0]) {
            char *rc = dg_sql_quote_ident(col->ref_column);
            dg_buf_printf(&b, " (%s)", rc);
            free(rc);
        }
        if (col->on_delete) dg_buf_printf(&b, " ON DELETE %s", col->on_delete);
        if (col->on_update) dg_buf_printf(&b, " ON UPDATE %s", col->on_update);
    }
    free(q);
    return dg_buf_steal(&b);
}

static void quoted_columns(dg_buf *b, const dg_ctable *t, const char *index)
{
    bool first = true;
    for (size_t i = 0; i < t->cols.len; i++) {
        const dg_ccol *col = &t->cols.items[i];
        bool in = index == NULL ? col->pk : false;
        for (size_t k = 0; index && k < col->indexes.len; k++)
            if (!strcmp(col->indexes.items[k].name, index)) in = true;
        if (!in) continue;
        char *q = dg_sql_quote_ident(col->name);
        dg_buf_printf(b, "%s%s", first ? "" : ", ", q);
        free(q);
        first = false;
    }
}

static void create_table(dg_cddl *c, const dg_ctable *t)
{
    annotation_lines(c, &t->annotations, "", t->loc);
    char *qt = dg_sql_quote_ident(t->name);
    line(c, t->loc, "CREATE TABLE %s (", qt);
    size_t items = t->cols.len + (pk_count(t) > 1) + t->checks.len, done = 0;
    for (size_t i = 0; i < t->cols.len; i++) {
        const dg_ccol *col = &t->cols.items[i];
        annotation_lines(c, &col->annotations, "  ", col->loc);
        char *def = column_def(t, col);
        line(c, col->loc, "  %s%s", def, ++done < items ? "," : "");
        free(def);
    }
    if (pk_count(t) > 1) {
        dg_buf b = DG_BUF_INIT;
        quoted_columns(&b, t, NULL);
        line(c, t->loc, "  PRIMARY KEY (%s)%s", dg_buf_cstr(&b), ++done < items ? "," : "");
        dg_buf_free(&b);
    }
    for (size_t i = 0; i < t->checks.len; i++)
        line(c, t->loc, "  CHECK (%s)%s", t->checks.items[i], ++done < items ? "," : "");
    const char *opts = t->strict && t->without_rowid ? " STRICT, WITHOUT ROWID"
                       : t->strict                  ? " STRICT"
                       : t->without_rowid           ? " WITHOUT ROWID"
                                                    : "";
    line(c, t->loc, ")%s;", opts);
    free(qt);
}

/* CREATE INDEX for each index name in the table, in order of first use. */
static void create_indexes(dg_cddl *c, const dg_ctable *t)
{
    dg_strings seen = {0};
    for (size_t i = 0; i < t->cols.len; i++) {
        const dg_ccol *col = &t->cols.items[i];
        for (size_t k = 0; k < col->indexes.len; k++) {
            const dg_cindex_ref *r = &col->indexes.items[k];
            bool dup = false;
            for (size_t s = 0; s < seen.len; s++) dup |= !strcmp(seen.items[s], r->name);
            if (dup) continue;
            dg_strings_push(&seen, r->name);
            dg_buf cols = DG_BUF_INIT;
            quoted_columns(&cols, t, r->name);
            char *qi = dg_sql_quote_ident(r->name), *qt = dg_sql_quote_ident(t->name);
            line(c, col->loc, "CREATE %sINDEX %s ON %s (%s);", r->unique ? "UNIQUE " : "", qi, qt,
                 dg_buf_cstr(&cols));
            free(qi);
            free(qt);
            dg_buf_free(&cols);
        }
    }
    dg_strings_free(&seen);
}

void dg_cddl_build(const dg_ctables *v, dg_cddl *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < v->len; i++) {
        if (i) line(out, v->items[i].loc, "%s", "");
        create_table(out, &v->items[i]);
        create_indexes(out, &v->items[i]);
    }
}

void dg_cddl_free(dg_cddl *c)
{
    dg_buf_free(&c->text);
    DG_VEC_FREE(&c->origin);
}

dg_loc dg_cddl_origin(const dg_cddl *c, int line_no)
{
    dg_loc none = {NULL, 0, 0};
    if (line_no < 1 || (size_t)line_no > c->origin.len) return none;
    return c->origin.items[line_no - 1];
}
