/* pg_lex.h - the little of PostgreSQL's lexical structure the front end
 * needs beside libpg_query: where comments are (for `-- @key value`
 * annotations), where a psql meta-command starts (and which lines are
 * pg_dump's harmless \restrict guards), and how to skip blanks.
 * Knows '' strings, E'' strings with backslash escapes, "" identifiers,
 * $tag$ dollar quoting and nested block comments, as PostgreSQL's scanner
 * does (https://www.postgresql.org/docs/15/sql-syntax-lexical.html). */
#ifndef DG_PG_LEX_H
#define DG_PG_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/vec.h"

typedef struct dg_pg_comment {
    size_t start, end;   /* byte offsets: "--" or "/ *" up to the end of line / after "* /" */
    bool   line;         /* a -- comment */
} dg_pg_comment;

/* A line of pg_dump's guard: `\restrict KEY` heads a plain dump, `\unrestrict
 * KEY` ends it (pg_dump since 17.6, 16.10, 15.14, 14.19, 13.22).  They only
 * make psql refuse other meta-commands in between: no SQL, nothing in the
 * database, so the front end blanks them instead of refusing the dump. */
typedef struct dg_pg_span {
    size_t start, end;   /* byte offsets: the backslash up to the end of its line */
} dg_pg_span;

typedef struct dg_pg_lex {
    DG_VEC(dg_pg_comment) comments;   /* in text order */
    DG_VEC(size_t) lines;             /* the offset each line starts at (the first: 0) */
    DG_VEC(dg_pg_span) dump_guards;   /* in text order */
    bool   has_meta;                  /* a line starts with another psql \ meta-command */
    size_t meta;                      /* its offset */
} dg_pg_lex;

/* Scans text[0, len). */
void dg_pg_lex_scan(const char *text, size_t len, dg_pg_lex *out);
void dg_pg_lex_free(dg_pg_lex *lx);
/* The 0-based line of offset `off` (a binary search of lx->lines: finding
 * each column's line by counting from the start made big files quadratic). */
size_t dg_pg_lex_line(const dg_pg_lex *lx, size_t off);
/* The index of the first comment starting at or after `off`. */
size_t dg_pg_lex_comment_from(const dg_pg_lex *lx, size_t off);
/* The first offset >= off that is neither blank nor inside a comment. */
size_t dg_pg_skip_blank(const char *text, size_t len, size_t off);
/* Byte offset of the `chars`-th character (0-based) counted from byte
 * `from` (UTF-8), stopping at len. */
size_t dg_pg_char_offset(const char *text, size_t len, size_t from, long chars);

#endif
