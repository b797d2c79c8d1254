/* template_render.c - renders parsed templates over a view model and its
 * lists (template.h): the root's JSON is read as arena values
 * (template_value.h), made once per render, and so is each list element. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/map.h"
#include "c/template_int.h"

#define MAX_PARTIAL_DEPTH 32
/* With a sink, the complete lines are written out once this much is held. */
#define SINK_CHUNK 65536

typedef struct frame {
    const dg_tval *ctx;
    bool    iter;     /* an element of an array section */
    size_t  index, count;
} frame;

/* Where a node's name was last found: o->u.members[idx] when that member's
 * key is this very pointer (a key is set once per object, so it is the
 * member lookup would find; keys live as long as the render, see
 * template_value.h, except those of a JSON list element, whose hints go
 * with it).  Objects made by the same code put their keys in the same
 * order, so most lookups end at the first member they read. */
typedef struct hint {
    const char *key;
    size_t      idx;
} hint;

typedef struct renderer {
    dg_tmpl_set *set;
    const dg_tmpl_view *view;
    dg_buf      *out;
    FILE        *sink;       /* NULL: everything stays in out */
    dg_diags    *d;
    DG_VEC(frame) stack;
    dg_buf       indent;     /* indentation of the partials being rendered */
    dg_buf       prefix;     /* scratch: line_prefix */
    dg_tarena    root;       /* the root's values */
    DG_VEC(hint) hints;      /* by dg_tnode.slot */
    bool         bol;        /* at the beginning of an output line */
    int          partials;   /* partial nesting depth */
    int          errors;
} renderer;

/* Appends s[0, len) to out (dg_buf_append without the call: a file is
 * written in a million pieces). */
static void put(dg_buf *out, const char *s, size_t len)
{
    if (out->len + len >= out->cap) dg_buf_reserve(out, len);
    memcpy(out->data + out->len, s, len);
    out->len += len;
    out->data[out->len] = '\0';
}

/* emit inside an indented partial: every non-empty line indented. */
static void emit_indented(renderer *r, const char *s, size_t len)
{
    while (len) {
        const char *nl = memchr(s, '\n', len);
        size_t seg = nl ? (size_t)(nl - s) + 1 : len;
        if (r->bol && !(seg == 1 && *s == '\n'))
            dg_buf_append(r->out, r->indent.data, r->indent.len);
        dg_buf_append(r->out, s, seg);
        r->bol = nl != NULL;
        s += seg;
        len -= seg;
    }
}

/* Appends text (inlined: the common case is one copy). */
static inline void emit(renderer *r, const char *s, size_t len)
{
    if (!len) return;
    if (r->indent.len) {
        emit_indented(r, s, len);
        return;
    }
    put(r->out, s, len);
    r->bol = s[len - 1] == '\n';
}

/* The innermost array-section frame, NULL outside any. */
static const frame *iter_frame(renderer *r)
{
    for (size_t i = r->stack.len; i-- > 0;)
        if (r->stack.items[i].iter) return &r->stack.items[i];
    return NULL;
}

/* n's hint (all of them kept: partials parsed while rendering add slots). */
static hint *hint_of(renderer *r, const dg_tnode *n)
{
    if (n->slot >= r->hints.len) {
        size_t want = dg_tmpl_set_slots(r->set);
        while (r->hints.len < want) DG_VEC_PUSH(&r->hints, ((hint){NULL, 0}));
    }
    return &r->hints.items[n->slot];
}

/* Drops every hint: their keys are about to be freed. */
static void forget_hints(renderer *r)
{
    for (size_t i = 0; i < r->hints.len; i++) r->hints.items[i] = (hint){NULL, 0};
}

/* o[n's first name] (o any value), with n's hint. */
static const dg_tval *member(renderer *r, const dg_tnode *n, const dg_tval *o)
{
    if (!o || o->kind != DG_TV_OBJ) return NULL;
    hint *h = hint_of(r, n);
    if (h->idx < o->len && o->u.members[h->idx].key == h->key) return dg_tv_member(o, h->idx);
    size_t i = dg_tv_index(o, n->seg[0]);
    if (i == o->len) return NULL;
    *h = (hint){o->u.members[i].key, i};
    return dg_tv_member(o, i);
}

/* Resolves a PATH or DOT name against the context stack (borrowed
 * reference), NULL when absent.  The iteration names are not values here. */
