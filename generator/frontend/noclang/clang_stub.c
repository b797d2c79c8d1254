/* Used when dalgen is built with -DDALGEN_WITH_LIBCLANG=OFF. */
#include "frontend/clang_front.h"

static int unavailable(const char *header, dg_diags *d)
{
    dg_loc loc = {header, 0, 0};
    dg_error(d, loc, "this dalgen was built without libclang: --header is not available");
    return -1;
}

int dg_clang_load(const char *header, const dg_strings *clang_args, dg_schema *into, dg_diags *d)
{
    (void)clang_args;
    (void)into;
    return unavailable(header, d);
}

int dg_clang_ddl(const char *header, const dg_strings *clang_args, char **out, dg_diags *d)
{
    (void)clang_args;
    *out = NULL;
    return unavailable(header, d);
}
