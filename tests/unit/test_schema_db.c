/* The database dg_schema_load_db hands over: it holds what running
 * the schema files statement by statement in SQLite gives (sqlite_schema row
 * for row, in order: the loader moves rows aside while CREATE statements run,
 * see frontend/park.c) and describes like it (dal_schema_describe), and it
 * is not kept when the sources left more than the schema in it.
 *
 * Arguments: the folder of local schema cases, then the corpus folder (its
 * schemas are skipped when it is absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/schema_db.h"
#include "model/schema_print.h"
#include "frontend/sources.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "sql/sqltok.h"

static const char *cases_dir, *corpus_dir;
static char work_dir[] = "/tmp/dalgen-schema-db-XXXXXX";   /* the split folders; removed at the end */

/* Loads the sources (files or folders) with the database kept (*db, NULL
 * when not kept; caller closes it); the diagnostics go to *diag when diag is not NULL (caller frees). */
static dg_schema *load_db(const dg_sources *src, sqlite3 **db, char **diag)
{
    size_t len = 0;
    char *text = NULL;
    FILE *mem = open_memstream(&text, &len);
    dg_diags d = DG_DIAGS_INIT;
    dg_schema *s = NULL;
    dg_schema_load_db(src, &s, db, &d);
    dg_diags_print(&d, mem);
    fclose(mem);
    if (diag) *diag = text;
    else free(text);
    return s;
}

static dg_schema *load_text(const char *name, const char *sql, sqlite3 **db, char **diag)
{
    dg_sources src = {0};
    dg_sources_add_text(&src, name, sql, strlen(sql));
    dg_schema *s = load_db(&src, db, diag);
    dg_sources_free(&src);
    return s;
}

/* sqlite_schema in rowid order, one line per row (rootpage left out: which
 * pages the b-trees start on is not part of the schema). Caller frees. */
static char *schema_rows(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid, type, name, tbl_name, IFNULL(sql, '-') "
                                            "FROM main.sqlite_schema ORDER BY rowid", -1, &st, NULL), SQLITE_OK);
    dg_buf b = {0};
    while (sqlite3_step(st) == SQLITE_ROW)
        dg_buf_printf(&b, "%lld %s %s %s %s\n", (long long)sqlite3_column_int64(st, 0),
                      (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
                      (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4));
    sqlite3_finalize(st);
    char *out = dg_buf_steal(&b);
    return out ? out : dg_xstrdup("");
}

static char *describe(sqlite3 *h)
{
    dal_db *db = NULL;
    char *desc = NULL;
    assert_int_equal(dal_wrap(&db, h, NULL), DAL_OK);
    assert_int_equal(dal_schema_describe(db, &desc), DAL_OK);
    char *out = dg_xstrdup(desc);
    sqlite3_free(desc);
    dal_close(db);
    return out;
}

/* Fails naming the first line where the two texts differ. */
static void assert_same_text(const char *have, const char *want, const char *what, const char *path)
{
    size_t line = 1;
    const char *a = have, *b = want;
    for (; *a && *a == *b; a++, b++)
        if (*a == '\n') line++;
    if (*a == *b) return;
    while (a > have && a[-1] != '\n') a--;
    while (b > want && b[-1] != '\n') b--;
    fail_msg("%s: %s differ at line %zu:\n  kept:  %.*s\n  other: %.*s", path, what, line, (int)strcspn(a, "\n"), a,
             (int)strcspn(b, "\n"), b);
}

/* Runs every *.sql file of `paths` (files, or folders in name order
 * without *.down.sql) whole, as sqlite3_exec does. */
