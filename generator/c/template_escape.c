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

/* A byte that stands for itself in a literal whatever precedes it. */
static bool plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '?';
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

/* One literal per line of `s` (each ending with its \n), so SQL written one
 * clause per line reads the same in the C source. */
void dg_tmpl_c_literal(dg_buf *out, const char *s, const char *indent)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t used = 0;
    unsigned char prev = 0;
    dg_buf_putc(out, '"');
    while (*u) {
        if (plain(*u)) {   /* a run copied at once, split at the length limit */
            size_t run = 1;
            while (plain(u[run])) run++;
            while (run) {
                if (used >= DG_TMPL_MAX_LITERAL) {
                    new_literal(out, indent);
                    used = 0;
                }
                size_t take = run < DG_TMPL_MAX_LITERAL - used ? run : DG_TMPL_MAX_LITERAL - used;
                dg_buf_append(out, u, take);
                used += take;
                prev = u[take - 1];
                u += take;
                run -= take;
            }
            continue;
        }
        if (*u == '\n' && u[1]) {
            dg_buf_puts(out, "\\n");
            new_literal(out, indent);
            used = 0;
            prev = 0;
            u++;
            continue;
        }
        size_t n = char_len(u);
        char esc[16];
        size_t len = escape_char(esc, u, n, prev);
        if (used + len > DG_TMPL_MAX_LITERAL) {
            new_literal(out, indent);
            used = 0;
            len = escape_char(esc, u, n, 0);   /* no trigraph across literals */
        }
        dg_buf_append(out, esc, len);
        used += len;
        prev = u[n - 1];
        u += n;
    }
    dg_buf_putc(out, '"');
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
    char prev = 0;
    for (; *s; s++) {
        size_t run = strcspn(s, "\n*/?\xD8\xE2");   /* bytes that never need a break */
        if (run) {
            dg_buf_append(out, s, run);
            s += run - 1;
            prev = *s;
            continue;
        }
        char c = *s;
        size_t bidi = bidi_len((const unsigned char *)s);
        if (bidi) {
            put_bidi(out, (const unsigned char *)s, bidi);
            s += bidi - 1;
            prev = '>';
            continue;
        }
        if (c == '\n') {
            dg_buf_putc(out, '\n');
            if (s[1] && s[1] != '\n') dg_buf_puts(out, indent);
            else if (s[1] == '\n') {
                /* keep blank lines free of trailing blanks */
                size_t k = strlen(indent);
                while (k > 0 && (indent[k - 1] == ' ' || indent[k - 1] == '\t')) k--;
                dg_buf_append(out, indent, k);
            }
            prev = 0;
            continue;
        }
        /* break up comment delimiters and trigraph starts */
        if ((prev == '*' && c == '/') || (prev == '/' && c == '*') || (prev == '?' && c == '?'))
            dg_buf_putc(out, ' ');
        dg_buf_putc(out, c);
        prev = c;
    }
}
