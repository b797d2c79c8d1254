/* driver.c - main() for the harnesses when the compiler has no libFuzzer:
 * runs every seed file, then deterministic mutations of them (byte flips,
 * insertions of SQL words, deletions, duplications, splices), so that the
 * same seed and corpus always try the same inputs.  It takes libFuzzer's
 * flags, so that ctest calls both alike:
 *     fuzz_X [-seed=S] [-runs=N] [-max_total_time=SECONDS] [-timeout=SECONDS]
 *            [-dump=N] DIR_OR_FILE...
 * -dump=N writes mutated input N to fuzz-input-N and runs only it.  A
 * crash, an abort or a sanitizer report ends the process after writing the
 * input to ./fuzz-crash-input (check it in under tests/fuzz/regressions/);
 * an input that runs longer than -timeout seconds is a failure too. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"

typedef struct input { char *data; size_t len; } input;
typedef struct inputs { input *items; size_t len, cap; } inputs;
typedef struct opts { unsigned long long seed; long runs, max_time, timeout, dump; } opts;

static const char *const words[] = {
    "SELECT ", " FROM ", " WHERE ", "CREATE TABLE ", "CREATE INDEX ", "CREATE VIEW ", "CREATE TRIGGER ",
    " PRIMARY KEY", " UNIQUE", " NOT NULL", " DEFAULT ", " REFERENCES ", " CHECK (", " GENERATED ALWAYS AS (",
    " WITHOUT ROWID", " STRICT", " AUTOINCREMENT", " COLLATE NOCASE", "(", ")", ",", ";", "'", "\"", "`", "[",
    "]", "?", "?1", ":x", "@x", "$x", "sqlc.arg(a)", "sqlc.slice(ids)", "sqlc.embed(t)", " AND ", " OR ",
    " IN (", " BETWEEN ", " CASE WHEN ", " END", " JOIN ", " ON ", " UNION ", " WITH RECURSIVE c(x) AS (",
    " RETURNING *", "\n-- name: Q :one\n", "\n-- name: Q :many\n", "-- @renamed_from a\n", "-- @type text\n",
    "/* @format email */", "\n-- @param x INTEGER\n", "\n-- @result x TEXT NOT NULL\n", "/*", "*/", "--",
    "\n", "\r\n", "\t", "\0", "\xef\xbb\xbf", "\xff", "\xc3\xa9", "rowid", "oid", "_rowid_", "NULL", "1e999",
    "-9223372036854775808", "x'00'", "+1", "*", "||", "->>", " OVER (", " ALTER TABLE ", " RENAME TO ",
    " ADD COLUMN ", " DROP ", " INSERT INTO ", " VALUES (", " BEGIN ", " UPDATE ", " SET ", "----\n",
};

static unsigned long long rng_state;

static size_t rnd(size_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return n ? (size_t)(rng_state % n) : 0;
}

static void add_input(inputs *v, char *data, size_t len)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->items = dg_xrealloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->len++] = (input){data, len};
}

static void add_path(inputs *v, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) return;
    if (S_ISREG(st.st_mode)) {
        char *data = NULL;
        size_t len = 0;
        if (dg_read_file(path, &data, &len) == 0) add_input(v, data, len);
        return;
    }
    char **files = NULL;
    size_t n = 0;
    if (dg_list_dir(path, NULL, &files, &n) != 0) return;
    for (size_t i = 0; i < n; i++) add_path(v, files[i]);
    dg_free_strings(files, n);
}

/* One mutation of `b` in place. */
static void mutate_once(dg_buf *b, const inputs *seeds)
{
    size_t at = rnd(b->len + 1);
    dg_buf out = DG_BUF_INIT;
    dg_buf_append(&out, b->data, at);
    switch (rnd(6)) {
    case 0: {   /* a word inserted */
        const char *w = words[rnd(sizeof words / sizeof words[0])];
        dg_buf_append(&out, w, *w ? strlen(w) : 1);
        dg_buf_append(&out, b->data + at, b->len - at);
        break;
    }
    case 1:     /* a byte flipped */
        if (at < b->len) {
            dg_buf_putc(&out, (char)(b->data[at] ^ (1 << rnd(8))));
            at++;
        }
        dg_buf_append(&out, b->data + at, b->len - at);
        break;
    case 2: {   /* a range deleted */
        size_t n = rnd(b->len - at + 1);
        if (n > 64) n = rnd(64);
        dg_buf_append(&out, b->data + at + n, b->len - at - n);
        break;
    }
    case 3: {   /* a range duplicated */
        size_t n = rnd(b->len - at + 1);
        if (n > 256) n = 256;
        dg_buf_append(&out, b->data + at, n);
        dg_buf_append(&out, b->data + at, b->len - at);
        break;
    }
    case 4: {   /* a piece of another seed spliced in */
        const input *o = &seeds->items[rnd(seeds->len)];
        size_t from = rnd(o->len + 1), n = rnd(o->len - from + 1);
        dg_buf_append(&out, o->data + from, n);
        dg_buf_append(&out, b->data + at, b->len - at);
        break;
    }
    default:    /* a random byte */
        dg_buf_putc(&out, (char)rnd(256));
        dg_buf_append(&out, b->data + at, b->len - at);
    }
    dg_buf_free(b);
    *b = out;
}

