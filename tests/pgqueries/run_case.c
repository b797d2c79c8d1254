/* run_case - the PostgreSQL queries analyser on one case folder, as text,
 * against the server of $DALGEN_PG_SERVER (else libpq's PG* variables):
 *     run_case CASE_DIR            compare with CASE_DIR/expected.txt
 *     run_case --update CASE_DIR   write CASE_DIR/expected.txt
 * A case holds schema.sql and queries.sql (or a queries/ folder).  The text
 * lists each query's server SQL, C arguments and result fields with the
 * server's type and dalgen's nullability, or the diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/query/pg/pgq.h"
#include "frontend/pg/pg_front.h"
#include "frontend/sources.h"
#include "util/buf.h"
#include "util/fsutil.h"

static const char *kind_name(dg_qkind k)
{
    static const char *const names[] = {"one", "many", "exec", "execrows", "execlastid", "execresult", "copyfrom", "batchexec",
                                        "batchone", "batchmany"};
    return names[k];
}

static void type_text(dg_buf *b, const dg_qpgtype *pg, dg_qtype t)
{
    if (!pg) {
        dg_buf_puts(b, "?");
    } else {
        dg_buf_puts(b, pg->type);
        if (strcmp(pg->col.type_kind, "base"))
            dg_buf_printf(b, " {%s %s.%s}", pg->col.type_kind, pg->col.type_schema, pg->col.type_name);
    }
    dg_buf_printf(b, " /%s%s", dg_vtype_name(t.v), t.nullable ? " null" : "");
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
    for (size_t i = 0; i < set->queries.len; i++) {
        const dg_query *q = &set->queries.items[i];
        dg_buf_printf(b, "query %s :%s -> %s (line %d)\n", q->name, kind_name(q->kind), q->c_name, q->loc.line);
        dg_buf_printf(b, "  sql: %s\n", q->sql);
        if (q->copy_sql) dg_buf_printf(b, "  copy: %s\n", q->copy_sql);
        for (size_t k = 0; k < q->params.len; k++) {
            const dg_qparam *p = &q->params.items[k];
            dg_buf_printf(b, "  param %s%s: ", p->name, p->slice ? "[]" : "");
            type_text(b, p->pg, p->type);
            dg_buf_printf(b, " ($%d)\n", p->binds.items[0]);
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
            type_text(b, f->pg, f->type);
            dg_buf_printf(b, " (column %d \"%s\")", f->col, f->column);
            if (f->origin) dg_buf_printf(b, " from %s.%s", f->origin->name, f->origin->columns.items[f->origin_column].name);
            dg_buf_putc(b, '\n');
        }
        if (q->row_table) {
            dg_buf_puts(b, "  row: table ");
            table_text(b, s, q->row_table);
            dg_buf_putc(b, '\n');
        }
    }
}

/* The diagnostics with the case folder's prefix removed. */
static void strip_prefix(dg_buf *out, const char *errbuf, const char *dir)
{
    char *prefix = dg_xprintf("%s/", dir);
    size_t pl = strlen(prefix);
    for (const char *p = errbuf; p && *p;) {
        const char *hit = strstr(p, prefix);
        if (!hit) {
            dg_buf_puts(out, p);
            break;
        }
        dg_buf_append(out, p, (size_t)(hit - p));
        p = hit + pl;
    }
    free(prefix);
}

static int compare(const char *path, dg_buf *out, int update)
{
    if (update) return dg_write_file_if_changed(path, dg_buf_cstr(out), out->len, NULL) != 0;
    char *expected = NULL;
    size_t elen = 0;
    int rc = 0;
    if (dg_read_file(path, &expected, &elen) != 0) {
        fprintf(stderr, "%s: missing (run tests/pgqueries/regen.sh BUILD_DIR)\n", path);
        rc = 1;
    } else if (elen != out->len || memcmp(expected, dg_buf_cstr(out), elen) != 0) {
        fprintf(stderr, "%s differs; got:\n%s", path, dg_buf_cstr(out));
        rc = 1;
    }
    free(expected);
    return rc;
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
    const char *server = getenv("DALGEN_PG_SERVER");
    dg_pg_opts o = {server && *server ? server : "postgresql://", NULL, false};
    dg_schema *s = NULL;
    dg_pg_session *sess = NULL;
    dg_buf out = DG_BUF_INIT;
    if (dg_pg_schema_load_session(&src, &o, &s, &sess, &d) == 0) {
        dg_strings paths = {0};
        dg_strings_push(&paths, queries);
        dg_query_set *set = NULL;
        if (dg_pg_queries_load(&paths, s, dg_pg_session_conn(sess), &set, &d) == 0) dump(&out, s, set);
        dg_query_set_free(set);
        dg_strings_free(&paths);
    }
    dg_pg_session_close(sess);
    dg_diags_print(&d, errs);
    fclose(errs);
    strip_prefix(&out, errbuf, dir);
    free(errbuf);
    int rc = compare(expected_path, &out, update);
    dg_buf_free(&out);
    dg_schema_free(s);
    dg_sources_free(&src);
    dg_diags_free(&d);
    free(schema);
    free(queries);
    free(expected_path);
    return rc;
}
