/* The header front end loads the DDL it derives from a header from memory:
 * it works with $TMPDIR unusable, and errors in that DDL are reported at the
 * header's lines (a DAL_CHECK expression SQLite refuses).
 *
 * Argument: the folder holding dal_annotate.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/sources.h"
#include "util/buf.h"

static const char *include_dir;

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static dg_schema *load_header(const char *path, char **diag)
{
    dg_sources src = {0};
    dg_sources_add(&src, DG_SRC_HEADER, path);
    char *inc = dg_xprintf("-I%s", include_dir);
    dg_strings_push(&src.clang_args, inc);
    free(inc);
    size_t len = 0;
    FILE *mem = open_memstream(diag, &len);
    dg_diags d = DG_DIAGS_INIT;
    dg_schema *s = NULL;
    dg_schema_load(&src, &s, &d);
    dg_diags_print(&d, mem);
    fclose(mem);
    dg_sources_free(&src);
    return s;
}

static void loads_without_a_temporary_folder(void **state)
{
    (void)state;
    write_file("hm_users.h", "#include <dal_annotate.h>\n"
                             "struct DAL_TABLE(\"users\") user {\n"
                             "    int64_t     id   DAL_PK;\n"
                             "    const char *name DAL_UNIQUE;\n"
                             "};\n");
    assert_int_equal(setenv("TMPDIR", "/nonexistent/dalgen-no-tmp", 1), 0);
    char *diag = NULL;
    dg_schema *s = load_header("hm_users.h", &diag);
    if (!s) fail_msg("%s", diag);
    assert_int_equal(s->tables.len, 1);
    assert_string_equal(s->tables.items[0].name, "users");
    assert_string_equal(s->tables.items[0].loc.file, "hm_users.h");
    assert_int_equal(s->tables.items[0].loc.line, 2);
    assert_int_equal(s->tables.items[0].columns.len, 2);
    assert_string_equal(s->tables.items[0].columns.items[1].loc.file, "hm_users.h");
    assert_int_equal(s->tables.items[0].columns.items[1].loc.line, 4);
    free(diag);
    dg_schema_free(s);
    unsetenv("TMPDIR");
}

static void ddl_errors_are_at_header_lines(void **state)
{
    (void)state;
    write_file("hm_bad.h", "#include <dal_annotate.h>\n"
                           "struct DAL_TABLE(\"items\") item {\n"
                           "    int64_t id DAL_PK;\n"
                           "    double  price DAL_CHECK(\"price >\");\n"
                           "};\n");
    char *diag = NULL;
    dg_schema *s = load_header("hm_bad.h", &diag);
    assert_null(s);
    if (!strstr(diag, "hm_bad.h:4:")) fail_msg("no error at hm_bad.h:4: in:\n%s", diag);
    assert_null(strstr(diag, "DDL of"));   /* never the in-memory name */
    free(diag);
}

int main(int argc, char **argv)
{
    include_dir = argc > 1 ? argv[1] : ".";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_without_a_temporary_folder),
        cmocka_unit_test(ddl_errors_are_at_header_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
