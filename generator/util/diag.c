#include "util/diag.h"

#include <stdarg.h>

static void emit(dg_diags *d, dg_loc loc, const char *kind, const char *fmt, va_list ap)
{
    FILE *out = d && d->out ? d->out : stderr;
    if (loc.file && loc.line > 0)
        fprintf(out, "%s:%d:%d: ", loc.file, loc.line, loc.col > 0 ? loc.col : 1);
    else if (loc.file)
        fprintf(out, "%s: ", loc.file);
    fprintf(out, "%s: ", kind);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
}

void dg_error(dg_diags *d, dg_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, loc, "error", fmt, ap);
    va_end(ap);
    if (d) d->errors++;
}

void dg_warning(dg_diags *d, dg_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, loc, "warning", fmt, ap);
    va_end(ap);
    if (d) d->warnings++;
}

void dg_error_code(dg_diags *d, const char *code, const char *fmt, ...)
{
    FILE *out = d && d->out ? d->out : stderr;
    va_list ap;
    va_start(ap, fmt);
    fprintf(out, "error: [%s] ", code);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    va_end(ap);
    if (d) d->errors++;
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
