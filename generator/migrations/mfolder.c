#include "migrations/mfolder.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "migrations/sum.h"

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Parses "NNNN_name.up.sql" / ".down.sql": returns 1 (up), 2 (down) or 0,
 * with the id and the stem length (without the suffix). */
static int parse_name(const char *name, int64_t *id, size_t *stem)
{
    size_t n = strlen(name), i = 0;
    int64_t v = 0;
    while (name[i] >= '0' && name[i] <= '9') {
        if (v > (INT64_MAX - 9) / 10) return 0;
        v = v * 10 + (name[i] - '0');
        i++;
    }
    if (i == 0 || name[i] != '_' || name[i + 1] == '\0') return 0;
    int kind = 0;
    if (dg_has_suffix(name, ".up.sql")) kind = 1, *stem = n - 7;
    else if (dg_has_suffix(name, ".down.sql")) kind = 2, *stem = n - 9;
    else if (dg_has_suffix(name, ".sql")) kind = 1, *stem = n - 4;   /* NNNN_name.sql: up only */
    if (!kind || *stem <= i + 1) return 0;
    for (size_t k = 0; k < n; k++)   /* dalgen.sum holds the name on one line of text */
        if ((unsigned char)name[k] < 0x20 || name[k] == 0x7f) return 0;
    *id = v;
    return kind;
}

bool dg_mfolder_is_migration_file(const char *name)
{
    int64_t id;
    size_t stem;
    return parse_name(name, &id, &stem) != 0;
}

static dg_migration *find_or_add(dg_mfolder *f, int64_t id, const char *stem, size_t stem_len,
                                 const char *path, dg_diags *d)
{
    for (size_t i = 0; i < f->items.len; i++) {
        dg_migration *m = &f->items.items[i];
        if (m->id != id) continue;
        if (strlen(m->name) == stem_len && !strncmp(m->name, stem, stem_len)) return m;
        dg_loc loc = {path, 1, 1};
        dg_error(d, loc, "migration number %lld is used by both %s and %.*s",
                 (long long)id, m->name, (int)stem_len, stem);
        return NULL;
    }
    dg_migration *m = DG_VEC_ADD(&f->items);
    m->id = id;
    m->name = dg_xstrndup(stem, stem_len);
    return m;
}

static int cmp_migration(const void *a, const void *b)
{
    const dg_migration *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int read_one(dg_migration *m, int kind, const char *path, dg_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    const char *had = kind == 1 ? m->up_path : m->down_path;
    if (had) {   /* NNNN_x.sql and NNNN_x.up.sql: which one runs? (the first was dropped, and leaked) */
        dg_error(d, (dg_loc){path, 1, 1}, "a second %s file for migration %s (the other is %s)",
                 kind == 1 ? "up" : "down", m->name, had);
        return -1;
    }
    if (dg_read_file(path, &text, &len) != 0) {
        dg_loc loc = {path, 1, 1};
        dg_error(d, loc, "cannot read: %s", strerror(errno));
        return -1;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {   /* the runner takes C strings: the rest would be dropped, though the checksum covers it */
        dg_error(d, dg_loc_at(text, (size_t)(nul - text), (dg_loc){path, 1, 1}),
                 "a NUL byte: a migration is text, and nothing after it would run");
        free(text);
        return -1;
    }
    if (kind == 1) {
        m->up = text;
        m->up_path = dg_xstrdup(path);
        dg_sha256_hex_normalized(text, len, m->checksum);
    } else {
        m->down = text;
        m->down_path = dg_xstrdup(path);
    }
    return 0;
}

int dg_mfolder_read(const char *dir, bool may_be_missing, dg_mfolder *out, dg_diags *d)
{
    memset(out, 0, sizeof *out);
    out->dir = dg_xstrdup(dir);
    if (!dg_is_dir(dir)) {
        if (may_be_missing && !dg_is_file(dir)) return 0;
        dg_loc loc = {dir, 1, 1};
        dg_error(d, loc, "not a migrations folder");
        return -1;
    }
    char **files = NULL;
    size_t n = 0;
    if (dg_list_dir(dir, ".sql", &files, &n) != 0) {
        dg_loc loc = {dir, 1, 1};
        dg_error(d, loc, "cannot list: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *name = base_name(files[i]);
        int64_t id;
        size_t stem;
        int kind = parse_name(name, &id, &stem);
        if (!kind) {
            dg_loc loc = {files[i], 1, 1};
            dg_error(d, loc, "not a migration file name (expected NNNN_name.up.sql, NNNN_name.down.sql or NNNN_name.sql)");
            rc = -1;
            break;
        }
        dg_migration *m = find_or_add(out, id, name, stem, files[i], d);
        if (!m || read_one(m, kind, files[i], d) != 0) rc = -1;
    }
    dg_free_strings(files, n);
    if (rc == 0) {
        if (out->items.len > 1)   /* an empty folder has no array: qsort's NULL is undefined */
            qsort(out->items.items, out->items.len, sizeof *out->items.items, cmp_migration);
        for (size_t i = 0; i < out->items.len; i++) {
            dg_migration *m = &out->items.items[i];
            if (m->up) continue;
            dg_loc loc = {m->down_path, 1, 1};
            dg_error(d, loc, "down migration without its up file %s.up.sql", m->name);
            rc = -1;
        }
    }
    return rc;
}

void dg_mfolder_free(dg_mfolder *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->items.len; i++) {
        dg_migration *m = &f->items.items[i];
        free(m->name);
        free(m->up_path);
        free(m->down_path);
        free(m->up);
        free(m->down);
    }
    DG_VEC_FREE(&f->items);
    free(f->dir);
    f->dir = NULL;
}

int64_t dg_mfolder_next_id(const dg_mfolder *f)
{
    return f->items.len ? f->items.items[f->items.len - 1].id + 1 : 1;
}