static const dg_tval *lookup(renderer *r, const dg_tnode *n)
{
    if (n->name == DG_TNAME_DOT) return r->stack.items[r->stack.len - 1].ctx;
    if (n->name != DG_TNAME_PATH) return NULL;
    const dg_tval *found = NULL;
    for (size_t i = r->stack.len; i-- > 0 && !found;) found = member(r, n, r->stack.items[i].ctx);
    for (size_t k = 1; k < n->nseg && found; k++) found = dg_tv_get(found, n->seg[k]);
    return found;
}

/* The list a name not found by lookup stands for (a root key), or NULL. */
static const dg_tmpl_list *lookup_list(renderer *r, const dg_tnode *n)
{
    if (n->name != DG_TNAME_PATH || n->nseg != 1) return NULL;
    for (size_t i = 0; i < r->view->nlists; i++)
        if (r->view->lists[i].name[0] == n->seg[0][0] && !strcmp(r->view->lists[i].name, n->seg[0]))
            return &r->view->lists[i];
    return NULL;
}

/* -first, -last, -index of the innermost array section: false when there is
 * none (*ok false too). */
static json_int_t iter_value(renderer *r, const dg_tnode *n, bool *ok)
{
    const frame *f = iter_frame(r);
    *ok = f != NULL && n->name != DG_TNAME_NONE;
    if (!*ok) return 0;
    if (n->name == DG_TNAME_FIRST) return f->index == 0;
    if (n->name == DG_TNAME_LAST) return f->index + 1 == f->count;
    return (json_int_t)f->index;
}

static bool is_iter_name(const dg_tnode *n)
{
    return n->name != DG_TNAME_PATH && n->name != DG_TNAME_DOT;
}

static bool truthy(const dg_tval *v)
{
    switch (v->kind) {
    case DG_TV_OBJ:  return true;
    case DG_TV_ARR:
    case DG_TV_STR:  return v->len > 0;
    case DG_TV_INT:  return v->u.i != 0;
    case DG_TV_REAL: return v->u.r != 0.0;
    case DG_TV_TRUE: return true;
    default:         return false;
    }
}

/* Text of the current output line so far (for multi-line values), in
 * r->prefix. */
static const char *line_prefix(renderer *r, bool spaces_only)
{
    size_t start = r->out->len;
    while (start > 0 && r->out->data[start - 1] != '\n') start--;
    dg_buf_clear(&r->prefix);
    dg_buf_append(&r->prefix, r->out->data ? r->out->data + start : "", r->out->len - start);
    for (char *c = r->prefix.data; *c; c++)
        if (*c != ' ' && *c != '\t' && (spaces_only || *c != '*')) *c = ' ';
    return r->prefix.data;
}

/* Whether the escaper of `filter` can start a continuation line for `text`:
 * at a newline, or (|c) at the length limit (an escape is at most four
 * characters).  Else the line's prefix is never read. */
static bool continues(dg_tfilter filter, const char *text, size_t len)
{
    return memchr(text, '\n', len) || (filter == DG_TF_C && len > DG_TMPL_MAX_LITERAL / 4);
}

static void no_value(renderer *r, const dg_tnode *n)
{
    dg_error(r->d, n->loc, "no value named '%s'", n->text);
    r->errors++;
}

/* The text of a variable: a string's own bytes, or `num` formatted. */
static const char *var_text(renderer *r, const dg_tnode *n, const dg_tval *v, char num[64], size_t *len)
{
    switch (v->kind) {
    case DG_TV_STR:
        *len = v->len;
        return v->u.s;
    case DG_TV_INT:   snprintf(num, 64, "%" JSON_INTEGER_FORMAT, v->u.i); break;
    case DG_TV_REAL:  snprintf(num, 64, "%.17g", v->u.r); break;
    case DG_TV_TRUE:  strcpy(num, "true"); break;
    case DG_TV_FALSE: strcpy(num, "false"); break;
    case DG_TV_NULL:  num[0] = '\0'; break;
    default:
        dg_error(r->d, n->loc, "'%s' is a list or an object, not a value", n->text);
        r->errors++;
        num[0] = '\0';
        break;
    }
    *len = strlen(num);
    return num;
}

