/* corpus_checks - what dalgen's validators make of the real schemas of the
 * corpus: every CHECK constraint (compiled, enum, or not compiled and why)
 * and every declared length.  The test compares the listing with
 * corpus_checks.expected; tests/validate/regen.sh rewrites it.
 *   validate_corpus CORPUS_DIR SCHEMA...     (exit 77 when CORPUS_DIR is absent) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c/check/check.h"
#include "c/validators_rules.h"
#include "frontend/sources.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/fsutil.h"

/* The C type DESIGN.md gives each declared type. */
static dg_ckind kind_of(const dg_column *c)
{
    const char *t = c->type;
    if (dg_strcasecmp_ascii(t, "BOOL") == 0 || dg_strcasecmp_ascii(t, "BOOLEAN") == 0) return DG_CK_BOOL;
    switch (c->affinity) {
    case DG_AFF_INTEGER: return DG_CK_INT64;
    case DG_AFF_REAL: return DG_CK_DOUBLE;
    case DG_AFF_TEXT: return DG_CK_TEXT;
    case DG_AFF_NUMERIC:
        if (strstr(t, "DATE") || strstr(t, "date") || strstr(t, "TIME") || strstr(t, "time")) return DG_CK_TEXT;
        return DG_CK_DOUBLE;
    default: return t[0] ? DG_CK_BLOB : DG_CK_VALUE;
    }
}

static void list_table(const char *file, const dg_table *t)
{
    dg_cfield *f = dg_xcalloc(t->columns.len + 1, sizeof *f);
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *c = &t->columns.items[i];
        f[i].cname = c->name;
        f[i].kind = kind_of(c);
        f[i].has_name = f[i].kind != DG_CK_TEXT && (!c->not_null || c->default_sql) ? "has" : NULL;
        long n = f[i].kind == DG_CK_TEXT ? dg_declared_length(c->type) : 0;
        if (n) printf("%s: %s.%s %s: at most %ld character%s\n", file, t->name, c->name, c->type, n, n == 1 ? "" : "s");
    }
    for (size_t k = 0; k < t->checks.len; k++) {
        const dg_check *chk = &t->checks.items[k];
        int col;
        dg_strings values = {0};
        dg_check_c cc;
        dg_check_compile(t, chk, f, "row", &cc);
        printf("%s: %s: CHECK (%s): ", file, t->name, cc.sql);
        if (dg_check_enum(t, chk, &col, &values))
            printf("enum of %s (%zu values)\n", t->columns.items[col].name, values.len);
        else if (cc.cond)
            printf("compiled\n");
        else
            printf("not compiled: %s\n", cc.reason);
        dg_check_c_free(&cc);
        dg_strings_free(&values);
    }
    free(f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: validate_corpus CORPUS_DIR SCHEMA...\n");
        return 2;
    }
    if (!dg_is_dir(argv[1])) return 77;
    int rc = 0;
    for (int a = 2; a < argc; a++) {
        char *path = dg_xprintf("%s/%s", argv[1], argv[a]);
        dg_sources src;
        memset(&src, 0, sizeof src);
        dg_sources_add(&src, DG_SRC_AUTO, path);
        dg_schema *s = NULL;
        dg_diags d = DG_DIAGS_INIT;
        if (dg_schema_load(&src, &s, &d) != 0) {
            rc = 1;
        } else {
            for (size_t i = 0; i < s->tables.len; i++) list_table(argv[a], &s->tables.items[i]);
        }
        dg_diags_print(&d, stderr);
        dg_schema_free(s);
        dg_sources_free(&src);
        free(path);
    }
    return rc;
}
