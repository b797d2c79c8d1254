/* Unit tests of the SQL parser (sql_ast.h): precedence, every expression
 * form, statements, and syntax errors with their locations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "sql/sql_ast.h"
#include "util/buf.h"

static char *parse_print(const char *sql)
{
    dg_sql_ast *a = NULL;
    dg_loc loc = {"x.sql", 1, 1};
    if (dg_expr_parse(sql, strlen(sql), loc, &a, NULL) != 0) return NULL;
    char *s = dg_expr_to_sql(a->expr);
    dg_sql_ast_free(a);
    return s;
}

static void expect_expr(const char *sql, const char *printed)
{
    char *s = parse_print(sql);
    if (!s) fail_msg("did not parse: %s", sql);
    if (strcmp(s, printed) != 0) fail_msg("%s\n  got      %s\n  expected %s", sql, s, printed);
    free(s);
}

/* The error text the parser prints for `sql` (statement or expression). */
static char *parse_error(const char *sql, int stmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    dg_diags d = DG_DIAGS_INIT;
    dg_sql_ast *a = NULL;
    dg_loc loc = {"q.sql", 3, 1};
    int rc = stmt ? dg_stmt_parse(sql, strlen(sql), loc, &a, &d) : dg_expr_parse(sql, strlen(sql), loc, &a, &d);
    dg_diags_print(&d, f);
    fclose(f);
    assert_int_equal(rc, -1);
    assert_null(a);
    assert_int_equal(d.errors, 1);
    return buf;
}

static void precedence_follows_sqlite(void **state)
{
    (void)state;
    expect_expr("1 + 2 * 3", "(1 + (2 * 3))");
    expect_expr("1 * 2 + 3", "((1 * 2) + 3)");
    expect_expr("a OR b AND c", "(a OR (b AND c))");
    expect_expr("NOT a = b", "(NOT (a = b))");
    expect_expr("a = b < c", "(a = (b < c))");
    expect_expr("a < b = c", "((a < b) = c)");
    expect_expr("a | b + c", "(a | (b + c))");
    expect_expr("a || b * c", "((a || b) * c)");
    expect_expr("-a || b", "((-a) || b)");
    expect_expr("a - b - c", "((a - b) - c)");
    expect_expr("x COLLATE nocase = y", "((x COLLATE nocase) = y)");
    expect_expr("a -> '$.b' ->> 'c'", "((a -> '$.b') ->> 'c')");
    expect_expr("~a & b << 2", "(((~a) & b) << 2)");
    expect_expr("a = 1 OR NOT b IS NULL", "((a = 1) OR (NOT (b IS NULL)))");
}

static void predicates_parse(void **state)
{
    (void)state;
    expect_expr("a IS NOT b", "(a IS NOT b)");
    expect_expr("a IS DISTINCT FROM b", "(a IS DISTINCT FROM b)");
    expect_expr("a IS NOT DISTINCT FROM b", "(a IS NOT DISTINCT FROM b)");
    expect_expr("a BETWEEN 1 + 1 AND 5 AND b", "((a BETWEEN (1 + 1) AND 5) AND b)");
    expect_expr("a NOT BETWEEN 1 AND 2", "(a NOT BETWEEN 1 AND 2)");
    expect_expr("a IN (1, 2, ?)", "(a IN (1, 2, ?))");
    expect_expr("a NOT IN (SELECT x FROM t)", "(a NOT IN (SELECT ...))");
    expect_expr("a IN t", "(a IN t)");
    expect_expr("a IN json_each(?1)", "(a IN json_each(?1))");
    expect_expr("a IN ()", "(a IN ())");
    expect_expr("name LIKE 'a%' ESCAPE '\\'", "(name LIKE 'a%' ESCAPE '\\')");
    expect_expr("name NOT GLOB :g", "(name NOT GLOB :g)");
    expect_expr("x REGEXP y", "(x REGEXP y)");
    expect_expr("t MATCH 'q'", "(t MATCH 'q')");
    expect_expr("a ISNULL", "(a ISNULL)");
    expect_expr("a NOTNULL", "(a NOTNULL)");
    expect_expr("a NOT NULL", "(a NOTNULL)");
    expect_expr("EXISTS (SELECT 1)", "EXISTS (SELECT ...)");
    expect_expr("NOT EXISTS (SELECT 1) AND x", "(NOT EXISTS (SELECT ...) AND x)");
}