static void render_var(renderer *r, const dg_tnode *n)
{
    char num[64];
    const char *text;
    size_t len;
    if (is_iter_name(n)) {
        bool ok;
        json_int_t x = iter_value(r, n, &ok);
        if (!ok) {
            no_value(r, n);
            return;
        }
        if (n->name == DG_TNAME_INDEX) snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, x);
        else strcpy(num, x ? "true" : "false");
        text = num;
        len = strlen(num);
    } else {
        const dg_tval *v = lookup(r, n);
        if (!v && lookup_list(r, n)) {
            dg_error(r->d, n->loc, "'%s' is a list or an object, not a value", n->text);
            r->errors++;
            return;
        }
        if (!v) {
            no_value(r, n);
            return;
        }
        text = var_text(r, n, v, num, &len);
    }
    if (n->filter == DG_TF_RAW) {
        emit(r, text, len);
        return;
    }
    /* the escapers write straight into the output (already indented) */
    const char *prefix = continues(n->filter, text, len) ? line_prefix(r, n->filter == DG_TF_C) : "";
    size_t before = r->out->len;
    if (n->filter == DG_TF_C) dg_tmpl_c_literal(r->out, text, prefix);
    else dg_tmpl_c_comment(r->out, text, prefix);
    if (r->out->len > before) r->bol = r->out->data[r->out->len - 1] == '\n';
    else r->bol = false;
}

static void render_range(renderer *r, const dg_tmpl *t, size_t from, size_t to);

static void push(renderer *r, const dg_tval *ctx, bool iter, size_t index, size_t count)
{
    frame f = {ctx, iter, index, count};
    DG_VEC_PUSH(&r->stack, f);
}

struct dg_tmpl_names {
    dg_map names;   /* keys borrowed from the parsed templates */
};

typedef DG_VEC(const dg_tmpl *) tmpls;

bool dg_tmpl_names_has(const dg_tmpl_names *want, const char *name)
{
    size_t unused;
    return !want || dg_map_get(&want->names, name, &unused);
}

/* Adds the names of nodes [from, to) of t and of the partials they render
 * (each walked once: `seen`; one that does not parse is reported when
 * rendered). */
static void collect_names(renderer *r, const dg_tmpl *t, size_t from, size_t to, dg_tmpl_names *w, tmpls *seen)
{
    for (size_t i = from; i < to; i++) {
        const dg_tnode *n = &t->nodes.items[i];
        if (n->kind != DG_TN_PARTIAL && n->kind != DG_TN_TEXT && n->name == DG_TNAME_PATH)
            for (size_t k = 0; k < n->nseg; k++) dg_map_put(&w->names, n->seg[k], 0);
        if (n->kind != DG_TN_PARTIAL) continue;
        const dg_tmpl *p = dg_tmpl_set_try(r->set, n->text);
        bool known = p == NULL;
        for (size_t k = 0; k < seen->len && !known; k++) known = seen->items[k] == p;
        if (known) continue;
        DG_VEC_PUSH(seen, p);
        collect_names(r, p, 0, p->nodes.len, w, seen);
    }
}

/* A list's section: its elements made, rendered and released one by one. */
static void render_list(renderer *r, const dg_tmpl *t, size_t i, const dg_tmpl_list *list)
{
    const dg_tnode *n = &t->nodes.items[i];
    if (n->kind == DG_TN_INVERTED) {
        if (!list->count) render_range(r, t, i + 1, n->end);
        return;
    }
    if (!list->count) return;
    dg_tmpl_names want;
    tmpls seen = {0};
    dg_map_init(&want.names, false);
    collect_names(r, t, i + 1, n->end, &want, &seen);
    DG_VEC_FREE(&seen);
    /* this section's own arena: a section inside an element may render a
     * list too while the element is alive */
    dg_tarena a = DG_TARENA_INIT;
    for (size_t k = 0; k < list->count && r->errors < 20; k++) {
        json_t *j = list->value ? NULL : list->item(list->ctx, k, &want);
        dg_tval *item = list->value ? list->value(list->ctx, k, &want, &a) : dg_tv_from_json(&a, j);
        push(r, item, true, k, list->count);
        render_range(r, t, i + 1, n->end);
        r->stack.len--;
        if (j) forget_hints(r);   /* its keys go with it */
        json_decref(j);
        dg_tarena_reset(&a);
    }
    dg_tarena_free(&a);
    dg_map_free(&want.names);
}

