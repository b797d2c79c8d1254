/* test_queries_fuzz SEED COUNT CASE_DIR... - the queries analyser on
 * mutated query files: random deletions and insertions of SQL fragments.
 * Every run must end with the queries loaded or with errors reported (never
 * a crash, a leak under ASan, or "errors" without a message).  ctest runs a
 * fixed-seed slice; raise COUNT for a longer run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/query/queries.h"
#include "frontend/sources.h"
#include "util/buf.h"
#include "util/fsutil.h"

static unsigned long long rng;

static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng >> 33) % (n ? n : 1));
}

static const char *const bits[] = {
    "(", ")", ",", "'", "\"", "*", "?", "?3", ":x", "@x", "$x", "sqlc.slice(ids)", "sqlc.arg(a)",
    "sqlc.embed(t)", "SELECT ", " FROM ", " WHERE ", " JOIN ", " LEFT JOIN ", " ON ", " IN ", " AND ",
    " UNION ", " VALUES ", "WITH x AS (SELECT 1) ", " RETURNING *", " -- name: Q :one\n", "/* ", " */",
    "\n-- @param x INTEGER\n", "\n-- @result x TEXT\n", "-- @function f(INTEGER) TEXT\n", ";", " CASE ",
    " END", " OVER (", " NOT ", " IS ", " LIMIT ", " é ", "\xff", " COLLATE ", " BETWEEN ", " ESCAPE ",
};

static char *mutate(const char *text, size_t len)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_append(&b, text, len);
    int n = 1 + (int)rnd(4);
    for (int i = 0; i < n; i++) {
        size_t at = rnd((unsigned)b.len + 1);
        if (rnd(2) && b.len) {
            size_t del = 1 + rnd(12);
            if (at + del > b.len) del = b.len - at;
            memmove(b.data + at, b.data + at + del, b.len - at - del);
            b.len -= del;
            b.data[b.len] = 0;
        } else {
            const char *ins = bits[rnd(sizeof bits / sizeof bits[0])];
            dg_buf tail = DG_BUF_INIT;
            dg_buf_append(&tail, b.data + at, b.len - at);
            b.len = at;
            dg_buf_puts(&b, ins);
            dg_buf_append(&b, tail.data ? tail.data : "", tail.len);
            dg_buf_free(&tail);
        }
    }
    return dg_buf_steal(&b);
}

int main(int argc, char **argv)
{
    if (argc < 4) return 2;
    rng = strtoull(argv[1], NULL, 10);
    long count = strtol(argv[2], NULL, 10), runs = 0, loaded = 0;
    char tmp[] = "/tmp/dalgen-qfuzz-XXXXXX";
    if (!mkdtemp(tmp)) return 1;
    char *qpath = dg_xprintf("%s/queries.sql", tmp);
    int rc = 0;
    for (int c = 3; c < argc && rc == 0; c++) {
        char *schema = dg_xprintf("%s/schema.sql", argv[c]), *queries = dg_xprintf("%s/queries.sql", argv[c]);
        char *text = NULL;
        size_t len = 0;
        dg_sources src = {0};
        dg_sources_add(&src, DG_SRC_AUTO, schema);
        dg_schema *s = NULL;
        dg_diags quiet = DG_DIAGS_INIT;   /* never printed */
        if (dg_read_file(queries, &text, &len) == 0 && dg_schema_load(&src, &s, &quiet) == 0) {
            for (long i = 0; i < count; i++) {
                char *m = mutate(text, len);
                dg_write_file_if_changed(qpath, m, strlen(m), NULL);
                dg_strings paths = {0};
                dg_strings_push(&paths, qpath);
                dg_query_set *set = NULL;
                dg_diags d = DG_DIAGS_INIT;   /* never printed */
                int r = dg_queries_load(&paths, s, NULL, &set, &d);
                if ((r == 0) != (d.errors == 0) || (r == 0) != (set != NULL || paths.len == 0)) {
                    fprintf(stderr, "%s: inconsistent result %d with %d errors for:\n%s\n", argv[c], r, d.errors, m);
                    rc = 1;
                }
                loaded += r == 0;
                runs++;
                dg_diags_free(&d);
                dg_query_set_free(set);
                dg_strings_free(&paths);
                free(m);
                if (rc) break;
            }
        }
        dg_diags_free(&quiet);
        dg_schema_free(s);
        dg_sources_free(&src);
        free(text);
        free(schema);
        free(queries);
    }
    unlink(qpath);
    rmdir(tmp);
    free(qpath);
    printf("%ld mutated query files analysed, %ld loaded\n", runs, loaded);
    return rc == 0 && runs > 0 ? 0 : 1;
}
