/* Used when dalgen is built with -DDALGEN_WITH_LIBCLANG=OFF. */
#include <string.h>

#include "model/api.h"

int dg_api_load(const char *header, const dg_strings *clang_args, dg_api *out, dg_diags *d)
{
    (void)clang_args;
    memset(out, 0, sizeof *out);
    dg_loc loc = {header, 0, 0};
    dg_error(d, loc, "this dalgen was built without libclang: api-diff is not available");
    return -1;
}
