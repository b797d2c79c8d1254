#include "sql/sqltok.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void dg_lexer_init(dg_lexer *lx, const char *text, size_t len)
{
    lx->text = text;
    lx->len = len;
    lx->pos = 0;
}

static inline bool is_id_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static inline bool is_id_char(unsigned char c)
{
    return is_id_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static inline bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static bool is_xdigit(unsigned char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Length of a quoted run starting at s[0] == open, closed by `close`, where a
 * doubled close char escapes itself (except for ']').  0 when unterminated. */
static size_t quoted_len(const char *s, size_t n, char close, bool doubling)
{
    for (size_t i = 1; i < n; i++) {
        if (s[i] != close) continue;
        if (doubling && i + 1 < n && s[i + 1] == close) {
            i++;
            continue;
        }
        return i + 1;
    }
    return 0;
}

static size_t number_len(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && n > 2 && is_xdigit((unsigned char)s[2])) {
        i = 2;
        while (i < n && (is_xdigit((unsigned char)s[i]) || s[i] == '_')) i++;
        return i;
    }
    while (i < n && (is_digit((unsigned char)s[i]) || s[i] == '_')) i++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && (is_digit((unsigned char)s[i]) || s[i] == '_')) i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-')) j++;
        if (j < n && is_digit((unsigned char)s[j])) {
            i = j;
            while (i < n && is_digit((unsigned char)s[i])) i++;
        }
    }
    /* SQLite treats "123abc" as one illegal token; keep it simple: swallow. */
    while (i < n && is_id_char((unsigned char)s[i])) i++;
    return i;
}

/* Length of the operator or punctuation at s (n > 0 bytes), 0 when none:
 * "->>", the two-character ones (-> << >> <= >= == != <> ||), then single
 * characters ( ) , ; . = < > + - * / % & | ~. */
static size_t punct_len(const char *s, size_t n)
{
    char c = s[0], d = n > 1 ? s[1] : '\0';
    switch (c) {
    case '-': return d == '>' ? (n > 2 && s[2] == '>' ? 3 : 2) : 1;
    case '<': return d == '<' || d == '=' || d == '>' ? 2 : 1;
    case '>': return d == '>' || d == '=' ? 2 : 1;
    case '=': return d == '=' ? 2 : 1;
    case '!': return d == '=' ? 2 : 0;
    case '|': return d == '|' ? 2 : 1;
    case '(': case ')': case ',': case ';': case '.': case '+': case '*': case '/': case '%': case '&': case '~':
        return 1;
    default: return 0;
    }
}

