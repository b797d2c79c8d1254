/* fsutil.h - the file operations the generator needs, with the guarantees
 * DESIGN.md asks for: outputs are written atomically (temp file + rename) and
 * a file whose content would not change is left untouched (mtime kept). */
#ifndef DG_FSUTIL_H
#define DG_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file. Returns 0 and sets *out (caller frees, NUL-terminated)
 * and *len; on failure returns -1 with errno set and *out untouched. */
int dg_read_file(const char *path, char **out, size_t *len);

/* Writes `data` to `path` atomically unless the file already holds exactly
 * these bytes. Sets *changed (may be NULL) to whether the file was written.
 * Returns 0 or -1 with errno set (no partial file is ever left behind). */
int dg_write_file_if_changed(const char *path, const char *data, size_t len, bool *changed);

/* The temporary a write of `path` goes through: beside it (so that the
 * rename stays within one file system), named for this process.  Caller
 * frees. */
char *dg_tmp_path(const char *path);

/* One file of a set written together. */
typedef struct dg_file_out {
    const char *path;
    const char *data;
    size_t      len;
    /* NULL, or path's dg_tmp_path, already holding the bytes (data and len
     * unused): the file was streamed there as it was made */
    const char *tmp;
} dg_file_out;

/* Writes the files as one unit: every changed file goes to a temporary
 * beside it first, and only when all of them are written are they renamed
 * into place (a rename that fails puts back what the earlier ones replaced).
 * Files already holding their bytes are left untouched.  Every `tmp` given
 * is renamed into place or removed, whatever the outcome.  Returns 0, or -1
 * with errno set and *failed (may be NULL) the index of the file at fault:
 * then none of the files has changed. */
int dg_write_files(const dg_file_out *files, size_t n, size_t *failed);

bool dg_is_dir(const char *path);
bool dg_is_file(const char *path);

/* Regular files in `dir` whose names end with `suffix` (NULL = any), sorted
 * by name (byte order), as "dir/name" paths. Returns 0 or -1 (errno set).
 * Free with dg_free_strings. */
int dg_list_dir(const char *dir, const char *suffix, char ***out, size_t *n);
void dg_free_strings(char **v, size_t n);

/* Creates `dir` and its parents (like mkdir -p). Returns 0 or -1. */
int dg_mkdirs(const char *dir);

/* The highest of `dir` and its parents that does not exist (what
 * dg_mkdirs would create first), or NULL when `dir` exists.  Caller frees. */
char *dg_missing_root(const char *dir);

/* Removes `dir`, then each parent up to and including `top`, while each is
 * empty (rmdir: a folder something was put in stays).  Undoes dg_mkdirs
 * after a failure, with `top` from dg_missing_root before it. */
void dg_rmdirs_empty(const char *dir, const char *top);

/* Path of `path` relative to directory `from` (both may be relative to the
 * current directory). Used for banners, which must not hold absolute paths.
 * Caller frees. */
char *dg_relpath(const char *path, const char *from);

/* True when the file starts with the 16-byte SQLite header. */
bool dg_is_sqlite_file(const char *path);

bool dg_has_suffix(const char *s, const char *suffix);

#endif
