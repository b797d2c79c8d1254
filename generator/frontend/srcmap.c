/* The map from the CREATE text SQLite stored back to the file statement it
 * came from, through the ALTER TABLE statements that changed it since. */
#include <string.h>

#include "util/buf.h"
#include "frontend/loader.h"

static bool is_name_kind(dg_tok_kind k) { return k == DG_TOK_IDENT || k == DG_TOK_QIDENT || k == DG_TOK_STRING; }

/* The name a column of the file's CREATE text has now, after the RENAME
 * COLUMN statements that followed record `ri`. Caller frees. */
static char *current_name(const dg_loader *L, size_t ri, const char *table, const char *name)
{
    char *cur = dg_xstrdup(name);
    for (size_t i = ri + 1; i < L->recs.len; i++) {
        const dg_stmt_rec *r = &L->recs.items[i];
        if (r->kind == DG_REC_RENAME_COLUMN && !dg_strcasecmp_ascii(r->name, table) && !dg_strcasecmp_ascii(r->column, cur)) {
            free(cur);
            cur = dg_xstrdup(r->new_column);
        }
    }
    return cur;
}

static bool dropped(const dg_loader *L, size_t ri, const char *table, const char *name)
{
    char *cur = current_name(L, ri, table, name);
    bool hit = false;
    for (size_t i = ri + 1; i < L->recs.len && !hit; i++) {
        const dg_stmt_rec *r = &L->recs.items[i];
        hit = r->kind == DG_REC_DROP_COLUMN && !dg_strcasecmp_ascii(r->name, table) &&
              (!dg_strcasecmp_ascii(r->column, cur) || !dg_strcasecmp_ascii(r->column, name));
    }
    free(cur);
    return hit;
}

static dg_tok next_nonspace(dg_lexer *lx)
{
    dg_tok t = dg_tok_next(lx);
    while (t.kind == DG_TOK_SPACE) t = dg_tok_next(lx);
    return t;
}

/* When the file text at `b` (just after `prev`) is a column definition that
 * ALTER TABLE DROP COLUMN removed (with its comma), moves `b` past it. */
static bool skip_dropped(const dg_loader *L, size_t ri, const char *table, dg_lexer *b, dg_tok y, dg_tok prev)
{
    dg_lexer p = *b;
    dg_tok name = y;
    bool lead_comma = dg_tok_is_punct(b, y, ",");
    if (lead_comma) name = next_nonspace(&p);
    else if (!dg_tok_is_punct(b, prev, ",") && !dg_tok_is_punct(b, prev, "(")) return false;
    if (!is_name_kind(name.kind)) return false;
    char *id = dg_tok_ident(b, name);
    bool hit = dropped(L, ri, table, id);
    free(id);
    if (!hit) return false;
    int depth = 0;
    for (;;) {
        dg_lexer before = p;
        dg_tok t = next_nonspace(&p);
        if (t.kind == DG_TOK_EOF) break;
        if (dg_tok_is_punct(&p, t, "(")) depth++;
        else if (dg_tok_is_punct(&p, t, ")") && depth-- == 0) {
            p = before;   /* the table's ')' stays */
            break;
        } else if (depth == 0 && dg_tok_is_punct(&p, t, ",")) {
            if (lead_comma) p = before;   /* the next column's comma stays */
            break;
        }
    }
    *b = p;
    return true;
}

/* The stored text's tokens other than spaces, comments included, in text
 * order: tk's two arrays merged. */
typedef struct stored_toks {
    const dg_toks *tk;
    size_t sig, comment;   /* the next of each */
} stored_toks;

static inline dg_tok stored_next(stored_toks *it)
{
    const dg_toks *tk = it->tk;
    bool has_sig = it->sig < tk->sig.len, has_comment = it->comment < tk->comments.len;
    if (has_comment && (!has_sig || tk->comments.items[it->comment].tok.start < tk->sig.items[it->sig].tok.start))
        return tk->comments.items[it->comment++].tok;
    if (has_sig) return tk->sig.items[it->sig++].tok;
    dg_tok eof = {DG_TOK_EOF, tk->len, 0};
    return eof;
}

static inline void map_push(dg_srcmap *m, size_t from, size_t to, size_t len)
{
    DG_VEC_PUSH(&m->from, from);
    DG_VEC_PUSH(&m->to, to);
    DG_VEC_PUSH(&m->len, len);
}

static void map_reserve(dg_srcmap *m, size_t n)
{
    m->from.items = dg_xmalloc(n * sizeof *m->from.items);
    m->to.items = dg_xmalloc(n * sizeof *m->to.items);
    m->len.items = dg_xmalloc(n * sizeof *m->len.items);
    m->from.cap = m->to.cap = m->len.cap = n;
}

/* The longest lookahead of dg_tok_next past the end of the token it
 * returns ("1e+x": three bytes). */
#define LEX_LOOKAHEAD 3

