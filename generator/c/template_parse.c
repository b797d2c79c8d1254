/* template_parse.c - tokenizes a template into dg_tnode's, applying the
 * standalone-line rule and checking that sections nest. */
#include <stdlib.h>
#include <string.h>

#include "c/template_int.h"

typedef struct parser {
    const char *path;
    const char *text;
    dg_diags   *d;
    dg_tmpl    *t;
    DG_VEC(size_t) open;   /* indexes of open section nodes */
    int         errors;
    dg_loc_cursor cur;     /* tags come in order: locating them all is linear */
    bool        too_deep;  /* sections nested past DG_TMPL_MAX_DEPTH: parsing stopped */
} parser;

/* Sections may nest this deep (SQLite's expression depth): rendering
 * recurses once per level, and 100,000 nested sections took seconds. */
#define DG_TMPL_MAX_DEPTH 1000

static dg_loc loc_of(parser *p, size_t off)
{
    return dg_loc_cursor_at(&p->cur, off);
}

static void add_text(parser *p, size_t from, size_t to)
{
    if (to <= from) return;
    dg_tnode *n = DG_VEC_ADD(&p->t->nodes);
    n->kind = DG_TN_TEXT;
    n->text = dg_xstrndup(p->text + from, to - from);
    n->len = to - from;
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
}

/* Checks a name; reports at `off` when it is not one. */
static bool check_name(parser *p, const char *name, size_t off)
{
    if (!*name) {
        dg_error(p->d, loc_of(p, off), "empty name in tag");
        p->errors++;
        return false;
    }
    for (const char *c = name; *c; c++) {
        if (!is_name_char(*c)) {
            dg_error(p->d, loc_of(p, off), "invalid character '%c' in name '%s'", *c, name);
            p->errors++;
            return false;
        }
    }
    return true;
}

/* Trimmed copy of text[from, to). */
static char *trimmed(const char *text, size_t from, size_t to)
{
    while (from < to && (is_blank(text[from]) || text[from] == '\n')) from++;
    while (to > from && (is_blank(text[to - 1]) || text[to - 1] == '\n')) to--;
    return dg_xstrndup(text + from, to - from);
}

/* Sets n->name and n->seg from n->text (the rules of a lookup: the part
 * before the first dot is looked up on the context stack, every further
 * non-empty part in the object found). */
static void resolve_name(dg_tnode *n)
{
    static const struct { const char *s; dg_tname k; } specials[] = {
        {"-first", DG_TNAME_FIRST}, {"-last", DG_TNAME_LAST}, {"-index", DG_TNAME_INDEX}};
    const char *t = n->text;
    if (!strcmp(t, ".")) {
        n->name = DG_TNAME_DOT;
        return;
    }
    if (t[0] == '-') {
        n->name = DG_TNAME_NONE;
        for (size_t i = 0; i < 3; i++)
            if (!strcmp(t, specials[i].s)) n->name = specials[i].k;
        return;
    }
    n->name = DG_TNAME_PATH;
    size_t head = strcspn(t, ".");
    n->seg = dg_xcalloc(strlen(t) + 1, sizeof *n->seg);
    n->seg[n->nseg++] = dg_xstrndup(t, head);
    for (const char *c = t + head; *c;) {
        c += strspn(c, ".");
        size_t len = strcspn(c, ".");
        if (len) n->seg[n->nseg++] = dg_xstrndup(c, len);
        c += len;
    }
}

static void add_var(parser *p, char *body, size_t off)
{
    dg_tfilter filter = DG_TF_RAW;
    char *bar = strchr(body, '|');
    if (bar) {
        char *f = trimmed(bar + 1, 0, strlen(bar + 1));
        *bar = '\0';
        while (bar > body && is_blank(bar[-1])) *--bar = '\0';
        if (!strcmp(f, "c")) filter = DG_TF_C;
        else if (!strcmp(f, "comment")) filter = DG_TF_COMMENT;
        else {
            dg_error(p->d, loc_of(p, off), "unknown filter '%s' (known: c, comment)", f);
            p->errors++;
        }
        free(f);
    }
    if (!check_name(p, body, off)) return;
    dg_tnode *n = DG_VEC_ADD(&p->t->nodes);
    n->kind = DG_TN_VAR;
    n->text = dg_xstrdup(body);
    resolve_name(n);
    n->filter = filter;
    n->loc = loc_of(p, off);
}

static void close_section(parser *p, const char *name, size_t off)
{
    if (!p->open.len) {
        dg_error(p->d, loc_of(p, off), "closing tag {{/%s}} without an open section", name);
        p->errors++;
        return;
    }
    dg_tnode *s = &p->t->nodes.items[p->open.items[p->open.len - 1]];
    if (strcmp(s->text, name) != 0) {
        dg_error(p->d, loc_of(p, off), "closing tag {{/%s}} does not match {{#%s}} opened at %d:%d",
                 name, s->text, s->loc.line, s->loc.col);
        p->errors++;
        return;
    }
    s->end = p->t->nodes.len;
    p->open.len--;
}

