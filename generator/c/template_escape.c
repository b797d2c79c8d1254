/* template_escape.c - the |c and |comment filters: text made safe for a C
 * string literal or a C block comment, whatever it contains. */
#include <stdbool.h>
#include <string.h>

#include "c/template.h"

/* Escaped form of byte `c` (preceded by `prev`) inside a string literal.
 * Octal escapes always have three digits, so a following digit can never
 * extend them; `?` after `?` is escaped so no trigraph can form. */
static size_t escape_byte(char out[5], unsigned char c, unsigned char prev)
{
    switch (c) {
    case '\\': memcpy(out, "\\\\", 2); return 2;
    case '"':  memcpy(out, "\\\"", 2); return 2;
    case '\n': memcpy(out, "\\n", 2);  return 2;
    case '\t': memcpy(out, "\\t", 2);  return 2;
    case '\r': memcpy(out, "\\r", 2);  return 2;
    case '?':
        if (prev == '?') { memcpy(out, "\\?", 2); return 2; }
        out[0] = '?';
        return 1;
    default:
        if (c < 0x20 || c >= 0x7f) {
            out[0] = '\\';
            out[1] = (char)('0' + (c >> 6));
            out[2] = (char)('0' + ((c >> 3) & 7));
            out[3] = (char)('0' + (c & 7));
            return 4;
        }
        out[0] = (char)c;
        return 1;
    }
}

/* What each byte is to the escapers (the runs between the bytes that need
 * a look are scanned a byte at a time): LIT, it does not stand for itself
 * in a literal whatever precedes it (controls, non-ASCII, \\ " ?); COMMENT,
 * it may need a break or an indentation in a comment (\\n * / ?), or start a
 * bidirectional control (0xD8, 0xE2).  The NUL that ends the text is both. */
enum { LIT = 1, COMMENT = 2 };
static const unsigned char special[256] = {
    3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The first byte at or after u that has `flag` in special[] (the text's
 * NUL at `end` at the latest).  With SSE2, sixteen bytes at a time: SQL runs
 * between quotes and line ends are long enough for it to pay. */
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>

static __m128i specials16(__m128i x, unsigned flag)
{
    __m128i m;
    if (flag == LIT) {   /* below 0x20 or above 0x7e (signed: below 0x20), \\ " ? */
        m = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
    } else {
        m = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('*')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('/')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xD8)));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)));
    }
    return _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('?')));
}

static const unsigned char *skip(const unsigned char *u, const unsigned char *end, unsigned flag)
{
    for (; end - u >= 16; u += 16) {
        int bits = _mm_movemask_epi8(specials16(_mm_loadu_si128((const __m128i *)(const void *)u), flag));
        if (bits) return u + __builtin_ctz((unsigned)bits);
    }
    while (!(special[*u] & flag)) u++;
    return u;
}
#else
static const unsigned char *skip(const unsigned char *u, const unsigned char *end, unsigned flag)
{
    (void)end;
    while (!(special[*u] & flag)) u++;
    return u;
}
#endif

/* Appends s[0, n) (dg_buf_append without the call, for the runs between
 * escapes are short and many). */
static void put(dg_buf *out, const void *s, size_t n)
{
    if (out->len + n >= out->cap) dg_buf_reserve(out, n);
    memcpy(out->data + out->len, s, n);
    out->len += n;
    out->data[out->len] = '\0';
}

/* Appends the bytes a and b (b may be NUL: then a alone). */
static void put2(dg_buf *out, char a, char b)
{
    if (out->len + 2 >= out->cap) dg_buf_reserve(out, 2);
    out->data[out->len++] = a;
    if (b) out->data[out->len++] = b;
    out->data[out->len] = '\0';
}

/* Length of the UTF-8 sequence starting at s (1 for anything else), so a
 * literal is never split inside a character. */
static size_t char_len(const unsigned char *s)
{
    size_t n = 1;
    if (*s >= 0xC0)
        while (n < 4 && (s[n] & 0xC0) == 0x80) n++;
    return n;
}

static size_t escape_char(char *esc, const unsigned char *u, size_t n, unsigned char prev)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) len += escape_byte(esc + len, u[i], i ? u[i - 1] : prev);
    return len;
}

static void new_literal(dg_buf *out, const char *indent)
{
    dg_buf_puts(out, "\"\n");
    dg_buf_puts(out, indent);
    dg_buf_putc(out, '"');
}

/* The literal being written: its continuation lines' indentation and the
 * characters it holds so far. */
typedef struct literal {
    dg_buf     *out;
    const char *indent;
    size_t      used;
} literal;

/* Appends a run of bytes that stand for themselves, split at the length
 * limit. */
static void put_run(literal *l, const unsigned char *u, size_t run)
{
    while (run) {
        if (l->used >= DG_TMPL_MAX_LITERAL) {
            new_literal(l->out, l->indent);
            l->used = 0;
        }
        size_t take = run < DG_TMPL_MAX_LITERAL - l->used ? run : DG_TMPL_MAX_LITERAL - l->used;
        put(l->out, u, take);
        l->used += take;
        u += take;
        run -= take;
    }
}

