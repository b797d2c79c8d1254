/* Token arrays over stored CREATE text, annotation comments, and the head
 * (`CREATE ... kind name`) of a CREATE statement. */
#include <stdint.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/ddl_parse.h"

/* Whether a token of this kind may hold a newline (the others are made of
 * name characters, digits or operators). */
static bool may_span_lines(dg_tok_kind k)
{
    return k != DG_TOK_IDENT && k != DG_TOK_NUMBER && k != DG_TOK_PUNCT;
}

/* Up to `max` significant tokens (SIZE_MAX: all) into tk's arrays, which
 * are emptied first (their storage is kept). */
static void toks_fill(dg_toks *tk, const char *text, size_t len, size_t max)
{
    tk->text = text;
    tk->len = len;
    tk->sig.len = tk->comments.len = 0;
    /* about one significant token per four bytes of DDL: no regrowth on the way */
    size_t want = max < len / 4 + 16 ? max : len / 4 + 16;
    if (tk->sig.cap < want) {
        tk->sig.items = dg_xrealloc(tk->sig.items, want * sizeof *tk->sig.items);
        tk->sig.cap = want;
    }
    dg_lexer lx;
    dg_lexer_init(&lx, text, len);
    int line = 1;
    while (tk->sig.len < max) {
        dg_tok t = dg_tok_next(&lx);
        if (t.kind == DG_TOK_EOF) break;
        if (t.kind != DG_TOK_SPACE) {
            dg_ltok lt = {t, line};
            if (t.kind == DG_TOK_COMMENT) DG_VEC_PUSH(&tk->comments, lt);
            else DG_VEC_PUSH(&tk->sig, lt);
        }
        if (may_span_lines(t.kind))
            for (size_t i = 0; i < t.len; i++)
                if (text[t.start + i] == '\n') line++;
    }
}

static void toks_init(dg_toks *tk, const char *text, size_t len, size_t max)
{
    memset(tk, 0, sizeof *tk);
    toks_fill(tk, text, len, max);
}

void dg_toks_init(dg_toks *tk, const char *text, size_t len)
{
    toks_init(tk, text, len, SIZE_MAX);
}

void dg_toks_refill(dg_toks *tk, const char *text, size_t len)
{
    toks_fill(tk, text, len, SIZE_MAX);
}

void dg_toks_free(dg_toks *tk)
{
    DG_VEC_FREE(&tk->sig);
    DG_VEC_FREE(&tk->comments);
}

static dg_lexer lexer_of(const dg_toks *tk)
{
    dg_lexer lx;
    dg_lexer_init(&lx, tk->text, tk->len);
    return lx;
}

char *dg_toks_ident(const dg_toks *tk, size_t i)
{
    if (i >= tk->sig.len) return dg_xstrdup("");
    dg_lexer lx = lexer_of(tk);
    return dg_tok_ident(&lx, tk->sig.items[i].tok);
}

size_t dg_toks_close(const dg_toks *tk, size_t i)
{
    int depth = 0;
    for (; i < tk->sig.len; i++) {
        if (dg_toks_punct(tk, i, "(")) depth++;
        else if (dg_toks_punct(tk, i, ")") && --depth == 0) return i;
    }
    return tk->sig.len;
}

char *dg_toks_span(const dg_toks *tk, size_t a, size_t b)
{
    if (a >= b || a >= tk->sig.len) return dg_xstrdup("");
    if (b > tk->sig.len) b = tk->sig.len;
    size_t from = tk->sig.items[a].tok.start;
    size_t to = tk->sig.items[b - 1].tok.start + tk->sig.items[b - 1].tok.len;
    return dg_xstrndup(tk->text + from, to - from);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

bool dg_annotation_parse(const char *s, size_t len, char **key, char **value)
{
    size_t a = 2, b = len;
    if (len < 2) return false;
    if (s[0] == '/' && s[1] == '*' && len >= 4 && s[len - 2] == '*' && s[len - 1] == '/') b = len - 2;
    else if (!(s[0] == '-' && s[1] == '-') && !(s[0] == '/' && s[1] == '*')) return false;
    while (a < b && is_space(s[a])) a++;
    if (a >= b || s[a] != '@') return false;
    size_t k = ++a;
    while (k < b && (s[k] == '_' || (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
                     (k > a && s[k] >= '0' && s[k] <= '9')))
        k++;
    if (k == a || (k < b && !is_space(s[k]))) return false;
    size_t v = k;
    while (v < b && is_space(s[v])) v++;
    while (b > v && is_space(s[b - 1])) b--;
    *key = dg_xstrndup(s + a, k - a);
    *value = dg_xstrndup(s + v, b - v);
    return true;
}

bool dg_annotation_known(const char *key)
{
    static const char *const known[] = {"name", "renamed_from", "format", "pattern", "min", "max",
                                        "length", "id", "timestamp", "version", "type", "read",
                                        /* written by the libclang front end (docs/clang.md) */
                                        "c_struct", "c_header", "c_field", "c_type", "c_enum", "max_bytes", NULL};
    for (int i = 0; known[i]; i++)
        if (!strcmp(known[i], key)) return true;
    return false;
}

size_t dg_parse_create_head(const dg_toks *tk, const char **kind)
{
    *kind = "";
    size_t i = 0;
    if (!dg_toks_kw(tk, i++, "CREATE")) return 0;
    while (dg_toks_kw(tk, i, "TEMP") || dg_toks_kw(tk, i, "TEMPORARY") || dg_toks_kw(tk, i, "UNIQUE") ||
           dg_toks_kw(tk, i, "VIRTUAL"))
        i++;
    if (dg_toks_kw(tk, i, "TABLE")) *kind = "table";
    else if (dg_toks_kw(tk, i, "INDEX")) *kind = "index";
    else if (dg_toks_kw(tk, i, "VIEW")) *kind = "view";
    else if (dg_toks_kw(tk, i, "TRIGGER")) *kind = "trigger";
    else return 0;
    i++;
    if (dg_toks_kw(tk, i, "IF") && dg_toks_kw(tk, i + 1, "NOT") && dg_toks_kw(tk, i + 2, "EXISTS")) i += 3;
    if (dg_toks_punct(tk, i + 1, ".")) i += 2;   /* schema.name */
    return i < tk->sig.len ? i : 0;
}

/* The head's tokens are at most CREATE, four modifiers, the kind, IF NOT
 * EXISTS, schema, '.', the name: 12; two more show that the head ended
 * inside the tokens read. */
#define HEAD_TOKS 14

size_t dg_toks_init_create_head(dg_toks *tk, const char *text, size_t len, const char **kind)
{
    toks_init(tk, text, len, HEAD_TOKS);
    size_t ni = dg_parse_create_head(tk, kind);
    if (tk->sig.len < HEAD_TOKS || (ni && ni + 2 < tk->sig.len)) return ni;   /* the same answer as all tokens */
    dg_toks_free(tk);
    dg_toks_init(tk, text, len);
    return dg_parse_create_head(tk, kind);
}
