/* Placeholder until embedded migrations land. */
#include "view_migrations.h"

int dg_view_add_migrations(json_t *root, const char *dir, const dg_schema *s,
                           const dg_view_opts *opts, dg_diags *d)
{
    (void)s; (void)opts;
    json_object_set_new(root, "migrations", json_array());
    if (!dir) return 0;
    dg_loc loc = {dir, 0, 0};
    dg_error(d, loc, "--migrations is not supported by this build yet");
    return -1;
}
