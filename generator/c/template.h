/* template.h - the small logic-less template language of dalgen's emitted C.
 *
 * Written by hand because no Debian package provides a mustache engine for C.
 * Templates render a view model: JSON (jansson) or, for the lists made one
 * element at a time, the arena values of template_value.h:
 *
 *   {{name}}            the value as text (strings raw: identifiers are
 *                       already valid C; integers in decimal; true/false)
 *   {{a.b.c}}           dotted names; {{.}} is the current item
 *   {{name|c}}          a C string literal (quotes included) of the value:
 *                       \ " ? control and non-ASCII bytes escaped, so no
 *                       trigraph can form; one literal per line of the value,
 *                       each ending with its \n (continuation literals
 *                       indented to the tag's column);
 *                       no literal longer than 4,095 characters
 *   {{name|comment}}    text safe inside a C block comment (`*` `/` pairs
 *                       and `??` are broken apart); continuation lines repeat
 *                       the text before the tag with everything but blanks
 *                       and `*` turned into spaces (so ` * ` stays ` * `)
 *   {{#x}}..{{/x}}      section: once per element of an array, once for an
 *                       object (pushed as context) or another truthy value;
 *                       skipped for missing, null, false, 0, "" and []
 *   {{^x}}..{{/x}}      inverted section: rendered when x is falsy
 *   {{-first}} {{-last}} {{-index}}  inside an array section: whether this is
 *                       the first / last element, and its 0-based index
 *   {{> name}}          partial: the template `name` rendered with the same
 *                       context, indented like a standalone tag
 *   {{! comment }}      nothing
 *
 * A line holding only a section, inverted, closing, comment or partial tag
 * (and blanks) disappears from the output.  A variable that does not exist is
 * an error (sections over missing names are simply skipped), so typos fail
 * loudly.  Errors are reported as `template:line:col: error: message`. */
#ifndef DG_TEMPLATE_H
#define DG_TEMPLATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "util/buf.h"
#include "util/diag.h"
#include "c/template_value.h"

typedef struct dg_tmpl_set dg_tmpl_set;

dg_tmpl_set *dg_tmpl_set_new(void);
void dg_tmpl_set_free(dg_tmpl_set *set);   /* NULL-safe */

/* Adds (or replaces) template `name` (no extension, e.g. "header") with
 * source `text` (copied); `path` (copied) names it in diagnostics. */
void dg_tmpl_set_add(dg_tmpl_set *set, const char *name, const char *path, const char *text);

/* Adds every `*.tmpl` file of `dir` (replacing built-ins of the same name).
 * Returns 0, or -1 after reporting through `d`. */
int dg_tmpl_set_load_dir(dg_tmpl_set *set, const char *dir, dg_diags *d);

/* Adds the templates compiled into the dalgen binary (templates/c/). */
void dg_tmpl_set_add_builtin(dg_tmpl_set *set);

/* A new set of set's templates (unparsed): one per thread rendering. */
dg_tmpl_set *dg_tmpl_set_copy(const dg_tmpl_set *set);

/* Renders template `name` over `view`, appending to `out`.  Returns 0, or -1
 * after reporting every error through `d` (out then holds partial text). */
int dg_tmpl_render(dg_tmpl_set *set, const char *name, json_t *view, dg_buf *out, dg_diags *d);

/* The names a section's body can look up: every part of every dotted name
 * in it and in the partials it renders.  An element of a list (below) that
 * holds these keys, at every depth, renders as the whole element would:
 * the body never asks for another. */
typedef struct dg_tmpl_names dg_tmpl_names;

/* Whether `name` is among them; NULL stands for every name. */
bool dg_tmpl_names_has(const dg_tmpl_names *want, const char *name);

/* An array of the root made one element at a time while a section iterates
 * it, each released once rendered: a large view model is never whole in
 * memory (and each element holds only what the section reads).  Sections,
 * inverted sections, -first/-last/-index and errors behave as for a JSON
 * array at root[name].  An element is made by `value` when the list has
 * one, else by `item`. */
typedef struct dg_tmpl_list {
    const char *name;      /* its key in the root (which has no such key) */
    size_t      count;
    /* Element i (a new reference) with at least the keys in `want`. */
    json_t   *(*item)(void *ctx, size_t i, const dg_tmpl_names *want);
    void       *ctx;
    /* Element i made in `a` (reset by the renderer once it is rendered),
     * with at least the keys in `want`; NULL stands for JSON null. */
    dg_tval  *(*value)(void *ctx, size_t i, const dg_tmpl_names *want, dg_tarena *a);
} dg_tmpl_list;

typedef struct dg_tmpl_view {
    json_t             *root;
    const dg_tmpl_list *lists;
    size_t              nlists;
} dg_tmpl_view;

/* dg_tmpl_render over a root and its lists.  With a `sink`, the text is
 * written to it as it renders (out then holds at most the line being
 * written plus a chunk, and is empty on return): the caller checks the
 * sink's errors (ferror, fclose). */
int dg_tmpl_render_view(dg_tmpl_set *set, const char *name, const dg_tmpl_view *view, dg_buf *out, FILE *sink,
                        dg_diags *d);

/* The escapers behind |c and |comment.  `indent` is what continuation lines
 * start with.  dg_tmpl_c_literal writes a string longer than
 * DG_TMPL_MAX_LITERAL bytes as DAL_LONG_STRING("..." "..."), so the code it
 * is in must include dal.h. */
void dg_tmpl_c_literal(dg_buf *out, const char *s, const char *indent);
void dg_tmpl_c_comment(dg_buf *out, const char *s, const char *indent);

/* Longest literal dg_tmpl_c_literal emits, in characters between quotes,
 * and the longest string ISO C guarantees (C11 5.2.4.1). */
#define DG_TMPL_MAX_LITERAL 4095

#endif