/* Appends the escaped character of n bytes at u, in a new literal when it
 * does not fit in this one. */
static void put_char(literal *l, const unsigned char *u, size_t n, unsigned char prev)
{
    if (*u == '"' || *u == '\\') {   /* the common ones without the general case */
        if (l->used + 2 > DG_TMPL_MAX_LITERAL) {
            new_literal(l->out, l->indent);
            l->used = 0;
        }
        put2(l->out, '\\', (char)*u);
        l->used += 2;
        return;
    }
    char esc[16];
    size_t len = escape_char(esc, u, n, prev);
    if (l->used + len > DG_TMPL_MAX_LITERAL) {
        new_literal(l->out, l->indent);
        l->used = 0;
        len = escape_char(esc, u, n, 0);   /* no trigraph across literals */
    }
    put(l->out, esc, len);
    l->used += len;
}

/* One literal per line of `s` (each ending with its \n), so SQL written one
 * clause per line reads the same in the C source.  The literals make one
 * string of strlen(s) characters; past the 4,095 ISO C guarantees it is
 * wrapped in DAL_LONG_STRING (dal.h), which keeps -Wpedantic quiet about
 * this string alone. */
void dg_tmpl_c_literal(dg_buf *out, const char *s, const char *indent)
{
    literal l = {out, indent, 0};
    const unsigned char *u = (const unsigned char *)s, *end = u + strlen(s);
    unsigned char prev = 0;
    bool long_string = (size_t)(end - u) > DG_TMPL_MAX_LITERAL;
    if (long_string) dg_buf_puts(out, "DAL_LONG_STRING(");
    put(out, "\"", 1);
    for (;;) {
        const unsigned char *run = u;
        u = skip(u, end, LIT);
        if (u > run) {
            put_run(&l, run, (size_t)(u - run));
            prev = u[-1];
        }
        if (!*u) break;
        if (*u == '\n' && u[1]) {
            put(out, "\\n", 2);
            new_literal(out, indent);
            l.used = 0;
            prev = 0;
            u++;
            continue;
        }
        size_t n = char_len(u);
        put_char(&l, u, n, prev);
        prev = u[n - 1];
        u += n;
    }
    put(out, long_string ? "\")" : "\"", long_string ? 2 : 1);
}

/* The indentation of a blank line after a comment's newline: `indent`
 * without its trailing blanks. */
static void blank_line_indent(dg_buf *out, const char *indent)
{
    size_t k = strlen(indent);
    while (k > 0 && (indent[k - 1] == ' ' || indent[k - 1] == '\t')) k--;
    put(out, indent, k);
}

/* Length of the Unicode bidirectional control at s (U+202A-U+202E,
 * U+2066-U+2069, U+200E, U+200F, U+061C), or 0.  In a comment one reorders
 * how the code after it reads on screen, and gcc refuses an unpaired one
 * (-Wbidi-chars, an error under -Werror); the comment shows it as <U+XXXX>. */
static size_t bidi_len(const unsigned char *u)
{
    if (u[0] == 0xD8 && u[1] == 0x9C) return 2;
    if (u[0] != 0xE2) return 0;
    if (u[1] == 0x80 && ((u[2] >= 0xAA && u[2] <= 0xAE) || u[2] == 0x8E || u[2] == 0x8F)) return 3;
    if (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9) return 3;
    return 0;
}

static void put_bidi(dg_buf *out, const unsigned char *u, size_t n)
{
    unsigned cp = n == 2 ? ((u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu))
                         : ((u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
    dg_buf_printf(out, "<U+%04X>", cp);
}

void dg_tmpl_c_comment(dg_buf *out, const char *s, const char *indent)
{
    const unsigned char *u = (const unsigned char *)s, *end = u + strlen(s);
    unsigned char prev = 0;
    for (;;) {
        const unsigned char *run = u;
        u = skip(u, end, COMMENT);   /* bytes that never need a break */
        if (u > run) {
            put(out, run, (size_t)(u - run));
            prev = u[-1];
        }
        unsigned char c = *u++;
        if (!c) break;
        size_t bidi = bidi_len(u - 1);
        if (bidi) {
            put_bidi(out, u - 1, bidi);
            u += bidi - 1;
            prev = '>';
            continue;
        }
        if (c == '\n') {
            put(out, "\n", 1);
            if (*u && *u != '\n') dg_buf_puts(out, indent);
            else if (*u == '\n') blank_line_indent(out, indent);   /* no trailing blanks */
            prev = 0;
            continue;
        }
        /* break up comment delimiters and trigraph starts */
        bool pair = (prev == '*' && c == '/') || (prev == '/' && c == '*') || (prev == '?' && c == '?');
        put2(out, pair ? ' ' : (char)c, pair ? (char)c : '\0');
        prev = c;
    }
}
