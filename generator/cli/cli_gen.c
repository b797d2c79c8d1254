/* cli_gen.c - generate's and check's flags, the config file, and the jobs
 * made of both (cli_gen.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c/names.h"
#include "util/fsutil.h"
#include "cli/cli.h"
#include "cli/cli_gen.h"

/* Options with a value: 0 consumed, -1 not one, DG_EXIT_USAGE. */
static int take_value(const char *cmd, dg_gen_flags *f, bool dump_ok, int argc, char **argv, int *i)
{
    static const char *const opts[] = {"--queries", "--migrations", "--prefix", "--templates",
                                       "--out",     "--config",     "--depfile"};
    const char **slots[] = {NULL, &f->migrations, &f->prefix, &f->templates, &f->out_dir, &f->config,
                            &f->depfile};
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        if (!dump_ok && slots[k] == &f->depfile) continue;
        bool missing = false;
        const char *v = dg_cli_opt(opts[k], argc, argv, i, &missing);
        if (missing) return dg_usage_error(cmd, "%s needs a value", opts[k]);
        if (!v) continue;
        if (slots[k]) *slots[k] = v;
        else dg_strings_push(&f->queries, v);
        return 0;
    }
    return -1;
}

int dg_gen_flag(const char *cmd, dg_gen_flags *f, bool dump_ok, int argc, char **argv, int *i)
{
    int rc = take_value(cmd, f, dump_ok, argc, argv, i);
    if (rc != -1) return rc;
    rc = dg_cli_engine_flag(cmd, &f->eng, argc, argv, i);
    if (rc != -1) return rc;
    if (!strcmp(argv[*i], "--no-singularize")) f->no_singularize = true;
    else if (!strcmp(argv[*i], "--timestamps")) f->timestamps = true;
    else if (!strcmp(argv[*i], "--Werror")) f->werror = true;
    else if (!strcmp(argv[*i], "--allow-dangling-fk")) f->allow_dangling_fk = true;
    else if (dump_ok && !strcmp(argv[*i], "--dump-view")) f->dump_view = true;
    else return -1;
    (*i)++;
    return 0;
}

int dg_gen_parse(const char *cmd, dg_gen_flags *f, bool dump_ok, int argc, char **argv)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < argc;) {
        int rc = dg_gen_flag(cmd, f, dump_ok, argc, argv, &i);
        if (rc == DG_EXIT_USAGE) return rc;
        if (rc == 0) continue;
        rc = dg_cli_take_source(cmd, argc, argv, &i, &f->src);
        if (rc < 0) return DG_EXIT_USAGE;
        if (rc == 0) return dg_usage_error(cmd, "unknown option '%s'", argv[i]);
    }
    return DG_EXIT_OK;
}

void dg_gen_flags_free(dg_gen_flags *f)
{
    dg_sources_free(&f->src);
    dg_strings_free(&f->queries);
}

int dg_cli_config_load(const char *path, bool discover, dg_config **out, dg_diags *d)
{
    *out = NULL;
    if (!path && discover && dg_is_file(DG_CONFIG_DEFAULT)) path = DG_CONFIG_DEFAULT;
    if (!path) return 0;
    return dg_config_load(path, out, d);
}

static void copy_strings(dg_strings *to, const dg_strings *from)
{
    for (size_t i = 0; i < from->len; i++) dg_strings_push(to, from->items[i]);
}

/* "gen/" and "gen" name the same folder; paths printed are out/name. */
static void set_out(dg_gen_job *j, const char *out)
{
    size_t n = strlen(out);
    while (n > 1 && out[n - 1] == '/') n--;
    j->o.out_dir = j->out_owned = dg_xstrndup(out, n);
}

