/* fuzz_util.c - what the harnesses share. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"

#define MAX_TMP 8
static char *tmp_paths[MAX_TMP];   /* harness state, not product code */
static int tmp_is_dir[MAX_TMP];

static void remove_tmp(void)
{
    for (int i = 0; i < MAX_TMP; i++)
        if (tmp_paths[i]) {
            if (tmp_is_dir[i]) {
                dg_fuzz_clear_dir(tmp_paths[i]);
                rmdir(tmp_paths[i]);
            } else {
                unlink(tmp_paths[i]);
            }
            free(tmp_paths[i]);
        }
}

static const char *tmp_root(void)
{
    const char *dir = getenv("TMPDIR");
    if (dir && *dir) return dir;
    return dg_is_dir("/dev/shm") ? "/dev/shm" : "/tmp";
}

static const char *tmp_path(const char *tag, int is_dir)
{
    int i = 0;
    for (; i < MAX_TMP && tmp_paths[i]; i++)
        if (!strcmp(strrchr(tmp_paths[i], '-') + 1, tag)) return tmp_paths[i];
    if (i == MAX_TMP) abort();
    tmp_paths[i] = dg_xprintf("%s/dalgen-fuzz-%ld-%s", tmp_root(), (long)getpid(), tag);
    tmp_is_dir[i] = is_dir;
    if (is_dir && mkdir(tmp_paths[i], 0700) != 0) abort();
    if (i == 0) atexit(remove_tmp);
    return tmp_paths[i];
}

const char *dg_fuzz_tmpfile(const char *tag) { return tmp_path(tag, 0); }
const char *dg_fuzz_tmpdir(const char *tag) { return tmp_path(tag, 1); }

void dg_fuzz_write_path(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (fwrite(data, 1, size, f) != size || fclose(f) != 0) abort();
}

const char *dg_fuzz_write(const char *tag, const void *data, size_t size)
{
    const char *path = dg_fuzz_tmpfile(tag);
    dg_fuzz_write_path(path, data, size);
    return path;
}

void dg_fuzz_clear_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *p = dg_xprintf("%s/%s", dir, e->d_name);
        unlink(p);
        free(p);
    }
    closedir(d);
}
