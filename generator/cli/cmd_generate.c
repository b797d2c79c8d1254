/* cmd_generate.c - `dalgen generate <schema source...> [--queries F|DIR ...]
 * [--migrations DIR] --prefix NAME --out DIR [--templates DIR]
 * [--no-singularize] [--timestamps] [--dump-view]`: renders every output in
 * memory first, then writes each file atomically, leaving unchanged files
 * untouched; --dump-view prints the view model instead (--out still sets the
 * folder the banner's input paths are relative to). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "c/names.h"
#include "driver/generate.h"
#include "util/fsutil.h"
#include "cli/cli.h"

typedef struct gen_args {
    dg_sources       src;
    dg_strings       queries;
    dg_generate_opts o;
} gen_args;

/* Returns -1 when argv[*i] is not an option of generate, else 0 (consumed)
 * or DG_EXIT_USAGE. */
static int take_option(gen_args *a, int argc, char **argv, int *i)
{
    bool missing = false;
    const char *v;
    if ((v = dg_cli_opt("--queries", argc, argv, i, &missing))) dg_strings_push(&a->queries, v);
    else if ((v = dg_cli_opt("--migrations", argc, argv, i, &missing))) a->o.migrations = v;
    else if ((v = dg_cli_opt("--prefix", argc, argv, i, &missing))) a->o.view.prefix = v;
    else if ((v = dg_cli_opt("--out", argc, argv, i, &missing))) a->o.out_dir = v;
    else if ((v = dg_cli_opt("--templates", argc, argv, i, &missing))) a->o.templates = v;
    else if (!strcmp(argv[*i], "--no-singularize")) { a->o.view.singularize = false; (*i)++; }
    else if (!strcmp(argv[*i], "--timestamps")) { a->o.view.timestamps = true; (*i)++; }
    else if (!strcmp(argv[*i], "--dump-view")) { a->o.dump_view = true; (*i)++; }
    else if (missing) return dg_usage_error("generate", "%s needs a value", argv[*i - 1]);
    else return -1;
    return 0;
}

static int parse_args(gen_args *a, int argc, char **argv)
{
    a->o.view.singularize = true;
    for (int i = 0; i < argc;) {
        int rc = take_option(a, argc, argv, &i);
        if (rc == DG_EXIT_USAGE) return rc;
        if (rc == 0) continue;
        rc = dg_cli_take_source("generate", argc, argv, &i, &a->src);
        if (rc < 0) return DG_EXIT_USAGE;
        if (rc == 0) return dg_usage_error("generate", "unknown option '%s'", argv[i]);
    }
    if (!a->src.items.len) return dg_usage_error("generate", "no schema source given");
    if (!a->o.view.prefix) return dg_usage_error("generate", "--prefix NAME is required");
    if (!dg_is_c_ident(a->o.view.prefix))
        return dg_usage_error("generate", "--prefix '%s' is not a C identifier", a->o.view.prefix);
    if (!a->o.out_dir && !a->o.dump_view) return dg_usage_error("generate", "--out DIR is required");
    if (!a->o.out_dir) a->o.out_dir = ".";
    a->o.schema = &a->src;
    a->o.queries = &a->queries;
    return DG_EXIT_OK;
}

static int write_outputs(const dg_outputs *out, const char *dir, dg_diags *d)
{
    if (dg_mkdirs(dir) != 0) {
        dg_error(d, (dg_loc){dir, 0, 0}, "cannot create the output folder: %s", strerror(errno));
        return DG_EXIT_INPUT;
    }
    for (size_t i = 0; i < out->items.len; i++) {
        const dg_output *f = &out->items.items[i];
        if (dg_write_file_if_changed(f->path, f->data, f->len, NULL) != 0) {
            dg_error(d, (dg_loc){f->path, 0, 0}, "cannot write: %s", strerror(errno));
            return DG_EXIT_INPUT;
        }
    }
    return DG_EXIT_OK;
}

/* --dump-view: the view model on stdout, after the warnings so far. */
static int dump(const dg_output *view, dg_diags *d)
{
    dg_diags_print(d, stderr);
    if (fwrite(view->data, 1, view->len, stdout) != view->len || fflush(stdout) != 0) {
        dg_error(d, (dg_loc){"<stdout>", 0, 0}, "cannot write: %s", strerror(errno));
        return DG_EXIT_INPUT;
    }
    return DG_EXIT_OK;
}

int cmd_generate(int argc, char **argv, dg_diags *d)
{
    gen_args a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(&a, argc, argv);
    if (rc == DG_EXIT_OK) {
        dg_outputs out = {0};
        if (dg_generate(&a.o, &out, d) != 0) rc = DG_EXIT_INPUT;
        else if (a.o.dump_view) rc = dump(&out.items.items[0], d);
        else rc = write_outputs(&out, a.o.out_dir, d);
        dg_outputs_free(&out);
    }
    dg_sources_free(&a.src);
    dg_strings_free(&a.queries);
    return rc;
}
