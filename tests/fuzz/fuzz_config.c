/* fuzz_config.c - the configuration file (generator/config/): any text as
 * a dalgen.yaml or sqlc.yaml/sqlc.json (libyaml's parse, then dalgen's
 * reading of either kind: jobs, paths, options, overrides). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = dg_fuzz_write("dalgen.yaml", data, size);
    dg_diags d = DG_DIAGS_INIT;
    dg_config *c = NULL;
    if (dg_config_load(path, &c, &d) == 0 && c && c->jobs.len)
        dg_config_missing(&c->jobs.items[0], "prefix", &d);
    dg_config_free(c);
    dg_diags_free(&d);
    return 0;
}
