/* dg_toks_init_create_head: the same kind and name index as dg_toks_init +
 * dg_parse_create_head, and the same tokens up to the one after the name,
 * for every head form (modifiers, IF NOT EXISTS, schema, quoted names,
 * comments) and for heads longer than the tokens it reads first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "frontend/ddl_parse.h"

static void same_as_full(const char *sql)
{
    dg_toks full, head;
    const char *kind_full, *kind_head;
    dg_toks_init(&full, sql, strlen(sql));
    size_t want = dg_parse_create_head(&full, &kind_full);
    size_t got = dg_toks_init_create_head(&head, sql, strlen(sql), &kind_head);
    assert_string_equal(kind_head, kind_full);
    assert_int_equal(got, want);
    size_t upto = want ? want + 2 : full.sig.len;   /* what callers read */
    if (upto > full.sig.len) upto = full.sig.len;
    assert_true(head.sig.len >= upto);
    for (size_t i = 0; i < upto; i++) {
        assert_int_equal(head.sig.items[i].tok.start, full.sig.items[i].tok.start);
        assert_int_equal(head.sig.items[i].tok.len, full.sig.items[i].tok.len);
        assert_int_equal(head.sig.items[i].line, full.sig.items[i].line);
    }
    if (!want) assert_int_equal(head.sig.len, full.sig.len);   /* not a CREATE head: every token */
    dg_toks_free(&full);
    dg_toks_free(&head);
}

static void test_heads(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c REAL, d BLOB, e INT, f INT, g INT, h INT)",
        "CREATE TEMP TABLE IF NOT EXISTS main.t (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)",
        "create unique index if not exists \"s\".\"i x\" on t (a, b, c, d, e, f, g, h, i, j)",
        "CREATE VIRTUAL TABLE f USING fts5(a, b, c, d, e, f, g, h, i, j, k, l)",
        "CREATE VIEW [v] AS SELECT a, b, c, d, e, f, g, h, i, j, k, l, m FROM t",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1, 2, 3, 4, 5, 6, 7, 8, 9; END",
        "CREATE /* c */ TABLE -- x\n `t` (a)",
        "CREATE TABLE t",
        "CREATE TABLE",
        "CREATE",
        "",
        "CREATE TEMP TEMP TEMP TEMP TEMP TEMP TEMP TEMP TEMP TEMP TEMP TEMP TABLE t (a, b, c)",
        "CREATE TEMP TEMP TEMP TEMP TEMP TEMP TEMP TEMP TEMP TABLE IF NOT EXISTS s.t (a)",
        "CREATE TEMP TEMP TEMP TEMP TEMP TABLE IF NOT EXISTS s.t (a)",
        "CREATE TEMP TEMP TEMP TEMP TEMP TEMP TABLE IF NOT EXISTS s.t (a)",
        "CREATE UNIQUE UNIQUE UNIQUE UNIQUE UNIQUE UNIQUE UNIQUE UNIQUE UNIQUE UNIQUE INDEX i ON t (a)",
        "ALTER TABLE t ADD COLUMN x INTEGER NOT NULL DEFAULT 0 CHECK (x > 0 AND x < 10 AND x <> 5)",
        "INSERT INTO t (a, b, c, d, e, f) VALUES (1, 2, 3, 4, 5, 6), (7, 8, 9, 10, 11, 12)",
        "CREATE INDEX i ON t (a) WHERE a > 0 AND b < 1 AND c = 2 AND d = 3 AND e = 4 AND f = 5",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) same_as_full(cases[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_heads)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
