/* realpath() is XSI: the only file of dalgen that needs more than POSIX. */
#define _XOPEN_SOURCE 700
#include "driver/api_side.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/fsutil.h"

/* What a signal handler removes, so that Ctrl-C leaves nothing behind. */
static char *volatile g_file, *volatile g_dir;
static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
enum { NCAUGHT = sizeof caught / sizeof caught[0] };

static void on_signal(int sig)
{
    if (g_file) unlink(g_file);   /* unlink, rmdir, signal and raise are async-signal-safe */
    if (g_dir) rmdir(g_dir);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Catches the signals that are not ignored; `saved` gets the old actions. */
static void catch_signals(struct sigaction saved[NCAUGHT])
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NCAUGHT; i++) {
        sigaction(caught[i], NULL, &saved[i]);
        if (saved[i].sa_handler != SIG_IGN) sigaction(caught[i], &sa, NULL);
    }
}

static void restore_signals(const struct sigaction saved[NCAUGHT])
{
    for (size_t i = 0; i < NCAUGHT; i++) sigaction(caught[i], &saved[i], NULL);
}

/* A new empty folder under $TMPDIR, by its real path (the generated header
 * includes a user's header by a path relative to it). NULL after an error. */
static char *make_tmpdir(dg_diags *d)
{
    const char *t = getenv("TMPDIR");
    if (!t || !*t) t = "/tmp";
    char *tmpl = dg_xprintf("%s/dalgen-api-XXXXXX", t);
    dg_loc where = {t, 0, 0};
    /* The folder exists from inside mkdtemp(): a signal before g_dir names it
     * would leave it behind, so the caught signals wait until it is named. */
    sigset_t block, old;
    sigemptyset(&block);
    for (size_t i = 0; i < NCAUGHT; i++) sigaddset(&block, caught[i]);
    sigprocmask(SIG_BLOCK, &block, &old);
    char *made = mkdtemp(tmpl);
    int err = errno;
    g_dir = made;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (!made) {
        dg_error(d, where, "cannot create a temporary folder for --api: %s", strerror(err));
        free(tmpl);
        return NULL;
    }
    char *real = realpath(tmpl, NULL);
    if (!real) {
        dg_error(d, where, "cannot resolve the temporary folder %s: %s", tmpl, strerror(errno));
        rmdir(tmpl);
    }
    sigprocmask(SIG_BLOCK, &block, &old);
    g_dir = real;
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(tmpl);
    return real;
}

static int write_all(const char *path, const char *data, size_t len, dg_diags *d)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = false;
    if (ok) return 0;
    dg_loc where = {path, 0, 0};
    dg_error(d, where, "cannot write the header generated for --api: %s", strerror(errno));
    return -1;
}

static const dg_output *header_of(const dg_outputs *o)
{
    for (size_t i = 0; i < o->items.len; i++)
        if (dg_has_suffix(o->items.items[i].path, ".h")) return &o->items.items[i];
    return NULL;
}

/* Generates into `dir`, writes the header there and reads its API. */
static int load_in(const char *dir, const dg_generate_opts *base, const dg_diff_api_side *side, char **written,
                   dg_api *out, dg_diags *d)
{
    dg_generate_opts o = *base;
    o.schema = side->schema;
    o.queries = side->queries;
    o.out_dir = dir;
    dg_outputs gen = {0};
    int rc = dg_generate(&o, &gen, d);
    const dg_output *h = rc == 0 ? header_of(&gen) : NULL;
    if (rc == 0 && !h) {
        dg_loc where = {o.templates, 0, 0};
        dg_error(d, where, "the templates render no header for --api to read");
        rc = -1;
    }
    if (rc == 0) {
        *written = dg_xstrdup(h->path);
        g_file = *written;
        rc = write_all(h->path, h->data, h->len, d);
    }
    if (rc == 0) rc = dg_api_load(h->path, &side->schema->clang_args, out, d);
    if (rc == 0) {
        char *label = dg_xprintf("%s/%s.h", side->label, base->view.prefix);
        dg_api_relabel(out, label);
        free(label);
    } else {
        dg_diags_print(d, stderr);   /* the errors this line says are above */
        fprintf(stderr, "dalgen diff: --api: %s --%s (errors above)\n",
                *written ? "cannot read the API of the header generated from" : "cannot generate the code of",
                side->label);
    }
    dg_outputs_free(&gen);
    return rc;
}

int dg_diff_api_load(const dg_generate_opts *base, const dg_diff_api_side *side, dg_api *out, dg_diags *d)
{
    memset(out, 0, sizeof *out);
    struct sigaction saved[NCAUGHT];
    catch_signals(saved);
    char *dir = make_tmpdir(d);
    if (!dir) {
        restore_signals(saved);
        return -1;
    }
    char *written = NULL;
    int rc = load_in(dir, base, side, &written, out, d);
    if (written && unlink(written) != 0 && errno != ENOENT) {
        dg_loc where = {written, 0, 0};
        dg_warning(d, where, "cannot remove: %s", strerror(errno));
    }
    if (rmdir(dir) != 0) {
        dg_loc where = {dir, 0, 0};
        dg_warning(d, where, "cannot remove the temporary folder: %s", strerror(errno));
    }
    g_file = g_dir = NULL;
    restore_signals(saved);
    free(written);
    free(dir);
    return rc;
}
