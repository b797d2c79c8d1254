#include "util/diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static const char *severity_name(dg_severity s)
{
    return s == DG_SEV_WARNING ? "warning" : s == DG_SEV_NOTE ? "note" : "error";
}

/* The code point of an invisible character that moves text or breaks a
 * line for some readers (C1 controls, NEL, LRM/RLM, the bidi embeddings,
 * overrides and isolates, U+2028/U+2029) at UTF-8 `u`, with its length in
 * *len; 0 for anything else. */
static unsigned hidden_mark(const unsigned char *u, int *len)
{
    if (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F) return *len = 2, (unsigned)u[1];   /* U+0080..U+009F */
    if (u[0] != 0xE2 || !u[1] || !u[2]) return 0;
    unsigned cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    *len = 3;
    if (cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return cp;
    return 0;
}

/* Writes `s` on one line: a control character from the input (a newline in
 * a name, say) is printed as \n, \r or \xHH, and a character that would
 * reorder or break the line for a terminal or an editor as \u{HHHH}, so
 * every diagnostic is one line, in the order written, whatever the names in
 * it hold. */
static void put_one_line(const char *s, FILE *out)
{
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        int len = 1;
        unsigned cp = hidden_mark(u, &len);
        if (cp) fprintf(out, "\\u{%04X}", cp), u += len - 1;
        else if (*u == '\n') fputs("\\n", out);
        else if (*u == '\r') fputs("\\r", out);
        else if ((*u < 0x20 && *u != '\t') || *u == 0x7f) fprintf(out, "\\x%02X", *u);
        else fputc(*u, out);
    }
}

void dg_diag_print(const dg_diag *g, FILE *out)
{
    const dg_loc *loc = &g->loc;
    if (loc->file) put_one_line(loc->file, out);
    if (loc->file && loc->line > 0)
        fprintf(out, ":%d:%d: ", loc->line, loc->col > 0 ? loc->col : 1);
    else if (loc->file)
        fputs(": ", out);
    fprintf(out, "%s: ", severity_name(g->severity));
    if (g->code) fprintf(out, "[%s] ", g->code);
    put_one_line(g->message, out);
    fputc('\n', out);
}

void dg_diag_set_loc(dg_diag *g, dg_loc loc)
{
    char *file = dg_xstrdup(loc.file);   /* before freeing: loc.file may be g's */
    free((char *)g->loc.file);
    g->loc = loc;
    g->loc.file = file;
}

void dg_diag_free(dg_diag *g)
{
    free((char *)g->loc.file);
    free(g->code);
    free(g->message);
    memset(g, 0, sizeof *g);
}

/* Appends rec to d, or prints it at once when there is no d to collect it. */
static void push(dg_diags *d, dg_diag rec)
{
    if (!d) {
        dg_diag_print(&rec, stderr);
        dg_diag_free(&rec);
        return;
    }
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->items = dg_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    d->items[d->len++] = rec;
}

void dg_diags_add(dg_diags *d, dg_diag rec)
{
    if (d && rec.severity == DG_SEV_WARNING) d->warnings++;
    else if (d && rec.severity == DG_SEV_ERROR) d->errors++;
    push(d, rec);
}

static void add(dg_diags *d, dg_loc loc, dg_severity sev, const char *code, const char *fmt, va_list ap)
{
    dg_buf msg = DG_BUF_INIT;
    dg_buf_vprintf(&msg, fmt, ap);
    char *text = dg_buf_steal(&msg);
    dg_diag rec = {{dg_xstrdup(loc.file), loc.line, loc.col}, sev, dg_xstrdup(code), text ? text : dg_xstrdup("")};
    dg_diags_add(d, rec);
}

void dg_error(dg_diags *d, dg_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, loc, DG_SEV_ERROR, NULL, fmt, ap);
    va_end(ap);
}

void dg_warning(dg_diags *d, dg_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, loc, DG_SEV_WARNING, NULL, fmt, ap);
    va_end(ap);
}

