/* pg_lex.c - comments, meta-commands and blanks of PostgreSQL text (pg_lex.h). */
#include "frontend/pg/pg_lex.h"

#include <string.h>

static bool ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || (unsigned char)c >= 0x80;
}

/* End of a nested block comment starting at p ("/ *"). */
static size_t block_end(const char *t, size_t len, size_t p)
{
    int depth = 0;
    while (p < len) {
        if (p + 1 < len && t[p] == '/' && t[p + 1] == '*') depth++, p += 2;
        else if (p + 1 < len && t[p] == '*' && t[p + 1] == '/') {
            p += 2;
            if (--depth == 0) return p;
        } else p++;
    }
    return len;
}

/* End of a quoted token opened by `q` at p; `esc`: backslash escapes (E''). */
static size_t quoted_end(const char *t, size_t len, size_t p, char q, bool esc)
{
    for (p++; p < len; p++) {
        if (esc && t[p] == '\\') p++;
        else if (t[p] == q) {
            if (p + 1 < len && t[p + 1] == q) p++;
            else return p + 1;
        }
    }
    return len;
}

/* The length of a dollar-quote tag ($tag$ or $$) at p, 0 when none. */
static size_t dollar_tag(const char *t, size_t len, size_t p)
{
    size_t q = p + 1;
    if (q < len && ((t[q] >= '0' && t[q] <= '9'))) return 0;   /* $1: a parameter */
    while (q < len && t[q] != '$' && ident_char(t[q])) q++;
    return q < len && t[q] == '$' ? q - p + 1 : 0;
}

static size_t dollar_end(const char *t, size_t len, size_t p, size_t tag)
{
    for (size_t q = p + tag; q + tag <= len; q++)
        if (t[q] == '$' && !memcmp(t + q, t + p, tag)) return q + tag;
    return len;
}

/* A backslash preceded on its line by blanks only. */
static bool line_start(const char *t, size_t p)
{
    while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t')) p--;
    return p == 0 || t[p - 1] == '\n';
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* The end of the line when the backslash at p starts pg_dump's guard
 * (`\restrict KEY` or `\unrestrict KEY`, one word of key, nothing after it
 * but blanks), 0 when it is any other meta-command. */
static size_t dump_guard_end(const char *t, size_t len, size_t p)
{
    static const char *const cmds[] = {"\\restrict", "\\unrestrict"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(cmds[i]), q = p + n, key;
        if (len - p < n || memcmp(t + p, cmds[i], n) != 0 || q >= len || !blank(t[q])) continue;
        while (q < len && blank(t[q])) q++;
        for (key = q; q < len && !blank(t[q]) && t[q] != '\n' && t[q] != '\\'; q++) {}
        if (q == key) return 0;
        while (q < len && blank(t[q])) q++;
        return q == len || t[q] == '\n' ? q : 0;
    }
    return 0;
}

void dg_pg_lex_scan(const char *t, size_t len, dg_pg_lex *out)
{
    memset(out, 0, sizeof *out);
    DG_VEC_PUSH(&out->lines, (size_t)0);
    for (const char *nl = t; (nl = memchr(nl, '\n', len - (size_t)(nl - t))) != NULL; nl++)
        DG_VEC_PUSH(&out->lines, (size_t)(nl - t) + 1);
    size_t p = 0, tag;
    while (p < len) {
        char c = t[p];
        bool after_ident = p > 0 && ident_char(t[p - 1]);
        if (c == '-' && p + 1 < len && t[p + 1] == '-') {
            size_t e = p;
            while (e < len && t[e] != '\n') e++;
            DG_VEC_PUSH(&out->comments, ((dg_pg_comment){p, e, true}));
            p = e;
        } else if (c == '/' && p + 1 < len && t[p + 1] == '*') {
            size_t e = block_end(t, len, p);
            DG_VEC_PUSH(&out->comments, ((dg_pg_comment){p, e, false}));
            p = e;
        } else if (c == '\'') {
            bool esc = p > 0 && (t[p - 1] == 'E' || t[p - 1] == 'e') && !(p > 1 && ident_char(t[p - 2]));
            p = quoted_end(t, len, p, '\'', esc);
        } else if (c == '"') {
            p = quoted_end(t, len, p, '"', false);
        } else if (c == '$' && !after_ident && (tag = dollar_tag(t, len, p)) > 0) {
            p = dollar_end(t, len, p, tag);
        } else if (c == '\\' && line_start(t, p) && (tag = dump_guard_end(t, len, p)) > 0) {
            DG_VEC_PUSH(&out->dump_guards, ((dg_pg_span){p, tag}));
            p = tag;
        } else if (c == '\\' && !out->has_meta && line_start(t, p)) {
            out->has_meta = true;
            out->meta = p;
            p++;
        } else {
            p++;
        }
    }
}

void dg_pg_lex_free(dg_pg_lex *lx)
{
    DG_VEC_FREE(&lx->comments);
    DG_VEC_FREE(&lx->dump_guards);
    DG_VEC_FREE(&lx->lines);
}

size_t dg_pg_lex_line(const dg_pg_lex *lx, size_t off)
{
    size_t lo = 0, hi = lx->lines.len;   /* the last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (lx->lines.items[mid] <= off) lo = mid;
        else hi = mid;
    }
    return lo;
}

size_t dg_pg_lex_comment_from(const dg_pg_lex *lx, size_t off)
{
    size_t lo = 0, hi = lx->comments.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lx->comments.items[mid].start < off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

size_t dg_pg_skip_blank(const char *t, size_t len, size_t p)
{
    while (p < len) {
        if (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r' || t[p] == '\f') p++;
        else if (t[p] == '-' && p + 1 < len && t[p + 1] == '-')
            while (p < len && t[p] != '\n') p++;
        else if (t[p] == '/' && p + 1 < len && t[p + 1] == '*') p = block_end(t, len, p);
        else break;
    }
    return p;
}

size_t dg_pg_char_offset(const char *t, size_t len, size_t from, long chars)
{
    size_t p = from;
    for (long n = 0; n < chars && p < len; n++) {
        p++;
        while (p < len && ((unsigned char)t[p] & 0xC0) == 0x80) p++;
    }
    return p;
}