/* Pairs the stored tokens from it's position on with the file text at
 * b->pos while the two texts are byte for byte the same (SQLite stored the
 * file's text from the name on; ALTER TABLE changes the part after the
 * common prefix).  A token whose scan read only common bytes is the same
 * token in the file, so no lexing is needed there; the tokens near the end
 * of the common part are left to the token by token loop. */
static void pair_common_prefix(dg_srcmap *m, stored_toks *it, dg_lexer *b, dg_tok *prev, dg_tok *x)
{
    const dg_toks *tk = it->tk;
    size_t from = x->start, at = b->pos, n = 0;
    size_t max = b->len - at < tk->len - from ? b->len - at : tk->len - from;
    const size_t chunk = 64;
    while (n + chunk <= max && !memcmp(tk->text + from + n, b->text + at + n, chunk)) n += chunk;
    while (n < max && tk->text[from + n] == b->text[at + n]) n++;
    while (x->kind != DG_TOK_EOF && x->start + x->len + LEX_LOOKAHEAD <= from + n) {
        dg_tok y = {x->kind, at + (x->start - from), x->len};
        map_push(m, x->start, y.start, y.len);
        *prev = y;
        b->pos = y.start + y.len;
        *x = stored_next(it);
    }
}

/* SQLite stores "CREATE <KIND> " + the text from the name on, and ALTER
 * TABLE rewrites names, drops and appends columns.  Tokens are paired from
 * the name on while they agree, allowing for the object's own new name, the
 * columns renamed and the columns dropped since; the first other difference
 * ends the map, so that no location is wrong. */
void dg_srcmap_init_toks(dg_srcmap *m, const dg_loader *L, const dg_stmt_rec *rec, const dg_toks *stored)
{
    memset(m, 0, sizeof *m);
    m->L = L;
    m->rec = rec;
    if (!rec || rec->file >= L->files.len || !L->files.items[rec->file].text) {
        m->rec = NULL;
        return;
    }
    const dg_srcfile *f = &L->files.items[rec->file];
    size_t ri = (size_t)(rec - L->recs.items);
    dg_lexer a, b;   /* a: for the stored tokens' text only */
    dg_lexer_init(&a, stored->text, stored->len);
    dg_lexer_init(&b, f->text, f->len);
    const char *kind;
    stored_toks it = {stored, dg_parse_create_head(stored, &kind), 0};
    size_t from = it.sig < stored->sig.len ? stored->sig.items[it.sig].tok.start : 0;
    while (it.comment < stored->comments.len && stored->comments.items[it.comment].tok.start < from) it.comment++;
    b.pos = rec->name_off;
    map_reserve(m, stored->sig.len + stored->comments.len + 1);
    map_push(m, 0, rec->start, 0);   /* "CREATE ..." before the name -> the statement start */
    dg_tok prev = {DG_TOK_EOF, 0, 0}, x = stored_next(&it);
    pair_common_prefix(m, &it, &b, &prev, &x);
    for (;;) {
        dg_tok y = next_nonspace(&b);
        if (x.kind == DG_TOK_EOF || y.kind == DG_TOK_EOF) break;
        bool same = x.len == y.len && !memcmp(stored->text + x.start, f->text + y.start, x.len), renamed = false;
        if (!same && is_name_kind(x.kind) && is_name_kind(y.kind)) {
            char *fx = dg_tok_ident(&a, x), *fy = dg_tok_ident(&b, y), *now = current_name(L, ri, rec->name, fy);
            renamed = m->from.len == 1 || !dg_strcasecmp_ascii(now, fx);
            free(fx);
            free(fy);
            free(now);
        }
        if (!same && !renamed) {
            b.pos = y.start;
            if (skip_dropped(L, ri, rec->name, &b, y, prev)) continue;
            break;
        }
        map_push(m, x.start, y.start, same ? x.len : 0);
        prev = y;
        x = stored_next(&it);
    }
}

void dg_srcmap_init(dg_srcmap *m, const dg_loader *L, const dg_stmt_rec *rec, const char *stored)
{
    dg_toks tk;
    dg_toks_init(&tk, stored, strlen(stored));
    dg_srcmap_init_toks(m, L, rec, &tk);
    dg_toks_free(&tk);
}

void dg_srcmap_free(dg_srcmap *m)
{
    DG_VEC_FREE(&m->from);
    DG_VEC_FREE(&m->to);
    DG_VEC_FREE(&m->len);
}

dg_loc dg_srcmap_locate(const void *vm, size_t offset)
{
    const dg_srcmap *m = vm;
    dg_loc none = {NULL, 0, 0};
    if (!m || !m->rec || m->from.len == 0) return none;
    size_t lo = 0, hi = m->from.len;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (m->from.items[mid] <= offset) lo = mid;
        else hi = mid;
    }
    size_t d = offset - m->from.items[lo];
    if (d > 0 && d >= m->len.items[lo]) {   /* not inside token lo */
        if (lo > 0 && lo + 1 == m->from.len) {
            none.file = m->L->files.items[m->rec->file].path;   /* past the paired text */
            return none;
        }
        d = 0;
    }
    return dg_loader_loc(m->L, m->rec->file, m->to.items[lo] + d);
}
