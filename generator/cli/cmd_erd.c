/* dalgen erd <sources...> [--format mermaid|dot]: the schema's diagram
 * (model/erd.h) on stdout. */
#include <stdio.h>
#include <string.h>

#include "model/erd.h"
#include "cli/cli.h"

int cmd_erd(int argc, char **argv, dg_diags *d)
{
    dg_sources src = {0};
    const char *format = "mermaid";
    for (int i = 0; i < argc;) {
        bool missing = false;
        const char *f = dg_cli_opt("--format", argc, argv, &i, &missing);
        if (missing) {
            dg_sources_free(&src);
            return dg_usage_error("erd", "--format needs a value (mermaid or dot)");
        }
        if (f) {
            format = f;
            continue;
        }
        int r = dg_cli_take_source("erd", argc, argv, &i, &src);
        if (r == 0) r = (dg_usage_error("erd", "unknown option '%s'", argv[i]), -1);
        if (r < 0) {
            dg_sources_free(&src);
            return DG_EXIT_USAGE;
        }
    }
    if (strcmp(format, "mermaid") != 0 && strcmp(format, "dot") != 0) {
        dg_sources_free(&src);
        return dg_usage_error("erd", "unknown format '%s' (mermaid or dot)", format);
    }
    if (src.items.len == 0) {
        dg_sources_free(&src);
        return dg_usage_error("erd", "no schema source given");
    }
    dg_schema *s = NULL;
    int rc = dg_schema_load(&src, &s, d);
    dg_sources_free(&src);
    if (rc != 0) return DG_EXIT_INPUT;
    dg_diags_print(d, stderr);   /* the warnings, before the result on stdout */
    dg_buf b = DG_BUF_INIT;
    if (!strcmp(format, "dot")) dg_erd_dot(s, &b);
    else dg_erd_mermaid(s, &b);
    fputs(dg_buf_cstr(&b), stdout);
    dg_buf_free(&b);
    dg_schema_free(s);
    return fflush(stdout) == 0 ? DG_EXIT_OK : DG_EXIT_INPUT;
}