static sqlite3 *reference_db(const char *const *paths, size_t n)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    for (size_t i = 0; i < n; i++) {
        char **names = NULL;
        size_t count = 0;
        if (dg_is_dir(paths[i])) assert_int_equal(dg_list_dir(paths[i], ".sql", &names, &count), 0);
        for (size_t k = 0; k < (names ? count : 1); k++) {
            const char *p = names ? names[k] : paths[i];
            if (dg_has_suffix(p, ".down.sql")) continue;
            char *text = NULL;
            size_t len = 0;
            assert_int_equal(dg_read_file(p, &text, &len), 0);
            char *err = NULL;
            if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK) fail_msg("%s: %s", p, err);
            free(text);
        }
        dg_free_strings(names, count);
    }
    return db;
}

/* One schema: returns 1 when its database was kept and compared. */
static int check_schema(const char *const *paths, size_t n)
{
    sqlite3 *db = NULL;
    dg_sources src = {0};
    for (size_t i = 0; i < n; i++) dg_sources_add(&src, DG_SRC_AUTO, paths[i]);
    char *diag = NULL;
    dg_schema *s = load_db(&src, &db, &diag);
    if (!s) fail_msg("%s: %s", paths[0], diag);
    free(diag);
    dg_sources_free(&src);
    if (!db) {
        dg_schema_free(s);
    sqlite3_close(db);
        return 0;
    }
    sqlite3 *ref = reference_db(paths, n);
    char *want = schema_rows(ref), *have = schema_rows(db);
    assert_same_text(have, want, "sqlite_schema rows", paths[0]);
    /* What P_schema_check compares a migrated database against. */
    char *a = describe(db), *b = describe(ref);
    assert_same_text(a, b, "descriptions", paths[0]);
    free(a);
    free(b);
    free(want);
    free(have);
    sqlite3_close(ref);
    dg_schema_free(s);
    sqlite3_close(db);
    return 1;
}

static void kept_database_is_the_statement_by_statement_one(void **state)
{
    (void)state;
    char **names = NULL;
    size_t n = 0;
    assert_int_equal(dg_list_dir(cases_dir, ".sql", &names, &n), 0);
    assert_true(n > 0);
    int kept = 0;
    for (size_t i = 0; i < n; i++) kept += check_schema((const char *const *)&names[i], 1);
    dg_free_strings(names, n);
    assert_true(kept > 0);
}

static void corpus_databases_are_the_statement_by_statement_ones(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"chinook/Chinook_Sqlite.sql", NULL},
        {"sakila/sqlite-sakila-schema.sql", NULL},
        {"mozilla-places/create_v17_db.sql", NULL},
        {"vaultwarden-migrations", NULL},   /* ALTER TABLE between runs of CREATE */
        {"sqlc-examples/booktest/sqlite/schema.sql", NULL},
        {"nix/schema.sql", "nix/ca-specific-schema.sql"},
    };
    if (!dg_is_dir(corpus_dir)) skip();
    int kept = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *paths[2] = {NULL, NULL};
        size_t n = 0;
        for (size_t k = 0; k < 2 && cases[i][k]; k++) paths[n++] = dg_xprintf("%s/%s", corpus_dir, cases[i][k]);
        kept += check_schema((const char *const *)paths, n);
        for (size_t k = 0; k < n; k++) free(paths[k]);
    }
    assert_true(kept > 0);
}