static void primaries_parse(void **state)
{
    (void)state;
    expect_expr("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END", "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END");
    expect_expr("CASE x WHEN 1 THEN 'a' END", "CASE x WHEN 1 THEN 'a' END");
    expect_expr("CAST(a + 1 AS unsigned   big int)", "CAST((a + 1) AS unsigned big int)");
    expect_expr("CAST(x AS NUMERIC(10, 2))", "CAST(x AS NUMERIC(10, 2))");
    expect_expr("count(*)", "count(*)");
    expect_expr("count(DISTINCT a)", "count(DISTINCT a)");
    expect_expr("sum(x) FILTER (WHERE x > 0) OVER w", "sum(x) FILTER (WHERE (x > 0)) OVER w");
    expect_expr("row_number() OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
                "row_number() OVER (...)");
    expect_expr("replace(a, 'x', 'y')", "replace(a, 'x', 'y')");
    expect_expr("main.t.c + t.c + c", "((main.t.c + t.c) + c)");
    expect_expr("\"odd name\" + [x y]", "(\"odd name\" + \"x y\")");
    expect_expr("(1, 2) = (a, b)", "((1, 2) = (a, b))");
    expect_expr("(SELECT max(x) FROM t)", "(SELECT ...)");
    expect_expr("RAISE(ABORT, 'no')", "RAISE(ABORT, 'no')");
    expect_expr("RAISE(IGNORE)", "RAISE(IGNORE)");
    expect_expr("NULL + TRUE + CURRENT_TIMESTAMP + X'00' + 1.5e3", "((((NULL + TRUE) + CURRENT_TIMESTAMP) + X'00') + 1.5e3)");
    expect_expr("?3 + :a + @b + $c + ?", "((((?3 + :a) + @b) + $c) + ?)");
    expect_expr("sqlc.arg(id) + sqlc.narg('n')", "(sqlc.arg(id) + sqlc.narg('n'))");
}

static void literals_and_params_are_classified(void **state)
{
    (void)state;
    dg_sql_ast *a = NULL;
    const char *sql = "f(1, 2.5, 'it''s', ?7, @who, sqlc.slice(ids), 0x1F)";
    assert_int_equal(dg_expr_parse(sql, strlen(sql), (dg_loc){0}, &a, NULL), 0);
    dg_exprs *args = &a->expr->args;
    assert_int_equal(args->len, 7);
    assert_int_equal(args->items[0]->lit, DG_LIT_INTEGER);
    assert_int_equal(args->items[1]->lit, DG_LIT_REAL);
    assert_string_equal(args->items[2]->str, "it's");
    assert_int_equal(args->items[3]->form, DG_P_NUMBERED);
    assert_int_equal(args->items[3]->number, 7);
    assert_int_equal(args->items[4]->form, DG_P_NAMED);
    assert_int_equal(args->items[4]->sigil, '@');
    assert_string_equal(args->items[4]->name, "who");
    assert_int_equal(args->items[5]->form, DG_P_SQLC_SLICE);
    assert_string_equal(args->items[5]->name, "ids");
    assert_int_equal(args->items[6]->lit, DG_LIT_INTEGER);
    /* spans point into the text */
    assert_int_equal(args->items[2]->start, 10);
    assert_int_equal(args->items[2]->end, 17);
    dg_sql_ast_free(a);
}

static dg_sql_ast *stmt(const char *sql)
{
    dg_sql_ast *a = NULL;
    if (dg_stmt_parse(sql, strlen(sql), (dg_loc){"s.sql", 1, 1}, &a, NULL) != 0) fail_msg("did not parse: %s", sql);
    return a;
}

