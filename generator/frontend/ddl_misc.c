/* CREATE INDEX, CREATE TRIGGER and CREATE VIEW text -> model parts. */
#include <string.h>

#include "util/buf.h"
#include "frontend/ddl_parse.h"

static dg_loc loc0(dg_locate_fn fn, const void *ctx, const dg_toks *tk)
{
    dg_loc none = {NULL, 0, 0};
    return fn && tk->sig.len ? fn(ctx, tk->sig.items[0].tok.start) : none;
}

/* One index term in tokens [a, b): expr [COLLATE name] [ASC|DESC]. */
static void index_term(const dg_toks *tk, size_t a, size_t b, dg_index *ix)
{
    dg_index_term *term = DG_VEC_ADD(&ix->terms);
    if (b > a && (dg_toks_kw(tk, b - 1, "ASC") || dg_toks_kw(tk, b - 1, "DESC"))) {
        term->desc = dg_toks_kw(tk, b - 1, "DESC");
        b--;
    }
    if (b > a + 1 && dg_toks_kw(tk, b - 2, "COLLATE")) {
        term->collation = dg_toks_ident(tk, b - 1);
        b -= 2;
    }
    dg_tok_kind k = b == a + 1 ? tk->sig.items[a].tok.kind : DG_TOK_EOF;
    if (k == DG_TOK_IDENT || k == DG_TOK_QIDENT) term->column = dg_toks_ident(tk, a);
    else term->expr = dg_toks_span(tk, a, b);
}

void dg_parse_create_index(const char *sql, dg_locate_fn fn, const void *ctx, dg_index *ix)
{
    dg_toks tk;
    dg_toks_init(&tk, sql, strlen(sql));
    dg_parse_create_index_toks(&tk, fn, ctx, ix);
    dg_toks_free(&tk);
}

void dg_parse_create_index_toks(const dg_toks *tk, dg_locate_fn fn, const void *ctx, dg_index *ix)
{
    const char *kind;
    size_t i = dg_parse_create_head(tk, &kind);
    ix->sql = dg_xstrndup(tk->text, tk->len);
    ix->loc = loc0(fn, ctx, tk);
    if (!strcmp(kind, "index")) {
        ix->unique = dg_toks_kw(tk, 1, "UNIQUE");
        ix->name = dg_toks_ident(tk, i);
        ix->table = dg_toks_ident(tk, i + 2);   /* name ON table */
        size_t open = i + 3, close = dg_toks_close(tk, open);
        size_t a = open + 1;
        int depth = 0;
        for (size_t j = a; j <= close && j < tk->sig.len; j++) {
            if (dg_toks_punct(tk, j, "(")) depth++;
            else if (dg_toks_punct(tk, j, ")") && j != close) depth--;
            if ((j == close || (depth == 0 && dg_toks_punct(tk, j, ","))) && j > a) {
                index_term(tk, a, j, ix);
                a = j + 1;
            }
        }
        if (dg_toks_kw(tk, close + 1, "WHERE")) ix->where = dg_toks_span(tk, close + 2, tk->sig.len);
    }
    if (!ix->name) ix->name = dg_xstrdup("");
    if (!ix->table) ix->table = dg_xstrdup("");
}

void dg_parse_create_trigger(const char *sql, dg_locate_fn fn, const void *ctx, dg_trigger *tr,
                             dg_strings *of)
{
    dg_toks tk;
    dg_toks_init(&tk, sql, strlen(sql));
    const char *kind;
    size_t i = dg_parse_create_head(&tk, &kind);
    tr->sql = dg_xstrdup(sql);
    tr->loc = loc0(fn, ctx, &tk);
    tr->name = dg_toks_ident(&tk, i++);
    tr->timing = DG_TRIGGER_BEFORE;
    if (dg_toks_kw(&tk, i, "BEFORE")) i++;
    else if (dg_toks_kw(&tk, i, "AFTER")) tr->timing = DG_TRIGGER_AFTER, i++;
    else if (dg_toks_kw(&tk, i, "INSTEAD")) tr->timing = DG_TRIGGER_INSTEAD_OF, i += 2;
    if (dg_toks_kw(&tk, i, "DELETE")) tr->event = DG_TRIGGER_DELETE;
    else if (dg_toks_kw(&tk, i, "INSERT")) tr->event = DG_TRIGGER_INSERT;
    else tr->event = DG_TRIGGER_UPDATE;
    i++;
    if (dg_toks_kw(&tk, i, "OF")) {
        for (i++; i < tk.sig.len && !dg_toks_kw(&tk, i, "ON"); i++)
            if (!dg_toks_punct(&tk, i, ",") && of) DG_VEC_PUSH(of, dg_toks_ident(&tk, i));
    }
    if (dg_toks_kw(&tk, i, "ON")) i++;
    if (dg_toks_punct(&tk, i + 1, ".")) i += 2;
    tr->table = dg_toks_ident(&tk, i);
    dg_toks_free(&tk);
}

void dg_parse_create_view(const char *sql, dg_locate_fn fn, const void *ctx, dg_view *v)
{
    dg_toks tk;
    dg_toks_init(&tk, sql, strlen(sql));
    const char *kind;
    size_t i = dg_parse_create_head(&tk, &kind);
    v->sql = dg_xstrdup(sql);
    v->loc = loc0(fn, ctx, &tk);
    v->name = dg_toks_ident(&tk, i);
    size_t as = i + 1;
    while (as < tk.sig.len && !dg_toks_kw(&tk, as, "AS")) as = dg_toks_punct(&tk, as, "(") ? dg_toks_close(&tk, as) + 1 : as + 1;
    size_t as_off = as < tk.sig.len ? tk.sig.items[as].tok.start : tk.len;
    for (size_t k = 0; k < tk.comments.len; k++) {
        const dg_ltok *c = &tk.comments.items[k];
        char *key, *value;
        if (c->tok.start > as_off || !dg_annotation_parse(sql + c->tok.start, c->tok.len, &key, &value)) continue;
        dg_loc none = {NULL, 0, 0};
        dg_annotations_add(&v->annotations, key, value, fn ? fn(ctx, c->tok.start) : none);
        free(key);
        free(value);
    }
    dg_toks_free(&tk);
}
