/* template_int.h - the parsed form of a template, shared by the parser,
 * the renderer and the template set (private to template_*.c). */
#ifndef DG_TEMPLATE_INT_H
#define DG_TEMPLATE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/vec.h"
#include "c/template.h"

typedef enum dg_tnode_kind {
    DG_TN_TEXT,
    DG_TN_VAR,
    DG_TN_SECTION,
    DG_TN_INVERTED,
    DG_TN_PARTIAL
} dg_tnode_kind;

typedef enum dg_tfilter {
    DG_TF_RAW,
    DG_TF_C,
    DG_TF_COMMENT
} dg_tfilter;

/* What a name refers to, decided when parsing so rendering never splits
 * or compares names. */
typedef enum dg_tname {
    DG_TNAME_PATH,     /* dotted names: seg[0] on the context stack, then the rest */
    DG_TNAME_DOT,      /* {{.}} */
    DG_TNAME_FIRST,    /* -first */
    DG_TNAME_LAST,     /* -last */
    DG_TNAME_INDEX,    /* -index */
    DG_TNAME_NONE      /* any other -name: never a value */
} dg_tname;

/* Nodes are stored flat in source order; a section's body is the nodes
 * between it and `end` (exclusive). */
typedef struct dg_tnode {
    dg_tnode_kind kind;
    char         *text;     /* TEXT: the text; otherwise the name */
    size_t        len;      /* TEXT: its length */
    dg_tname      name;     /* VAR / SECTION / INVERTED */
    char        **seg;      /* PATH: the name split at dots (empty parts after the first dropped) */
    size_t        nseg;
    dg_tfilter    filter;   /* VAR */
    size_t        end;      /* SECTION / INVERTED: index after the closing tag */
    char         *indent;   /* PARTIAL on a line of its own: its indentation */
    dg_loc        loc;      /* where the tag starts */
    size_t        slot;     /* numbered across the set (template_set.c): where the
                             * renderer keeps its memo of this node's lookups */
} dg_tnode;

typedef struct dg_tmpl {
    DG_VEC(dg_tnode) nodes;
} dg_tmpl;

/* Parses `text`; `path` names it in diagnostics (and in the nodes' locs,
 * so it must outlive the result).  Returns NULL after reporting. */
dg_tmpl *dg_tmpl_parse(const char *path, const char *text, dg_diags *d);
void     dg_tmpl_free(dg_tmpl *t);

/* The number of slots (dg_tnode.slot) the set's parsed templates use so far. */
size_t dg_tmpl_set_slots(const dg_tmpl_set *set);

/* The parsed template `name` of the set (parsed on first use), or NULL after
 * reporting an error (unknown name, syntax error). */
dg_tmpl *dg_tmpl_set_get(dg_tmpl_set *set, const char *name, dg_loc from, dg_diags *d);

/* The same without reporting: NULL for an unknown name or a template that
 * does not parse (left unparsed, so that rendering it reports why). */
dg_tmpl *dg_tmpl_set_try(dg_tmpl_set *set, const char *name);

#endif
