/* The SQL tokenizer and statement splitter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"

/* Kinds and texts of the significant tokens of `sql`, as "KIND:text ...". */
static char *sig_tokens(const char *sql)
{
    static const char *const names[] = {"EOF", "SPACE", "COMMENT", "IDENT", "QIDENT", "STRING",
                                        "NUMBER", "BLOB", "VAR", "PUNCT", "ILLEGAL"};
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    char *out = calloc(1, 4096);
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx)) {
        char *text = dg_tok_text(&lx, t);
        strcat(out, *out ? " " : "");
        strcat(out, names[t.kind]);
        strcat(out, ":");
        strcat(out, text);
        free(text);
    }
    return out;
}

static void tokens_of_every_kind_are_told_apart(void **state)
{
    (void)state;
    char *s = sig_tokens("SELECT \"a\"\"b\", [x y], `z`, 'it''s', X'0A', 1.5e3, 0x1F, ?1, :n, @m, $v, a->>'k' -- c");
    assert_string_equal(s,
        "IDENT:SELECT QIDENT:\"a\"\"b\" PUNCT:, QIDENT:[x y] PUNCT:, QIDENT:`z` PUNCT:, STRING:'it''s' PUNCT:, "
        "BLOB:X'0A' PUNCT:, NUMBER:1.5e3 PUNCT:, NUMBER:0x1F PUNCT:, VAR:?1 PUNCT:, VAR::n PUNCT:, VAR:@m "
        "PUNCT:, VAR:$v PUNCT:, IDENT:a PUNCT:->> STRING:'k'");
    free(s);
}

static void comments_are_tokens_and_skipped_by_next_sig(void **state)
{
    (void)state;
    const char *sql = "a /* x */ -- @min 0\nb";
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    int comments = 0;
    for (dg_tok t = dg_tok_next(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next(&lx))
        comments += t.kind == DG_TOK_COMMENT;
    assert_int_equal(comments, 2);
    char *s = sig_tokens(sql);
    assert_string_equal(s, "IDENT:a IDENT:b");
    free(s);
}

static void unterminated_string_is_illegal(void **state)
{
    (void)state;
    char *s = sig_tokens("x 'abc");
    assert_string_equal(s, "IDENT:x ILLEGAL:'abc");
    free(s);
}

static void identifiers_are_unquoted(void **state)
{
    (void)state;
    const char *sql = "\"a\"\"b\" [x y] `c``d` 'it''s' plain";
    const char *want[] = {"a\"b", "x y", "c`d", "it's", "plain"};
    dg_lexer lx;
    dg_lexer_init(&lx, sql, strlen(sql));
    for (int i = 0; i < 5; i++) {
        char *id = dg_tok_ident(&lx, dg_tok_next_sig(&lx));
        assert_string_equal(id, want[i]);
        free(id);
    }
}

/* Statement texts of `sql` joined by "|". */
static char *split(const char *sql)
{
    char *out = calloc(1, 4096);
    size_t len = strlen(sql);
    for (size_t from = 0; from < len;) {
        size_t end = dg_sql_statement_end(sql, len, from);
        if (*out) strcat(out, "|");
        strncat(out, sql + from, end - from);
        from = end;
    }
    return out;
}

static void splitter_keeps_trigger_bodies_whole(void **state)
{
    (void)state;
    char *s = split("CREATE TABLE t(a);CREATE TRIGGER x AFTER INSERT ON t BEGIN "
                    "UPDATE t SET a = CASE WHEN a > 0 THEN 1 ELSE 2 END; DELETE FROM t; END;SELECT 1;");
    assert_string_equal(s, "CREATE TABLE t(a);|CREATE TRIGGER x AFTER INSERT ON t BEGIN "
                           "UPDATE t SET a = CASE WHEN a > 0 THEN 1 ELSE 2 END; DELETE FROM t; END;|SELECT 1;");
    free(s);
}

static void splitter_ignores_semicolons_in_strings_and_comments(void **state)
{
    (void)state;
    char *s = split("INSERT INTO t VALUES (';'); -- a;b\nSELECT \"x;y\" /* ; */");
    assert_string_equal(s, "INSERT INTO t VALUES (';');| -- a;b\nSELECT \"x;y\" /* ; */");
    free(s);
}

static void splitter_accepts_a_last_statement_without_semicolon(void **state)
{
    (void)state;
    char *s = split("CREATE TABLE a(x);\nCREATE TABLE b(y)\n");
    assert_string_equal(s, "CREATE TABLE a(x);|\nCREATE TABLE b(y)\n");
    free(s);
}

static void normalize_drops_spacing_and_case(void **state)
{
    (void)state;
    const char *a = "length( [nick] )<=32 -- c", *b = "LENGTH(\"nick\") <= 32";
    char *na = dg_sql_normalize(a, strlen(a)), *nb = dg_sql_normalize(b, strlen(b));
    assert_string_equal(na, nb);
    free(na);
    free(nb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokens_of_every_kind_are_told_apart),
        cmocka_unit_test(comments_are_tokens_and_skipped_by_next_sig),
        cmocka_unit_test(unterminated_string_is_illegal),
        cmocka_unit_test(identifiers_are_unquoted),
        cmocka_unit_test(splitter_keeps_trigger_bodies_whole),
        cmocka_unit_test(splitter_ignores_semicolons_in_strings_and_comments),
        cmocka_unit_test(splitter_accepts_a_last_statement_without_semicolon),
        cmocka_unit_test(normalize_drops_spacing_and_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
