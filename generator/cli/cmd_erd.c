/* dalgen erd <sources...> [--format mermaid|dot]: tables, their columns with
 * PK/FK marks, and one edge per foreign key. */
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "cli/cli.h"

static bool is_fk_column(const dg_table *t, const char *name)
{
    for (size_t i = 0; i < t->foreign_keys.len; i++)
        for (size_t k = 0; k < t->foreign_keys.items[i].columns.len; k++)
            if (!dg_strcasecmp_ascii(t->foreign_keys.items[i].columns.items[k], name)) return true;
    return false;
}

/* Mermaid accepts only word characters (and a few more in types). */
static void put_word(dg_buf *b, const char *s, bool type)
{
    if (!*s) dg_buf_puts(b, "ANY");
    for (; *s; s++) {
        char c = *s;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                  (type && (c == '(' || c == ')'));
        dg_buf_putc(b, ok ? c : '_');
    }
}

static void put_joined(dg_buf *b, const dg_strings *v)
{
    for (size_t i = 0; i < v->len; i++) dg_buf_printf(b, "%s%s", i ? "," : "", v->items[i]);
}

static void mermaid(dg_buf *b, const dg_schema *s)
{
    dg_buf_puts(b, "erDiagram\n");
    for (size_t i = 0; i < s->tables.len; i++) {
        const dg_table *t = &s->tables.items[i];
        dg_buf_puts(b, "    ");
        put_word(b, t->name, false);
        dg_buf_puts(b, " {\n");
        for (size_t k = 0; k < t->columns.len; k++) {
            const dg_column *c = &t->columns.items[k];
            bool fk = is_fk_column(t, c->name);
            dg_buf_puts(b, "        ");
            put_word(b, c->type, true);
            dg_buf_putc(b, ' ');
            put_word(b, c->name, false);
            if (c->pk || fk) dg_buf_printf(b, " %s%s%s", c->pk ? "PK" : "", c->pk && fk ? "," : "", fk ? "FK" : "");
            dg_buf_putc(b, '\n');
        }
        dg_buf_puts(b, "    }\n");
    }
    for (size_t i = 0; i < s->tables.len; i++) {
        const dg_table *t = &s->tables.items[i];
        for (size_t k = 0; k < t->foreign_keys.len; k++) {
            const dg_foreign_key *fk = &t->foreign_keys.items[k];
            dg_buf_puts(b, "    ");
            put_word(b, t->name, false);
            dg_buf_puts(b, " }o--|| ");
            put_word(b, fk->table, false);
            dg_buf_puts(b, " : \"");
            put_joined(b, &fk->columns);
            dg_buf_puts(b, "\"\n");
        }
    }
}

static void put_html(dg_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': dg_buf_puts(b, "&amp;"); break;
        case '<': dg_buf_puts(b, "&lt;"); break;
        case '>': dg_buf_puts(b, "&gt;"); break;
        case '"': dg_buf_puts(b, "&quot;"); break;
        default: dg_buf_putc(b, *s);
        }
    }
}

static void put_dot_id(dg_buf *b, const char *s)
{
    dg_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') dg_buf_putc(b, '\\');
        dg_buf_putc(b, *s);
    }
    dg_buf_putc(b, '"');
}

static void dot(dg_buf *b, const dg_schema *s)
{
    dg_buf_puts(b, "digraph schema {\n  rankdir=LR;\n  node [shape=plaintext];\n");
    for (size_t i = 0; i < s->tables.len; i++) {
        const dg_table *t = &s->tables.items[i];
        dg_buf_puts(b, "  ");
        put_dot_id(b, t->name);
        dg_buf_puts(b, " [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\">\n    <tr><td><b>");
        put_html(b, t->name);
        dg_buf_puts(b, "</b></td></tr>\n");
        for (size_t k = 0; k < t->columns.len; k++) {
            const dg_column *c = &t->columns.items[k];
            bool fk = is_fk_column(t, c->name);
            dg_buf_printf(b, "    <tr><td port=\"c%zu\" align=\"left\">", k);
            put_html(b, c->name);
            if (c->type[0]) dg_buf_putc(b, ' ');
            put_html(b, c->type);
            if (c->pk || fk) dg_buf_printf(b, " %s%s%s", c->pk ? "PK" : "", c->pk && fk ? "," : "", fk ? "FK" : "");
            dg_buf_puts(b, "</td></tr>\n");
        }
        dg_buf_puts(b, "  </table>>];\n");
    }
    for (size_t i = 0; i < s->tables.len; i++) {
        const dg_table *t = &s->tables.items[i];
        for (size_t k = 0; k < t->foreign_keys.len; k++) {
            const dg_foreign_key *fk = &t->foreign_keys.items[k];
            const dg_table *p = dg_schema_table(s, fk->table);
            int from = fk->columns.len ? dg_table_column_index(t, fk->columns.items[0]) : -1;
            int to = p && fk->to.len ? dg_table_column_index(p, fk->to.items[0]) : -1;
            dg_buf_puts(b, "  ");
            put_dot_id(b, t->name);
            if (from >= 0) dg_buf_printf(b, ":c%d", from);
            dg_buf_puts(b, " -> ");
            put_dot_id(b, p ? p->name : fk->table);
            if (to >= 0) dg_buf_printf(b, ":c%d", to);
            dg_buf_puts(b, " [label=");
            dg_buf clabel = DG_BUF_INIT;
            put_joined(&clabel, &fk->columns);
            put_dot_id(b, dg_buf_cstr(&clabel));
            dg_buf_free(&clabel);
            dg_buf_puts(b, "];\n");
        }
    }
    dg_buf_puts(b, "}\n");
}

int cmd_erd(int argc, char **argv, dg_diags *d)
{
    dg_sources src = {0};
    const char *format = "mermaid";
    for (int i = 0; i < argc;) {
        bool missing = false;
        const char *f = dg_cli_opt("--format", argc, argv, &i, &missing);
        if (missing) {
            dg_sources_free(&src);
            return dg_usage_error("erd", "--format needs a value (mermaid or dot)");
        }
        if (f) {
            format = f;
            continue;
        }
        int r = dg_cli_take_source("erd", argc, argv, &i, &src);
        if (r == 0) r = (dg_usage_error("erd", "unknown option '%s'", argv[i]), -1);
        if (r < 0) {
            dg_sources_free(&src);
            return DG_EXIT_USAGE;
        }
    }
    if (strcmp(format, "mermaid") != 0 && strcmp(format, "dot") != 0) {
        dg_sources_free(&src);
        return dg_usage_error("erd", "unknown format '%s' (mermaid or dot)", format);
    }
    if (src.items.len == 0) {
        dg_sources_free(&src);
        return dg_usage_error("erd", "no schema source given");
    }
    dg_schema *s = NULL;
    int rc = dg_schema_load(&src, &s, d);
    dg_sources_free(&src);
    if (rc != 0) return DG_EXIT_INPUT;
    dg_diags_print(d, stderr);   /* the warnings, before the result on stdout */
    dg_buf b = DG_BUF_INIT;
    if (!strcmp(format, "dot")) dot(&b, s);
    else mermaid(&b, s);
    fputs(dg_buf_cstr(&b), stdout);
    dg_buf_free(&b);
    dg_schema_free(s);
    return fflush(stdout) == 0 ? DG_EXIT_OK : DG_EXIT_INPUT;
}
