/* dalgen diff --from SRC --to SRC [--down] [--exit-code] [--allow-destructive] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/diff/diff.h"
#include "../migrations/msource.h"
#include "cli.h"

int cmd_diff(int argc, char **argv)
{
    const char *from = NULL, *to = NULL;
    bool down = false, exit_code = false, allow = false, missing = false;
    for (int i = 0; i < argc;) {
        const char *v = dg_cli_opt("--from", argc, argv, &i, &missing);
        if (!v && !missing && (v = dg_cli_opt("--to", argc, argv, &i, &missing))) {
            to = v;
            continue;
        }
        if (missing) return dg_usage_error("diff", "%s needs a value", argv[i - 1]);
        if (v) from = v;
        else if (!strcmp(argv[i], "--down")) down = true, i++;
        else if (!strcmp(argv[i], "--exit-code")) exit_code = true, i++;
        else if (!strcmp(argv[i], "--allow-destructive")) allow = true, i++;
        else return dg_usage_error("diff", "unexpected argument '%s'", argv[i]);
    }
    if (!from || !to) return dg_usage_error("diff", "--from and --to are required");
    dg_diags d = DG_DIAGS_INIT;
    dg_schema *a = NULL, *b = NULL;
    if (dg_load_side(from, &a, &d) != 0 || dg_load_side(to, &b, &d) != 0) {
        dg_schema_free(a);
        dg_schema_free(b);
        return DG_EXIT_INPUT;
    }
    dg_plan p;
    dg_diff_opts o = {down};
    if (down) dg_diff_plan(b, a, &o, &p);
    else dg_diff_plan(a, b, &o, &p);
    dg_plan_print_lints(&p, allow, stderr);
    int rc = DG_EXIT_OK;
    if (dg_plan_refused(&p, allow)) {
        rc = DG_EXIT_INPUT;
    } else {
        char *sql = dg_plan_sql(&p, NULL);
        fputs(sql, stdout);
        free(sql);
        if (exit_code && p.stmts.len) rc = DG_EXIT_DIFF;
    }
    dg_plan_free(&p);
    dg_schema_free(a);
    dg_schema_free(b);
    return rc;
}
