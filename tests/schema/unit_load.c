/* dg_schema_load on real files, folders and databases (written into the
 * test's working folder), and the JSON / SQL / database outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend/schema_db.h"
#include "model/schema_print.h"
#include "frontend/sources.h"
#include "util/fsutil.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Loads the sources; returns the model (NULL on error) and the diagnostics
 * text in *diag (caller frees). */
static dg_schema *load(char **diag, int n, ...)
{
    dg_sources src = {0};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) dg_sources_add(&src, DG_SRC_AUTO, va_arg(ap, const char *));
    va_end(ap);
    size_t len = 0;
    char *text = NULL;
    FILE *mem = open_memstream(&text, &len);
    dg_diags d = DG_DIAGS_INIT;
    dg_schema *s = NULL;
    dg_schema_load(&src, &s, &d);
    dg_diags_print(&d, mem);
    fclose(mem);
    dg_sources_free(&src);
    if (diag) *diag = text;
    else free(text);
    return s;
}

static void above_statement_annotations_need_adjacent_lines(void **state)
{
    (void)state;
    write_file("above.sql",
               "CREATE TABLE a (x INTEGER); -- @name not_for_b (on a's line)\n"
               "-- @name far_away\n"
               "\n"
               "-- @name bee\n"
               "/* @id uuid7 */\n"
               "CREATE TABLE b (y INTEGER);\n");
    dg_schema *s = load(NULL, 1, "above.sql");
    assert_non_null(s);
    const dg_table *b = dg_schema_table(s, "b");
    assert_int_equal(b->annotations.len, 2);
    assert_string_equal(dg_annotation_get(&b->annotations, "name"), "bee");
    assert_true(b->annotations.items[0].above);
    assert_int_equal(b->annotations.items[0].loc.line, 4);
    assert_string_equal(dg_annotation_get(&dg_schema_table(s, "a")->annotations, "name"), "not_for_b (on a's line)");
    dg_schema_free(s);
}

static void dbmate_files_contribute_their_up_part(void **state)
{
    (void)state;
    write_file("dbmate.sql",
               "-- migrate:up\n"
               "CREATE TABLE up_table (id INTEGER PRIMARY KEY);\n"
               "\n"
               "-- migrate:down\n"
               "DROP TABLE up_table;\n");
    dg_schema *s = load(NULL, 1, "dbmate.sql");
    assert_non_null(s);
    assert_int_equal(s->tables.len, 1);
    assert_int_equal(s->tables.items[0].loc.line, 2);
    dg_schema_free(s);
}

static void goose_and_sql_migrate_files_contribute_their_up_part(void **state)
{
    (void)state;
    write_file("goose.sql",
               "-- +goose Up\n"
               "CREATE TABLE goose_table (id INTEGER PRIMARY KEY);\n"
               "-- +goose Down\n"
               "DROP TABLE goose_table;\n");
    write_file("sqlmigrate.sql",
               "-- +migrate Up\n"
               "CREATE TABLE sm_table (id INTEGER PRIMARY KEY);\n"
               "-- +migrate Down\n"
               "DROP TABLE sm_table;\n");
    dg_schema *s = load(NULL, 2, "goose.sql", "sqlmigrate.sql");
    assert_non_null(s);
    assert_int_equal(s->tables.len, 2);
    assert_non_null(dg_schema_table(s, "goose_table"));
    assert_int_equal(dg_schema_table(s, "sm_table")->loc.line, 2);
    dg_schema_free(s);
}

