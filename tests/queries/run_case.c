/* run_case - the queries analyser on one case folder, as text:
 *     run_case CASE_DIR            compare with CASE_DIR/expected.txt
 *     run_case --update CASE_DIR   write CASE_DIR/expected.txt
 * A case holds schema.sql and queries.sql (or a queries/ folder).  The text
 * lists each query's rewritten SQL, C arguments and result fields, or the
 * diagnostics when the queries do not load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/query/queries.h"
#include "frontend/sources.h"
#include "util/buf.h"
#include "util/fsutil.h"

static const char *kind_name(dg_qkind k)
{
    static const char *const names[] = {"one", "many", "exec", "execrows", "execlastid", "execresult"};
    return names[k];
}

static void type_text(dg_buf *b, dg_qtype t)
{
    dg_buf_printf(b, "%s%s", dg_vtype_name(t.v), t.nullable ? " null" : "");
}

/* A table as the dump names it: schema.name when another schema has a
 * table of its name, else its name. */
static void table_text(dg_buf *b, const dg_schema *s, const dg_table *t)
{
    if (dg_schema_name_shared(s, t->schema, t->name)) dg_buf_printf(b, "%s.", t->schema ? t->schema : "main");
    dg_buf_puts(b, t->name);
}

static void dump(dg_buf *b, const dg_schema *s, const dg_query_set *set)
{
    for (size_t i = 0; i < set->functions.len; i++) {
        const dg_qfunc *f = &set->functions.items[i];
        dg_buf_printf(b, "function %s/%zu%s -> ", f->name, f->args.len, f->variadic ? "+" : "");
        type_text(b, f->ret);
        dg_buf_putc(b, '\n');
    }
    for (size_t i = 0; i < set->queries.len; i++) {
        const dg_query *q = &set->queries.items[i];
        dg_buf_printf(b, "query %s :%s -> %s (line %d)\n", q->name, kind_name(q->kind), q->c_name, q->loc.line);
        dg_buf_printf(b, "  sql: %s\n", q->sql);
        for (size_t k = 0; k < q->params.len; k++) {
            const dg_qparam *p = &q->params.items[k];
            dg_buf_printf(b, "  param %s%s: ", p->name, p->slice ? "[]" : "");
            type_text(b, p->type);
            dg_buf_puts(b, " binds");
            for (size_t j = 0; j < p->binds.len; j++) dg_buf_printf(b, " %d", p->binds.items[j]);
            dg_buf_putc(b, '\n');
        }
        for (size_t k = 0; k < q->fields.len; k++) {
            const dg_qfield *f = &q->fields.items[k];
            if (f->embed_table) {
                dg_buf_printf(b, "  field %s: embed ", f->name);
                table_text(b, s, f->embed_table);
                dg_buf_printf(b, " (columns %d..%d)\n", f->col, f->col + f->ncols - 1);
                continue;
            }
            dg_buf_printf(b, "  field %s: ", f->name);
            type_text(b, f->type);
            dg_buf_printf(b, " (column %d \"%s\")\n", f->col, f->column);
        }
        if (q->row_table) {
            dg_buf_puts(b, "  row: table ");
            table_text(b, s, q->row_table);
            dg_buf_putc(b, '\n');
        }
    }
}

int main(int argc, char **argv)
{
    int update = argc == 3 && !strcmp(argv[1], "--update");
    if (argc != 2 + update) {
        fprintf(stderr, "usage: run_case [--update] CASE_DIR\n");
        return 2;
    }
    const char *dir = argv[1 + update];
    char *schema = dg_xprintf("%s/schema.sql", dir);
    char *queries = dg_xprintf("%s/queries.sql", dir);
    char *expected_path = dg_xprintf("%s/expected.txt", dir);
    if (!dg_is_file(queries)) {
        free(queries);
        queries = dg_xprintf("%s/queries", dir);
    }
    char *errbuf = NULL;
    size_t errlen = 0;
    FILE *errs = open_memstream(&errbuf, &errlen);
    dg_diags d = DG_DIAGS_INIT;
    dg_sources src = {0};
    dg_sources_add(&src, DG_SRC_AUTO, schema);
    dg_schema *s = NULL;
    dg_buf out = DG_BUF_INIT;
    if (dg_schema_load(&src, &s, &d) == 0) {
        dg_strings paths = {0};
        dg_strings_push(&paths, queries);
        dg_query_set *set = NULL;
        if (dg_queries_load(&paths, s, NULL, &set, &d) == 0) dump(&out, s, set);
        dg_query_set_free(set);
        dg_strings_free(&paths);
    }
    dg_diags_print(&d, errs);
    fclose(errs);
    /* diagnostics name files relative to the case folder */
    char *prefix = dg_xprintf("%s/", dir);
    size_t pl = strlen(prefix);
    for (const char *p = errbuf; p && *p;) {
        const char *hit = strstr(p, prefix);
        if (!hit) {
            dg_buf_puts(&out, p);
            break;
        }
        dg_buf_append(&out, p, (size_t)(hit - p));
        p = hit + pl;
    }
    free(prefix);
    free(errbuf);
    int rc = 0;
    if (update) {
        rc = dg_write_file_if_changed(expected_path, dg_buf_cstr(&out), out.len, NULL) != 0;
    } else {
        char *expected = NULL;
        size_t elen = 0;
        if (dg_read_file(expected_path, &expected, &elen) != 0) {
            fprintf(stderr, "%s: missing (run tests/queries/update-expected.sh)\n", expected_path);
            rc = 1;
        } else if (elen != out.len || memcmp(expected, dg_buf_cstr(&out), elen) != 0) {
            fprintf(stderr, "%s differs; got:\n%s", expected_path, dg_buf_cstr(&out));
            rc = 1;
        }
        free(expected);
    }
    dg_buf_free(&out);
    dg_schema_free(s);
    dg_sources_free(&src);
    free(schema);
    free(queries);
    free(expected_path);
    return rc;
}
