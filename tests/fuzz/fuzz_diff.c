/* fuzz_diff.c - the differ and planner: the input is two schema texts
 * separated by a line "----" (or cut in half when it has none); when both
 * load, both plans (up and down) are made, printed and verified. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/diff/diff.h"
#include "frontend/sources.h"

/* Both plans, printed, and checked on a scratch database as migrate new
 * (with_down) or diff (the inverse planned by the check) check them; a
 * refusal is an answer, not a failure. */
static void plans(const dg_schema *a, const dg_schema *b, bool with_down)
{
    dg_diff_opts fw = {false}, bw = {true};
    dg_plan up, down;
    dg_diff_plan(a, b, &fw, &up);
    dg_diff_plan(b, a, &bw, &down);
    free(dg_plan_sql(&up, NULL));
    free(dg_plan_sql(&down, NULL));
    (void)dg_plan_verify(a, b, &fw, &up, with_down ? &down : NULL);   /* NULL: the inverse planned as diff plans it */
    dg_plan_free(&up);
    dg_plan_free(&down);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t cut = size / 2, next = cut;
    for (size_t i = 0; i + 5 <= size; i++)
        if (!memcmp(text + i, "----\n", 5) && (i == 0 || text[i - 1] == '\n')) {
            cut = i;
            next = i + 5;
            break;
        }
    dg_diags d = {0};
    dg_schema *a = NULL, *b = NULL;
    if (dg_schema_load_text("from.sql", text, cut, &a, &d) == 0 &&
        dg_schema_load_text("to.sql", text + next, size - next, &b, &d) == 0) {
        plans(a, b, size % 2 == 0);
    }
    dg_schema_free(a);
    dg_schema_free(b);
    dg_diags_free(&d);
    return 0;
}
