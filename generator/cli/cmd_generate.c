/* cmd_generate.c - `dalgen generate <schema source...> [--queries F|DIR ...]
 * [--migrations DIR] --prefix NAME --out DIR [--templates DIR]
 * [--no-singularize] [--timestamps] [--dump-view] [--config FILE] [--Werror]
 * [--depfile FILE]`:
 * renders every output into a temporary beside its file first (streamed as
 * it renders: a large unit is never whole in memory), then moves them into
 * place as one unit (all or none, dg_write_files), leaving unchanged files
 * untouched; --dump-view prints the view model
 * instead (--out still sets the folder the banner's input paths are
 * relative to).  The inputs may come from a config file (cli_gen.h); each
 * of its jobs is generated in turn, and with --Werror a warning writes
 * nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/generate.h"
#include "util/fsutil.h"
#include "cli/cli.h"
#include "cli/cli_gen.h"

static int write_outputs(const dg_outputs *out, const char *dir, dg_diags *d)
{
    if (dg_mkdirs(dir) != 0) {
        dg_error(d, (dg_loc){dir, 0, 0}, "cannot create the output folder: %s", strerror(errno));
        return DG_EXIT_INPUT;
    }
    size_t n = out->items.len, bad = 0;
    dg_file_out *files = dg_xcalloc(n ? n : 1, sizeof *files);
    for (size_t i = 0; i < n; i++)
        files[i] = (dg_file_out){out->items.items[i].path, out->items.items[i].data, out->items.items[i].len,
                                 out->items.items[i].tmp};
    int rc = dg_write_files(files, n, &bad);   /* all or none */
    if (rc != 0) dg_error(d, (dg_loc){files[bad].path, 0, 0}, "cannot write: %s", strerror(errno));
    free(files);
    return rc == 0 ? DG_EXIT_OK : DG_EXIT_INPUT;
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

/* One job: render, then print or write.  DG_EXIT_OK or DG_EXIT_INPUT. */
static int run_job(const dg_gen_flags *f, const dg_gen_job *j, dg_diags *d)
{
    dg_outputs out = {0};
    out.stream = !j->o.dump_view;   /* the files go to their temporaries as they render */
    /* the folders the temporaries need are created as rendering starts:
     * a failure removes those it created, so nothing is left behind */
    char *made = out.stream ? dg_missing_root(j->o.out_dir ? j->o.out_dir : ".") : NULL;
    int warnings = d->warnings, rc;
    if (dg_generate(&j->o, &out, d) != 0) rc = DG_EXIT_INPUT;
    else if (f->werror && d->warnings > warnings) rc = DG_EXIT_INPUT;   /* nothing written */
    else if (j->o.dump_view) rc = dump(&out.items.items[0], d);
    else rc = write_outputs(&out, j->o.out_dir, d);
    dg_outputs_free(&out);
    if (rc != DG_EXIT_OK && made) dg_rmdirs_empty(j->o.out_dir, made);
    free(made);
    return rc;
}

int cmd_generate(int argc, char **argv, dg_diags *d)
{
    dg_gen_flags f;
    dg_gen_plan p;
    memset(&p, 0, sizeof p);
    int rc = dg_gen_parse("generate", &f, true, argc, argv);
    if (rc == DG_EXIT_OK) rc = dg_gen_plan_make("generate", &f, &p, d);
    for (size_t i = 0; rc == DG_EXIT_OK && i < p.jobs.len; i++) rc = run_job(&f, &p.jobs.items[i], d);
    if (rc == DG_EXIT_OK && f.depfile && dg_cli_write_depfile(f.depfile, &p, d) != 0) rc = DG_EXIT_INPUT;
    rc = dg_gen_werror(&f, rc, d);
    dg_gen_plan_free(&p);
    dg_gen_flags_free(&f);
    return rc;
}
