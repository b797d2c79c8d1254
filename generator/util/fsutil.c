#define _POSIX_C_SOURCE 200809L
#include "util/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

int dg_read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    dg_buf b = DG_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        dg_buf_append(&b, chunk, n);
    int err = ferror(f);
    int saved = errno;
    fclose(f);
    if (err) {
        dg_buf_free(&b);
        errno = saved ? saved : EIO;
        return -1;
    }
    if (len) *len = b.len;
    *out = dg_buf_steal(&b);
    return 0;
}

char *dg_tmp_path(const char *path)
{
    return dg_xprintf("%s.dalgen-tmp-%ld", path, (long)getpid());
}

/* What dg_write_files knows of one file while it writes the set. */
typedef struct staged {
    char *tmp;      /* the temporary written, NULL when the file is unchanged */
    char *backup;   /* a hard link to the file before, NULL when none was made */
    char *old;      /* the file's bytes before, when no link could be made */
    size_t old_len;
    bool existed;   /* whether the file was there before */
} staged;

static int write_all(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        off += (size_t)w;
    }
    return close(fd);
}

/* Whether stream `f` holds exactly data[0, len) from where it is to its
 * end, read a chunk at a time into buf (`cap` bytes). */
static bool stream_holds(FILE *f, const char *data, size_t len, char *buf, size_t cap)
{
    size_t off = 0, n;
    bool same = true;
    while (same && (n = fread(buf, 1, cap, f)) > 0) {
        same = n <= len - off && memcmp(buf, data + off, n) == 0;
        off += n;
    }
    return same && !ferror(f) && off == len;
}

/* Whether the file at `path` holds exactly what file `f` holds from where it
 * is: both are read a chunk at a time (a streamed output is as large as the
 * whole output; it is never read in at once). */
static bool streams_equal(FILE *f, const char *path)
{
    enum { CHUNK = 65536 };
    FILE *g = fopen(path, "rb");
    char *a = dg_xmalloc(2 * CHUNK), *b = a + CHUNK;
    bool same = g != NULL;
    size_t n;
    while (same && (n = fread(a, 1, CHUNK, f)) > 0)
        same = fread(b, 1, n, g) == n && memcmp(a, b, n) == 0;
    same = same && !ferror(f) && fread(b, 1, 1, g) == 0 && !ferror(g);
    if (g) fclose(g);
    free(a);
    return same;
}

/* Whether file `f` already holds its bytes at f->path.  Sizes are compared
 * first; contents only when they match. */
static bool holds_already(const dg_file_out *f, const struct stat *now)
{
    struct stat t;
    if (f->tmp ? stat(f->tmp, &t) != 0 || t.st_size != now->st_size : (off_t)f->len != now->st_size)
        return false;
    FILE *old = fopen(f->path, "rb");
    if (!old) return false;
    bool same;
    if (f->tmp) {
        same = streams_equal(old, f->tmp);
    } else {
        char *buf = dg_xmalloc(65536);
        same = stream_holds(old, f->data, f->len, buf, 65536);
        free(buf);
    }
    fclose(old);
    return same;
}

int dg_write_file_if_changed(const char *path, const char *data, size_t len, bool *changed)
{
    if (changed) *changed = false;
    struct stat now;
    if (stat(path, &now) == 0 && holds_already(&(dg_file_out){ path, data, len, NULL }, &now)) return 0;
    char *tmp = dg_tmp_path(path);
    if (write_all(tmp, data, len) != 0 || rename(tmp, path) != 0) {
        int saved = errno;
        (void)unlink(tmp);
        free(tmp);
        errno = saved;
        return -1;
    }
    free(tmp);
    if (changed) *changed = true;
    return 0;
}

/* Keeps what f->path holds before it is replaced, so that a failed set can
 * put it back: a hard link beside it, or its bytes where the file system
 * has no links. */
static int keep_old(const dg_file_out *f, staged *st)
{
    st->existed = true;
    st->backup = dg_xprintf("%s.dalgen-old-%ld", f->path, (long)getpid());
    (void)unlink(st->backup);
    if (link(f->path, st->backup) == 0) return 0;
    free(st->backup);
    st->backup = NULL;
    return dg_read_file(f->path, &st->old, &st->old_len);
}

/* Writes file `f`'s temporary (st->tmp) unless it holds its bytes already
 * (a streamed file's temporary is then removed).  A path that is a folder
 * fails here, before anything is renamed. */
static int stage(const dg_file_out *f, staged *st)
{
    struct stat now;
    if (stat(f->path, &now) == 0) {
        if (S_ISDIR(now.st_mode)) return (errno = EISDIR, -1);
        if (holds_already(f, &now)) {
            if (f->tmp) (void)unlink(f->tmp);
            return 0;
        }
        if (keep_old(f, st) != 0) return -1;
    }
    if (f->tmp) {
        st->tmp = dg_xstrdup(f->tmp);
        return 0;
    }
    st->tmp = dg_tmp_path(f->path);
    if (write_all(st->tmp, f->data, f->len) == 0) return 0;
    int saved = errno;
    unlink(st->tmp);
    free(st->tmp);
    st->tmp = NULL;
    errno = saved;
    return -1;
}

/* Puts back the files 0..k-1 that were renamed into place. */
static void restore(const dg_file_out *files, staged *st, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (!st[i].tmp) continue;
        if (st[i].backup) {
            if (rename(st[i].backup, files[i].path) == 0) {
                free(st[i].backup);
                st[i].backup = NULL;
            }
        } else if (st[i].existed) {
            (void)write_all(st[i].tmp, st[i].old, st[i].old_len);
            (void)rename(st[i].tmp, files[i].path);
        } else {
            (void)unlink(files[i].path);
        }
    }
}

