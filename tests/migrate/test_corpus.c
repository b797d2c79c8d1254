/* migrate.corpus: real schema histories from the shared corpus.
 *  - vaultwarden and sqlc ondeck: for every step of the history, the
 *    database built by the project's own files up to step i-1, with rows,
 *    is migrated by dalgen's diff to step i; the harness invariant holds
 *    (model equals the history replayed to step i, rows kept, down works).
 *  - mozilla places: v15 -> v17 -> current schema with rows.
 *  - sakila, chinook (with its own rows), nix: one edit that rebuilds a
 *    table surrounded by triggers, indexes, views and references.
 * Skips (77) when the corpus folder is absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "harness.h"
#include "sql/sqltok.h"
#include "util/buf.h"
#include "util/fsutil.h"

static char *slurp(const char *path)
{
    char *t = NULL;
    size_t n;
    return dg_read_file(path, &t, &n) == 0 ? t : NULL;
}

static void literal(const dg_column *c, int k, dg_buf *b)
{
    switch (c->affinity) {
    case DG_AFF_TEXT: dg_buf_printf(b, "'v%d'", k); break;
    case DG_AFF_REAL: dg_buf_printf(b, "%d.5", k); break;
    case DG_AFF_BLOB: dg_buf_printf(b, "X'%02X'", k & 255); break;
    default: dg_buf_printf(b, "%d", k); break;
    }
}

/* Up to `rows` INSERTs per table that the schema accepts (foreign keys on):
 * the statements that fail on a scratch copy are left out. */
static char *generic_rows(const char *schema_sql, int rows)
{
    dg_schema *s = mh_load_text(schema_sql);
    sqlite3 *db = NULL;
    dg_buf out = DG_BUF_INIT;
    if (!s || sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
        dg_schema_free(s);
        sqlite3_close(db);
        return dg_xstrdup("");
    }
    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    for (int r = 1; r <= rows; r++)
        for (size_t i = 0; i < s->tables.len; i++) {
            const dg_table *t = &s->tables.items[i];
            if (t->module) continue;
            dg_buf sql = DG_BUF_INIT, vals = DG_BUF_INIT;
            char *qt = dg_sql_quote_ident(t->name);
            dg_buf_printf(&sql, "INSERT INTO %s (", qt);
            free(qt);
            bool first = true;
            for (size_t k = 0; k < t->columns.len; k++) {
                const dg_column *c = &t->columns.items[k];
                if (c->generated || c->hidden) continue;
                char *qc = dg_sql_quote_ident(c->name);
                dg_buf_printf(&sql, "%s%s", first ? "" : ", ", qc);
                free(qc);
                if (!first) dg_buf_puts(&vals, ", ");
                literal(c, r * 10 + (int)k % 10 == 0 ? r : (c->pk ? r : r * 10 + (int)k), &vals);
                first = false;
            }
            dg_buf_printf(&sql, ") VALUES (%s);\n", dg_buf_cstr(&vals));
            if (!first && sqlite3_exec(db, sql.data, NULL, NULL, NULL) == SQLITE_OK) dg_buf_puts(&out, sql.data);
            dg_buf_free(&sql);
            dg_buf_free(&vals);
        }
    sqlite3_close(db);
    dg_schema_free(s);
    return out.data ? dg_buf_steal(&out) : dg_xstrdup("");
}

static bool needs_empty(const char *a_sql, const char *b_sql)
{
    dg_schema *a = mh_load_text(a_sql), *b = mh_load_text(b_sql);
    bool r = false;
    if (a && b) {
        dg_plan p;
        dg_diff_plan(a, b, NULL, &p);
        for (size_t i = 0; i < p.lints.len; i++) r |= !strcmp(p.lints.items[i].code, DG_LINT_NOT_NULL_NO_DEFAULT);
        dg_plan_free(&p);
    }
    dg_schema_free(a);
    dg_schema_free(b);
    return r;
}

/* Every step of a migrations folder's history. */
static int history(const char *dir, const char *suffix)
{
    char **files = NULL;
    size_t n = 0;
    int failed = 0;
    if (dg_list_dir(dir, suffix, &files, &n) != 0) {
        fprintf(stderr, "%s: cannot list\n", dir);
        return 1;
    }
    dg_buf prev = DG_BUF_INIT;
    dg_buf_puts(&prev, "");
    for (size_t i = 0; i < n; i++) {
        if (dg_has_suffix(files[i], ".down.sql")) continue;
        char *text = slurp(files[i]);
        dg_buf next = DG_BUF_INIT;
        dg_buf_printf(&next, "%s%s\n;\n", dg_buf_cstr(&prev), text ? text : "");
        if (i > 0) {   /* the frontend refuses an empty schema: start from the first file */
            /* A step that adds a NOT NULL column without a default (or turns
             * a renamed column into drop + add: renames need @renamed_from)
             * cannot run on rows: the lint refuses it, and it runs empty. */
            bool rowless = needs_empty(prev.data, next.data);
            char *data = rowless ? NULL : generic_rows(prev.data, 3);
            mh_case c = {files[i], prev.data, next.data, data, NULL, NULL, NULL, false};
            int bad = mh_run_case(&c, NULL, NULL);
            printf("%s %s%s\n", bad ? "FAIL" : "ok  ", files[i], rowless ? " (without rows: lint NOT_NULL_NO_DEFAULT)" : "");
            failed += bad != 0;
            free(data);
        }
        dg_buf_free(&prev);
        prev = next;
        free(text);
    }
    dg_buf_free(&prev);
    dg_free_strings(files, n);
    return failed;
}