static void select_parses_joins_ctes_compounds(void **state)
{
    (void)state;
    dg_sql_ast *a = stmt(
        "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10) "
        "SELECT DISTINCT b.*, a.id AS aid, count(*) total FROM a "
        "LEFT JOIN b ON b.a = a.id NATURAL JOIN c CROSS JOIN (SELECT 1 AS one) AS s, d USING (x) "
        "RIGHT OUTER JOIN e USING (y, z) FULL JOIN (f JOIN g ON 1) ON 1 "
        "WHERE a.x > ? GROUP BY 1, 2 HAVING count(*) > 1 WINDOW w AS (ORDER BY a.id) "
        "UNION SELECT 1, 2, 3 FROM t EXCEPT VALUES (1, 2, 3), (4, 5, 6) "
        "ORDER BY 1 DESC NULLS LAST LIMIT 5, 10;");
    dg_stmt *s = a->stmt;
    assert_int_equal(s->kind, DG_STMT_SELECT);
    assert_non_null(s->with);
    assert_true(s->with->recursive);
    assert_string_equal(s->with->ctes.items[0].name, "c");
    assert_int_equal(s->with->ctes.items[0].select->cores.len, 2);
    assert_int_equal(s->select->cores.len, 3);
    dg_select_core *c = &s->select->cores.items[0];
    assert_true(c->distinct);
    assert_int_equal(c->cols.len, 3);
    assert_true(c->cols.items[0].star);
    assert_string_equal(c->cols.items[0].star_table, "b");
    assert_string_equal(c->cols.items[1].alias, "aid");
    assert_string_equal(c->cols.items[2].alias, "total");
    assert_int_equal(c->from.len, 7);
    assert_int_equal(c->from.items[1].join, DG_JOIN_LEFT);
    assert_true(c->from.items[2].natural);
    assert_true(c->from.items[3].cross);
    assert_non_null(c->from.items[3].select);
    assert_string_equal(c->from.items[3].alias, "s");
    assert_int_equal(c->from.items[4].join, DG_JOIN_COMMA);
    assert_int_equal(c->from.items[5].join, DG_JOIN_RIGHT);
    assert_int_equal(c->from.items[5].using_cols.len, 2);
    assert_int_equal(c->from.items[6].join, DG_JOIN_FULL);
    assert_non_null(c->from.items[6].nested);
    assert_int_equal(c->from.items[6].nested->len, 2);
    assert_int_equal(c->group_by.len, 2);
    assert_non_null(c->having);
    assert_int_equal(c->windows.len, 1);
    assert_int_equal(s->select->cores.items[1].op, DG_UNION);
    assert_int_equal(s->select->cores.items[2].op, DG_EXCEPT);
    assert_true(s->select->cores.items[2].is_values);
    assert_int_equal(s->select->cores.items[2].rows.len, 2);
    assert_true(s->select->order_by.items[0].desc);
    assert_int_equal(s->select->order_by.items[0].nulls, 2);
    char *lim = dg_expr_to_sql(s->select->limit), *off = dg_expr_to_sql(s->select->offset);
    assert_string_equal(lim, "10");
    assert_string_equal(off, "5");
    free(lim);
    free(off);
    dg_sql_ast_free(a);
}

