/* dalgen schema <sources...> [--json | --sql] [--no-locations]
 * [--no-above-annotations] [--engine sqlite|postgresql] [--pg-server URL|auto]
 * [--pg-run-as USER] [--allow-do] */
#include <stdio.h>
#include <string.h>

#include "model/schema_print.h"
#include "cli/cli.h"

int cmd_schema(int argc, char **argv, dg_diags *d)
{
    dg_sources src = {0};
    dg_engine_flags eng = {0};
    dg_engine engine;
    bool sql = false, locations = true, above = true;
    for (int i = 0; i < argc;) {
        int r = dg_cli_engine_flag("schema", &eng, argc, argv, &i);
        if (r == DG_EXIT_USAGE) goto usage;
        if (r == 0) continue;
        r = dg_cli_take_source("schema", argc, argv, &i, &src);
        if (r < 0) goto usage;
        if (r > 0) continue;
        if (!strcmp(argv[i], "--json")) sql = false;
        else if (!strcmp(argv[i], "--sql")) sql = true;
        else if (!strcmp(argv[i], "--no-locations")) locations = false;
        else if (!strcmp(argv[i], "--no-above-annotations")) above = false;
        else {
            dg_usage_error("schema", "unknown option '%s'", argv[i]);
            goto usage;
        }
        i++;
    }
    if (src.items.len == 0) {
        dg_usage_error("schema", "no schema source given");
        goto usage;
    }
    if (dg_cli_engine_of("schema", &eng, &src, &engine) != DG_EXIT_OK) goto usage;
    dg_schema *s = NULL;
    int rc = engine == DG_ENGINE_POSTGRESQL ? dg_pg_schema_load(&src, &eng.pg, &s, d) : dg_schema_load(&src, &s, d);
    dg_sources_free(&src);
    if (rc != 0) return DG_EXIT_INPUT;
    dg_diags_print(d, stderr);   /* the warnings, before the result on stdout */
    char *out = sql ? dg_schema_to_sql(s) : dg_schema_to_json_ex(s, locations, above);
    fputs(out, stdout);
    if (sql && out[0]) fputc('\n', stdout);
    free(out);
    dg_schema_free(s);
    return fflush(stdout) == 0 ? DG_EXIT_OK : DG_EXIT_INPUT;
usage:
    dg_sources_free(&src);
    return DG_EXIT_USAGE;
}
