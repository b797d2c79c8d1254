/* dalgen api-diff OLD.h NEW.h [--clang-arg ARG ...] */
#include <stdio.h>
#include <string.h>

#include "analysis/apidiff/apidiff.h"
#include "cli/cli.h"

int cmd_api_diff(int argc, char **argv, dg_diags *d)
{
    const char *paths[2] = {NULL, NULL};
    int npaths = 0;
    dg_strings args = {0};
    int rc = DG_EXIT_USAGE;
    for (int i = 0; i < argc;) {
        bool missing = false;
        const char *v = dg_cli_opt("--clang-arg", argc, argv, &i, &missing);
        if (missing) {
            dg_usage_error("api-diff", "--clang-arg needs a value");
            goto done;
        }
        if (v) {
            dg_strings_push(&args, v);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            dg_usage_error("api-diff", "unknown option '%s'", argv[i]);
            goto done;
        } else if (npaths < 2) {
            paths[npaths++] = argv[i++];
        } else {
            dg_usage_error("api-diff", "takes two headers, OLD.h and NEW.h");
            goto done;
        }
    }
    if (npaths != 2) {
        dg_usage_error("api-diff", "takes two headers, OLD.h and NEW.h");
        goto done;
    }
    int r = dg_api_diff_headers_args(paths[0], paths[1], &args, stdout, d);
    rc = r < 0 ? DG_EXIT_INPUT : r > 0 ? DG_EXIT_DIFF : DG_EXIT_OK;
done:
    dg_strings_free(&args);
    return rc;
}