static void insert_parses_upsert_and_returning(void **state)
{
    (void)state;
    dg_sql_ast *a = stmt(
        "INSERT OR REPLACE INTO main.t AS x (a, b) VALUES (?, ?), (1, 2) "
        "ON CONFLICT (a) WHERE a > 0 DO UPDATE SET b = excluded.b, (c, d) = (1, 2) WHERE x.b <> 0 "
        "ON CONFLICT DO NOTHING RETURNING *, a + 1 AS n");
    dg_stmt *s = a->stmt;
    assert_int_equal(s->kind, DG_STMT_INSERT);
    assert_string_equal(s->or_action, "REPLACE");
    assert_string_equal(s->schema, "main");
    assert_string_equal(s->table, "t");
    assert_string_equal(s->alias, "x");
    assert_int_equal(s->columns.len, 2);
    assert_int_equal(s->select->cores.items[0].rows.len, 2);
    assert_int_equal(s->upserts.len, 2);
    assert_int_equal(s->upserts.items[0].set.len, 2);
    assert_int_equal(s->upserts.items[0].set.items[1].columns.len, 2);
    assert_true(s->upserts.items[1].do_nothing);
    assert_int_equal(s->returning.len, 2);
    assert_string_equal(s->returning.items[1].alias, "n");
    dg_sql_ast_free(a);

    a = stmt("REPLACE INTO t SELECT * FROM u WHERE true ON CONFLICT DO NOTHING");
    assert_int_equal(a->stmt->kind, DG_STMT_INSERT);
    assert_int_equal(a->stmt->columns.len, 0);
    assert_int_equal(a->stmt->columns_end, 14);
    assert_int_equal(a->stmt->upserts.len, 1);
    dg_sql_ast_free(a);

    a = stmt("INSERT INTO t DEFAULT VALUES RETURNING id");
    assert_true(a->stmt->default_values);
    dg_sql_ast_free(a);
}

static void update_and_delete_parse(void **state)
{
    (void)state;
    dg_sql_ast *a = stmt("WITH x AS (SELECT 1) UPDATE OR IGNORE t AS u SET a = 1, b = ? FROM x, y "
                         "WHERE u.id = x.id RETURNING a ORDER BY a LIMIT 1");
    dg_stmt *s = a->stmt;
    assert_int_equal(s->kind, DG_STMT_UPDATE);
    assert_non_null(s->with);
    assert_string_equal(s->alias, "u");
    assert_int_equal(s->set.len, 2);
    assert_int_equal(s->from.len, 2);
    assert_non_null(s->where);
    assert_int_equal(s->returning.len, 1);
    assert_non_null(s->limit);
    dg_sql_ast_free(a);

    a = stmt("DELETE FROM t WHERE id IN (SELECT id FROM u) RETURNING *;");
    assert_int_equal(a->stmt->kind, DG_STMT_DELETE);
    assert_true(a->stmt->returning.items[0].star);
    dg_sql_ast_free(a);

    a = stmt("PRAGMA user_version = 3");
    assert_int_equal(a->stmt->kind, DG_STMT_OTHER);
    assert_string_equal(a->stmt->keyword, "PRAGMA");
    dg_sql_ast_free(a);
}

static void syntax_errors_point_at_the_token(void **state)
{
    (void)state;
    char *e = parse_error("SELECT a FROM t WHERE", 1);
    assert_string_equal(e, "q.sql:3:22: error: incomplete input\n");
    free(e);
    e = parse_error("SELECT a,\n  FROM t", 1);
    assert_string_equal(e, "q.sql:4:3: error: near \"FROM\": syntax error\n");
    free(e);
    e = parse_error("a + é)", 0);
    assert_string_equal(e, "q.sql:3:6: error: near \")\": syntax error\n");
    free(e);
    e = parse_error("CAST(a AS)", 0);
    assert_string_equal(e, "q.sql:3:10: error: near \")\": syntax error: expected a type name\n");
    free(e);
    e = parse_error("'open", 0);
    assert_string_equal(e, "q.sql:3:1: error: near \"'open\": syntax error: unrecognized token\n");
    free(e);
    e = parse_error("sqlc.foo(x)", 0);
    assert_string_equal(e, "q.sql:3:6: error: near \"foo\": syntax error: unknown sqlc function (arg, narg, slice or embed)\n");
    free(e);
}

static void deep_nesting_is_an_error_not_a_crash(void **state)
{
    (void)state;
    size_t n = 5000;
    char *sql = malloc(2 * n + 2);
    memset(sql, '(', n);
    sql[n] = '1';
    memset(sql + n + 1, ')', n);
    sql[2 * n + 1] = 0;
    dg_sql_ast *a = NULL;
    assert_int_equal(dg_expr_parse(sql, strlen(sql), (dg_loc){0}, &a, NULL), -1);
    free(sql);
}

