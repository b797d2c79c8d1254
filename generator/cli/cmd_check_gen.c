/* cmd_check_gen.c - check's view of generate: options and in-memory output. */
#include "cli/cmd_check_gen.h"

#include <stdlib.h>
#include <string.h>

#include "c/names.h"
#include "driver/generate.h"
#include "cli/cli.h"

int dg_check_parse_args(int argc, char **argv, dg_check_args *out)
{
    memset(out, 0, sizeof *out);
    static const char *cmd = "check";
    int i = 0;
    while (i < argc) {
        bool missing = false;
        const char *v;
        int took = dg_cli_take_source(cmd, argc, argv, &i, &out->sources);
        if (took < 0) return DG_EXIT_USAGE;
        if (took > 0) continue;
        if ((v = dg_cli_opt("--queries", argc, argv, &i, &missing))) dg_strings_push(&out->queries, v);
        else if ((v = dg_cli_opt("--migrations", argc, argv, &i, &missing))) out->migrations = v;
        else if ((v = dg_cli_opt("--prefix", argc, argv, &i, &missing))) out->prefix = v;
        else if ((v = dg_cli_opt("--out", argc, argv, &i, &missing))) out->out_dir = v;
        else if ((v = dg_cli_opt("--templates", argc, argv, &i, &missing))) out->templates = v;
        else if (missing) return dg_usage_error(cmd, "%s needs a value", argv[i - 1]);
        else if (!strcmp(argv[i], "--no-singularize")) out->no_singularize = true, i++;
        else if (!strcmp(argv[i], "--timestamps")) out->timestamps = true, i++;
        else return dg_usage_error(cmd, "unknown option '%s'", argv[i]);
    }
    if (out->sources.items.len == 0) return dg_usage_error(cmd, "no schema source given");
    if (!out->prefix) return dg_usage_error(cmd, "--prefix NAME is required");
    if (!dg_is_c_ident(out->prefix))
        return dg_usage_error(cmd, "--prefix '%s' is not a C identifier", out->prefix);
    if (!out->out_dir) return dg_usage_error(cmd, "--out DIR is required");
    /* "gen/" and "gen" name the same folder; paths printed are out/name. */
    size_t n = strlen(out->out_dir);
    while (n > 1 && out->out_dir[n - 1] == '/') n--;
    out->out_dir = out->out_owned = dg_xstrndup(out->out_dir, n);
    return DG_EXIT_OK;
}

void dg_check_args_free(dg_check_args *a)
{
    dg_sources_free(&a->sources);
    dg_strings_free(&a->queries);
    free(a->out_owned);
}

int dg_check_render(const dg_check_args *a, dg_check_files *out, dg_diags *d)
{
    dg_generate_opts o;
    memset(&o, 0, sizeof o);
    o.schema = &a->sources;
    o.queries = &a->queries;
    o.migrations = a->migrations;
    o.templates = a->templates;
    o.out_dir = a->out_dir;
    o.view.prefix = a->prefix;
    o.view.singularize = !a->no_singularize;
    o.view.timestamps = a->timestamps;
    dg_outputs gen = {0};
    if (dg_generate(&o, &gen, d) != 0) return -1;
    size_t dl = strlen(a->out_dir);
    for (size_t i = 0; i < gen.items.len; i++) {
        dg_output *g = &gen.items.items[i];
        /* dg_generate names its outputs out_dir/<file>. */
        const char *name = g->path;
        if (!strncmp(name, a->out_dir, dl) && name[dl] == '/') name += dl + 1;
        dg_check_file *f = DG_VEC_ADD(out);
        f->name = dg_xstrdup(name);
        f->data = g->data;
        f->len = g->len;
        g->data = NULL;
    }
    dg_outputs_free(&gen);
    return 0;
}

void dg_check_files_free(dg_check_files *f)
{
    for (size_t i = 0; i < f->len; i++) {
        free(f->items[i].name);
        free(f->items[i].data);
    }
    DG_VEC_FREE(f);
}