/* Stages every file, then renames them; the index of the file at fault, or
 * n when all are in place. */
static size_t write_set(const dg_file_out *files, size_t n, staged *st)
{
    for (size_t i = 0; i < n; i++)
        if (stage(&files[i], &st[i]) != 0) return i;
    for (size_t i = 0; i < n; i++) {
        if (!st[i].tmp || rename(st[i].tmp, files[i].path) == 0) continue;
        int saved = errno;
        restore(files, st, i);
        errno = saved;
        return i;
    }
    return n;
}

int dg_write_files(const dg_file_out *files, size_t n, size_t *failed)
{
    staged *st = dg_xcalloc(n ? n : 1, sizeof *st);
    size_t bad = write_set(files, n, st);
    int saved = errno;
    for (size_t k = 0; k < n; k++) {
        if (st[k].tmp && bad < n) (void)unlink(st[k].tmp);
        if (files[k].tmp && bad < n) (void)unlink(files[k].tmp);   /* those not staged yet */
        if (st[k].backup) (void)unlink(st[k].backup);
        free(st[k].backup);
        free(st[k].tmp);
        free(st[k].old);
    }
    free(st);
    if (bad == n) return 0;
    if (failed) *failed = bad;
    errno = saved;
    return -1;
}

bool dg_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool dg_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool dg_has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int dg_list_dir(const char *dir, const char *suffix, char ***out, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char **v = NULL;
    size_t len = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (suffix && !dg_has_suffix(e->d_name, suffix)) continue;
        char *p = dg_xprintf("%s/%s", dir, e->d_name);
        if (!dg_is_file(p)) {
            free(p);
            continue;
        }
        if (len == cap) {
            cap = cap ? cap * 2 : 16;
            v = dg_xrealloc(v, cap * sizeof *v);
        }
        v[len++] = p;
    }
    closedir(d);
    if (len > 1) qsort(v, len, sizeof *v, cmp_str);   /* qsort(NULL, 0) is undefined */
    *out = v;
    *n = len;
    return 0;
}

void dg_free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

int dg_mkdirs(const char *dir)
{
    char *p = dg_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0755);
    free(p);
    if (rc != 0 && errno != EEXIST) return -1;
    return dg_is_dir(dir) ? 0 : -1;
}

char *dg_missing_root(const char *dir)
{
    if (dg_is_dir(dir)) return NULL;
    char *p = dg_xstrdup(dir);
    for (;;) {
        char *slash = strrchr(p, '/');
        while (slash && slash > p && slash[1] == '\0') {   /* trailing slashes */
            *slash = '\0';
            slash = strrchr(p, '/');
        }
        if (!slash || slash == p) return p;
        *slash = '\0';
        if (dg_is_dir(p) || access(p, F_OK) == 0) {
            *slash = '/';
            return p;
        }
    }
}

void dg_rmdirs_empty(const char *dir, const char *top)
{
    char *p = dg_xstrdup(dir);
    size_t n = strlen(top);
    while (strlen(p) >= n && rmdir(p) == 0 && strlen(p) > n) {
        char *slash = strrchr(p, '/');
        if (!slash) break;
        *slash = '\0';
    }
    free(p);
}

/* Absolute, lexically normalised form of `path` (no symlink resolution, so
 * that the result does not depend on how the machine mounts things). */
static char *absnorm(const char *path)
{
    dg_buf b = DG_BUF_INIT;
    if (path[0] != '/') {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof cwd)) dg_buf_puts(&b, cwd);
        dg_buf_putc(&b, '/');
    }
    dg_buf_puts(&b, path);
    char *src = dg_buf_steal(&b);
    char *parts[PATH_MAX / 2];
    size_t np = 0;
    for (char *tok = strtok(src, "/"); tok; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0) continue;
        if (strcmp(tok, "..") == 0) {
            if (np) np--;
            continue;
        }
        if (np < sizeof parts / sizeof parts[0]) parts[np++] = tok;
    }
    for (size_t i = 0; i < np; i++) {
        dg_buf_putc(&b, '/');
        dg_buf_puts(&b, parts[i]);
    }
    if (np == 0) dg_buf_putc(&b, '/');
    free(src);
    return dg_buf_steal(&b);
}

char *dg_relpath(const char *path, const char *from)
{
    char *a = absnorm(path), *f = absnorm(from);
    size_t i = 0, common = 0;
    while (a[i] && f[i] && a[i] == f[i]) {
        if (a[i] == '/') common = i;
        i++;
    }
    if (!f[i] && (a[i] == '/' || !a[i])) common = i;
    else if (!a[i] && f[i] == '/') common = i;
    dg_buf b = DG_BUF_INIT;
    for (const char *s = f + common; *s; s++)
        if (*s == '/' && s[1]) dg_buf_puts(&b, "../");
    const char *rest = a + common;
    while (*rest == '/') rest++;
    dg_buf_puts(&b, rest);
    if (b.len == 0) dg_buf_putc(&b, '.');
    else if (b.data[b.len - 1] == '/') b.data[--b.len] = '\0';
    free(a);
    free(f);
    return dg_buf_steal(&b);
}

bool dg_is_sqlite_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char hdr[16];
    size_t n = fread(hdr, 1, sizeof hdr, f);
    fclose(f);
    return n == 16 && memcmp(hdr, "SQLite format 3", 16) == 0;
}
