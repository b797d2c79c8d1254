/* qedit.c - edits of a query's text (parameters rewritten, * expanded,
 * column lists added) and the map from the edited text back to the
 * original, so that SQLite's error offsets point into the query file; the
 * location of an offset of the query (dg_qctx_loc). */
#include "analysis/query/qinternal.h"

#include <stdlib.h>
#include <string.h>

void dg_qedit_add(dg_qedits *e, size_t start, size_t end, char *text)
{
    for (size_t i = 0; i < e->len; i++)
        if (e->items[i].start == start && e->items[i].end == end) {   /* the same span typed twice */
            free(text);
            return;
        }
    size_t at = e->len;
    while (at > 0 && e->items[at - 1].start > start) at--;
    (void)DG_VEC_GROW(e);
    memmove(&e->items[at + 1], &e->items[at], (e->len - at) * sizeof *e->items);
    e->items[at] = (dg_qedit){start, end, text};
    e->len++;
}

char *dg_qedits_apply(dg_qedits *e, const char *text, size_t from, size_t to)
{
    dg_buf b = DG_BUF_INIT;
    size_t pos = from;
    for (size_t i = 0; i < e->len; i++) {
        const dg_qedit *ed = &e->items[i];
        if (ed->start < pos || ed->end > to) continue;
        dg_buf_append(&b, text + pos, ed->start - pos);
        dg_buf_puts(&b, ed->text);
        pos = ed->end;
    }
    dg_buf_append(&b, text + pos, to - pos);
    return dg_buf_steal(&b);
}

size_t dg_qedits_map(const dg_qedits *e, size_t from, size_t off)
{
    size_t orig = from, now = 0;
    for (size_t i = 0; i < e->len; i++) {
        const dg_qedit *ed = &e->items[i];
        if (ed->start < orig) continue;
        if (off < now + (ed->start - orig)) return orig + (off - now);
        now += ed->start - orig;
        size_t n = strlen(ed->text);
        if (off < now + n) return ed->start;
        now += n;
        orig = ed->end;
    }
    return orig + (off - now);
}

void dg_qedits_free(dg_qedits *e)
{
    for (size_t i = 0; i < e->len; i++) free(e->items[i].text);
    DG_VEC_FREE(e);
}

dg_loc dg_qctx_loc(const dg_qctx *c, size_t offset)
{
    if (c->src->start_loc.line > 0)   /* count from the query's start, not the file's */
        return dg_loc_at(c->src->text + c->src->start, offset, c->src->start_loc);
    dg_loc base = {c->src->file, 1, 1};
    return dg_loc_at(c->src->text, c->src->start + offset, base);
}