/* Statements SQLite prepares (checked here) must parse. */
static void statements_sqlite_accepts_parse(void **state)
{
    (void)state;
    static const char *const schema =
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b TEXT, c REAL);"
        "CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INT, x TEXT UNIQUE);"
        "CREATE INDEX t_a ON t(a); CREATE VIEW v AS SELECT a FROM t;";
    static const char *const sql[] = {
        "SELECT * FROM t INDEXED BY t_a WHERE a = 1",
        "SELECT * FROM t NOT INDEXED",
        "SELECT a FROM t ORDER BY b COLLATE NOCASE DESC NULLS FIRST, 1 LIMIT 2 OFFSET 1",
        "SELECT DISTINCT a, count(*) FROM t GROUP BY a HAVING count(*) > 1 ORDER BY 2",
        "SELECT ALL a FROM t",
        "SELECT sum(a) FILTER (WHERE a > 0) OVER (PARTITION BY b ORDER BY id "
        "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE TIES) FROM t",
        "SELECT avg(c) OVER (ORDER BY id ROWS 2 PRECEDING) FROM t",
        "SELECT first_value(a) OVER (w ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE NO OTHERS) FROM t "
        "WINDOW w AS (PARTITION BY b)",
        "SELECT * FROM (VALUES (1, 2), (3, 4)) AS v",
        "WITH m AS MATERIALIZED (SELECT 1 AS x), n AS NOT MATERIALIZED (SELECT 2 AS y) SELECT * FROM m, n",
        "SELECT * FROM t AS t1 CROSS JOIN u t2 ON t2.t_id = t1.id",
        "SELECT * FROM t LEFT OUTER JOIN u ON u.t_id = t.id WHERE u.id IS NULL",
        "SELECT * FROM t JOIN u USING (id)",
        "SELECT * FROM t NATURAL LEFT JOIN u",
        "SELECT key, value FROM json_each('[1,2]') AS j",
        "SELECT (SELECT x FROM u WHERE u.t_id = t.id) FROM t",
        "SELECT a FROM t WHERE a IN v",
        "SELECT a FROM t WHERE (a, b) IN (SELECT id, x FROM u)",
        "SELECT a FROM t WHERE a NOT IN (SELECT t_id FROM u WHERE x LIKE 'a%' ESCAPE '!')",
        "SELECT CAST(a AS VARCHAR(10)), CAST(c AS DOUBLE PRECISION) FROM t",
        "SELECT b -> '$.a', b ->> 'a', b->>'$[0]' FROM t",
        "SELECT CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END FROM t",
        "SELECT a FROM t UNION ALL SELECT t_id FROM u ORDER BY 1 LIMIT 10",
        "SELECT 1 EXCEPT SELECT 2 INTERSECT SELECT 3",
        "SELECT a AS \"the a\", b [the b], c `the c`, id 'the id' FROM t",
        "SELECT t.* , u.x FROM t, u",
        "SELECT main.t.a FROM main.t",
        "SELECT count(DISTINCT a), group_concat(b, ', '), total(c) FROM t",
        "SELECT a FROM t WHERE a BETWEEN 1 AND 2 AND NOT EXISTS (SELECT 1 FROM u)",
        "SELECT a FROM t WHERE b GLOB '*x*' OR b NOT LIKE 'y' OR a IS NOT DISTINCT FROM 3",
        "SELECT a FROM t WHERE a ISNULL OR b NOTNULL OR c NOT NULL",
        "SELECT ?1, ?, :n, @n, $n, $a::b, ?9",
        "SELECT X'0aff', 1e10, .5, 0x1F, -1, +2, ~3, NULL, TRUE, FALSE, CURRENT_DATE",
        "INSERT INTO t DEFAULT VALUES",
        "INSERT OR ROLLBACK INTO t (a) VALUES (1)",
        "INSERT INTO t (a, b) SELECT t_id, x FROM u WHERE true ON CONFLICT DO NOTHING",
        "INSERT INTO u (id, x) VALUES (1, 'a') ON CONFLICT (x) WHERE x <> '' DO UPDATE SET t_id = excluded.t_id "
        "WHERE u.t_id IS NULL ON CONFLICT DO NOTHING RETURNING id AS i, *",
        "REPLACE INTO u (x) VALUES ('z')",
        "WITH s AS (SELECT 1 AS v) INSERT INTO t (a) SELECT v FROM s",
        "UPDATE OR IGNORE t SET a = a + 1, (b, c) = ('x', 1.5) WHERE id IN (SELECT t_id FROM u) RETURNING a",
        "UPDATE t AS x SET b = u.x FROM u WHERE u.t_id = x.id",
        "UPDATE t INDEXED BY t_a SET a = 0 WHERE a = 1",
        "DELETE FROM t WHERE id = ? RETURNING *",
        "DELETE FROM main.t AS x WHERE x.a > 0",
        "WITH RECURSIVE c(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM c LIMIT 5) SELECT n FROM c",
        "SELECT printf('%d', a) FROM t WHERE a = (SELECT max(a) FROM t)",
        "SELECT a FROM t WHERE a = -(-1) AND b = 'it''s' AND c > - - 1",
        "PRAGMA table_info(t)",
        "VALUES (1), (2)",
    };
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, schema, NULL, NULL, NULL), SQLITE_OK);
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK)
            fail_msg("SQLite refuses %s: %s", sql[i], sqlite3_errmsg(db));
        sqlite3_finalize(st);
        dg_sql_ast *a = NULL;
        if (dg_stmt_parse(sql[i], strlen(sql[i]), (dg_loc){"s.sql", 1, 1}, &a, NULL) != 0)
            fail_msg("dalgen does not parse: %s", sql[i]);
        dg_sql_ast_free(a);
    }
    sqlite3_close(db);
}

