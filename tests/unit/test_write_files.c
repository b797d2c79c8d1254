/* dg_write_files (util/fsutil.h) on outputs that already exist: a file is
 * compared with its new bytes, and kept for a rollback, without being read
 * into memory whole (a 1,000-table generate held 33 MB of old output for
 * that, and its peak memory went from 64 to 92 MiB on every run after the
 * first); a set that fails leaves every file as it was and nothing beside
 * them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

enum { BIG = 32 << 20 };

/* A file of BIG bytes: a pattern, its last byte `last`. */
static void write_big(const char *path, char last)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (long i = 0; i < BIG - 1; i++) fputc('a' + (int)(i % 23), f);
    fputc(last, f);
    assert_int_equal(fclose(f), 0);
}

static char last_byte(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, -1, SEEK_END), 0);
    int c = fgetc(f);
    fclose(f);
    return (char)c;
}

/* How many entries of `dir` have `part` in their names. */
static int entries_with(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) n += strstr(e->d_name, part) != NULL;
    closedir(d);
    return n;
}

/* An empty folder `dir` (what an earlier run left is removed). */
static void fresh_dir(const char *dir)
{
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.') continue;
        char *p = dg_xprintf("%s/%s", dir, e->d_name);
        if (unlink(p) != 0) (void)rmdir(p);
        free(p);
    }
    if (d) closedir(d);
    (void)mkdir(dir, 0755);
}

/* Runs dg_write_files on wf/big.c streamed from its temporary, in a child
 * whose data segment may grow by less than half the file. */
static int write_big_limited(void)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        long pages = 0, data = 0;
        FILE *st = fopen("/proc/self/statm", "r");
        if (!st || fscanf(st, "%*ld %*ld %*ld %*ld %*ld %ld", &data) != 1) _exit(3);
        fclose(st);
        pages = sysconf(_SC_PAGESIZE);
        struct rlimit lim = { (rlim_t)(data * pages) + BIG / 2, RLIM_INFINITY };
        if (setrlimit(RLIMIT_DATA, &lim) != 0) _exit(4);
        dg_file_out f = { "wf/big.c", NULL, 0, "wf/big.c.dalgen-tmp" };
        _exit(dg_write_files(&f, 1, NULL) == 0 ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void existing_outputs_are_not_read_whole(void **state)
{
    (void)state;
#ifdef SANITIZED
    skip();   /* a sanitizer's shadow memory counts against RLIMIT_DATA */
#endif
    fresh_dir("wf");
    write_big("wf/big.c", 'x');
    struct stat before;
    assert_int_equal(stat("wf/big.c", &before), 0);
    write_big("wf/big.c.dalgen-tmp", 'x');   /* the same bytes: left as it is */
    assert_int_equal(write_big_limited(), 0);
    struct stat after;
    assert_int_equal(stat("wf/big.c", &after), 0);
    assert_true(after.st_ino == before.st_ino);
    write_big("wf/big.c.dalgen-tmp", 'y');   /* the last byte differs: replaced */
    assert_int_equal(write_big_limited(), 0);
    assert_int_equal(last_byte("wf/big.c"), 'y');
    assert_int_equal(entries_with("wf", ".dalgen-"), 0);
}

/* The second file of the set cannot be written (its path is a folder): the
 * first, which exists with other bytes, keeps them, and no temporary or
 * kept copy is left. */
static void a_failed_set_leaves_the_files_as_they_were(void **state)
{
    (void)state;
    fresh_dir("wf2");
    FILE *f = fopen("wf2/a.h", "wb");
    assert_non_null(f);
    fputs("old\n", f);
    fclose(f);
    (void)mkdir("wf2/a.c", 0755);
    dg_file_out files[] = { { "wf2/a.h", "new\n", 4, NULL }, { "wf2/a.c", "c\n", 2, NULL } };
    size_t failed = 9;
    assert_int_equal(dg_write_files(files, 2, &failed), -1);
    assert_int_equal(failed, 1);
    char *got = NULL;
    assert_int_equal(dg_read_file("wf2/a.h", &got, NULL), 0);
    assert_string_equal(got, "old\n");
    free(got);
    assert_int_equal(entries_with("wf2", ".dalgen-"), 0);
    assert_int_equal(rmdir("wf2/a.c"), 0);
    assert_int_equal(dg_write_files(files, 2, NULL), 0);
    assert_int_equal(dg_read_file("wf2/a.h", &got, NULL), 0);
    assert_string_equal(got, "new\n");
    free(got);
    assert_int_equal(entries_with("wf2", ".dalgen-"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(existing_outputs_are_not_read_whole),
        cmocka_unit_test(a_failed_set_leaves_the_files_as_they_were),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
