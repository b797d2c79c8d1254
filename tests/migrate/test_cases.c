/* migrate.cases: every folder under tests/migrate/cases/ is one scenario:
 *   old.sql, new.sql      the two schemas
 *   data.sql              rows inserted on the old schema (optional)
 *   assert.sql            statements that must each return 1 after up (optional)
 *   assert_down.sql       the same after down (optional)
 *   lints                 lint codes the up plan must report, and no other (optional)
 *   expected.up.sql, expected.down.sql   golden plans
 * The invariant of harness.h is checked for each.  Regenerate the golden
 * plans with:  DALGEN_UPDATE_GOLDEN=1 ctest -R migrate.cases */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>

#include "harness.h"
#include "util/buf.h"
#include "model/model.h"
#include "util/fsutil.h"

static char *read_opt(const char *dir, const char *name)
{
    char *path = dg_xprintf("%s/%s", dir, name), *text = NULL;
    size_t len;
    if (dg_read_file(path, &text, &len) != 0) text = NULL;
    free(path);
    return text;
}

static int golden(const char *dir, const char *name, const char *have, bool update)
{
    char *path = dg_xprintf("%s/%s", dir, name);
    char *want = read_opt(dir, name);
    int bad = 0;
    if (update) {
        dg_write_file_if_changed(path, have, strlen(have), NULL);
    } else if (!want || strcmp(want, have) != 0) {
        fprintf(stderr, "%s: differs from the golden file; got:\n%s\n", path, have);
        bad = 1;
    }
    free(want);
    free(path);
    return bad;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CASES_DIR [NAME...]\n", argv[0]);
        return 2;
    }
    bool update = getenv("DALGEN_UPDATE_GOLDEN") && *getenv("DALGEN_UPDATE_GOLDEN") == '1';
    int failed = 0, ran = 0;
    dg_strings names = {0};
    DIR *dh = opendir(argv[1]);
    for (struct dirent *e; dh && (e = readdir(dh));)
        if (e->d_name[0] != '.') dg_strings_push(&names, e->d_name);
    if (dh) closedir(dh);
    qsort(names.items, names.len, sizeof *names.items, cmp_str);
    for (size_t k = 0; k < names.len; k++) {
        const char *line = names.items[k];
        if (argc > 2) {
            bool want = false;
            for (int i = 2; i < argc; i++) want |= !strcmp(argv[i], line);
            if (!want) continue;
        }
        char *dir = dg_xprintf("%s/%s", argv[1], line);
        char *old_sql = read_opt(dir, "old.sql"), *new_sql = read_opt(dir, "new.sql");
        if (!old_sql || !new_sql) {
            free(old_sql); free(new_sql); free(dir);
            continue;
        }
        char *data = read_opt(dir, "data.sql"), *as = read_opt(dir, "assert.sql"),
             *ad = read_opt(dir, "assert_down.sql"), *lints = read_opt(dir, "lints");
        mh_case c = {line, old_sql, new_sql, data, as, ad, lints ? lints : "", false};
        char *up = NULL, *down = NULL;
        int bad = mh_run_case(&c, &up, &down);
        if (up) bad += golden(dir, "expected.up.sql", up, update);
        if (down) bad += golden(dir, "expected.down.sql", down, update);
        printf("%s %s\n", bad ? "FAIL" : "ok  ", line);
        failed += bad != 0;
        ran++;
        free(up); free(down); free(old_sql); free(new_sql); free(data); free(as); free(ad); free(lints); free(dir);
    }
    dg_strings_free(&names);
    printf("%d cases, %d failed\n", ran, failed);
    return failed || ran == 0 ? 1 : 0;
}