/* CPU seconds to parse a statement with an IN list of n values and a CASE
 * of n arms. */
static double long_lists_cpu(int n)
{
    dg_buf sql = DG_BUF_INIT;
    dg_buf_puts(&sql, "SELECT CASE x");
    for (int i = 0; i < n; i++) dg_buf_printf(&sql, " WHEN %d THEN %d", i, i);
    dg_buf_puts(&sql, " END FROM t WHERE x IN (");
    for (int i = 0; i < n; i++) dg_buf_printf(&sql, "%s%d", i ? "," : "", i);
    dg_buf_puts(&sql, ")");
    dg_sql_ast *a = NULL;
    clock_t start = clock();
    assert_int_equal(dg_stmt_parse(dg_buf_cstr(&sql), sql.len, (dg_loc){"s.sql", 1, 1}, &a, NULL), 0);
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    dg_sql_ast_free(a);
    dg_buf_free(&sql);
    return secs;
}

/* Argument lists grow in proportion: 8 times the items may not cost much
 * more than 8 times the time (each item copied the list: an IN list of
 * 20,000 integers took 10 s and 1.8 GB; issue 21). */
static void long_lists_parse_in_proportion(void **state)
{
    (void)state;
    double small = long_lists_cpu(2000), big = long_lists_cpu(16000);
    assert_true(big < 24 * small + 0.05);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(precedence_follows_sqlite),
        cmocka_unit_test(predicates_parse),
        cmocka_unit_test(primaries_parse),
        cmocka_unit_test(literals_and_params_are_classified),
        cmocka_unit_test(select_parses_joins_ctes_compounds),
        cmocka_unit_test(insert_parses_upsert_and_returning),
        cmocka_unit_test(update_and_delete_parse),
        cmocka_unit_test(syntax_errors_point_at_the_token),
        cmocka_unit_test(deep_nesting_is_an_error_not_a_crash),
        cmocka_unit_test(long_lists_parse_in_proportion),
        cmocka_unit_test(statements_sqlite_accepts_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