/* The job of the flags alone (no config). */
static int job_of_flags(const char *cmd, const dg_gen_flags *f, dg_gen_job *j)
{
    if (!f->src.items.len) return dg_usage_error(cmd, "no schema source given");
    if (!f->prefix) return dg_usage_error(cmd, "--prefix NAME is required");
    if (!f->out_dir && !f->dump_view) return dg_usage_error(cmd, "--out DIR is required");
    for (size_t i = 0; i < f->src.items.len; i++)
        dg_sources_add(&j->src, f->src.items.items[i].kind, f->src.items.items[i].path);
    copy_strings(&j->src.clang_args, &f->src.clang_args);
    copy_strings(&j->queries, &f->queries);
    j->o.migrations = f->migrations;
    j->o.templates = f->templates;
    j->o.view.prefix = f->prefix;
    j->o.view.singularize = !f->no_singularize;
    j->o.view.timestamps = f->timestamps;
    set_out(j, f->out_dir ? f->out_dir : ".");
    return DG_EXIT_OK;
}

/* Flags over one job of the config (`sqlc`: of a sqlc.yaml, whose keys
 * are named as sqlc's).  DG_EXIT_OK or DG_EXIT_INPUT (reported). */
static int job_of_config(const dg_gen_flags *f, const dg_config_job *c, bool sqlc, dg_gen_job *j, dg_diags *d)
{
    if (!strcmp(c->engine, "postgresql")) j->o.engine = DG_ENGINE_POSTGRESQL;
    else if (strcmp(c->engine, "sqlite") != 0) {
        dg_error(d, c->engine_loc, "engine '%s' cannot generate code yet", c->engine);
        return DG_EXIT_INPUT;
    }
    if (f->src.items.len) {
        for (size_t i = 0; i < f->src.items.len; i++)
            dg_sources_add(&j->src, f->src.items.items[i].kind, f->src.items.items[i].path);
    } else {
        for (size_t i = 0; i < c->schema.len; i++) dg_sources_add(&j->src, DG_SRC_AUTO, c->schema.items[i]);
    }
    copy_strings(&j->src.clang_args, f->src.clang_args.len ? &f->src.clang_args : &c->clang_args);
    copy_strings(&j->queries, f->queries.len ? &f->queries : &c->queries);
    j->o.migrations = f->migrations ? f->migrations : c->migrations;
    j->o.templates = f->templates ? f->templates : c->templates;
    j->o.view.prefix = f->prefix ? f->prefix : c->prefix;
    j->o.view.singularize = !f->no_singularize && c->singularize != 0;
    j->o.view.timestamps = f->timestamps || c->timestamps == 1;
    j->o.view.has_query_parameter_limit = c->query_parameter_limit >= 0;
    j->o.view.query_parameter_limit = (int)c->query_parameter_limit;
    j->o.overrides = &c->overrides;
    const char *out = f->out_dir ? f->out_dir : c->out;
    int rc = DG_EXIT_OK;
    if (!j->src.items.len) dg_config_missing(c, "schema", d), rc = DG_EXIT_INPUT;
    if (!j->o.view.prefix) dg_config_missing(c, sqlc ? "gen.go.package" : "prefix", d), rc = DG_EXIT_INPUT;
    if (!out && !f->dump_view) dg_config_missing(c, sqlc ? "gen.go.out" : "out", d), rc = DG_EXIT_INPUT;
    const char *why = j->o.view.prefix && !f->prefix ? dg_c_prefix_refusal(j->o.view.prefix) : NULL;
    if (why) {
        dg_error(d, c->loc, "prefix '%s' %s", j->o.view.prefix, why);
        rc = DG_EXIT_INPUT;
    }
    set_out(j, out ? out : ".");
    return rc;
}

