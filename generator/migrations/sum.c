#include "migrations/sum.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "util/buf.h"
#include "util/fsutil.h"

static void to_hex(const uint8_t *digest, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}

void dg_sha256_hex_normalized(const char *data, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] != '\r') continue;
        sha256_update(&ctx, i - start, (const uint8_t *)data + start);
        sha256_update(&ctx, 1, (const uint8_t *)"\n");
        if (i + 1 < len && data[i + 1] == '\n') i++;
        start = i + 1;
    }
    sha256_update(&ctx, len - start, (const uint8_t *)data + start);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    to_hex(digest, out);
}

/* One file of the folder, in sum order: up before down, by id. */
typedef struct sum_entry {
    char *name;          /* base name */
    char  hash[65];
} sum_entry;

typedef DG_VEC(sum_entry) sum_entries;

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void folder_entries(const dg_mfolder *f, sum_entries *out)
{
    for (size_t i = 0; i < f->items.len; i++) {
        const dg_migration *m = &f->items.items[i];
        sum_entry *e = DG_VEC_ADD(out);
        e->name = dg_xstrdup(base_name(m->up_path));
        memcpy(e->hash, m->checksum, 65);
        if (!m->down) continue;
        e = DG_VEC_ADD(out);
        e->name = dg_xstrdup(base_name(m->down_path));
        dg_sha256_hex_normalized(m->down, strlen(m->down), e->hash);
    }
}

static void entries_free(sum_entries *v)
{
    for (size_t i = 0; i < v->len; i++) free(v->items[i].name);
    DG_VEC_FREE(v);
}

static void chain_total(const sum_entries *v, char out[65])
{
    dg_sha256_hex_normalized("", 0, out);
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < v->len; i++) {
        dg_buf_clear(&b);
        dg_buf_printf(&b, "%s %s %s", out, v->items[i].name, v->items[i].hash);
        dg_sha256_hex_normalized(b.data, b.len, out);
    }
    dg_buf_free(&b);
}

char *dg_sum_render(const dg_mfolder *f)
{
    sum_entries v = {0};
    folder_entries(f, &v);
    char total[65];
    chain_total(&v, total);
    dg_buf b = DG_BUF_INIT;
    dg_buf_puts(&b, "# dalgen.sum: do not edit; written by `dalgen migrate new|hash`\n");
    dg_buf_printf(&b, "total %s\n", total);
    for (size_t i = 0; i < v.len; i++)
        dg_buf_printf(&b, "%s %s\n", v.items[i].name, v.items[i].hash);
    entries_free(&v);
    return dg_buf_steal(&b);
}

static char *sum_path(const dg_mfolder *f)
{
    return dg_xprintf("%s/%s", f->dir, DG_SUM_FILE);
}

int dg_sum_write(const dg_mfolder *f, dg_diags *d)
{
    char *path = sum_path(f), *text = dg_sum_render(f);
    int rc = dg_write_file_if_changed(path, text, strlen(text), NULL);
    if (rc != 0) {
        dg_loc loc = {path, 1, 1};
        dg_error(d, loc, "cannot write: %s", strerror(errno));
    }
    free(text);
    free(path);
    return rc;
}

/* Parses the lines of a dalgen.sum; returns -1 on a malformed line. */
static int parse_sum(const char *path, char *text, sum_entries *out, char total[65], dg_diags *d)
{
    int line = 0;
    total[0] = '\0';
    for (char *s = text; *s;) {
        char *nl = strchr(s, '\n');
        if (nl) *nl = '\0';
        line++;
        size_t n = strlen(s);
        if (n && s[n - 1] == '\r') s[--n] = '\0';
        char *sp = strrchr(s, ' ');
        if (n == 0 || s[0] == '#') {
            /* comment or blank line */
        } else if (!sp || strlen(sp + 1) != 64) {
            dg_loc loc = {path, line, 1};
            dg_error(d, loc, "malformed dalgen.sum line (expected `name sha256`)");
            return -1;
        } else if (!strncmp(s, "total ", 6) && sp == s + 5) {
            memcpy(total, sp + 1, 65);
        } else {
            sum_entry *e = DG_VEC_ADD(out);
            e->name = dg_xstrndup(s, (size_t)(sp - s));
            memcpy(e->hash, sp + 1, 65);
        }
        if (!nl) break;
        s = nl + 1;
    }
    return 0;
}

static long find_entry(const sum_entries *v, const char *name)
{
    for (size_t i = 0; i < v->len; i++)
        if (!strcmp(v->items[i].name, name)) return (long)i;
    return -1;
}

/* Names every difference between the folder (`have`) and the sum (`want`). */
static int compare_entries(const char *path, const sum_entries *have, const sum_entries *want,
                           dg_diags *d)
{
    dg_loc loc = {path, 1, 1};
    int bad = 0;
    long last = -1;
    for (size_t i = 0; i < have->len; i++) {
        const sum_entry *h = &have->items[i];
        long j = find_entry(want, h->name);
        if (j < 0) {
            dg_error(d, loc, "%s is not listed (a migration was inserted or added by hand; "
                     "run `dalgen migrate hash` if that is intended)", h->name);
            bad = 1;
            continue;
        }
        if (strcmp(h->hash, want->items[j].hash) != 0) {
            dg_error(d, loc, "%s was edited after it was written (checksum mismatch)", h->name);
            bad = 1;
        }
        if (j < last) {
            dg_error(d, loc, "%s is out of order (migrations were reordered or renumbered)", h->name);
            bad = 1;
        }
        if (j > last) last = j;
    }
    for (size_t j = 0; j < want->len; j++)
        if (find_entry(have, want->items[j].name) < 0) {
            dg_error(d, loc, "%s is listed but missing from the folder", want->items[j].name);
            bad = 1;
        }
    return bad ? -1 : 0;
}

int dg_sum_verify(const dg_mfolder *f, bool missing_ok, dg_diags *d)
{
    char *path = sum_path(f), *text = NULL;
    size_t len;
    int rc = 0;
    if (dg_read_file(path, &text, &len) != 0) {
        bool ok = missing_ok && errno == ENOENT;
        if (!ok) {
            dg_loc loc = {path, 1, 1};
            dg_error(d, loc, "cannot read: %s (run `dalgen migrate hash --dir %s` to create it)",
                     strerror(errno), f->dir);
        }
        free(path);
        return ok ? 0 : -1;
    }
    sum_entries have = {0}, want = {0};
    char total[65], want_total[65];
    folder_entries(f, &have);
    rc = parse_sum(path, text, &want, want_total, d);
    if (rc == 0) rc = compare_entries(path, &have, &want, d);
    if (rc == 0) {
        chain_total(&want, total);
        if (strcmp(total, want_total) != 0) {
            dg_loc loc = {path, 1, 1};
            dg_error(d, loc, "the total does not match the listed files (dalgen.sum was edited)");
            rc = -1;
        }
    }
    entries_free(&have);
    entries_free(&want);
    free(text);
    free(path);
    return rc;
}