static void many_tables_load_in_order(void **state)
{
    sqlite3 *db = NULL;
    (void)state;
    dg_buf b = {0};
    for (int i = 0; i < 300; i++) {
        dg_buf_printf(&b, "CREATE TABLE t%d (id INTEGER PRIMARY KEY, k TEXT UNIQUE, p INTEGER REFERENCES t%d(id));\n",
                      i, i ? i - 1 : 0);
        dg_buf_printf(&b, "CREATE INDEX t%d_p ON t%d (p);\n", i, i);
        if (i % 50 == 49) dg_buf_printf(&b, "ALTER TABLE t%d ADD COLUMN extra TEXT;\n", i - 10);
        if (i % 30 == 0) dg_buf_printf(&b, "CREATE VIEW v%d AS SELECT * FROM t%d;\n", i, i);
    }
    dg_schema *s = load_text("many.sql", b.data, &db, NULL);
    assert_non_null(s);
    assert_non_null(db);
    assert_int_equal(s->tables.len, 300);
    assert_int_equal(s->indexes.len, 300);
    assert_string_equal(s->tables.items[299].name, "t299");
    assert_string_equal(s->indexes.items[299].name, "t299_p");
    assert_non_null(dg_table_column(&s->tables.items[39], "extra"));
    sqlite3 *ref = NULL;
    assert_int_equal(sqlite3_open(":memory:", &ref), SQLITE_OK);
    assert_int_equal(sqlite3_exec(ref, b.data, NULL, NULL, NULL), SQLITE_OK);
    char *want = schema_rows(ref), *have = schema_rows(db);
    assert_string_equal(have, want);
    free(want);
    free(have);
    sqlite3_close(ref);
    dg_schema_free(s);
    sqlite3_close(db);
    dg_buf_free(&b);
}

/* A database source is replayed object by object: same rows, same order. */
static void database_sources_replay_in_order(void **state)
{
    sqlite3 *db = NULL;
    (void)state;
    dg_buf b = {0};
    for (int i = 0; i < 120; i++) {
        dg_buf_printf(&b, "CREATE TABLE t%d (id INTEGER PRIMARY KEY, k TEXT UNIQUE);\n", i);
        dg_buf_printf(&b, "CREATE INDEX t%d_k ON t%d (k DESC);\n", i, i);
    }
    dg_buf_puts(&b, "CREATE VIEW v AS SELECT * FROM t7;\n"
                    "CREATE TRIGGER tr AFTER INSERT ON t8 BEGIN DELETE FROM t9; END;\n");
    const char *path = "schema_db_replay.db";
    remove(path);
    sqlite3 *src = NULL;
    assert_int_equal(sqlite3_open(path, &src), SQLITE_OK);
    assert_int_equal(sqlite3_exec(src, b.data, NULL, NULL, NULL), SQLITE_OK);
    dg_sources srcs = {0};
    dg_sources_add(&srcs, DG_SRC_AUTO, path);
    dg_schema *s = load_db(&srcs, &db, NULL);
    dg_sources_free(&srcs);
    assert_non_null(s);
    assert_non_null(db);
    assert_int_equal(s->tables.len, 120);
    assert_int_equal(s->triggers.len, 1);
    char *want = schema_rows(src), *have = schema_rows(db);
    assert_same_text(have, want, "sqlite_schema rows", path);
    free(want);
    free(have);
    sqlite3_close(src);
    remove(path);
    dg_schema_free(s);
    sqlite3_close(db);
    dg_buf_free(&b);
}

/* The kept database of `text` equals SQLite's statement-by-statement one
 * row for row, passes integrity_check, and takes a row in every table
 * named dalgen_pad_*.  Returns false when the text did not load. */
static bool same_as_sqlite(const char *name, const char *text)
{
    sqlite3 *db = NULL, *ref = NULL;
    char *diag = NULL;
    dg_schema *s = load_text(name, text, &db, &diag);
    free(diag);
    if (!s || !db) {
        dg_schema_free(s);
        sqlite3_close(db);
        return s != NULL;
    }
    assert_int_equal(sqlite3_open(":memory:", &ref), SQLITE_OK);
    if (sqlite3_exec(ref, text, NULL, NULL, NULL) != SQLITE_OK) {   /* what the loader skips (sqlite_sequence) */
        sqlite3_close(ref);
        sqlite3_close(db);
        dg_schema_free(s);
        return false;
    }
    char *want = schema_rows(ref), *have = schema_rows(db);
    assert_same_text(have, want, "sqlite_schema rows", name);
    char *a = describe(db), *b = describe(ref);
    assert_same_text(a, b, "descriptions", name);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    for (int i = 0; i < 40; i++) {
        char *ins = dg_xprintf("INSERT INTO dalgen_pad_%d (y) VALUES ('v')", i);
        if (strstr(text, "dalgen_pad_0 ")) assert_int_equal(sqlite3_exec(db, ins, NULL, NULL, NULL), SQLITE_OK);
        free(ins);
    }
    free(a);
    free(b);
    free(want);
    free(have);
    sqlite3_close(ref);
    sqlite3_close(db);
    dg_schema_free(s);
    return true;
}