void dg_note(dg_diags *d, dg_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, loc, DG_SEV_NOTE, NULL, fmt, ap);
    va_end(ap);
}

void dg_error_code(dg_diags *d, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, (dg_loc){NULL, 0, 0}, DG_SEV_ERROR, code, fmt, ap);
    va_end(ap);
}

void dg_diags_move(dg_diags *into, dg_diags *from)
{
    if (into) {   /* what `from` counted, records it printed already included */
        into->errors += from->errors;
        into->warnings += from->warnings;
    }
    for (size_t i = 0; i < from->len; i++) push(into, from->items[i]);
    free(from->items);
    memset(from, 0, sizeof *from);
}

void dg_diags_free(dg_diags *d)
{
    for (size_t i = 0; i < d->len; i++) dg_diag_free(&d->items[i]);
    free(d->items);
    memset(d, 0, sizeof *d);
}

/* Sort key of one pending record: its file's group (in order of first
 * mention), then line and column (a record without a line first), then the
 * order added: diagnostics read top to bottom in each file, whichever pass
 * found them. */
typedef struct print_key {
    size_t group, index;
    int line, col;
} print_key;

static int cmp_key(const void *a, const void *b)
{
    const print_key *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static bool same_file(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Group of record i: the index of the first record naming its file, found
 * among `firsts` (one per file so far; *n of them). */
static size_t file_group(const dg_diags *d, size_t i, size_t *firsts, size_t *n)
{
    for (size_t k = 0; k < *n; k++)
        if (same_file(d->items[firsts[k]].loc.file, d->items[i].loc.file)) return firsts[k];
    firsts[(*n)++] = i;
    return i;
}

void dg_diags_print(dg_diags *d, FILE *out)
{
    if (!d || d->len == 0) return;
    print_key *keys = dg_xmalloc(d->len * sizeof *keys);
    size_t *firsts = dg_xmalloc(d->len * sizeof *firsts), nfirsts = 0;
    for (size_t i = 0; i < d->len; i++) {
        dg_loc l = d->items[i].loc;
        keys[i] = (print_key){file_group(d, i, firsts, &nfirsts), i, l.line, l.line > 0 ? l.col : 0};
    }
    free(firsts);
    qsort(keys, d->len, sizeof *keys, cmp_key);
    for (size_t i = 0; i < d->len; i++) dg_diag_print(&d->items[keys[i].index], out ? out : stderr);
    free(keys);
    int errors = d->errors, warnings = d->warnings;
    dg_diags_free(d);
    d->errors = errors;
    d->warnings = warnings;
}

dg_loc dg_loc_at(const char *text, size_t offset, dg_loc base)
{
    dg_loc loc = base;
    if (loc.line <= 0) loc.line = 1;
    if (loc.col <= 0) loc.col = 1;
    for (size_t i = 0; i < offset && text[i]; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            loc.line++;
            loc.col = 1;
        } else if ((c & 0xC0) != 0x80) {
            loc.col++;   /* count code points, not continuation bytes */
        }
    }
    return loc;
}

void dg_loc_cursor_init(dg_loc_cursor *c, const char *text, dg_loc base)
{
    c->text = text;
    c->base = base;
    c->off = 0;
    c->loc = dg_loc_at(text, 0, base);
    c->at_nul = 0;
}

dg_loc dg_loc_cursor_at(dg_loc_cursor *c, size_t offset)
{
    if (offset < c->off) dg_loc_cursor_init(c, c->text, c->base);
    if (c->at_nul) return c->loc;
    size_t i = c->off;
    for (; i < offset && c->text[i]; i++) {
        unsigned char ch = (unsigned char)c->text[i];
        if (ch == '\n') {
            c->loc.line++;
            c->loc.col = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c->loc.col++;
        }
    }
    c->off = i;
    c->at_nul = i < offset;
    return c->loc;
}
