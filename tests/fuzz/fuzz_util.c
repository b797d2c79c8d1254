/* fuzz_util.c - what the harnesses share. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"

#define MAX_TMP 8
static char *tmp_paths[MAX_TMP];   /* harness state, not product code */

static void remove_tmp(void)
{
    for (int i = 0; i < MAX_TMP; i++)
        if (tmp_paths[i]) {
            unlink(tmp_paths[i]);
            free(tmp_paths[i]);
        }
}

const char *dg_fuzz_tmpfile(const char *tag)
{
    int i = 0;
    for (; i < MAX_TMP && tmp_paths[i]; i++)
        if (strstr(tmp_paths[i], tag)) return tmp_paths[i];
    if (i == MAX_TMP) abort();
    const char *dir = getenv("TMPDIR");
    tmp_paths[i] = dg_xprintf("%s/dalgen-fuzz-%ld-%s.sql", dir && *dir ? dir : "/tmp", (long)getpid(), tag);
    if (i == 0) atexit(remove_tmp);
    return tmp_paths[i];
}