static dg_tok scan(dg_lexer *lx)
{
    const char *s = lx->text + lx->pos;
    size_t n = lx->len - lx->pos;
    dg_tok t = {DG_TOK_EOF, lx->pos, 0};
    if (n == 0) return t;
    unsigned char c = (unsigned char)s[0];

    if (is_space(c)) {
        size_t i = 1;
        while (i < n && is_space((unsigned char)s[i])) i++;
        t.kind = DG_TOK_SPACE;
        t.len = i;
    } else if (c == '-' && n > 1 && s[1] == '-') {
        size_t i = 2;
        while (i < n && s[i] != '\n') i++;
        t.kind = DG_TOK_COMMENT;
        t.len = i;
    } else if (c == '/' && n > 1 && s[1] == '*') {
        size_t i = 2;
        while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) i++;
        t.kind = DG_TOK_COMMENT;   /* SQLite accepts an unterminated comment at EOF */
        t.len = i + 1 < n ? i + 2 : n;
    } else if (c == '\'') {
        size_t q = quoted_len(s, n, '\'', true);
        t.kind = q ? DG_TOK_STRING : DG_TOK_ILLEGAL;
        t.len = q ? q : n;
    } else if (c == '"' || c == '`') {
        size_t q = quoted_len(s, n, (char)c, true);
        t.kind = q ? DG_TOK_QIDENT : DG_TOK_ILLEGAL;
        t.len = q ? q : n;
    } else if (c == '[') {
        size_t q = quoted_len(s, n, ']', false);
        t.kind = q ? DG_TOK_QIDENT : DG_TOK_ILLEGAL;
        t.len = q ? q : n;
    } else if ((c == 'x' || c == 'X') && n > 1 && s[1] == '\'') {
        size_t q = quoted_len(s + 1, n - 1, '\'', false);
        t.kind = q ? DG_TOK_BLOB : DG_TOK_ILLEGAL;
        t.len = q ? q + 1 : n;
    } else if (is_digit(c) || (c == '.' && n > 1 && is_digit((unsigned char)s[1]))) {
        t.kind = DG_TOK_NUMBER;
        t.len = number_len(s, n);
    } else if (is_id_start(c)) {
        size_t i = 1;
        while (i < n && is_id_char((unsigned char)s[i])) i++;
        t.kind = DG_TOK_IDENT;
        t.len = i;
    } else if (c == '?') {
        size_t i = 1;
        while (i < n && is_digit((unsigned char)s[i])) i++;
        t.kind = DG_TOK_VARIABLE;
        t.len = i;
    } else if ((c == ':' || c == '@' || c == '$') && n > 1 && is_id_char((unsigned char)s[1])) {
        size_t i = 1;
        for (;;) {
            while (i < n && is_id_char((unsigned char)s[i])) i++;
            /* $ and : names may contain "::" segments (Tcl style), and $name(...) suffixes. */
            if (i + 2 < n && s[i] == ':' && s[i + 1] == ':' && is_id_char((unsigned char)s[i + 2])) {
                i += 2;
                continue;
            }
            if (c == '$' && i < n && s[i] == '(') {
                while (i < n && s[i] != ')' && !strchr(" \t\n\r", s[i])) i++;
                if (i < n && s[i] == ')') i++;
            }
            break;
        }
        t.kind = DG_TOK_VARIABLE;
        t.len = i;
    } else {
        size_t pl = punct_len(s, n);
        if (pl) {
            t.kind = DG_TOK_PUNCT;
            t.len = pl;
        } else {
            size_t i = 1;
            while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;  /* whole UTF-8 char */
            t.kind = DG_TOK_ILLEGAL;
            t.len = i;
        }
    }
    lx->pos += t.len;
    return t;
}

dg_tok dg_tok_next(dg_lexer *lx)
{
    return scan(lx);
}

dg_tok dg_tok_next_sig(dg_lexer *lx)
{
    for (;;) {
        dg_tok t = scan(lx);
        if (t.kind != DG_TOK_SPACE && t.kind != DG_TOK_COMMENT) return t;
    }
}

bool dg_tok_is_kw(const dg_lexer *lx, dg_tok t, const char *kw)
{
    if (t.kind != DG_TOK_IDENT || strlen(kw) != t.len) return false;
    for (size_t i = 0; i < t.len; i++) {
        int a = (unsigned char)lx->text[t.start + i], b = (unsigned char)kw[i];
        if (a >= 'a' && a <= 'z') a -= 32;
        if (b >= 'a' && b <= 'z') b -= 32;
        if (a != b) return false;
    }
    return true;
}

bool dg_tok_is_punct(const dg_lexer *lx, dg_tok t, const char *p)
{
    return t.kind == DG_TOK_PUNCT && strlen(p) == t.len && memcmp(lx->text + t.start, p, t.len) == 0;
}

char *dg_tok_text(const dg_lexer *lx, dg_tok t)
{
    return dg_xstrndup(lx->text + t.start, t.len);
}

char *dg_tok_ident(const dg_lexer *lx, dg_tok t)
{
    const char *s = lx->text + t.start;
    if ((t.kind != DG_TOK_QIDENT && t.kind != DG_TOK_STRING) || t.len < 2)
        return dg_tok_text(lx, t);
    char close = s[0] == '[' ? ']' : s[0];
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 1; i + 1 < t.len; i++) {
        dg_buf_putc(&b, s[i]);
        if (s[i] == close && close != ']' && i + 2 < t.len && s[i + 1] == close) i++;
    }
    return dg_buf_steal(&b);
}

