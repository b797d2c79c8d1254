/* migrate.sum: dalgen.sum detects an edited, an inserted, a removed and a
 * reordered migration file, and names it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"
#include "migrations/mfolder.h"
#include "migrations/sum.h"
#include "util/buf.h"
#include "util/fsutil.h"

static char *dir;

static void put(const char *name, const char *text)
{
    char *p = dg_xprintf("%s/%s", dir, name);
    assert_int_equal(dg_write_file_if_changed(p, text, strlen(text), NULL), 0);
    free(p);
}

static void del(const char *name)
{
    char *p = dg_xprintf("%s/%s", dir, name);
    unlink(p);
    free(p);
}

/* Runs dg_sum_verify; returns its diagnostics (caller frees) and rc. */
static char *verify(int *rc)
{
    char *text = NULL;
    size_t len = 0;
    dg_diags d = DG_DIAGS_INIT;
    FILE *mem = open_memstream(&text, &len);
    dg_mfolder f;
    *rc = dg_mfolder_read(dir, false, &f, &d);
    if (*rc == 0) *rc = dg_sum_verify(&f, false, &d);
    dg_mfolder_free(&f);
    dg_diags_print(&d, mem);
    fclose(mem);
    return text;
}

static int setup(void **state)
{
    (void)state;
    static int n;
    dir = dg_xprintf("%s/sum%d", mh_tmpdir(), n++);
    dg_mkdirs(dir);
    put("0001_a.up.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
    put("0001_a.down.sql", "DROP TABLE a;\n");
    put("0002_b.up.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\n");
    put("0002_b.down.sql", "DROP TABLE b;\n");
    put("0004_d.up.sql", "CREATE TABLE d (id INTEGER PRIMARY KEY);\n");
    dg_diags d = DG_DIAGS_INIT;
    dg_mfolder f;
    assert_int_equal(dg_mfolder_read(dir, false, &f, &d), 0);
    assert_int_equal(dg_sum_write(&f, &d), 0);
    dg_mfolder_free(&f);
    dg_diags_print(&d, stderr);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(dir);   /* the harness removes the scratch folder at exit */
    return 0;
}

static void untouched_folder_verifies(void **state)
{
    (void)state;
    int rc;
    char *msg = verify(&rc);
    assert_int_equal(rc, 0);
    assert_string_equal(msg, "");
    free(msg);
}

static void line_endings_do_not_matter(void **state)
{
    (void)state;
    put("0002_b.up.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\r\n");
    int rc;
    char *msg = verify(&rc);
    assert_int_equal(rc, 0);
    free(msg);
}

static void edited_file_is_named(void **state)
{
    (void)state;
    put("0002_b.up.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY, x TEXT);\n");
    int rc;
    char *msg = verify(&rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(msg, "0002_b.up.sql was edited"));
    assert_null(strstr(msg, "0001_a"));
    free(msg);
}

static void inserted_file_is_named(void **state)
{
    (void)state;
    put("0003_c.up.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);\n");
    int rc;
    char *msg = verify(&rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(msg, "0003_c.up.sql is not listed"));
    free(msg);
}

static void removed_file_is_named(void **state)
{
    (void)state;
    del("0002_b.down.sql");
    int rc;
    char *msg = verify(&rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(msg, "0002_b.down.sql is listed but missing"));
    free(msg);
}

static void reordered_files_are_named(void **state)
{
    (void)state;
    /* 0002 and 0004 swap places: same names, contents in the other order. */
    put("0002_b.up.sql", "CREATE TABLE d (id INTEGER PRIMARY KEY);\n");
    put("0004_d.up.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\n");
    int rc;
    char *msg = verify(&rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(msg, "0002_b.up.sql"));
    assert_non_null(strstr(msg, "0004_d.up.sql"));
    free(msg);
}

static void renumbered_file_is_named(void **state)
{
    (void)state;
    del("0004_d.up.sql");
    put("0000_d.up.sql", "CREATE TABLE d (id INTEGER PRIMARY KEY);\n");
    int rc;
    char *msg = verify(&rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(msg, "0000_d.up.sql is not listed"));
    assert_non_null(strstr(msg, "0004_d.up.sql is listed but missing"));
    free(msg);
}

static void tampered_sum_is_detected(void **state)
{
    (void)state;
    char *p = dg_xprintf("%s/dalgen.sum", dir), *text = NULL;
    size_t len;
    assert_int_equal(dg_read_file(p, &text, &len), 0);
    char *line = strstr(text, "0002_b.up.sql ");
    assert_non_null(line);
    line[strlen("0002_b.up.sql ")] = line[strlen("0002_b.up.sql ")] == '0' ? '1' : '0';
    put("dalgen.sum", text);
    int rc;
    char *msg = verify(&rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(msg, "0002_b.up.sql"));
    free(msg);
    free(text);
    free(p);
}

static void known_digest(void **state)
{
    (void)state;
    char hex[65];
    dg_sha256_hex_normalized("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    dg_sha256_hex_normalized("a\r\nb\rc", 6, hex);
    char want[65];
    dg_sha256_hex_normalized("a\nb\nc", 5, want);
    assert_string_equal(hex, want);
}

/* A folder with no migration reads as empty (under UBSan it used to stop:
 * the empty list was sorted through a NULL array; fuzz_mig found it). */
static void empty_folder_reads_as_empty(void **state)
{
    (void)state;
    char *empty = dg_xprintf("%s/empty", mh_tmpdir());
    dg_mkdirs(empty);
    dg_diags d = DG_DIAGS_INIT;
    dg_mfolder f;
    assert_int_equal(dg_mfolder_read(empty, false, &f, &d), 0);
    assert_int_equal(f.items.len, 0);
    assert_int_equal(dg_mfolder_next_id(&f), 1);
    assert_int_equal(dg_sum_verify(&f, true, &d), 0);
    dg_mfolder_free(&f);
    dg_diags_free(&d);
    free(empty);
}

/* NNNN_x.sql and NNNN_x.up.sql are both the up file of one migration: an
 * error naming both (one of them was dropped silently, and leaked; fuzz_mig
 * found it). */
static void two_up_files_are_an_error(void **state)
{
    (void)state;
    char *two = dg_xprintf("%s/two", mh_tmpdir());
    dg_mkdirs(two);
    char *a = dg_xprintf("%s/0001_a.sql", two), *b = dg_xprintf("%s/0001_a.up.sql", two);
    assert_int_equal(dg_write_file_if_changed(a, "CREATE TABLE a (x);\n", 20, NULL), 0);
    assert_int_equal(dg_write_file_if_changed(b, "CREATE TABLE b (x);\n", 20, NULL), 0);
    dg_diags d = DG_DIAGS_INIT;
    dg_mfolder f;
    assert_int_equal(dg_mfolder_read(two, false, &f, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "a second up file for migration 0001_a"));
    dg_mfolder_free(&f);
    dg_diags_free(&d);
    free(a);
    free(b);
    free(two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_digest),
        cmocka_unit_test(empty_folder_reads_as_empty),
        cmocka_unit_test(two_up_files_are_an_error),
        cmocka_unit_test_setup_teardown(untouched_folder_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(line_endings_do_not_matter, setup, teardown),
        cmocka_unit_test_setup_teardown(edited_file_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(inserted_file_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(removed_file_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(reordered_files_are_named, setup, teardown),
        cmocka_unit_test_setup_teardown(renumbered_file_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(tampered_sum_is_detected, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
