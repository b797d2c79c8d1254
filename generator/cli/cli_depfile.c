/* cli_depfile.c - `dalgen generate --depfile FILE`: every input the jobs
 * read, in Make's syntax, for build systems that read dependency files
 * (Ninja; CMake's add_custom_command(DEPFILE), which dalgen_generate(CONFIG)
 * uses: the config names the inputs, so only dalgen knows them).
 *
 * The rule's target is FILE without its ".d" suffix (the stamp file the
 * build tracks), or FILE itself when it has none.  Inputs: the config file,
 * each schema source, query path, the migrations and templates folders,
 * and for a folder also every file in it (the folder itself is listed so
 * that a new file in it counts as a change). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "cli/cli_gen.h"

/* Appends one path, escaped for Make (space, '#', '$', '\' before a space). */
static void put_path(dg_buf *b, const char *p)
{
    dg_buf_puts(b, " \\\n  ");
    for (; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == '\\') dg_buf_putc(b, '\\');
        if (*p == '$') dg_buf_putc(b, '$');
        dg_buf_putc(b, *p);
    }
}

/* A path, and when it is a folder, every file in it. */
static void put_input(dg_buf *b, const char *p)
{
    put_path(b, p);
    size_t len = strlen(p);
    while (len > 1 && p[len - 1] == '/') len--;   /* "q/" lists "q/a.sql", not "q//a.sql" */
    char *dir = dg_xstrndup(p, len), **names = NULL;
    size_t n = 0;
    if (dg_is_dir(dir) && dg_list_dir(dir, NULL, &names, &n) == 0) {
        for (size_t i = 0; i < n; i++) put_path(b, names[i]);
        dg_free_strings(names, n);
    }
    free(dir);
}

static void put_job(dg_buf *b, const dg_gen_job *j)
{
    for (size_t i = 0; i < j->src.items.len; i++)
        if (j->src.items.items[i].kind != DG_SRC_SQL_TEXT && strcmp(j->src.items.items[i].path, "-") != 0)
            put_input(b, j->src.items.items[i].path);
    for (size_t i = 0; i < j->queries.len; i++) put_input(b, j->queries.items[i]);
    if (j->o.migrations) put_input(b, j->o.migrations);
    if (j->o.templates) put_input(b, j->o.templates);
}

int dg_cli_write_depfile(const char *path, const dg_gen_plan *p, dg_diags *d)
{
    dg_buf b = DG_BUF_INIT;
    size_t n = strlen(path);
    char *target = dg_has_suffix(path, ".d") ? dg_xstrndup(path, n - 2) : dg_xstrdup(path);
    for (const char *t = target; *t; t++) {
        if (*t == ' ' || *t == '#') dg_buf_putc(&b, '\\');
        dg_buf_putc(&b, *t);
    }
    dg_buf_putc(&b, ':');
    free(target);
    if (p->config) put_input(&b, p->config->path);
    for (size_t i = 0; i < p->jobs.len; i++) put_job(&b, &p->jobs.items[i]);
    dg_buf_putc(&b, '\n');
    int rc = 0;
    if (dg_write_file_if_changed(path, dg_buf_cstr(&b), b.len, NULL) != 0) {
        dg_error(d, (dg_loc){path, 0, 0}, "cannot write the depfile: %s", strerror(errno));
        rc = -1;
    }
    dg_buf_free(&b);
    return rc;
}
