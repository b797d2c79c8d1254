/* sqltok.h - a tokenizer for SQLite's SQL dialect.
 *
 * SQLite parses the SQL; dalgen tokenizes it only to read what SQLite's
 * pragmas do not expose (CHECK text, constraint names, annotations, ...), to
 * parse queries, and to compare expressions as token streams.  It follows
 * tokenize.c of SQLite: identifiers may be quoted with "", [], or ``;
 * strings use '' with doubled quotes; blobs are X'..'; variables are ?, ?N,
 * :name, @name, $name.  Comments are returned as tokens so that annotations
 * can be read; dg_tok_next_sig skips them. */
#ifndef DG_SQLTOK_H
#define DG_SQLTOK_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

typedef enum dg_tok_kind {
    DG_TOK_EOF = 0,
    DG_TOK_SPACE,
    DG_TOK_COMMENT,     /* -- ... (without the newline) or / * ... * / */
    DG_TOK_IDENT,       /* bare word: keyword or identifier */
    DG_TOK_QIDENT,      /* "quoted", [bracketed] or `backticked` identifier */
    DG_TOK_STRING,      /* 'text' */
    DG_TOK_NUMBER,
    DG_TOK_BLOB,        /* X'hex' */
    DG_TOK_VARIABLE,    /* ?, ?N, :name, @name, $name */
    DG_TOK_PUNCT,       /* operators and punctuation: ( ) , ; . = == <> != < <= > >= || + - * / % & | ~ << >> -> ->> */
    DG_TOK_ILLEGAL      /* unterminated string/comment/identifier, stray byte */
} dg_tok_kind;

typedef struct dg_tok {
    dg_tok_kind kind;
    size_t      start;  /* byte offset in the text */
    size_t      len;    /* byte length */
} dg_tok;

typedef struct dg_lexer {
    const char *text;
    size_t      len;
    size_t      pos;
} dg_lexer;

void dg_lexer_init(dg_lexer *lx, const char *text, size_t len);

/* Next token of any kind (spaces and comments included). */
dg_tok dg_tok_next(dg_lexer *lx);
/* Next token that is not space or comment. */
dg_tok dg_tok_next_sig(dg_lexer *lx);

/* True when the token is the bare word `kw` (ASCII case-insensitive). */
bool dg_tok_is_kw(const dg_lexer *lx, dg_tok t, const char *kw);
/* True when the token is the punctuation `p` exactly. */
bool dg_tok_is_punct(const dg_lexer *lx, dg_tok t, const char *p);

/* The identifier a token names, unquoted ("a""b" -> a"b, [x y] -> x y);
 * for STRING tokens the string value.  Caller frees. */
char *dg_tok_ident(const dg_lexer *lx, dg_tok t);
/* Raw token text. Caller frees. */
char *dg_tok_text(const dg_lexer *lx, dg_tok t);

/* Offset where the statement that starts at `from` ends (just after its
 * ';', or at the end of text), honouring CREATE TRIGGER ... BEGIN ... END
 * bodies and CASE ... END.  Used to split files into statements. */
size_t dg_sql_statement_end(const char *text, size_t len, size_t from);

/* Quotes an identifier for SQL ("name", doubling inner quotes). Caller frees. */
char *dg_sql_quote_ident(const char *name);
/* The same appended to out (for callers that keep the text elsewhere). */
void  dg_sql_quote_ident_to(dg_buf *out, const char *name);
/* Quotes a string literal ('text', doubling inner quotes). Caller frees. */
char *dg_sql_quote_string(const char *s);
/* `s` made safe as the text of an SQL comment, line or block: control
 * characters other than tab (newline, carriage return, ...) become `\n`,
 * `\r` or `\xHH`, and the two-character block comment delimiters (star
 * slash, slash star) are broken by a space, so nothing in `s` can end the comment. The one escaping of every
 * name and message dalgen writes into an SQL comment. Caller frees. */
char *dg_sql_comment_text(const char *s);

/* Normalised token stream of an expression, for comparing CHECK/DEFAULT
 * expressions: comments and spaces dropped, bare words upper-cased, quoted
 * identifiers unquoted and re-quoted uniformly, tokens joined by one space.
 * Caller frees. */
char *dg_sql_normalize(const char *text, size_t len);

#endif
