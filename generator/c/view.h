/* view.h - options of code emission shared by every part of the view model.
 *
 * The view model is built from the schema model (and the analysed queries,
 * validators, migrations); templates render it as a jansson JSON tree (the
 * tables' part: typed structs in view_int.h, made JSON by view_json.c).  All
 * decisions live in the view model, none in templates. */
#ifndef DG_VIEW_H
#define DG_VIEW_H

#include <stdbool.h>

typedef struct dg_view_opts {
    const char *prefix;        /* --prefix: C prefix of every generated name */
    bool        singularize;   /* false with --no-singularize */
    bool        timestamps;    /* --timestamps: created_at/updated_at conventions */
    const char *out_dir;       /* --out (NULL = "."): user headers are included relative to it */
    /* A named query with more parameters than the limit takes a
     * `<fn>_params` struct (config query_parameter_limit); not set: 4. */
    bool        has_query_parameter_limit;
    int         query_parameter_limit;
} dg_view_opts;

/* The query parameter limit in effect (the default when not set). */
#define DG_QUERY_PARAMETER_LIMIT_DEFAULT 4
static inline int dg_view_param_limit(const dg_view_opts *o)
{
    return o->has_query_parameter_limit ? o->query_parameter_limit : DG_QUERY_PARAMETER_LIMIT_DEFAULT;
}

/* The typed view model of the tables, views and root (view_int.h), read by
 * later parts (the queries). */
typedef struct dg_vtables dg_vtables;

#endif
