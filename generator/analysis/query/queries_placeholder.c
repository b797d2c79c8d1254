/* Placeholder until the queries analyser lands: any query file is refused. */
#include "queries.h"
#include "../../emit/view_queries.h"

struct dg_query_set { int unused; };

int dg_queries_load(const dg_strings *paths, const dg_schema *schema, dg_query_set **out, dg_diags *d)
{
    (void)schema;
    *out = NULL;
    if (paths->len == 0) return 0;
    dg_loc loc = {paths->items[0], 0, 0};
    dg_error(d, loc, "named queries are not supported by this build yet");
    return -1;
}

void dg_query_set_free(dg_query_set *q) { (void)q; }

int dg_view_add_queries(json_t *root, const dg_query_set *q, const dg_schema *s,
                        const dg_view_opts *opts, dg_diags *d)
{
    (void)q; (void)s; (void)opts; (void)d;
    json_object_set_new(root, "queries", json_array());
    return 0;
}
