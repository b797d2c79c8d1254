/* ddl_parse.h - reads what SQLite's pragmas do not expose from the CREATE
 * text SQLite stores (sqlite_schema.sql): CHECK expressions, constraint
 * names, COLLATE, DEFERRABLE, generated expressions, AUTOINCREMENT, index
 * terms and WHERE, trigger timing, virtual table modules, and annotations.
 *
 * The parsers trust their input: it is text SQLite already accepted.  They
 * never fail; what they cannot read stays empty.  Offsets in the parsed text
 * become dg_loc through a dg_locator (see locator.h). */
#ifndef DG_DDL_PARSE_H
#define DG_DDL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "model/model.h"
#include "sql/sqltok.h"

/* Maps a byte offset of the parsed text to a source location; NULL ctx or
 * fn gives locations with no file. */
typedef dg_loc (*dg_locate_fn)(const void *ctx, size_t offset);

/* The non-space tokens of a text, with the line each starts on (1-based,
 * counted within the text).  Comments are kept apart from the others. */
typedef struct dg_ltok {
    dg_tok tok;
    int    line;
} dg_ltok;

typedef struct dg_toks {
    const char *text;
    size_t      len;
    DG_VEC(dg_ltok) sig;        /* significant tokens */
    DG_VEC(dg_ltok) comments;   /* comment tokens */
} dg_toks;

void dg_toks_init(dg_toks *tk, const char *text, size_t len);
/* dg_toks_init into the arrays of `tk` (zeroed, or from an earlier init),
 * kept for reuse: no allocation once they are large enough. */
void dg_toks_refill(dg_toks *tk, const char *text, size_t len);
void dg_toks_free(dg_toks *tk);
/* dg_tok_is_kw and dg_tok_is_punct of token i (false past the end).  Inline:
 * the parsers ask them of most tokens several times over, and a literal's
 * length is then a constant that rejects most tokens at once. */
static inline bool dg_toks_kw(const dg_toks *tk, size_t i, const char *kw)
{
    size_t n = strlen(kw);
    if (i >= tk->sig.len || tk->sig.items[i].tok.kind != DG_TOK_IDENT || tk->sig.items[i].tok.len != n) return false;
    const char *s = tk->text + tk->sig.items[i].tok.start;
    for (size_t k = 0; k < n; k++) {
        int a = (unsigned char)s[k], b = (unsigned char)kw[k];
        if (a >= 'a' && a <= 'z') a -= 32;
        if (b >= 'a' && b <= 'z') b -= 32;
        if (a != b) return false;
    }
    return true;
}

static inline bool dg_toks_punct(const dg_toks *tk, size_t i, const char *p)
{
    size_t n = strlen(p);
    return i < tk->sig.len && tk->sig.items[i].tok.kind == DG_TOK_PUNCT && tk->sig.items[i].tok.len == n &&
           memcmp(tk->text + tk->sig.items[i].tok.start, p, n) == 0;
}
char *dg_toks_ident(const dg_toks *tk, size_t i);                  /* unquoted; caller frees */
/* Index of the ')' matching the '(' at i (tk->sig.len when unbalanced). */
size_t dg_toks_close(const dg_toks *tk, size_t i);
/* Raw text from the start of token a to the end of token b-1, trimmed. */
char *dg_toks_span(const dg_toks *tk, size_t a, size_t b);

/* `-- @key value` or `/ * @key value * /`: returns true and sets key/value
 * (caller frees) when the comment token text is an annotation. */
bool dg_annotation_parse(const char *comment, size_t len, char **key, char **value);
/* True for the annotation keys dalgen gives a meaning to. */
bool dg_annotation_known(const char *key);

/* CREATE [VIRTUAL] TABLE: fills a zeroed `t` with what the text says:
 * name, columns (name, type, collation, generated expression and kind,
 * AUTOINCREMENT, PRIMARY KEY DESC, UNIQUE, annotations, loc), pk_name,
 * pk_conflict, uniques (as written), checks, foreign keys (as written:
 * `to` may be empty, actions NULL when omitted), annotations, module and
 * module_args, without_rowid, strict, loc. */
void dg_parse_create_table(const char *sql, dg_locate_fn fn, const void *ctx, dg_table *t);
/* Same; annotations inside the parentheses that belong to nothing (on a
 * table constraint, or separated from the column below by a blank line) are
 * added to `stray` (may be NULL). */
void dg_parse_create_table_ex(const char *sql, dg_locate_fn fn, const void *ctx, dg_table *t, dg_annotations *stray);
/* Same over the tokens of the text (dg_toks_init), which the caller keeps
 * and frees: one tokenization shared with the source map. */
void dg_parse_create_table_toks(const dg_toks *tk, dg_locate_fn fn, const void *ctx, dg_table *t,
                                dg_annotations *stray);

/* CREATE [UNIQUE] INDEX: name, table, unique, terms (column or expression,
 * DESC, explicit COLLATE), where, loc. */
void dg_parse_create_index(const char *sql, dg_locate_fn fn, const void *ctx, dg_index *ix);
void dg_parse_create_index_toks(const dg_toks *tk, dg_locate_fn fn, const void *ctx, dg_index *ix);

/* CREATE TRIGGER: name, table, timing, event, loc; `of` receives the
 * columns of UPDATE OF (may be NULL). */
void dg_parse_create_trigger(const char *sql, dg_locate_fn fn, const void *ctx, dg_trigger *tr,
                             dg_strings *of);

/* CREATE VIEW: name, annotations written before AS, loc. */
void dg_parse_create_view(const char *sql, dg_locate_fn fn, const void *ctx, dg_view *v);

/* The object a CREATE statement makes: sets *kind ("table", "index", "view",
 * "trigger"; "" when the text is no CREATE) and returns the index of the
 * name token in tk->sig (0 when none). */
size_t dg_parse_create_head(const dg_toks *tk, const char **kind);
/* dg_toks_init and dg_parse_create_head of `text`, reading only the tokens of
 * the head (and the first after it) when it is a CREATE head: tk->sig then
 * holds the tokens up to the name and one or two more; when not, or when
 * the head is longer, tk holds every token as with dg_toks_init. */
size_t dg_toks_init_create_head(dg_toks *tk, const char *text, size_t len, const char **kind);

#endif
