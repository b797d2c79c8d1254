/* dalgen api-diff OLD.h NEW.h [--clang-arg ARG ...] [--config FILE]
 * (--config: the file's clang_args when no --clang-arg is given) */
#include <stdio.h>
#include <string.h>

#include "analysis/apidiff/apidiff.h"
#include "cli/cli.h"
#include "cli/cli_gen.h"

int cmd_api_diff(int argc, char **argv, dg_diags *d)
{
    const char *paths[2] = {NULL, NULL};
    int npaths = 0;
    dg_strings args = {0};
    const char *config_path = NULL;
    dg_config *config = NULL;
    int rc = DG_EXIT_USAGE;
    for (int i = 0; i < argc;) {
        bool missing = false;
        const char *v = dg_cli_opt("--clang-arg", argc, argv, &i, &missing), *c = NULL;
        if (!v && !missing) c = dg_cli_opt("--config", argc, argv, &i, &missing);
        if (missing) {
            dg_usage_error("api-diff", "%s needs a value", argv[i - 1]);
            goto done;
        }
        if (c) {
            config_path = c;
        } else if (v) {
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
    if (config_path && dg_cli_config_load(config_path, false, &config, d) != 0) {
        rc = DG_EXIT_INPUT;
        goto done;
    }
    for (size_t k = 0; config && !args.len && k < config->jobs.len; k++)
        for (size_t i = 0; i < config->jobs.items[k].clang_args.len; i++)
            dg_strings_push(&args, config->jobs.items[k].clang_args.items[i]);
    int r = dg_api_diff_headers_args(paths[0], paths[1], &args, stdout, d);
    rc = r < 0 ? DG_EXIT_INPUT : r > 0 ? DG_EXIT_DIFF : DG_EXIT_OK;
done:
    dg_config_free(config);
    dg_strings_free(&args);
    return rc;
}
