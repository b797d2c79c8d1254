#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int dg_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "dalgen %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see dalgen --help)\n");
    va_end(ap);
    return DG_EXIT_USAGE;
}

const char *dg_cli_opt(const char *name, int argc, char **argv, int *i, bool *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0) return NULL;
    if (a[n] == '=') {
        (*i)++;
        return a + n + 1;
    }
    if (a[n] != '\0') return NULL;
    if (*i + 1 >= argc) {
        if (missing) *missing = true;
        (*i)++;
        return NULL;
    }
    *i += 2;
    return argv[*i - 1];
}

int dg_cli_take_source(const char *cmd, int argc, char **argv, int *i, dg_sources *src)
{
    static const struct {
        const char *opt;
        dg_source_kind kind;
    } opts[] = {{"--schema", DG_SRC_AUTO}, {"--header", DG_SRC_HEADER}};
    bool missing = false;
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        const char *v = dg_cli_opt(opts[k].opt, argc, argv, i, &missing);
        if (missing) return dg_usage_error(cmd, "%s needs a value", opts[k].opt), -1;
        if (v) {
            dg_sources_add(src, opts[k].kind, v);
            return 1;
        }
    }
    const char *v = dg_cli_opt("--clang-arg", argc, argv, i, &missing);
    if (missing) return dg_usage_error(cmd, "--clang-arg needs a value"), -1;
    if (v) {
        dg_strings_push(&src->clang_args, v);
        return 1;
    }
    if (argv[*i][0] != '-' || !strcmp(argv[*i], "-")) {
        dg_sources_add(src, DG_SRC_AUTO, argv[*i]);
        (*i)++;
        return 1;
    }
    return 0;
}

int dg_cli_allow(const char *cmd, dg_lint_allow *a, const char *list)
{
    char *bad = NULL;
    if (dg_lint_allow_add(a, list, &bad) == 0) return 0;
    int rc = dg_usage_error(cmd, "--allow: '%s' is not a lint code that can be allowed (%s; "
                            "--allow-destructive allows them all)", bad, dg_lint_allow_codes());
    free(bad);
    return rc;
}