static int places(const char *corpus)
{
    static const char *const steps[] = {"create_v15_db.sql", "create_v17_db.sql", "create_shared_schema.sql"};
    int failed = 0;
    for (int i = 0; i + 1 < 3; i++) {
        char *a_path = dg_xprintf("%s/mozilla-places/%s", corpus, steps[i]);
        char *b_path = dg_xprintf("%s/mozilla-places/%s", corpus, steps[i + 1]);
        char *a = slurp(a_path), *b = slurp(b_path);
        char *data = a ? generic_rows(a, 4) : NULL;
        char label[128];
        snprintf(label, sizeof label, "places %s -> %s", steps[i], steps[i + 1]);
        mh_case c = {label, a, b, data, NULL, NULL, NULL, false};
        int bad = !a || !b || !data || !*data || mh_run_case(&c, NULL, NULL);
        printf("%s %s\n", bad ? "FAIL" : "ok  ", label);
        failed += bad != 0;
        free(a_path); free(b_path); free(a); free(b); free(data);
    }
    return failed;
}

/* Real schemas with one edit that forces a table rebuild: the rebuilt table
 * has triggers, indexes, views and referencing tables around it. */
static int rebuilds(const char *corpus)
{
    static const struct {
        const char *file, *find, *replace;
        bool own_rows;   /* the file holds its own INSERTs */
    } edits[] = {
        {"sakila/sqlite-sakila-schema.sql", "  last_name VARCHAR(45) NOT NULL,\n",
         "  last_name VARCHAR(45) NOT NULL DEFAULT '' CHECK (length(last_name) < 100),\n", false},
        {"chinook/Chinook_Sqlite.sql", "    [Name] NVARCHAR(120),\n    CONSTRAINT [PK_Artist]",
         "    [Name] NVARCHAR(120) NOT NULL DEFAULT 'unknown',\n    CONSTRAINT [PK_Artist]", true},
        {"nix/schema.sql", "    narSize          integer,\n", "    narSize          integer not null default 0,\n", false},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        char *path = dg_xprintf("%s/%s", corpus, edits[i].file), *a = slurp(path);
        const char *at = a ? strstr(a, edits[i].find) : NULL;
        int bad = 1;
        if (at) {
            dg_buf b = DG_BUF_INIT;
            dg_buf_append(&b, a, (size_t)(at - a));
            dg_buf_puts(&b, edits[i].replace);
            dg_buf_puts(&b, at + strlen(edits[i].find));
            char *data = edits[i].own_rows ? NULL : generic_rows(a, 3);
            mh_case c = {edits[i].file, a, b.data, data, NULL, NULL, NULL, false};
            dg_schema *sa = mh_load_text(a), *sb = mh_load_text(b.data);
            dg_plan p;
            dg_diff_plan(sa, sb, NULL, &p);
            bad = p.rebuilds != 1;   /* the edit must force exactly one rebuild */
            if (bad) fprintf(stderr, "%s: expected one rebuild, got %d\n", edits[i].file, p.rebuilds);
            dg_plan_free(&p);
            dg_schema_free(sa);
            dg_schema_free(sb);
            bad += mh_run_case(&c, NULL, NULL);
            free(data);
            dg_buf_free(&b);
        } else {
            fprintf(stderr, "%s: the text to edit was not found\n", path);
        }
        printf("%s rebuild in %s\n", bad ? "FAIL" : "ok  ", edits[i].file);
        failed += bad != 0;
        free(path);
        free(a);
    }
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !dg_is_dir(argv[1])) {
        fprintf(stderr, "corpus folder absent: skipped\n");
        return 77;
    }
    const char *corpus = argv[1];
    char *vw = dg_xprintf("%s/vaultwarden-migrations", corpus);
    char *od = dg_xprintf("%s/sqlc-examples/ondeck/sqlite/schema", corpus);
    const char *part = argc > 2 ? argv[2] : "all";   /* all, history or real (places + rebuilds) */
    bool all = !strcmp(part, "all");
    int failed = 0;
    if (all || !strcmp(part, "history")) failed += history(vw, ".sql") + history(od, ".sql");
    if (all || !strcmp(part, "real")) failed += places(corpus) + rebuilds(corpus);
    free(vw);
    free(od);
    printf("corpus: %d failed\n", failed);
    return failed ? 1 : 0;
}
