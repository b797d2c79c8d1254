/* The parse of stored CREATE text: annotations and where they attach,
 * CHECK and constraint extraction, indexes, triggers, virtual tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/ddl_parse.h"

/* A locator that reports the byte offset as the column, on line 1. */
static dg_loc offset_loc(const void *ctx, size_t off)
{
    dg_loc l = {(const char *)ctx, 1, (int)off + 1};
    return l;
}

static void annotation_comments_parse(void **state)
{
    (void)state;
    char *k = NULL, *v = NULL;
    const char *c1 = "-- @min 0";
    assert_true(dg_annotation_parse(c1, strlen(c1), &k, &v));
    assert_string_equal(k, "min");
    assert_string_equal(v, "0");
    free(k);
    free(v);
    const char *c2 = "/* @version */";
    assert_true(dg_annotation_parse(c2, strlen(c2), &k, &v));
    assert_string_equal(k, "version");
    assert_string_equal(v, "");
    free(k);
    free(v);
    const char *c3 = "--@pattern  ^[a-z]+ $  ";
    assert_true(dg_annotation_parse(c3, strlen(c3), &k, &v));
    assert_string_equal(v, "^[a-z]+ $");
    free(k);
    free(v);
    assert_false(dg_annotation_parse("-- plain", 8, &k, &v));
    assert_false(dg_annotation_parse("-- @ x", 6, &k, &v));
    assert_false(dg_annotation_parse("-- e@mail", 9, &k, &v));
    assert_true(dg_annotation_known("renamed_from"));
    assert_false(dg_annotation_known("nmae"));
}

static const char *ann(const dg_annotations *a, const char *key) { return dg_annotation_get(a, key); }

static void annotations_attach_to_table_and_columns(void **state)
{
    (void)state;
    const char *sql =
        "CREATE TABLE t -- @name before_paren\n"
        "( /* @id uuid7 */\n"
        "  -- @format email\n"
        "  -- @length 10\n"
        "  email TEXT,      -- @pattern x\n"
        "  -- @max 5 (not attached: a blank line follows)\n"
        "\n"
        "  age INTEGER\n"
        "    CHECK (age > 0), -- @min 1\n"
        "  UNIQUE (email),  -- @ignored on a constraint\n"
        "  -- @ignored too: a blank line follows\n"
        "\n"
        "  CHECK (age < 200)\n"
        ")";
    dg_table t = {0};
    dg_parse_create_table(sql, NULL, NULL, &t);
    assert_int_equal(t.columns.len, 2);
    assert_string_equal(ann(&t.annotations, "name"), "before_paren");
    assert_string_equal(ann(&t.annotations, "id"), "uuid7");
    assert_int_equal(t.annotations.len, 2);
    const dg_column *email = &t.columns.items[0], *age = &t.columns.items[1];
    assert_int_equal(email->annotations.len, 3);
    assert_string_equal(ann(&email->annotations, "format"), "email");
    assert_string_equal(ann(&email->annotations, "length"), "10");
    assert_string_equal(ann(&email->annotations, "pattern"), "x");
    assert_int_equal(age->annotations.len, 1);
    assert_string_equal(ann(&age->annotations, "min"), "1");
    dg_table_free(&t);
}

