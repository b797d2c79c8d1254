/* cli_gen.h - the inputs of `generate` and `check`: their flags, the config
 * file (--config FILE, or ./dalgen.yaml when no schema source and no
 * --config is given), and the jobs both make of them.  A flag given on the
 * command line wins over the file's key; a config may hold several jobs
 * (sqlc.yaml: one per sqlite entry), each one generate run. */
#ifndef DG_CLI_GEN_H
#define DG_CLI_GEN_H

#include <stdbool.h>

#include "cli/cli.h"
#include "config/config.h"
#include "driver/generate.h"
#include "frontend/sources.h"
#include "util/diag.h"

/* The file `dalgen generate` reads when given neither a schema nor --config. */
#define DG_CONFIG_DEFAULT "dalgen.yaml"

typedef struct dg_gen_flags {
    dg_sources  src;          /* schema sources and --clang-arg of the command line */
    dg_strings  queries;      /* --queries */
    const char *migrations;   /* the const char * below point into argv; NULL = not given */
    const char *prefix;
    const char *out_dir;
    const char *templates;
    const char *config;       /* --config FILE */
    const char *depfile;      /* --depfile FILE (generate) */
    bool        no_singularize, timestamps, dump_view, werror;
    dg_engine_flags eng;      /* --engine and the typing server's flags */
} dg_gen_flags;

/* One option of generate/check at argv[*i] (--dump-view and --depfile
 * only when `dump_ok`, i.e. for generate): 0 consumed, -1 not one of them,
 * DG_EXIT_USAGE after printing the problem. */
int  dg_gen_flag(const char *cmd, dg_gen_flags *f, bool dump_ok, int argc, char **argv, int *i);
/* Every argument: options and schema sources.  DG_EXIT_OK or DG_EXIT_USAGE. */
int  dg_gen_parse(const char *cmd, dg_gen_flags *f, bool dump_ok, int argc, char **argv);
void dg_gen_flags_free(dg_gen_flags *f);

/* One generate run: the options dg_generate takes, and what they point to. */
typedef struct dg_gen_job {
    dg_sources       src;
    dg_strings       queries;
    dg_generate_opts o;           /* o.schema, o.queries point at the two above; the
                                     strings into argv or the config */
    char            *out_owned;   /* o.out_dir without a trailing '/' */
} dg_gen_job;

typedef struct dg_gen_plan {
    dg_config *config;            /* NULL when none was read; owns the jobs' strings */
    dg_engine_flags eng;          /* the engine flags (the jobs' o.pg points here) */
    DG_VEC(dg_gen_job) jobs;
} dg_gen_plan;

/* The jobs of the flags and the config.  Returns DG_EXIT_OK; DG_EXIT_USAGE
 * after printing a usage error; DG_EXIT_INPUT after reporting the config's
 * problems through d.  Free with dg_gen_plan_free either way. */
int  dg_gen_plan_make(const char *cmd, const dg_gen_flags *f, dg_gen_plan *p, dg_diags *d);
void dg_gen_plan_free(dg_gen_plan *p);

/* Loads --config `path`; or, when path is NULL and `discover`, ./dalgen.yaml
 * if it exists (else *out = NULL).  0, or -1 after reporting. */
int dg_cli_config_load(const char *path, bool discover, dg_config **out, dg_diags *d);

/* Writes the depfile of `p`'s inputs to `path` (cli_depfile.c).  0, or -1
 * after reporting. */
int dg_cli_write_depfile(const char *path, const dg_gen_plan *p, dg_diags *d);

/* --Werror: when f->werror and a warning but no error was reported, adds
 * the error that says so and returns DG_EXIT_INPUT; else returns rc. */
int dg_gen_werror(const dg_gen_flags *f, int rc, dg_diags *d);

#endif
