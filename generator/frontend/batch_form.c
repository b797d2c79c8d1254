/* Which statements batch.c can apply as rows of sqlite_schema, and what
 * SQLite would store for them (loader.h, dg_batch_form). */
#include <stdint.h>
#include <string.h>

#include "frontend/loader.h"

void dg_batch_stmt_free(dg_batch_stmt *b)
{
    free(b->name);
    free(b->table);
    memset(b, 0, sizeof *b);
}

/* A table's body from its '(' (already read): the keywords that mean
 * automatic indexes or AUTOINCREMENT; returns the ')' (EOF when unbalanced).
 * `INTEGER PRIMARY KEY` written as a column's type and constraint (the
 * rowid itself) makes no index: such a table alone needs no PRAGMA. */
static dg_tok table_body(dg_lexer *lx, dg_tok open, dg_batch_stmt *b)
{
    dg_tok prev[3] = {open, {DG_TOK_EOF, 0, 0}, {DG_TOK_EOF, 0, 0}};
    int depth = 1, primary = 0;
    bool unique = false, rowid_key = false;
    dg_tok t;
    for (t = dg_tok_next_sig(lx); t.kind != DG_TOK_EOF && t.kind != DG_TOK_ILLEGAL; t = dg_tok_next_sig(lx)) {
        if (dg_tok_is_punct(lx, t, "(")) depth++;
        else if (dg_tok_is_punct(lx, t, ")") && --depth == 0) break;
        else if (dg_tok_is_punct(lx, t, ";")) return (dg_tok){DG_TOK_EOF, 0, 0};
        else if (dg_tok_is_kw(lx, t, "UNIQUE")) unique = true;
        else if (dg_tok_is_kw(lx, t, "AUTOINCREMENT")) b->autoincrement = true;
        else if (dg_tok_is_kw(lx, t, "DESC")) rowid_key = false;
        else if (dg_tok_is_kw(lx, t, "PRIMARY")) {
            primary++;
            rowid_key = depth == 1 && dg_tok_is_kw(lx, prev[0], "INTEGER") && prev[0].kind == DG_TOK_IDENT &&
                        (prev[1].kind == DG_TOK_IDENT || prev[1].kind == DG_TOK_QIDENT) &&
                        (dg_tok_is_punct(lx, prev[2], "(") || dg_tok_is_punct(lx, prev[2], ","));
        }
        prev[2] = prev[1];
        prev[1] = prev[0];
        prev[0] = t;
    }
    b->keys = unique || (primary > 0 && !(primary == 1 && rowid_key));
    return t;
}

/* After a table's ')': its options (WITHOUT ROWID, STRICT), to the ';'. */
static bool table_tail(dg_lexer *lx, dg_tok close, dg_batch_stmt *b)
{
    b->text_end = close.start + close.len;
    dg_tok t = dg_tok_next_sig(lx);
    bool options = t.kind != DG_TOK_EOF && !dg_tok_is_punct(lx, t, ";");
    for (; t.kind != DG_TOK_EOF && !dg_tok_is_punct(lx, t, ";"); t = dg_tok_next_sig(lx)) {
        if (t.kind == DG_TOK_ILLEGAL) return false;
        if (dg_tok_is_kw(lx, t, "WITHOUT")) b->without_rowid = true;
    }
    if (options) b->text_end = t.kind == DG_TOK_EOF ? b->end : t.start;   /* SQLite's last token: the ';' */
    return true;
}

/* An index's ON table, or a view's column list or AS; then to the ';'. */
static bool index_or_view_tail(dg_lexer *lx, dg_tok t, dg_batch_stmt *b)
{
    if (b->kind == DG_REC_INDEX) {
        if (!dg_tok_is_kw(lx, t, "ON")) return false;
        dg_tok tbl = dg_tok_next_sig(lx);
        if (tbl.kind != DG_TOK_IDENT && tbl.kind != DG_TOK_QIDENT) return false;
        b->table = dg_tok_ident(lx, tbl);
        if (!b->table || !dg_tok_is_punct(lx, dg_tok_next_sig(lx), "(")) return false;
    } else if (!dg_tok_is_kw(lx, t, "AS") && !dg_tok_is_punct(lx, t, "(")) {
        return false;
    }
    for (t = dg_tok_next_sig(lx); t.kind != DG_TOK_EOF && !dg_tok_is_punct(lx, t, ";"); t = dg_tok_next_sig(lx))
        if (t.kind == DG_TOK_ILLEGAL) return false;
    b->text_end = t.kind == DG_TOK_EOF ? b->end : t.start;
    if (b->kind == DG_REC_VIEW)   /* SQLite trims a view's text */
        while (b->text_end > b->name_at && strchr(" \t\n\r\f\v", lx->text[b->text_end - 1])) b->text_end--;
    return true;
}

/* CREATE [UNIQUE] INDEX | TABLE | VIEW [IF NOT EXISTS] [main.]name: the
 * kind, the name and where it starts; the token after the name in *next. */
static bool head(dg_lexer *lx, dg_batch_stmt *b, dg_tok *next)
{
    dg_tok t = dg_tok_next_sig(lx);   /* CREATE */
    if (!dg_tok_is_kw(lx, t, "CREATE")) return false;
    t = dg_tok_next_sig(lx);
    if (dg_tok_is_kw(lx, t, "UNIQUE")) {
        b->unique = true;
        t = dg_tok_next_sig(lx);
    }
    if (dg_tok_is_kw(lx, t, "INDEX")) b->kind = DG_REC_INDEX;
    else if (dg_tok_is_kw(lx, t, "TABLE") && !b->unique) b->kind = DG_REC_TABLE;
    else if (dg_tok_is_kw(lx, t, "VIEW") && !b->unique) b->kind = DG_REC_VIEW;
    else return false;
    dg_tok name = dg_tok_next_sig(lx);
    if (dg_tok_is_kw(lx, name, "IF")) {
        if (!dg_tok_is_kw(lx, dg_tok_next_sig(lx), "NOT") || !dg_tok_is_kw(lx, dg_tok_next_sig(lx), "EXISTS")) return false;
        b->if_not_exists = true;
        name = dg_tok_next_sig(lx);
    }
    *next = dg_tok_next_sig(lx);
    if (dg_tok_is_punct(lx, *next, ".")) {
        if (name.kind != DG_TOK_IDENT || name.len != 4 || !dg_tok_is_kw(lx, name, "main")) return false;
        name = dg_tok_next_sig(lx);
        *next = dg_tok_next_sig(lx);
    }
    if (name.kind != DG_TOK_IDENT && name.kind != DG_TOK_QIDENT) return false;
    b->name_at = name.start;
    b->name_end = name.start + name.len;
    b->name = dg_tok_ident(lx, name);
    return b->name && b->name[0];
}

bool dg_batch_form(const char *text, size_t start, size_t end, dg_batch_stmt *b)
{
    memset(b, 0, sizeof *b);
    b->start = start;
    b->end = end;
    b->table_at = SIZE_MAX;
    dg_lexer lx;
    dg_lexer_init(&lx, text, end);
    lx.pos = start;
    dg_tok t;
    bool ok = head(&lx, b, &t);
    if (ok && b->kind == DG_REC_TABLE) {
        ok = dg_tok_is_punct(&lx, t, "(");
        dg_tok close = ok ? table_body(&lx, t, b) : t;
        ok = ok && close.kind != DG_TOK_EOF && table_tail(&lx, close, b);
    } else if (ok) {
        ok = index_or_view_tail(&lx, t, b);
    }
    if (!ok) dg_batch_stmt_free(b);
    return ok;
}