static void checks_and_constraint_names_are_extracted(void **state)
{
    (void)state;
    const char *sql =
        "CREATE TABLE t (id INTEGER CONSTRAINT pk_t PRIMARY KEY DESC ON CONFLICT FAIL AUTOINCREMENT,"
        " a TEXT COLLATE NOCASE CHECK (length(a) < 5) CONSTRAINT a_u UNIQUE ON CONFLICT IGNORE,"
        " b INT GENERATED ALWAYS AS (id * 2) STORED, c INT AS (b + 1),"
        " p INT CONSTRAINT fk_p REFERENCES parent ON DELETE SET NULL NOT DEFERRABLE,"
        " CONSTRAINT ck_ab CHECK (a <> 'x' AND (b > 0)), CHECK (c IS NOT NULL),"
        " CONSTRAINT u_ab UNIQUE (a, \"b\"),"
        " FOREIGN KEY (a, b) REFERENCES other (x, y) ON UPDATE CASCADE MATCH FULL DEFERRABLE INITIALLY DEFERRED"
        ") WITHOUT ROWID, STRICT";
    dg_table t = {0};
    dg_parse_create_table(sql, offset_loc, "f.sql", &t);
    assert_true(t.without_rowid);
    assert_true(t.strict);
    assert_string_equal(t.pk_name, "pk_t");
    assert_string_equal(t.pk_conflict, "FAIL");
    assert_true(t.columns.items[0].pk_desc);
    assert_true(t.columns.items[0].autoincrement);
    assert_string_equal(t.columns.items[1].collation, "NOCASE");
    assert_true(t.columns.items[1].unique);
    assert_string_equal(t.columns.items[2].generated_expr, "id * 2");
    assert_int_equal(t.columns.items[2].generated, DG_GEN_STORED);
    assert_string_equal(t.columns.items[3].generated_expr, "b + 1");
    assert_int_equal(t.columns.items[3].generated, DG_GEN_VIRTUAL);

    assert_int_equal(t.checks.len, 3);
    assert_null(t.checks.items[0].name);
    assert_string_equal(t.checks.items[0].expr, "length(a) < 5");
    assert_int_equal(t.checks.items[0].column, 1);
    assert_string_equal(t.checks.items[1].name, "ck_ab");
    assert_string_equal(t.checks.items[1].expr, "a <> 'x' AND (b > 0)");
    assert_int_equal(t.checks.items[1].column, -1);
    assert_int_equal(t.checks.items[1].loc.col, (int)(strstr(sql, "CONSTRAINT ck_ab") - sql) + 1);
    assert_string_equal(t.checks.items[2].expr, "c IS NOT NULL");

    assert_int_equal(t.uniques.len, 2);
    assert_string_equal(t.uniques.items[0].name, "a_u");
    assert_string_equal(t.uniques.items[0].conflict, "IGNORE");
    assert_string_equal(t.uniques.items[1].name, "u_ab");
    assert_string_equal(t.uniques.items[1].columns.items[1], "b");

    assert_int_equal(t.foreign_keys.len, 2);
    const dg_foreign_key *f0 = &t.foreign_keys.items[0], *f1 = &t.foreign_keys.items[1];
    assert_string_equal(f0->name, "fk_p");
    assert_string_equal(f0->table, "parent");
    assert_int_equal(f0->to.len, 0);
    assert_string_equal(f0->on_delete, "SET NULL");
    assert_string_equal(f0->deferrable_sql, "NOT DEFERRABLE");
    assert_false(f0->deferrable);
    assert_null(f1->name);
    assert_string_equal(f1->on_update, "CASCADE");
    assert_string_equal(f1->to.items[1], "y");
    assert_true(f1->deferrable);
    assert_string_equal(f1->deferrable_sql, "DEFERRABLE INITIALLY DEFERRED");
    dg_table_free(&t);
}

static void initially_immediate_is_not_deferred(void **state)
{
    (void)state;
    dg_table t = {0};
    dg_parse_create_table("CREATE TABLE t (p INT REFERENCES q (id) DEFERRABLE INITIALLY IMMEDIATE)", NULL, NULL, &t);
    assert_false(t.foreign_keys.items[0].deferrable);
    assert_string_equal(t.foreign_keys.items[0].deferrable_sql, "DEFERRABLE INITIALLY IMMEDIATE");
    dg_table_free(&t);
}

static void virtual_tables_keep_module_and_arguments(void **state)
{
    (void)state;
    dg_table t = {0};
    dg_parse_create_table("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'porter')", NULL, NULL, &t);
    assert_string_equal(t.name, "docs");
    assert_string_equal(t.module, "fts5");
    assert_string_equal(t.module_args, "title, body, tokenize = 'porter'");
    dg_table_free(&t);
}

static void table_primary_key_terms_conflicts_and_match(void **state)
{
    (void)state;
    dg_table t = {0};
    dg_parse_create_table("CREATE TABLE t (a TEXT NOT NULL ON CONFLICT ROLLBACK, b INT NULL ON CONFLICT FAIL,"
                          " c INT REFERENCES p MATCH \"partial\" ON UPDATE CASCADE,"
                          " PRIMARY KEY (a COLLATE nocase ASC, b DESC))", NULL, NULL, &t);
    assert_string_equal(t.columns.items[0].not_null_conflict, "ROLLBACK");
    assert_null(t.columns.items[1].not_null_conflict);   /* NULL ON CONFLICT is no NOT NULL */
    assert_string_equal(t.foreign_keys.items[0].match, "partial");
    assert_string_equal(t.foreign_keys.items[0].on_update, "CASCADE");
    assert_int_equal(t.pk_terms.len, 2);
    assert_string_equal(t.pk_terms.items[0].column, "a");
    assert_string_equal(t.pk_terms.items[0].collation, "nocase");
    assert_false(t.pk_terms.items[0].desc);
    assert_string_equal(t.pk_terms.items[1].column, "b");
    assert_null(t.pk_terms.items[1].collation);
    assert_true(t.pk_terms.items[1].desc);
    assert_false(t.columns.items[1].pk_desc);   /* the column form's flag stays for the column form */
    dg_table_free(&t);
    dg_table c = {0};
    dg_parse_create_table("CREATE TABLE c (id INTEGER PRIMARY KEY DESC)", NULL, NULL, &c);
    assert_int_equal(c.pk_terms.len, 0);
    assert_true(c.columns.items[0].pk_desc);
    dg_table_free(&c);
}

