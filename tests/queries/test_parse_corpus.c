/* test_parse_corpus DIR - dalgen's SQL parser on real SQL: every SELECT,
 * INSERT, UPDATE, DELETE, VIEW body and TRIGGER body statement of every *.sql
 * file under DIR (the shared corpus) must parse.  SQLite accepted all of it.
 * Exit 77 when DIR does not exist. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sql_ast.h"
#include "sql/sqltok.h"
#include "util/fsutil.h"

static int parsed, failed;

static void parse_one(const char *path, const char *text, size_t start, size_t end)
{
    dg_sql_ast *a = NULL;
    dg_loc base = dg_loc_at(text, start, (dg_loc){path, 1, 1});
    dg_diags d = DG_DIAGS_INIT;
    if (dg_stmt_parse(text + start, end - start, base, &a, &d) != 0) failed++;
    else parsed++;
    dg_diags_print(&d, stderr);
    dg_sql_ast_free(a);
}

/* Offset just after the first significant token matching kw in [from, to). */
static size_t after_kw(const char *text, size_t from, size_t to, const char *kw)
{
    dg_lexer lx;
    dg_lexer_init(&lx, text, to);
    lx.pos = from;
    for (dg_tok t = dg_tok_next_sig(&lx); t.kind != DG_TOK_EOF; t = dg_tok_next_sig(&lx))
        if (dg_tok_is_kw(&lx, t, kw)) return t.start + t.len;
    return 0;
}

static void trigger_body(const char *path, const char *text, size_t from, size_t to)
{
    size_t pos = after_kw(text, from, to, "BEGIN");
    while (pos && pos < to) {
        size_t end = dg_sql_statement_end(text, to, pos);
        dg_lexer lx;
        dg_lexer_init(&lx, text, end);
        lx.pos = pos;
        dg_tok t = dg_tok_next_sig(&lx);
        if (t.kind == DG_TOK_EOF || dg_tok_is_kw(&lx, t, "END")) break;
        parse_one(path, text, t.start, end);
        pos = end;
    }
}

static void statement(const char *path, const char *text, size_t from, size_t to)
{
    dg_lexer lx;
    dg_lexer_init(&lx, text, to);
    lx.pos = from;
    dg_tok t = dg_tok_next_sig(&lx);
    if (t.kind == DG_TOK_EOF) return;
    static const char *const dml[] = {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE", "VALUES", NULL};
    for (int i = 0; dml[i]; i++)
        if (dg_tok_is_kw(&lx, t, dml[i])) {
            parse_one(path, text, t.start, to);
            return;
        }
    if (!dg_tok_is_kw(&lx, t, "CREATE")) return;
    for (int k = 0; k < 3; k++) {
        dg_tok w = dg_tok_next_sig(&lx);
        if (dg_tok_is_kw(&lx, w, "VIEW")) {
            size_t as = after_kw(text, w.start, to, "AS");
            if (as) parse_one(path, text, as, to);
            return;
        }
        if (dg_tok_is_kw(&lx, w, "TRIGGER")) {
            trigger_body(path, text, w.start, to);
            return;
        }
    }
}

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (type != FTW_F || !dg_has_suffix(path, ".sql")) return 0;
    char *text = NULL;
    size_t len = 0;
    if (dg_read_file(path, &text, &len) != 0) return 0;
    for (size_t pos = 0; pos < len;) {
        size_t end = dg_sql_statement_end(text, len, pos);
        if (end <= pos) break;
        statement(path, text, pos, end);
        pos = end;
    }
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) return 2;
    if (!dg_is_dir(argv[1])) {
        printf("corpus not found: %s\n", argv[1]);
        return 77;
    }
    if (nftw(argv[1], visit, 16, FTW_PHYS) != 0) return 1;
    printf("%d statements parsed, %d failed\n", parsed, failed);
    return failed == 0 && parsed > 0 ? 0 : 1;
}
