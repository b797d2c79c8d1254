/* test_parse_random [SEED [COUNT]] - differential test of the expression
 * parser's precedence against SQLite.
 *
 * Random expressions over literals are printed WITHOUT parentheses (except
 * where a child needs them to be an operand at all), so that SQLite applies
 * its own precedence.  dalgen parses the text and prints its tree with every
 * operator parenthesised; SQLite then evaluates both texts and the results
 * must be identical.  A text SQLite prepares must also parse.
 *
 * ctest runs a fixed-seed slice (queries.parser_random); a longer run:
 *     build/tests/queries/test_parse_random $RANDOM 200000 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sql_ast.h"
#include "util/buf.h"

static unsigned long long rng;

static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng >> 33) % n);
}

static const char *const binops[] = {
    "||", "*", "/", "%", "+", "-", "&", "|", "<<", ">>", "<", "<=", ">", ">=",
    "=", "==", "!=", "<>", "IS", "IS NOT", "AND", "OR", "IS DISTINCT FROM", "IS NOT DISTINCT FROM",
};

static void gen(dg_buf *b, int depth);

static void atom(dg_buf *b)
{
    switch (rnd(8)) {
    case 0: dg_buf_puts(b, "NULL"); break;
    case 1: dg_buf_printf(b, "'%c'", "abAB%_"[rnd(6)]); break;
    case 2: dg_buf_printf(b, "%u.5", rnd(4)); break;
    default: dg_buf_printf(b, "%u", rnd(7)); break;
    }
}

/* An operand that is a primary: an atom, a call, a CASE, a CAST, or a
 * parenthesised expression. */
static void primary(dg_buf *b, int depth)
{
    unsigned k = depth <= 0 ? 0 : rnd(10);
    switch (k) {
    case 6:
        dg_buf_puts(b, "(");
        gen(b, depth - 1);
        dg_buf_puts(b, ")");
        break;
    case 7:
        dg_buf_puts(b, "coalesce(");
        gen(b, depth - 1);
        dg_buf_puts(b, ", ");
        gen(b, depth - 1);
        dg_buf_puts(b, ")");
        break;
    case 8:
        dg_buf_puts(b, "CASE WHEN ");
        gen(b, depth - 1);
        dg_buf_puts(b, " THEN ");
        gen(b, depth - 1);
        dg_buf_puts(b, " ELSE ");
        gen(b, depth - 1);
        dg_buf_puts(b, " END");
        break;
    case 9:
        dg_buf_puts(b, "CAST(");
        gen(b, depth - 1);
        dg_buf_puts(b, rnd(2) ? " AS INTEGER)" : " AS TEXT)");
        break;
    default: atom(b); break;
    }
}

static void gen(dg_buf *b, int depth)
{
    if (depth <= 0) {
        primary(b, 0);
        return;
    }
    switch (rnd(12)) {
    case 0:
        dg_buf_puts(b, (const char *[]){"-", "+", "~", "NOT "}[rnd(4)]);
        gen(b, depth - 1);
        break;
    case 1:
        gen(b, depth - 1);
        dg_buf_puts(b, rnd(2) ? " BETWEEN " : " NOT BETWEEN ");
        gen(b, depth - 1);
        dg_buf_puts(b, " AND ");
        gen(b, depth - 1);
        break;
    case 2:
        gen(b, depth - 1);
        dg_buf_puts(b, rnd(2) ? " IN (" : " NOT IN (");
        gen(b, depth - 1);
        dg_buf_puts(b, ", ");
        atom(b);
        dg_buf_puts(b, ")");
        break;
    case 3:
        gen(b, depth - 1);
        dg_buf_puts(b, (const char *[]){" LIKE ", " NOT LIKE ", " GLOB "}[rnd(3)]);
        gen(b, depth - 1);
        if (rnd(3) == 0) dg_buf_puts(b, rnd(2) ? " ESCAPE '!'" : " ESCAPE '!' || ''");
        break;
    case 4:
        gen(b, depth - 1);
        dg_buf_puts(b, (const char *[]){" ISNULL", " NOTNULL", " NOT NULL", " COLLATE NOCASE"}[rnd(4)]);
        break;
    case 5:
        primary(b, depth);
        break;
    default:
        gen(b, depth - 1);
        dg_buf_printf(b, " %s ", binops[rnd(sizeof binops / sizeof binops[0])]);
        gen(b, depth - 1);
        break;
    }
}

/* quote(typeof(x)), quote(x) of `SELECT expr`; NULL when SQLite refuses it. */
static char *eval(sqlite3 *db, const char *expr)
{
    char *sql = dg_xprintf("SELECT typeof(v) || ':' || quote(v) FROM (SELECT %s AS v)", expr);
    sqlite3_stmt *st = NULL;
    char *r = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        r = dg_xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    free(sql);
    return r;
}

int main(int argc, char **argv)
{
    rng = argc > 1 ? strtoull(argv[1], NULL, 10) : 20261122;
    long count = argc > 2 ? strtol(argv[2], NULL, 10) : 3000;
    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
    long checked = 0, failures = 0;
    for (long i = 0; i < count && failures < 10; i++) {
        dg_buf b = DG_BUF_INIT;
        gen(&b, 1 + (int)rnd(4));
        const char *text = dg_buf_cstr(&b);
        char *want = eval(db, text);
        dg_sql_ast *a = NULL;
        int rc = dg_expr_parse(text, b.len, (dg_loc){0}, &a, NULL);
        if (want && rc != 0) {
            fprintf(stderr, "SQLite accepts, dalgen does not: %s\n", text);
            failures++;
        } else if (want) {
            char *printed = dg_expr_to_sql(a->expr);
            char *got = eval(db, printed);
            if (!got || strcmp(got, want) != 0) {
                fprintf(stderr, "precedence differs:\n  text   %s\n  dalgen %s\n  SQLite %s, dalgen %s\n", text,
                        printed, want, got ? got : "(refused)");
                failures++;
            }
            checked++;
            free(got);
            free(printed);
        }
        dg_sql_ast_free(a);
        free(want);
        dg_buf_free(&b);
    }
    sqlite3_close(db);
    printf("%ld expressions compared with SQLite, %ld failures\n", checked, failures);
    return failures == 0 && checked > count / 2 ? 0 : 1;
}