static void render_section(renderer *r, const dg_tmpl *t, size_t i)
{
    const dg_tnode *n = &t->nodes.items[i];
    const dg_tval *v;
    dg_tval iter = {DG_TV_INT, 0, 0, {0, 0}, {0}};   /* made on the fly */
    if (is_iter_name(n)) {
        bool ok;
        iter.u.i = iter_value(r, n, &ok);
        if (n->name != DG_TNAME_INDEX) iter.kind = iter.u.i ? DG_TV_TRUE : DG_TV_FALSE;
        v = ok ? &iter : NULL;
    } else {
        v = lookup(r, n);
        const dg_tmpl_list *list = v ? NULL : lookup_list(r, n);
        if (list) {
            render_list(r, t, i, list);
            return;
        }
    }
    bool on = v && truthy(v);
    if (n->kind == DG_TN_INVERTED) {
        if (!on) render_range(r, t, i + 1, n->end);
    } else if (on && v->kind == DG_TV_ARR) {
        size_t count = v->len;
        for (size_t k = 0; k < count; k++) {
            push(r, v->u.items[k], true, k, count);
            render_range(r, t, i + 1, n->end);
            r->stack.len--;
        }
    } else if (on) {
        push(r, v, false, 0, 0);
        render_range(r, t, i + 1, n->end);
        r->stack.len--;
    }
}

static void render_partial(renderer *r, const dg_tnode *n)
{
    if (r->partials >= MAX_PARTIAL_DEPTH) {
        dg_error(r->d, n->loc, "partials nested more than %d deep (recursive partial '%s'?)",
                 MAX_PARTIAL_DEPTH, n->text);
        r->errors++;
        return;
    }
    dg_tmpl *p = dg_tmpl_set_get(r->set, n->text, n->loc, r->d);
    if (!p) {
        r->errors++;
        return;
    }
    size_t saved = r->indent.len;
    if (n->indent) dg_buf_puts(&r->indent, n->indent);
    r->partials++;
    render_range(r, p, 0, p->nodes.len);
    r->partials--;
    r->indent.len = saved;
    if (r->indent.data) r->indent.data[saved] = '\0';
}

/* With a sink: writes out the complete lines held (the line being written
 * stays: |c and |comment read it back). */
static void drain(renderer *r, bool all)
{
    dg_buf *o = r->out;
    size_t n = o->len;
    while (!all && n > 0 && o->data[n - 1] != '\n') n--;
    if (!n) return;
    fwrite(o->data, 1, n, r->sink);
    memmove(o->data, o->data + n, o->len - n + 1);
    o->len -= n;
}

/* Renders nodes [from, to); a section's body is the nodes (i, end). */
static void render_range(renderer *r, const dg_tmpl *t, size_t from, size_t to)
{
    for (size_t i = from; i < to && r->errors < 20; i++) {
        const dg_tnode *n = &t->nodes.items[i];
        switch (n->kind) {
        case DG_TN_TEXT:    emit(r, n->text, n->len); break;
        case DG_TN_VAR:     render_var(r, n); break;
        case DG_TN_PARTIAL: render_partial(r, n); break;
        case DG_TN_SECTION:
        case DG_TN_INVERTED:
            render_section(r, t, i);
            i = n->end - 1;
            break;
        }
        if (r->sink && r->out->len >= SINK_CHUNK) drain(r, false);
    }
}

int dg_tmpl_render(dg_tmpl_set *set, const char *name, json_t *view, dg_buf *out, dg_diags *d)
{
    dg_tmpl_view v = {view, NULL, 0};
    return dg_tmpl_render_view(set, name, &v, out, NULL, d);
}

int dg_tmpl_render_view(dg_tmpl_set *set, const char *name, const dg_tmpl_view *view, dg_buf *out, FILE *sink,
                        dg_diags *d)
{
    dg_loc none = {NULL, 0, 0};
    dg_tmpl *t = dg_tmpl_set_get(set, name, none, d);
    if (!t) return -1;
    renderer r = {set, view, out, sink, d, {0}, DG_BUF_INIT, DG_BUF_INIT, DG_TARENA_INIT, {0}, true, 0, 0};
    r.bol = out->len == 0 || out->data[out->len - 1] == '\n';
    push(&r, dg_tv_from_json(&r.root, view->root), false, 0, 0);
    render_range(&r, t, 0, t->nodes.len);
    if (sink) drain(&r, true);
    DG_VEC_FREE(&r.stack);
    dg_buf_free(&r.indent);
    dg_buf_free(&r.prefix);
    dg_tarena_free(&r.root);
    DG_VEC_FREE(&r.hints);
    return r.errors ? -1 : 0;
}