/* `text` after 40 small tables: CREATE runs long enough for the loader to
 * apply them as sqlite_schema rows (frontend/batch.c). Caller frees. */
static char *padded(const char *text)
{
    dg_buf b = {0};
    for (int i = 0; i < 40; i++)
        dg_buf_printf(&b, "CREATE TABLE dalgen_pad_%d (id INTEGER PRIMARY KEY, y TEXT UNIQUE);\n", i);
    dg_buf_puts(&b, text);
    return dg_buf_steal(&b);
}

/* Adds every *.sql file under `dir` (any depth) to `out`. */
static void sql_files_under(const char *dir, dg_strings *out)
{
    char *cmd = dg_xprintf("find '%s' -name '*.sql' | sort", dir);
    FILE *f = popen(cmd, "r");
    char line[4096];
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        DG_VEC_PUSH(out, dg_xstrdup(line));
    }
    if (f) pclose(f);
    free(cmd);
}

/* Every schema case, migration case and corpus file (when the corpus is
 * there). */
static void schema_files(dg_strings *files)
{
    sql_files_under(cases_dir, files);
    char *mig = dg_xprintf("%s/../../migrate/cases", cases_dir);
    sql_files_under(mig, files);
    free(mig);
    if (dg_is_dir(corpus_dir)) sql_files_under(corpus_dir, files);
}

/* Every schema case, migration case and corpus file, padded: the batched
 * load leaves what SQLite's own does. */
static void padded_schemas_are_the_statement_by_statement_ones(void **state)
{
    (void)state;
    dg_strings files = {0};
    schema_files(&files);
    int compared = 0;
    for (size_t i = 0; i < files.len; i++) {
        char *text = NULL;
        size_t len = 0;
        assert_int_equal(dg_read_file(files.items[i], &text, &len), 0);
        char *p = padded(text);
        compared += same_as_sqlite(files.items[i], p);
        free(p);
        free(text);
    }
    assert_true(compared > 40);
    dg_strings_free(&files);
}

/* `diag` with every line number after "NAME:" moved down by 40 lines. */
static char *moved_down(const char *diag, const char *name)
{
    dg_buf b = {0};
    size_t n = strlen(name);
    for (const char *p = diag; *p;) {
        if (!strncmp(p, name, n) && p[n] == ':' && p[n + 1] >= '0' && p[n + 1] <= '9') {
            char *end = NULL;
            long line = strtol(p + n + 1, &end, 10);
            dg_buf_printf(&b, "%s:%ld", name, line + 40);
            p = end;
        } else {
            dg_buf_putc(&b, *p++);
        }
    }
    char *out = dg_buf_steal(&b);
    return out ? out : dg_xstrdup("");
}

/* The schemas with errors report the same messages at the same places
 * (40 lines down) when a batch runs before them. */
static void padded_errors_are_the_same(void **state)
{
    (void)state;
    dg_strings files = {0};
    char *dir = dg_xprintf("%s/../errors", cases_dir);
    sql_files_under(dir, &files);
    free(dir);
    assert_true(files.len > 10);
    for (size_t i = 0; i < files.len; i++) {
        char *text = NULL, *diag = NULL, *pdiag = NULL;
        size_t len = 0;
        sqlite3 *db = NULL;
        assert_int_equal(dg_read_file(files.items[i], &text, &len), 0);
        char *p = padded(text);
        dg_schema_free(load_text("e.sql", text, &db, &diag));
        sqlite3_close(db);
        dg_schema_free(load_text("e.sql", p, &db, &pdiag));
        sqlite3_close(db);
        char *want = moved_down(diag, "e.sql");
        assert_same_text(pdiag, want, "diagnostics", files.items[i]);
        free(want);
        free(pdiag);
        free(diag);
        free(p);
        free(text);
    }
    dg_strings_free(&files);
}