static void virtual_table_argument_annotations(void **state)
{
    (void)state;
    dg_table t = {0};
    dg_annotations stray = {0};
    dg_parse_create_table_ex("CREATE VIRTUAL TABLE v USING rtree( -- @name box\n"
                             "  id,\n"
                             "  -- @min 0\n"
                             "  x0, x1,  -- @max 9\n"
                             "  +note TEXT /* @length 4 */\n"
                             ")", offset_loc, "v.sql", &t, &stray);
    assert_string_equal(dg_annotation_get(&t.annotations, "name"), "box");
    assert_int_equal(t.columns.len, 4);
    assert_string_equal(t.columns.items[1].name, "x0");
    assert_string_equal(dg_annotation_get(&t.columns.items[1].annotations, "min"), "0");
    /* a trailing comment after several columns belongs to the last of them */
    assert_null(dg_annotation_get(&t.columns.items[1].annotations, "max"));
    assert_string_equal(dg_annotation_get(&t.columns.items[2].annotations, "max"), "9");
    assert_string_equal(t.columns.items[3].name, "note");
    assert_string_equal(dg_annotation_get(&t.columns.items[3].annotations, "length"), "4");
    assert_int_equal(stray.len, 0);
    dg_table_free(&t);
    dg_table f = {0};
    dg_parse_create_table_ex("CREATE VIRTUAL TABLE f USING fts5(a,\n tokenize = 'porter' -- @x 1\n)", offset_loc,
                             "f.sql", &f, &stray);
    assert_int_equal(f.columns.len, 1);   /* an option names no column */
    assert_int_equal(stray.len, 1);
    assert_string_equal(stray.items[0].key, "x");
    dg_annotations_free(&stray);
    dg_table_free(&f);
}

static void index_terms_collations_and_where(void **state)
{
    (void)state;
    dg_index ix = {0};
    dg_parse_create_index("CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a COLLATE NOCASE DESC, lower(b), \"c d\" ASC) "
                          "WHERE a IS NOT NULL AND b > 0", NULL, NULL, &ix);
    assert_true(ix.unique);
    assert_string_equal(ix.name, "i");
    assert_string_equal(ix.table, "t");
    assert_int_equal(ix.terms.len, 3);
    assert_string_equal(ix.terms.items[0].column, "a");
    assert_string_equal(ix.terms.items[0].collation, "NOCASE");
    assert_true(ix.terms.items[0].desc);
    assert_null(ix.terms.items[1].column);
    assert_string_equal(ix.terms.items[1].expr, "lower(b)");
    assert_string_equal(ix.terms.items[2].column, "c d");
    assert_false(ix.terms.items[2].desc);
    assert_string_equal(ix.where, "a IS NOT NULL AND b > 0");
    dg_index_free(&ix);
}

static void triggers_timing_event_and_columns(void **state)
{
    (void)state;
    dg_trigger tr = {0};
    dg_strings of = {0};
    dg_parse_create_trigger("CREATE TRIGGER IF NOT EXISTS x INSTEAD OF UPDATE OF a, \"b\" ON main.v BEGIN SELECT 1; END",
                            NULL, NULL, &tr, &of);
    assert_string_equal(tr.name, "x");
    assert_string_equal(tr.table, "v");
    assert_int_equal(tr.timing, DG_TRIGGER_INSTEAD_OF);
    assert_int_equal(tr.event, DG_TRIGGER_UPDATE);
    assert_int_equal(of.len, 2);
    assert_string_equal(of.items[1], "b");
    dg_strings_free(&of);
    dg_trigger_free(&tr);
    dg_parse_create_trigger("CREATE TRIGGER y DELETE ON t BEGIN SELECT 1; END", NULL, NULL, &tr, NULL);
    assert_int_equal(tr.timing, DG_TRIGGER_BEFORE);
    assert_int_equal(tr.event, DG_TRIGGER_DELETE);
    dg_trigger_free(&tr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(annotation_comments_parse),
        cmocka_unit_test(annotations_attach_to_table_and_columns),
        cmocka_unit_test(checks_and_constraint_names_are_extracted),
        cmocka_unit_test(initially_immediate_is_not_deferred),
        cmocka_unit_test(virtual_tables_keep_module_and_arguments),
        cmocka_unit_test(table_primary_key_terms_conflicts_and_match),
        cmocka_unit_test(virtual_table_argument_annotations),
        cmocka_unit_test(index_terms_collations_and_where),
        cmocka_unit_test(triggers_timing_event_and_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