size_t dg_sql_statement_end(const char *text, size_t len, size_t from)
{
    dg_lexer lx;
    dg_lexer_init(&lx, text, len);
    lx.pos = from;
    /* Inside CREATE TRIGGER the body's statements end in ';' too: track
     * BEGIN ... END nesting (CASE ... END nests as well). */
    int first = 1, trigger = 0, depth = 0, words = 0;
    for (;;) {
        dg_tok t = dg_tok_next_sig(&lx);
        if (t.kind == DG_TOK_EOF) return len;
        if (t.kind == DG_TOK_IDENT) {
            if (first && dg_tok_is_kw(&lx, t, "CREATE")) words = 1;
            else if (words > 0 && words < 4) {
                if (dg_tok_is_kw(&lx, t, "TRIGGER")) trigger = 1;
                words++;
            }
            if (trigger) {
                if (dg_tok_is_kw(&lx, t, "BEGIN") || dg_tok_is_kw(&lx, t, "CASE")) depth++;
                else if (dg_tok_is_kw(&lx, t, "END") && depth > 0) depth--;
            }
        }
        first = 0;
        if (dg_tok_is_punct(&lx, t, ";") && depth == 0) return lx.pos;
    }
}

static void quote_to(dg_buf *b, const char *s, char q)
{
    dg_buf_putc(b, q);
    for (; *s; s++) {
        if (*s == q) dg_buf_putc(b, q);
        dg_buf_putc(b, *s);
    }
    dg_buf_putc(b, q);
}

static char *quote_with(const char *s, char q)
{
    dg_buf b = DG_BUF_INIT;
    quote_to(&b, s, q);
    return dg_buf_steal(&b);
}

char *dg_sql_quote_ident(const char *name) { return quote_with(name, '"'); }
void dg_sql_quote_ident_to(dg_buf *out, const char *name) { quote_to(out, name, '"'); }
char *dg_sql_quote_string(const char *s) { return quote_with(s, '\''); }

char *dg_sql_comment_text(const char *s)
{
    dg_buf b = DG_BUF_INIT;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if (*u == '\n') dg_buf_puts(&b, "\\n");
        else if (*u == '\r') dg_buf_puts(&b, "\\r");
        else if ((*u < 0x20 && *u != '\t') || *u == 0x7f) dg_buf_printf(&b, "\\x%02X", *u);
        else {
            dg_buf_putc(&b, (char)*u);
            if ((u[0] == '*' && u[1] == '/') || (u[0] == '/' && u[1] == '*')) dg_buf_putc(&b, ' ');
        }
    }
    return dg_buf_steal(&b);
}

char *dg_sql_normalize(const char *text, size_t len)
{
    dg_lexer lx;
    dg_lexer_init(&lx, text, len);
    dg_buf b = DG_BUF_INIT;
    for (;;) {
        dg_tok t = dg_tok_next_sig(&lx);
        if (t.kind == DG_TOK_EOF) break;
        if (b.len) dg_buf_putc(&b, ' ');
        if (t.kind == DG_TOK_IDENT) {
            for (size_t i = 0; i < t.len; i++) {
                char c = text[t.start + i];
                dg_buf_putc(&b, (c >= 'a' && c <= 'z') ? (char)(c - 32) : c);
            }
        } else if (t.kind == DG_TOK_QIDENT) {
            char *id = dg_tok_ident(&lx, t);
            char *q = dg_sql_quote_ident(id);
            dg_buf_puts(&b, q);
            free(q);
            free(id);
        } else {
            dg_buf_append(&b, text + t.start, t.len);
        }
    }
    return dg_buf_steal(&b);
}