/* What SQLite stores for the forms a batch takes: automatic indexes (some
 * merged, a WITHOUT ROWID key without a row), table options and the text
 * up to the ';', views trimmed, names quoted, qualified and in another
 * case, an AUTOINCREMENT table making sqlite_sequence, a last statement
 * without ';'. */
static void batched_forms_are_stored_as_sqlite_stores_them(void **state)
{
    (void)state;
    static const char *const forms =
        "CREATE TABLE a (x INTEGER PRIMARY KEY, y UNIQUE, z, UNIQUE (z), UNIQUE (y));\n"
        "CREATE TABLE IF NOT EXISTS main.\"B b\" (k TEXT PRIMARY KEY, v UNIQUE, w) WITHOUT ROWID /* kept */ ;\n"
        "CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT NOT NULL DEFAULT 'x' CHECK (n <> ''));\n"
        "CREATE TABLE d (id INTEGER PRIMARY KEY DESC, e INT UNIQUE);\n"
        "CREATE TABLE e (id INTEGER PRIMARY KEY AUTOINCREMENT, s TEXT) STRICT -- comment\n;\n"
        "CREATE TABLE [f] (a INT, b INT, g AS (a + b) STORED, PRIMARY KEY (b, a));\n"
        "CREATE UNIQUE INDEX IF NOT EXISTS main.ai ON A (z DESC, y COLLATE NOCASE) WHERE z > 0  ;\n"
        "CREATE INDEX \"b idx\" ON \"b B\" (lower(w));\n"
        "CREATE VIEW v (p, q) AS SELECT x, y FROM a /* trimmed? */   \n  ;\n"
        "CREATE VIEW w AS SELECT * FROM \"b B\";\n"
        "CREATE INDEX dq ON a (\"not a column\");\n"
        "CREATE TABLE g (id INTEGER NOT NULL PRIMARY KEY, t TEXT)";
    char *p = padded(forms);
    assert_true(same_as_sqlite("forms.sql", p));
    free(p);
}

/* A batched statement that SQLite refuses is reported where it is, as the
 * statement-by-statement load reports it. */
