/* fuzz_mig.c - a migrations folder and its dalgen.sum (generator/
 * migrations/): the input is a folder written as files, each introduced by
 * a line "== NAME" (a file name: NNNN_x.up.sql, NNNN_x.down.sql, NNNN_x.sql,
 * dalgen.sum or anything else); the folder is read, checked against its
 * dalgen.sum, its sum rendered, and handed to libdal's runner as a list. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "migrations/mfolder.h"
#include "migrations/msource.h"
#include "migrations/sum.h"
#include "model/model.h"
#include "util/buf.h"

#define MAX_FILES 16

/* A file name of the input, or NULL when the header is not one. */
static char *file_name(const char *s, size_t n)
{
    if (n == 0 || n > 64) return NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '/' || s[i] == '\0') return NULL;
    if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.')) return NULL;
    return dg_xstrndup(s, n);
}

/* Start of the next line "== " at or after `at` (size when none). */
static size_t next_header(const char *text, size_t size, size_t at)
{
    for (; at + 3 <= size; at++)
        if ((at == 0 || text[at - 1] == '\n') && !memcmp(text + at, "== ", 3)) return at;
    return size;
}

/* Writes the input's files into `dir` (emptied first). */
static void write_folder(const char *dir, const char *text, size_t size)
{
    dg_fuzz_clear_dir(dir);
    int files = 0;
    for (size_t at = next_header(text, size, 0); at < size && files < MAX_FILES;) {
        const char *nl = memchr(text + at, '\n', size - at);
        size_t name_end = nl ? (size_t)(nl - text) : size, body = nl ? name_end + 1 : size;
        size_t end = next_header(text, size, body);
        char *name = file_name(text + at + 3, name_end - at - 3);
        if (name) {
            char *path = dg_xprintf("%s/%s", dir, name);
            dg_fuzz_write_path(path, text + body, end - body);
            free(path);
            free(name);
            files++;
        }
        at = end;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = dg_fuzz_tmpdir("mig");
    write_folder(dir, (const char *)data, size);
    dg_diags d = DG_DIAGS_INIT;
    dg_mfolder f = {0};
    if (dg_mfolder_read(dir, false, &f, &d) == 0) {
        (void)dg_sum_verify(&f, size % 2 == 0, &d);
        free(dg_sum_render(&f));
        (void)dg_mfolder_next_id(&f);
        free(dg_mfolder_to_dal(&f));
        if (f.items.len <= 4) {   /* the schema the folder builds (a scratch database each) */
            dg_schema *s = NULL;
            (void)dg_load_folder_schema(&f, &s, &d);
            dg_schema_free(s);
        }
    }
    dg_mfolder_free(&f);
    dg_diags_free(&d);
    return 0;
}
