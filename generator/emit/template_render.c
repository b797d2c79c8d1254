/* template_render.c - renders parsed templates over a jansson view model. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "template_int.h"

#define MAX_PARTIAL_DEPTH 32

typedef struct frame {
    json_t *ctx;
    bool    iter;     /* an element of an array section */
    size_t  index, count;
} frame;

typedef struct renderer {
    dg_tmpl_set *set;
    dg_buf      *out;
    dg_diags    *d;
    DG_VEC(frame) stack;
    dg_buf       indent;     /* indentation of the partials being rendered */
    bool         bol;        /* at the beginning of an output line */
    int          partials;   /* partial nesting depth */
    int          errors;
} renderer;

/* Appends text, indenting every non-empty line when inside an indented
 * partial. */
static void emit(renderer *r, const char *s, size_t len)
{
    while (len) {
        const char *nl = memchr(s, '\n', len);
        size_t seg = nl ? (size_t)(nl - s) + 1 : len;
        if (r->bol && r->indent.len && !(seg == 1 && *s == '\n'))
            dg_buf_append(r->out, r->indent.data, r->indent.len);
        dg_buf_append(r->out, s, seg);
        r->bol = nl != NULL;
        s += seg;
        len -= seg;
    }
}

static json_t *lookup_in(json_t *v, const char *path)
{
    char *copy = dg_xstrdup(path);
    char *save = NULL;
    for (char *seg = strtok_r(copy, ".", &save); seg && v; seg = strtok_r(NULL, ".", &save))
        v = json_is_object(v) ? json_object_get(v, seg) : NULL;
    free(copy);
    return v;
}

/* Resolves `name` against the context stack.  Returns a new reference
 * (the iteration names are made on the fly), NULL when absent. */
static json_t *lookup(renderer *r, const char *name)
{
    if (!strcmp(name, ".")) return json_incref(r->stack.items[r->stack.len - 1].ctx);
    if (name[0] == '-') {
        for (size_t i = r->stack.len; i-- > 0;) {
            frame *f = &r->stack.items[i];
            if (!f->iter) continue;
            if (!strcmp(name, "-first")) return json_boolean(f->index == 0);
            if (!strcmp(name, "-last")) return json_boolean(f->index + 1 == f->count);
            if (!strcmp(name, "-index")) return json_integer((json_int_t)f->index);
            return NULL;
        }
        return NULL;
    }
    size_t head = strcspn(name, ".");
    char *first = dg_xstrndup(name, head);
    json_t *found = NULL;
    for (size_t i = r->stack.len; i-- > 0 && !found;) {
        json_t *ctx = r->stack.items[i].ctx;
        if (json_is_object(ctx)) found = json_object_get(ctx, first);
    }
    free(first);
    if (found && name[head]) found = lookup_in(found, name + head + 1);
    return json_incref(found);
}

static bool truthy(json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:  return true;
    case JSON_ARRAY:   return json_array_size(v) > 0;
    case JSON_STRING:  return json_string_length(v) > 0;
    case JSON_INTEGER: return json_integer_value(v) != 0;
    case JSON_REAL:    return json_real_value(v) != 0.0;
    case JSON_TRUE:    return true;
    default:           return false;
    }
}

/* Text of the current output line so far (for multi-line values). */
static char *line_prefix(renderer *r, bool spaces_only)
{
    size_t start = r->out->len;
    while (start > 0 && r->out->data[start - 1] != '\n') start--;
    char *p = dg_xstrndup(r->out->data ? r->out->data + start : "", r->out->len - start);
    for (char *c = p; *c; c++)
        if (*c != ' ' && *c != '\t' && (spaces_only || *c != '*')) *c = ' ';
    return p;
}

static void render_var(renderer *r, const dg_tnode *n)
{
    json_t *v = lookup(r, n->text);
    dg_buf text = DG_BUF_INIT;
    if (!v) {
        dg_error(r->d, n->loc, "no value named '%s'", n->text);
        r->errors++;
        return;
    }
    switch (json_typeof(v)) {
    case JSON_STRING:  dg_buf_append(&text, json_string_value(v), json_string_length(v)); break;
    case JSON_INTEGER: dg_buf_printf(&text, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
    case JSON_REAL:    dg_buf_printf(&text, "%.17g", json_real_value(v)); break;
    case JSON_TRUE:    dg_buf_puts(&text, "true"); break;
    case JSON_FALSE:   dg_buf_puts(&text, "false"); break;
    case JSON_NULL:    break;
    default:
        dg_error(r->d, n->loc, "'%s' is a list or an object, not a value", n->text);
        r->errors++;
        break;
    }
    json_decref(v);
    if (n->filter == DG_TF_RAW) {
        emit(r, dg_buf_cstr(&text), text.len);
    } else {
        char *prefix = line_prefix(r, n->filter == DG_TF_C);
        dg_buf esc = DG_BUF_INIT;
        if (n->filter == DG_TF_C) dg_tmpl_c_literal(&esc, dg_buf_cstr(&text), prefix);
        else dg_tmpl_c_comment(&esc, dg_buf_cstr(&text), prefix);
        dg_buf_append(r->out, dg_buf_cstr(&esc), esc.len);   /* already indented */
        r->bol = esc.len && esc.data[esc.len - 1] == '\n';
        dg_buf_free(&esc);
        free(prefix);
    }
    dg_buf_free(&text);
}

static void render_range(renderer *r, const dg_tmpl *t, size_t from, size_t to);

static void push(renderer *r, json_t *ctx, bool iter, size_t index, size_t count)
{
    frame f = {ctx, iter, index, count};
    DG_VEC_PUSH(&r->stack, f);
}

static void render_section(renderer *r, const dg_tmpl *t, size_t i)
{
    const dg_tnode *n = &t->nodes.items[i];
    json_t *v = lookup(r, n->text);
    bool on = v && truthy(v);
    if (n->kind == DG_TN_INVERTED) {
        if (!on) render_range(r, t, i + 1, n->end);
    } else if (on && json_is_array(v)) {
        size_t count = json_array_size(v);
        for (size_t k = 0; k < count; k++) {
            push(r, json_array_get(v, k), true, k, count);
            render_range(r, t, i + 1, n->end);
            r->stack.len--;
        }
    } else if (on) {
        push(r, v, false, 0, 0);
        render_range(r, t, i + 1, n->end);
        r->stack.len--;
    }
    json_decref(v);
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
    }
}

int dg_tmpl_render(dg_tmpl_set *set, const char *name, json_t *view, dg_buf *out, dg_diags *d)
{
    dg_loc none = {NULL, 0, 0};
    dg_tmpl *t = dg_tmpl_set_get(set, name, none, d);
    if (!t) return -1;
    renderer r = {set, out, d, {0}, DG_BUF_INIT, true, 0, 0};
    r.bol = out->len == 0 || out->data[out->len - 1] == '\n';
    push(&r, view, false, 0, 0);
    render_range(&r, t, 0, t->nodes.len);
    DG_VEC_FREE(&r.stack);
    dg_buf_free(&r.indent);
    return r.errors ? -1 : 0;
}