static void batched_errors_keep_their_location(void **state)
{
    (void)state;
    static const struct { const char *sql, *where, *what; } bad[] = {
        {"CREATE INDEX early ON later (x);\nCREATE TABLE later (x);\n", "bad.sql:41:", "later"},
        {"CREATE TABLE t (x CHECK (no_such_function(x)));\n", "bad.sql:41:", "no_such_function"},
        {"CREATE TABLE t (x);\nCREATE INDEX i ON t (nope);\n", "bad.sql:42:", "nope"},
        {"CREATE TABLE t (x);\nCREATE TABLE T (y);\n", "bad.sql:42:", "already exists"},
        {"CREATE TABLE t (x);\nCREATE INDEX t ON t (x);\n", "bad.sql:42:", "already a table"},
        {"CREATE TABLE t (x INTEGER PRIMARY KEY, PRIMARY KEY (x));\n", "bad.sql:41:", "more than one primary key"},
        {"CREATE TABLE sqlite_t (x);\n", "bad.sql:41:", "reserved"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *p = padded(bad[i].sql), *diag = NULL;
        sqlite3 *db = NULL;
        dg_schema *s = load_text("bad.sql", p, &db, &diag);
        if (s || !strstr(diag, bad[i].where) || !strstr(diag, bad[i].what))
            fail_msg("case %zu: expected an error at %s naming %s, got: %s", i, bad[i].where, bad[i].what, diag);
        free(diag);
        free(p);
    }
}

/* Writes folder `dir` afresh: 40 files of one small table each, then
 * `text` one statement a file (names sort in that order). */
static void write_split(const char *dir, const char *text)
{
    char *cmd = dg_xprintf("rm -rf '%s' && mkdir '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    for (int i = 0; i < 40; i++) {
        char *path = dg_xprintf("%s/0_pad_%02d.sql", dir, i);
        char *sql = dg_xprintf("CREATE TABLE dalgen_pad_%d (id INTEGER PRIMARY KEY, y TEXT UNIQUE);\n", i);
        assert_int_equal(dg_write_file_if_changed(path, sql, strlen(sql), NULL), 0);
        free(sql);
        free(path);
    }
    size_t len = strlen(text), k = 0;
    for (size_t from = 0; from < len; k++) {
        size_t end = dg_sql_statement_end(text, len, from);
        if (end <= from) end = len;
        char *path = dg_xprintf("%s/1_%05zu.sql", dir, k);
        assert_int_equal(dg_write_file_if_changed(path, text + from, end - from, NULL), 0);
        free(path);
        from = end;
    }
}

/* The *.sql files of corpus folder `name` but *.down.sql, in name order, as
 * one text; NULL without the corpus.  Caller frees. */
static char *folder_text(const char *corpus, const char *name)
{
    char *dir = dg_xprintf("%s/%s", corpus, name), **names = NULL;
    size_t n = 0;
    dg_buf b = {0};
    if (dg_is_dir(dir) && dg_list_dir(dir, ".sql", &names, &n) == 0) {
        for (size_t k = 0; k < n; k++) {
            char *text = NULL;
            if (dg_has_suffix(names[k], ".down.sql") || dg_read_file(names[k], &text, NULL) != 0) continue;
            dg_buf_puts(&b, text);
            dg_buf_puts(&b, "\n");
            free(text);
        }
        dg_free_strings(names, n);
    }
    free(dir);
    return b.len ? dg_buf_steal(&b) : NULL;
}

/* Whether `text` loads, and runs in SQLite whole. */
static bool loads_and_runs(const char *name, const char *text)
{
    char *diag = NULL;
    dg_schema *s = load_text(name, text, NULL, &diag);
    bool ok = s != NULL;
    dg_schema_free(s);
    free(diag);
    sqlite3 *ref = NULL;
    assert_int_equal(sqlite3_open(":memory:", &ref), SQLITE_OK);
    ok = ok && sqlite3_exec(ref, text, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(ref);
    return ok;
}

/* A folder of one statement a file (a batch runs on over the files): every
 * schema case, migration case and corpus file leaves what SQLite's own run
 * of the files in order does. */
static void folders_of_one_statement_a_file_are_the_statement_by_statement_ones(void **state)
{
    (void)state;
    dg_strings files = {0};
    schema_files(&files);
    int compared = 0;
    for (size_t i = 0; i <= files.len; i++) {
        char *text = NULL;
        size_t len = 0;
        if (i < files.len) assert_int_equal(dg_read_file(files.items[i], &text, &len), 0);
        else text = folder_text(corpus_dir, "vaultwarden-migrations");   /* ALTERs between CREATEs */
        if (text && loads_and_runs(i < files.len ? files.items[i] : "vaultwarden", text)) {
            char *dir = dg_xprintf("%s/split", work_dir);
            write_split(dir, text);
            compared += check_schema((const char *const *)&dir, 1);
            free(dir);
        }
        free(text);
    }
    assert_true(compared > 60);   /* 89 without the corpus, 122 with it */
    dg_strings_free(&files);
}

/* In such a folder, a statement SQLite refuses is reported in its file, at
 * its place, whether it was in the batch or ended it. */
static void split_errors_keep_their_file(void **state)
{
    (void)state;
    static const struct { const char *sql, *where, *what; } bad[] = {
        {"CREATE TABLE t (x);\nCREATE TABLE u (x CHECK (no_such_function(x)));\n", "1_00001.sql:2:", "no_such_function"},
        {"CREATE TABLE t (x);\nCREATE INDEX i ON t (nope);\n", "1_00001.sql:2:", "nope"},
        {"CREATE TABLE t (x);\nINSERT INTO nope VALUES (1);\n", "1_00001.sql:2:", "nope"},
        {"CREATE TABLE t (x);\nCREATE TABLE T (y);\n", "1_00001.sql:2:", "already exists"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *dir = dg_xprintf("%s/split_bad", work_dir);
        write_split(dir, bad[i].sql);
        dg_sources src = {0};
        dg_sources_add(&src, DG_SRC_AUTO, dir);
        free(dir);
        char *diag = NULL;
        sqlite3 *db = NULL;
        dg_schema *s = load_db(&src, &db, &diag);
        dg_sources_free(&src);
        if (s || !strstr(diag, bad[i].where) || !strstr(diag, bad[i].what))
            fail_msg("case %zu: expected an error at %s naming %s, got: %s", i, bad[i].where, bad[i].what, diag);
        free(diag);
        dg_schema_free(s);
        sqlite3_close(db);
    }
}

/* An error after many CREATE statements is where SQLite says it is, and
 * nothing of the schema is kept. */
static void errors_after_creates_keep_their_location(void **state)
{
    sqlite3 *db = NULL;
    (void)state;
    dg_buf b = {0};
    for (int i = 0; i < 40; i++) dg_buf_printf(&b, "CREATE TABLE t%d (id INTEGER PRIMARY KEY);\n", i);
    dg_buf_puts(&b, "CREATE INDEX ix ON t3 (nope);\n");
    char *diag = NULL;
    dg_schema *s = load_text("bad.sql", b.data, &db, &diag);
    assert_null(s);
    assert_non_null(strstr(diag, "bad.sql:41:"));
    assert_non_null(strstr(diag, "nope"));
    free(diag);
    b.len = 0;
    for (int i = 0; i < 40; i++) dg_buf_printf(&b, "CREATE TABLE t%d (id INTEGER PRIMARY KEY);\n", i);
    dg_buf_puts(&b, "CREATE TABLE t7 (x);\n");
    s = load_text("dup.sql", b.data, &db, &diag);
    assert_null(s);
    assert_non_null(strstr(diag, "dup.sql:41:"));
    assert_non_null(strstr(diag, "already exists"));
    free(diag);
    dg_buf_free(&b);
}

static void state_besides_the_schema_is_not_kept(void **state)
{
    sqlite3 *db = NULL;
    (void)state;
    static const char *const not_kept[] = {
        "CREATE TABLE a (x INTEGER);\nPRAGMA foreign_keys = ON;\n",
        "CREATE TABLE a (x INTEGER);\nCREATE TEMP TABLE scratch (y);\n",
        "CREATE TABLE a (x INTEGER);\nANALYZE;\n",
        "BEGIN;\nCREATE TABLE a (x INTEGER);\n",
    };
    for (size_t i = 0; i < sizeof not_kept / sizeof not_kept[0]; i++) {
        dg_schema *s = load_text("s.sql", not_kept[i], &db, NULL);
        assert_non_null(s);
        assert_null(db);
        dg_schema_free(s);
    }
    dg_schema *s = load_text("s.sql", "PRAGMA user_version = 3;\nCREATE TABLE a (x INTEGER);\n"
                                      "INSERT INTO a VALUES (1);\n", &db, NULL);
    assert_non_null(s);
    assert_non_null(db);
    dg_schema_free(s);
    sqlite3_close(db);
}

/* A view may call a function the application registers: the loader
 * declares a stub to check the view, but the kept database does not have
 * it (a fresh database from the model would not either). */
static void stub_functions_are_not_kept(void **state)
{
    sqlite3 *db = NULL;
    (void)state;
    char *diag = NULL;
    dg_schema *s = load_text("v.sql", "CREATE TABLE a (x INTEGER);\nCREATE VIEW v AS SELECT app_fn(x) AS y FROM a;\n",
                             &db, &diag);
    assert_non_null(s);
    assert_non_null(strstr(diag, "app_fn"));   /* the warning */
    free(diag);
    assert_non_null(db);
    sqlite3_stmt *st = NULL;
    assert_int_not_equal(sqlite3_prepare_v2(db, "SELECT * FROM v", -1, &st, NULL), SQLITE_OK);
    assert_non_null(strstr(sqlite3_errmsg(db), "app_fn"));
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT x FROM a", -1, &st, NULL), SQLITE_OK);
    sqlite3_finalize(st);
    dg_schema_free(s);
    sqlite3_close(db);
}

/* The kept database accepts what a fresh one does (no authorizer). */
static void kept_database_has_no_loader_limits(void **state)
{
    sqlite3 *db = NULL;
    (void)state;
    dg_schema *s = load_text("a.sql", "CREATE TABLE a (x INTEGER);\n", &db, NULL);
    assert_non_null(s);
    assert_non_null(db);
    assert_int_equal(sqlite3_exec(db, "PRAGMA temp_store_directory", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "ATTACH ':memory:' AS other; DETACH other", NULL, NULL, NULL), SQLITE_OK);
    dg_schema_free(s);
    sqlite3_close(db);
}

/* SQL text sources: no file is read, and errors are at name:line:col. */
static void text_sources_report_at_their_name(void **state)
{
    sqlite3 *db = NULL;
    (void)state;
    char *diag = NULL;
    dg_schema *s = load_text("(DDL of models.h)", "CREATE TABLE a (x INTEGER);\nCREATE TABLE b (y INTEGER REFERENCES);\n",
                             &db, &diag);
    assert_null(s);
    assert_non_null(strstr(diag, "(DDL of models.h):2:"));
    free(diag);
    s = load_text("missing-file.sql", "CREATE TABLE a (x INTEGER);\n", &db, &diag);
    assert_non_null(s);
    assert_int_equal(s->tables.len, 1);
    assert_string_equal(s->tables.items[0].loc.file, "missing-file.sql");
    assert_int_equal(s->tables.items[0].loc.line, 1);
    free(diag);
    dg_schema_free(s);
    sqlite3_close(db);
}

int main(int argc, char **argv)
{
    cases_dir = argc > 1 ? argv[1] : "tests/schema/cases";
    corpus_dir = argc > 2 ? argv[2] : "";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kept_database_is_the_statement_by_statement_one),
        cmocka_unit_test(corpus_databases_are_the_statement_by_statement_ones),
        cmocka_unit_test(many_tables_load_in_order),
        cmocka_unit_test(database_sources_replay_in_order),
        cmocka_unit_test(errors_after_creates_keep_their_location),
        cmocka_unit_test(padded_schemas_are_the_statement_by_statement_ones),
        cmocka_unit_test(padded_errors_are_the_same),
        cmocka_unit_test(batched_forms_are_stored_as_sqlite_stores_them),
        cmocka_unit_test(batched_errors_keep_their_location),
        cmocka_unit_test(folders_of_one_statement_a_file_are_the_statement_by_statement_ones),
        cmocka_unit_test(split_errors_keep_their_file),
        cmocka_unit_test(state_besides_the_schema_is_not_kept),
        cmocka_unit_test(stub_functions_are_not_kept),
        cmocka_unit_test(kept_database_has_no_loader_limits),
        cmocka_unit_test(text_sources_report_at_their_name),
    };
    if (!mkdtemp(work_dir)) return perror("mkdtemp"), 1;
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    char *cmd = dg_xprintf("rm -rf '%s'", work_dir);
    if (system(cmd) != 0) failed = 1;
    free(cmd);
    return failed;
}
