/* Golden test: `dalgen generate` of a schema must give exactly the files of
 * a golden folder (regenerate them with tests/generate/regen-golden.sh).
 *
 *   test_golden SCHEMA PREFIX GOLDEN_DIR
 *
 * The generation runs with --out GOLDEN_DIR so the banner's relative paths
 * match; nothing is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/generate.h"
#include "util/fsutil.h"

/* Prints the first line where the two texts differ; returns 1 if they do. */
static int report_diff(const char *path, const char *want, const char *got)
{
    if (!strcmp(want, got)) return 0;
    int line = 1;
    const char *w = want, *g = got;
    while (*w && *w == *g) {
        if (*w == '\n') line++;
        w++;
        g++;
    }
    while (w > want && w[-1] != '\n') w--;
    while (g > got && g[-1] != '\n') g--;
    fprintf(stderr, "%s:%d: generated output differs from the golden file\n  golden:    %.*s\n  generated: %.*s\n",
            path, line, (int)strcspn(w, "\n"), w, (int)strcspn(g, "\n"), g);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_golden SCHEMA PREFIX GOLDEN_DIR\n");
        return 2;
    }
    dg_sources src = {0};
    dg_sources_add(&src, DG_SRC_AUTO, argv[1]);
    dg_generate_opts o = {&src, NULL, NULL, NULL, argv[3], {argv[2], true, false}};
    dg_outputs out = {0};
    dg_diags d = DG_DIAGS_INIT;
    int failed = 0;
    int grc = dg_generate(&o, &out, &d);
    dg_diags_print(&d, stderr);
    if (grc != 0) return 1;
    if (out.items.len != 2) failed = 1;
    for (size_t i = 0; i < out.items.len; i++) {
        char *want;
        size_t len;
        if (dg_read_file(out.items.items[i].path, &want, &len) != 0) {
            fprintf(stderr, "%s: missing golden file\n", out.items.items[i].path);
            failed = 1;
            continue;
        }
        failed |= report_diff(out.items.items[i].path, want, out.items.items[i].data);
        free(want);
    }
    if (failed) fprintf(stderr, "if the change is intended: tests/generate/regen-golden.sh (then review git diff)\n");
    dg_outputs_free(&out);
    dg_sources_free(&src);
    return failed;
}