static void folders_apply_in_name_order_without_down_files(void **state)
{
    (void)state;
    mkdir("migs", 0755);
    write_file("migs/002_add.sql", "ALTER TABLE t ADD COLUMN added TEXT; -- added later\n");
    write_file("migs/001_init.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
    write_file("migs/001_init.down.sql", "this is not even SQL;\n");
    write_file("migs/003_rename.sql", "ALTER TABLE t RENAME TO things;\n");
    write_file("migs/notes.txt", "ignored\n");
    dg_schema *s = load(NULL, 1, "migs");
    assert_non_null(s);
    const dg_table *t = dg_schema_table(s, "things");
    assert_non_null(t);
    assert_int_equal(t->columns.len, 2);
    const dg_column *added = &t->columns.items[1];
    assert_string_equal(added->name, "added");
    assert_string_equal(added->loc.file, "migs/002_add.sql");
    assert_int_equal(added->loc.line, 1);
    assert_int_equal(added->loc.col, 26);
    assert_string_equal(t->loc.file, "migs/001_init.sql");
    assert_string_equal(t->columns.items[0].loc.file, "migs/001_init.sql");
    dg_schema_free(s);
}

static void several_sources_apply_in_order(void **state)
{
    (void)state;
    write_file("first.sql", "CREATE TABLE p (a INTEGER, b INTEGER, PRIMARY KEY (b, a));\n");
    write_file("second.sql", "CREATE TABLE c (x INTEGER, y INTEGER, FOREIGN KEY (x, y) REFERENCES p);\n");
    dg_schema *s = load(NULL, 2, "first.sql", "second.sql");
    assert_non_null(s);
    const dg_foreign_key *fk = &dg_schema_table(s, "c")->foreign_keys.items[0];
    assert_int_equal(fk->to.len, 2);   /* resolved to the parent's key, in key order */
    assert_string_equal(fk->to.items[0], "b");
    assert_string_equal(fk->to.items[1], "a");
    assert_string_equal(s->files.items[0], "first.sql");
    assert_string_equal(s->files.items[1], "second.sql");
    char *diag = NULL;
    assert_null(load(&diag, 2, "second.sql", "second.sql"));
    assert_string_equal(diag, "second.sql:1:14: error: table c already exists\n");
    free(diag);
    dg_schema_free(s);
}

/* A WAL database with uncheckpointed changes is read (the -wal file too) and
 * left exactly as it was. */
static void databases_are_read_only_even_in_wal_mode(void **state)
{
    (void)state;
    unlink("wal.db");
    unlink("wal.db-wal");
    unlink("wal.db-shm");
    sqlite3 *w = NULL;
    assert_int_equal(sqlite3_open("wal.db", &w), SQLITE_OK);
    assert_int_equal(sqlite3_exec(w, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                                     "CREATE TABLE in_wal (id INTEGER PRIMARY KEY, v TEXT);", NULL, NULL, NULL), SQLITE_OK);
    char *before = NULL, *after = NULL;
    size_t blen = 0, alen = 0;
    assert_int_equal(dg_read_file("wal.db", &before, &blen), 0);
    dg_schema *s = load(NULL, 1, "wal.db");
    assert_non_null(s);
    assert_non_null(dg_schema_table(s, "in_wal"));
    assert_null(s->tables.items[0].loc.file);
    assert_int_equal(dg_read_file("wal.db", &after, &alen), 0);
    assert_int_equal(blen, alen);
    assert_memory_equal(before, after, blen);
    free(before);
    free(after);
    dg_schema_free(s);
    sqlite3_close(w);
}

static void outputs_are_deterministic_and_reload(void **state)
{
    (void)state;
    write_file("out.sql",
               "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE -- @format email\n);\n"
               "CREATE INDEX users_email ON users (email);\n"
               "CREATE VIEW v AS SELECT id FROM users;\n");
    dg_schema *s = load(NULL, 1, "out.sql");
    assert_non_null(s);
    char *j1 = dg_schema_to_json(s), *j2 = dg_schema_to_json(s);
    assert_string_equal(j1, j2);
    assert_non_null(strstr(j1, "\"tables\": [\n    {\n      \"name\": \"users\",\n      \"strict\": false,"));
    sqlite3 *db = NULL;
    dg_diags d = DG_DIAGS_INIT;
    assert_int_equal(dg_schema_open_db(s, &db, &d), 0);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%@format email%'", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM v", -1, &st, NULL), SQLITE_OK);
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(j1);
    free(j2);
    dg_schema_free(s);
}

static void empty_source_gives_an_empty_model(void **state)
{
    (void)state;
    dg_schema *s = load(NULL, 1, "empty");
    assert_non_null(s);
    assert_int_equal(s->tables.len, 0);
    dg_schema_free(s);
    char *diag = NULL;
    write_file("nothing.sql", "-- no statements\n");
    assert_null(load(&diag, 1, "nothing.sql"));
    assert_string_equal(diag, "nothing.sql:1:1: error: the schema is empty: no tables or views\n");
    free(diag);
}

static void locations_follow_renamed_and_dropped_columns(void **state)
{
    (void)state;
    write_file("alter.sql",
               "CREATE TABLE t (a INTEGER, b INTEGER,\n"
               "  c INTEGER, d INTEGER);\n"
               "ALTER TABLE t DROP COLUMN a;\n"
               "ALTER TABLE t RENAME COLUMN b TO bee;\n"
               "ALTER TABLE t DROP COLUMN d;\n"
               "ALTER TABLE t ADD COLUMN e TEXT;\n");
    dg_schema *s = load(NULL, 1, "alter.sql");
    assert_non_null(s);
    const dg_table *t = &s->tables.items[0];
    assert_int_equal(t->columns.len, 3);
    assert_string_equal(t->columns.items[0].name, "bee");
    assert_int_equal(t->columns.items[0].loc.line, 1);
    assert_int_equal(t->columns.items[0].loc.col, 28);
    assert_string_equal(t->columns.items[1].name, "c");
    assert_int_equal(t->columns.items[1].loc.line, 2);
    assert_int_equal(t->columns.items[1].loc.col, 3);
    assert_string_equal(t->columns.items[2].name, "e");
    assert_int_equal(t->columns.items[2].loc.line, 6);
    assert_int_equal(t->columns.items[2].loc.col, 26);
    dg_schema_free(s);
}

/* Index terms as SQLite resolved them: a name written in another case
 * takes the column's spelling, the rowid alias and DESC stay as written, a
 * quoted name that is no column is SQLite's constant; and a column's
 * location in the file when nothing separates the statements. */
static void index_terms_take_the_column_spelling(void **state)
{
    (void)state;
    write_file("terms.sql",
               "CREATE TABLE t (Id INTEGER PRIMARY KEY, Name TEXT, c2 TEXT);"
               "CREATE INDEX i_case ON t(name DESC, C2);\n"
               "CREATE INDEX i_exact ON t(Name, c2 DESC);\n"
               "CREATE INDEX i_rowid ON t(Id DESC);\n"
               "CREATE INDEX i_const ON t(\"nope\");\n");
    char *diag = NULL;
    dg_schema *s = load(&diag, 1, "terms.sql");
    assert_non_null(s);
    assert_non_null(strstr(diag, "terms.sql:4:1: warning: index i_const: \"nope\" names no column of t"));
    free(diag);
    assert_int_equal(s->tables.items[0].columns.items[2].loc.col, 52);
    assert_int_equal(s->indexes.len, 4);
    const dg_index *ix = s->indexes.items;
    assert_string_equal(ix[0].terms.items[0].column, "Name");
    assert_true(ix[0].terms.items[0].desc);
    assert_string_equal(ix[0].terms.items[1].column, "c2");
    assert_false(ix[0].terms.items[1].desc);
    assert_string_equal(ix[1].terms.items[0].column, "Name");
    assert_true(ix[1].terms.items[1].desc);
    assert_string_equal(ix[2].terms.items[0].column, "Id");
    assert_true(ix[2].terms.items[0].desc);
    assert_null(ix[3].terms.items[0].column);
    assert_string_equal(ix[3].terms.items[0].expr, "+'nope'");
    dg_schema_free(s);
}

static void byte_order_marks_and_crlf_are_accepted(void **state)
{
    (void)state;
    write_file("bom.sql", "\xEF\xBB\xBF-- @name thing\r\nCREATE TABLE t (a INTEGER,\r\n  b TEXT);\r\n");
    dg_schema *s = load(NULL, 1, "bom.sql");
    assert_non_null(s);
    const dg_table *t = &s->tables.items[0];
    assert_string_equal(dg_annotation_get(&t->annotations, "name"), "thing");
    assert_int_equal(t->loc.line, 2);
    assert_int_equal(t->columns.items[1].loc.line, 3);
    assert_int_equal(t->columns.items[1].loc.col, 3);
    dg_schema_free(s);
}

static void comments_after_the_semicolon_belong_to_their_line(void **state)
{
    (void)state;
    write_file("trailing.sql",
               "CREATE TABLE one (id INTEGER PRIMARY KEY); -- @name single\n"
               "CREATE TABLE two (\n"
               "  id INTEGER PRIMARY KEY,\n"
               "  email TEXT); /* @format email */ -- @length 40\n"
               "-- @name not_trailing\n");
    dg_schema *s = load(NULL, 1, "trailing.sql");
    assert_non_null(s);
    const dg_table *one = dg_schema_table(s, "one"), *two = dg_schema_table(s, "two");
    assert_string_equal(dg_annotation_get(&one->annotations, "name"), "single");
    assert_true(one->annotations.items[0].above);
    assert_int_equal(one->columns.items[0].annotations.len, 0);
    assert_int_equal(two->annotations.len, 0);
    const dg_column *email = &two->columns.items[1];
    assert_int_equal(email->annotations.len, 2);
    assert_string_equal(dg_annotation_get(&email->annotations, "format"), "email");
    assert_string_equal(dg_annotation_get(&email->annotations, "length"), "40");
    dg_schema_free(s);
}

static void a_database_then_a_file_apply_in_order(void **state)
{
    (void)state;
    unlink("base.db");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open("base.db", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    write_file("step.sql", "ALTER TABLE t ADD COLUMN b INTEGER; -- @min 1\nCREATE INDEX t_b ON t (b);\n");
    dg_schema *s = load(NULL, 2, "base.db", "step.sql");
    assert_non_null(s);
    const dg_table *t = &s->tables.items[0];
    assert_null(t->loc.file);
    assert_null(t->columns.items[0].loc.file);
    const dg_column *b = &t->columns.items[2];
    assert_string_equal(b->loc.file, "step.sql");
    assert_int_equal(b->loc.col, 26);
    assert_string_equal(dg_annotation_get(&b->annotations, "min"), "1");
    assert_true(b->annotations.items[0].above);
    assert_string_equal(s->indexes.items[0].loc.file, "step.sql");
    dg_schema_free(s);
}

static void shell_schema_output_with_tables_sqlite_makes_loads(void **state)
{
    (void)state;
    write_file("shell.sql",
               "CREATE TABLE a(id integer primary key autoincrement, x);\n"
               "CREATE TABLE sqlite_sequence(name,seq);\n"
               "CREATE INDEX ax on a(x);\n"
               "CREATE TABLE sqlite_stat1(tbl,idx,stat);\n"
               "CREATE TABLE IF NOT EXISTS \"SQLITE_STAT4\"(tbl,idx,neq,nlt,ndlt,sample);\n"
               "CREATE TABLE b(id INTEGER PRIMARY KEY);\n");
    char *diag = NULL;
    dg_schema *s = load(&diag, 1, "shell.sql");
    assert_non_null(s);
    assert_string_equal(diag, "");
    free(diag);
    assert_int_equal(s->tables.len, 2);
    assert_string_equal(s->tables.items[0].name, "a");
    assert_true(s->tables.items[0].columns.items[0].autoincrement);
    assert_string_equal(s->tables.items[1].name, "b");
    assert_int_equal(s->tables.items[1].loc.line, 6);
    assert_int_equal(s->indexes.len, 1);
    dg_schema_free(s);
    write_file("fts.sql",
               "CREATE TABLE doc(id integer primary key, body text);\n"
               "CREATE VIRTUAL TABLE ft using fts5(body, content='doc', content_rowid='id')\n"
               "/* ft(body) */;\n"
               "CREATE TABLE IF NOT EXISTS 'ft_data'(id INTEGER PRIMARY KEY, block BLOB);\n"
               "CREATE TABLE IF NOT EXISTS 'ft_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;\n"
               "CREATE TABLE IF NOT EXISTS 'ft_docsize'(id INTEGER PRIMARY KEY, sz BLOB);\n"
               "CREATE TABLE IF NOT EXISTS 'ft_config'(k PRIMARY KEY, v) WITHOUT ROWID;\n"
               "CREATE TRIGGER doc_ai after insert on doc begin insert into ft(rowid, body) values (new.id, new.body); end;\n");
    s = load(&diag, 1, "fts.sql");
    assert_non_null(s);
    assert_string_equal(diag, "");
    free(diag);
    assert_int_equal(s->tables.len, 2);
    assert_string_equal(s->tables.items[1].name, "ft");
    assert_string_equal(s->tables.items[1].module, "fts5");
    assert_int_equal(s->triggers.len, 1);
    dg_schema_free(s);
    /* without the virtual table, such a name is an ordinary table */
    write_file("plain.sql", "CREATE TABLE IF NOT EXISTS 'ft_data'(id INTEGER PRIMARY KEY, block BLOB);\n");
    s = load(NULL, 1, "plain.sql");
    assert_non_null(s);
    assert_int_equal(s->tables.len, 1);
    dg_schema_free(s);
    write_file("reserved.sql", "CREATE TABLE t(x);\nCREATE TABLE sqlite_things(x);\n");
    assert_null(load(&diag, 1, "reserved.sql"));
    assert_string_equal(diag, "reserved.sql:2:14: error: object name reserved for internal use: sqlite_things\n");
    free(diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(above_statement_annotations_need_adjacent_lines),
        cmocka_unit_test(dbmate_files_contribute_their_up_part),
        cmocka_unit_test(goose_and_sql_migrate_files_contribute_their_up_part),
        cmocka_unit_test(folders_apply_in_name_order_without_down_files),
        cmocka_unit_test(several_sources_apply_in_order),
        cmocka_unit_test(databases_are_read_only_even_in_wal_mode),
        cmocka_unit_test(outputs_are_deterministic_and_reload),
        cmocka_unit_test(empty_source_gives_an_empty_model),
        cmocka_unit_test(locations_follow_renamed_and_dropped_columns),
        cmocka_unit_test(index_terms_take_the_column_spelling),
        cmocka_unit_test(byte_order_marks_and_crlf_are_accepted),
        cmocka_unit_test(comments_after_the_semicolon_belong_to_their_line),
        cmocka_unit_test(a_database_then_a_file_apply_in_order),
        cmocka_unit_test(shell_schema_output_with_tables_sqlite_makes_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