static int jobs_of_config(const char *cmd, const dg_gen_flags *f, dg_gen_plan *p, dg_diags *d)
{
    size_t n = p->config->jobs.len;
    if (n > 1 && (f->prefix || f->src.items.len || f->queries.len || f->dump_view))
        return dg_usage_error(cmd, "%s has %zu jobs: --prefix, --queries, --dump-view and schema sources "
                                   "would apply to all of them", p->config->path, n);
    int rc = DG_EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        dg_gen_job *j = DG_VEC_ADD(&p->jobs);
        bool sqlc = p->config->kind == DG_CONFIG_SQLC;
        if (job_of_config(f, &p->config->jobs.items[i], sqlc, j, d) != DG_EXIT_OK) rc = DG_EXIT_INPUT;
    }
    return rc;
}

int dg_gen_plan_make(const char *cmd, const dg_gen_flags *f, dg_gen_plan *p, dg_diags *d)
{
    memset(p, 0, sizeof *p);
    if (dg_cli_config_load(f->config, !f->src.items.len, &p->config, d) != 0) return DG_EXIT_INPUT;
    int rc;
    dg_engine engine = DG_ENGINE_SQLITE;
    p->eng = f->eng;
    /* with a config, the typing server's flags are checked against its jobs' engines below */
    p->eng.pg_flags = f->eng.pg_flags && !p->config;
    if (dg_cli_engine_of(cmd, &p->eng, &f->src, &engine) != DG_EXIT_OK) return DG_EXIT_USAGE;
    if (p->config) rc = jobs_of_config(cmd, f, p, d);
    else rc = job_of_flags(cmd, f, DG_VEC_ADD(&p->jobs));
    /* --prefix, with or without a config (a config's own prefix is checked with the job) */
    const char *why = f->prefix ? dg_c_prefix_refusal(f->prefix) : NULL;
    if (rc == DG_EXIT_OK && why) rc = dg_usage_error(cmd, "--prefix '%s' %s", f->prefix, why);
    bool pg_job = false;
    for (size_t i = 0; i < p->jobs.len; i++) pg_job |= engine == DG_ENGINE_POSTGRESQL ||
                                                       p->jobs.items[i].o.engine == DG_ENGINE_POSTGRESQL;
    if (rc == DG_EXIT_OK && f->eng.pg_flags && !pg_job)
        return dg_usage_error(cmd, "--pg-server, --pg-run-as and --allow-do need --engine postgresql");
    for (size_t i = 0; i < p->jobs.len; i++) {   /* the vector no longer moves */
        dg_generate_opts *o = &p->jobs.items[i].o;
        if (engine == DG_ENGINE_POSTGRESQL) o->engine = engine;
        if (o->engine == DG_ENGINE_POSTGRESQL && !p->eng.pg.server) {
            const char *env = getenv("DALGEN_PG_SERVER");
            if (env && *env) p->eng.pg.server = env;
        }
        if (o->engine == DG_ENGINE_POSTGRESQL) o->pg = &p->eng.pg;
        p->jobs.items[i].o.schema = &p->jobs.items[i].src;
        p->jobs.items[i].o.queries = &p->jobs.items[i].queries;
        p->jobs.items[i].o.dump_view = f->dump_view;
        p->jobs.items[i].o.allow_dangling_fk = f->allow_dangling_fk;
    }
    return rc;
}

void dg_gen_plan_free(dg_gen_plan *p)
{
    for (size_t i = 0; i < p->jobs.len; i++) {
        dg_sources_free(&p->jobs.items[i].src);
        dg_strings_free(&p->jobs.items[i].queries);
        free(p->jobs.items[i].out_owned);
    }
    DG_VEC_FREE(&p->jobs);
    dg_config_free(p->config);
    p->config = NULL;
}

int dg_gen_werror(const dg_gen_flags *f, int rc, dg_diags *d)
{
    if (!f->werror || d->warnings == 0 || d->errors > 0 || rc == DG_EXIT_USAGE) return rc;
    dg_error(d, (dg_loc){NULL, 0, 0}, "%d warning%s treated as error%s (--Werror)", d->warnings,
             d->warnings == 1 ? "" : "s", d->warnings == 1 ? "" : "s");
    return DG_EXIT_INPUT;
}