/* The input being run, for the crash file (harness state). */
static const char *volatile current;
static volatile size_t current_len;

static void save_current(void)
{
    int fd = open("fuzz-crash-input", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || !current) return;
    if (write(fd, current, current_len) < 0) {}
    close(fd);
}

static void on_signal(int sig)
{
    save_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* AddressSanitizer's hook, when the program is built with it. */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static void catch_crashes(void)
{
    static const int sigs[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGALRM, SIGILL};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], on_signal);
    if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(save_current);
}

static void run(const char *data, size_t len, long timeout)
{
    char *copy = dg_xmalloc(len ? len : 1);   /* exactly len bytes, so ASan sees overreads */
    memcpy(copy, data, len);
    current = copy;
    current_len = len;
    alarm((unsigned)timeout);
    LLVMFuzzerTestOneInput((const uint8_t *)copy, len);
    alarm(0);
    current = NULL;
    free(copy);
}

static int parse_opts(int argc, char **argv, opts *o, inputs *seeds)
{
    *o = (opts){1, 10000, 0, 10, -1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strncmp(a, "-seed=", 6)) o->seed = strtoull(a + 6, NULL, 10);
        else if (!strncmp(a, "-runs=", 6)) o->runs = atol(a + 6);
        else if (!strncmp(a, "-max_total_time=", 16)) o->max_time = atol(a + 16);
        else if (!strncmp(a, "-timeout=", 9)) o->timeout = atol(a + 9);
        else if (!strncmp(a, "-dump=", 6)) o->dump = atol(a + 6);
        else if (a[0] == '-') fprintf(stderr, "fuzz driver: ignoring %s\n", a);
        else add_path(seeds, a);
    }
    if (!seeds->len) add_input(seeds, dg_xstrdup(""), 0);
    return 0;
}

int main(int argc, char **argv)
{
    opts o;
    inputs seeds = {0};
    parse_opts(argc, argv, &o, &seeds);
    catch_crashes();
    rng_state = o.seed * 2654435761ULL + 88172645463325252ULL;
    if (o.dump < 0)
        for (size_t i = 0; i < seeds.len; i++) run(seeds.items[i].data, seeds.items[i].len, o.timeout);
    time_t start = time(NULL);
    long done = 0;
    for (long r = 1; r <= o.runs; r++) {
        if (o.max_time && time(NULL) - start >= o.max_time) break;
        const input *s = &seeds.items[rnd(seeds.len)];
        dg_buf b = DG_BUF_INIT;
        dg_buf_append(&b, s->data, s->len);
        for (size_t k = 1 + rnd(4); k > 0; k--) mutate_once(&b, &seeds);
        if (o.dump < 0 || o.dump == r) {
            if (o.dump == r) {
                char name[64];
                snprintf(name, sizeof name, "fuzz-input-%ld", r);
                FILE *f = fopen(name, "wb");
                if (f) {
                    fwrite(b.data, 1, b.len, f);
                    fclose(f);
                }
            }
            if (r % 1000 == 0 || o.dump == r) fprintf(stderr, "run %ld\n", r);
            run(b.data ? b.data : "", b.len, o.timeout);
            done++;
        }
        dg_buf_free(&b);
    }
    fprintf(stderr, "fuzz driver: %zu seeds, %ld mutated inputs (seed %llu), no failure\n", seeds.len, done, o.seed);
    for (size_t i = 0; i < seeds.len; i++) free(seeds.items[i].data);
    free(seeds.items);
    return 0;
}