/* Handles the tag whose body is text[from, to) and which starts at `off`. */
static void add_tag(parser *p, size_t off, size_t from, size_t to, const char *indent)
{
    char sigil = p->text[from];
    char *body = trimmed(p->text, sigil && strchr("#^/>!", sigil) ? from + 1 : from, to);
    dg_tnode *n;
    switch (sigil) {
    case '!':
        break;
    case '{':
    case '&':
    case '=':
        dg_error(p->d, loc_of(p, off), "unsupported tag '{{%c' (values are emitted raw; "
                 "delimiters cannot be changed)", sigil);
        p->errors++;
        break;
    case '#':
    case '^':
    case '>':
        if (!check_name(p, body, off)) break;
        if (sigil != '>' && p->open.len >= DG_TMPL_MAX_DEPTH) {
            dg_error(p->d, loc_of(p, off), "sections nested more than %d deep", DG_TMPL_MAX_DEPTH);
            p->errors++;
            p->too_deep = true;
            break;
        }
        n = DG_VEC_ADD(&p->t->nodes);
        n->kind = sigil == '#' ? DG_TN_SECTION : sigil == '^' ? DG_TN_INVERTED : DG_TN_PARTIAL;
        n->text = dg_xstrdup(body);
        if (sigil != '>') resolve_name(n);
        n->loc = loc_of(p, off);
        if (sigil == '>') n->indent = dg_xstrdup(indent ? indent : "");
        else DG_VEC_PUSH(&p->open, p->t->nodes.len - 1);
        break;
    case '/':
        if (check_name(p, body, off)) close_section(p, body, off);
        break;
    default:
        add_var(p, body, off);
        break;
    }
    free(body);
}

/* When the tag text[open, close_end) stands alone on its line, returns true
 * and sets the start of its line and the offset after its line. */
static bool standalone(parser *p, size_t open, size_t close_end, size_t prev_end,
                       size_t *line_start, size_t *next)
{
    const char *t = p->text;
    char sigil = t[open + 2];
    if (!sigil || !strchr("#^/>!", sigil)) return false;
    size_t ls = open;
    while (ls > prev_end && t[ls - 1] != '\n') ls--;   /* not past the previous tag: linear */
    if (ls > 0 && t[ls - 1] != '\n') return false;    /* the line starts before that tag's end */
    for (size_t i = ls; i < open; i++)
        if (!is_blank(t[i])) return false;
    size_t e = close_end;
    while (is_blank(t[e]) || t[e] == '\r') e++;
    if (t[e] != '\n' && t[e] != '\0') return false;
    *line_start = ls;
    *next = t[e] == '\n' ? e + 1 : e;
    return true;
}

/* The first `cc` in [s, end), or NULL.  memchr over the known end, not
 * strstr: AddressSanitizer's strstr measures the whole rest of the text at
 * every call, which made the sanitized tests quadratic. */
static const char *find_pair(const char *s, const char *end, char c)
{
    while (s < end && (s = memchr(s, c, (size_t)(end - s))) != NULL) {
        if (s + 1 < end && s[1] == c) return s;
        s++;
    }
    return NULL;
}

dg_tmpl *dg_tmpl_parse(const char *path, const char *text, dg_diags *d)
{
    parser p = {path, text, d, dg_xcalloc(1, sizeof(dg_tmpl)), {0}, 0, {0}, false};
    dg_loc_cursor_init(&p.cur, text, (dg_loc){path, 1, 1});
    const char *end = text + strlen(text);
    size_t pos = 0, text_start = 0, prev_end = 0;
    for (;;) {
        const char *o = find_pair(text + pos, end, '{');
        if (!o) break;
        size_t open = (size_t)(o - text);
        const char *c = find_pair(o + 2, end, '}');
        if (!c) {
            dg_error(d, loc_of(&p, open), "unterminated tag (no closing '}}')");
            p.errors++;
            break;
        }
        size_t close_end = (size_t)(c - text) + 2;
        size_t ls, next;
        char *indent = NULL;
        if (standalone(&p, open, close_end, prev_end, &ls, &next)) {
            add_text(&p, text_start, ls);
            indent = dg_xstrndup(text + ls, open - ls);
        } else {
            add_text(&p, text_start, open);
            next = close_end;
        }
        add_tag(&p, open, open + 2, close_end - 2, indent);
        if (p.too_deep) {
            free(indent);
            break;
        }
        free(indent);
        pos = text_start = prev_end = next;
    }
    add_text(&p, text_start, (size_t)(end - text));
    for (size_t i = 0; i < p.open.len && !p.too_deep; i++) {
        dg_tnode *s = &p.t->nodes.items[p.open.items[i]];
        dg_error(d, s->loc, "section {{#%s}} is never closed", s->text);
        p.errors++;
    }
    DG_VEC_FREE(&p.open);
    if (p.errors) {
        dg_tmpl_free(p.t);
        return NULL;
    }
    return p.t;
}

void dg_tmpl_free(dg_tmpl *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->nodes.len; i++) {
        dg_tnode *n = &t->nodes.items[i];
        for (size_t k = 0; k < n->nseg; k++) free(n->seg[k]);
        free(n->seg);
        free(n->text);
        free(n->indent);
    }
    DG_VEC_FREE(&t->nodes);
    free(t);
}
