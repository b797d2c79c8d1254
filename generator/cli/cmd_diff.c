/* dalgen diff --from SRC... --to SRC... [--down] [--exit-code] [--allow-destructive] [--allow CODE,...]
 *             [--clang-arg ARG ...] [--config FILE] [--engine sqlite|postgresql] [--pg-server URL|auto]
 *             [--api --prefix NAME [--queries F|DIR ...] [--from-queries F|DIR ...]
 *              [--to-queries F|DIR ...] [--templates DIR] [--no-singularize] [--timestamps]]
 *
 * --from and --to may be repeated: a side's sources apply in order, as the
 * sources of the other commands do; --clang-arg applies to both sides.
 * --config FILE gives what generate takes from it (prefix, queries for both
 * sides, templates, options, overrides) to --api, and its clang_args to
 * both sides; the flags win. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/apidiff/apidiff.h"
#include "analysis/diff/diff.h"
#include "c/names.h"
#include "cli/cli.h"
#include "cli/cli_gen.h"
#include "cli/cmd_diff_pg.h"
#include "driver/api_side.h"
#include "driver/load_pair.h"

enum { FROM = 0, TO = 1 };

typedef struct diff_args {
    dg_sources       side[2];      /* --from, --to */
    dg_strings       queries[2];   /* --queries (both sides), --from-queries, --to-queries */
    bool             down, exit_code, api, online;
    dg_lint_allow    allow;        /* --allow-destructive, --allow CODE[,CODE] */
    bool             gen_flag;     /* a flag that only --api uses was given */
    dg_generate_opts gen;          /* --prefix, --templates, --no-singularize, --timestamps */
    const char      *config_path;  /* --config FILE */
    dg_config       *config;       /* its contents (owns what gen points to from it) */
    dg_engine_flags  eng;          /* --engine, --pg-server, --pg-run-as */
} diff_args;

/* Options with a value. Returns 0 (consumed), -1 (not one) or DG_EXIT_USAGE. */
static int take_value(diff_args *a, int argc, char **argv, int *i)
{
    static const char *const opts[] = {"--from",         "--to",         "--clang-arg", "--queries",
                                       "--from-queries", "--to-queries", "--prefix",    "--templates",
                                       "--config",       "--allow"};
    bool missing = false;
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        const char *v = dg_cli_opt(opts[k], argc, argv, i, &missing);
        if (missing) return dg_usage_error("diff", "%s needs a value", opts[k]);
        if (!v) continue;
        a->gen_flag = a->gen_flag || (k >= 3 && k <= 7);
        switch (k) {
        case 0: dg_sources_add(&a->side[FROM], DG_SRC_AUTO, v); break;
        case 1: dg_sources_add(&a->side[TO], DG_SRC_AUTO, v); break;
        case 2:
            dg_strings_push(&a->side[FROM].clang_args, v);
            dg_strings_push(&a->side[TO].clang_args, v);
            break;
        case 3:
            dg_strings_push(&a->queries[FROM], v);
            dg_strings_push(&a->queries[TO], v);
            break;
        case 4: dg_strings_push(&a->queries[FROM], v); break;
        case 5: dg_strings_push(&a->queries[TO], v); break;
        case 6: a->gen.view.prefix = v; break;
        case 7: a->gen.templates = v; break;
        case 8: a->config_path = v; break;
        default: return dg_cli_allow("diff", &a->allow, v);
        }
        return 0;
    }
    return -1;
}

static int take_flag(diff_args *a, const char *arg)
{
    if (!strcmp(arg, "--down")) a->down = true;
    else if (!strcmp(arg, "--exit-code")) a->exit_code = true;
    else if (!strcmp(arg, "--online")) a->online = true;
    else if (!strcmp(arg, "--allow-destructive")) a->allow.all = true;
    else if (!strcmp(arg, "--api")) a->api = true;
    else if (!strcmp(arg, "--no-singularize")) a->gen.view.singularize = false, a->gen_flag = true;
    else if (!strcmp(arg, "--timestamps")) a->gen.view.timestamps = true, a->gen_flag = true;
    else return -1;
    return 0;
}

/* The config's job under the flags given: prefix, templates, queries (when
 * no --*queries was given), options, overrides, clang_args.  Returns
 * DG_EXIT_OK, or DG_EXIT_INPUT / DG_EXIT_USAGE after reporting. */
static int apply_config(diff_args *a, bool no_singularize, dg_diags *d)
{
    if (dg_cli_config_load(a->config_path, false, &a->config, d) != 0) return DG_EXIT_INPUT;
    if (a->config->jobs.len != 1)
        return dg_usage_error("diff", "%s has %zu jobs; --config takes a file with one", a->config->path,
                              a->config->jobs.len);
    const dg_config_job *j = &a->config->jobs.items[0];
    if (!a->gen.view.prefix) a->gen.view.prefix = j->prefix;
    if (!a->gen.templates) a->gen.templates = j->templates;
    if (!no_singularize && j->singularize == 0) a->gen.view.singularize = false;
    if (j->timestamps == 1) a->gen.view.timestamps = true;
    a->gen.view.has_query_parameter_limit = j->query_parameter_limit >= 0;
    a->gen.view.query_parameter_limit = (int)j->query_parameter_limit;
    a->gen.overrides = &j->overrides;
    if (a->api && strcmp(j->engine, "sqlite") != 0) {
        dg_error(d, j->engine_loc, "engine '%s' cannot generate code yet",
                 j->engine);
        return DG_EXIT_INPUT;
    }
    bool queries_given = a->queries[FROM].len || a->queries[TO].len;
    for (int k = FROM; k <= TO; k++) {
        for (size_t i = 0; !queries_given && i < j->queries.len; i++)
            dg_strings_push(&a->queries[k], j->queries.items[i]);
        for (size_t i = 0; !a->side[k].clang_args.len && i < j->clang_args.len; i++)
            dg_strings_push(&a->side[k].clang_args, j->clang_args.items[i]);
    }
    return DG_EXIT_OK;
}

static int parse_args(diff_args *a, int argc, char **argv, dg_diags *d)
{
    a->gen.view.singularize = true;
    for (int i = 0; i < argc;) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(dg_cli_help("diff"), stdout);
            return -1;
        }
        int rc = take_value(a, argc, argv, &i);
        if (rc == DG_EXIT_USAGE) return rc;
        if (rc == 0) continue;
        rc = dg_cli_engine_flag("diff", &a->eng, argc, argv, &i);
        if (rc == DG_EXIT_USAGE) return rc;
        if (rc == 0) continue;
        if (take_flag(a, argv[i]) != 0) return dg_usage_error("diff", "unexpected argument '%s'", argv[i]);
        i++;
    }
    if (!a->side[FROM].items.len || !a->side[TO].items.len)
        return dg_usage_error("diff", "--from and --to are required");
    if (!a->api && a->gen_flag)
        return dg_usage_error("diff", "--prefix, --queries, --templates, --no-singularize and --timestamps "
                                      "are options of --api");
    if (a->config_path) {
        int rc = apply_config(a, !a->gen.view.singularize, d);
        if (rc != DG_EXIT_OK) return rc;
    }
    if (a->api && !a->gen.view.prefix)
        return dg_usage_error("diff", "--api needs --prefix NAME (the prefix the code is generated with)");
    const char *why = a->api ? dg_c_prefix_refusal(a->gen.view.prefix) : NULL;
    if (why) return dg_usage_error("diff", "--prefix '%s' %s", a->gen.view.prefix, why);
    return DG_EXIT_OK;
}

static void args_free(diff_args *a)
{
    for (int k = FROM; k <= TO; k++) {
        dg_sources_free(&a->side[k]);
        dg_strings_free(&a->queries[k]);
    }
    dg_lint_allow_free(&a->allow);
    dg_config_free(a->config);
}

/* The APIs of the code both sides generate, old (what the printed SQL
 * migrates from) first. */
static int load_apis(const diff_args *a, dg_api api[2], dg_diags *d)
{
    static const char *const labels[2] = {"from", "to"};
    for (int k = 0; k < 2; k++) {
        int side = a->down ? 1 - k : k;
        dg_diff_api_side s = {&a->side[side], &a->queries[side], labels[side]};
        if (dg_diff_api_load(&a->gen, &s, &api[k], d) != 0) return -1;
    }
    return 0;
}

/* Prints the API diff as SQL comments after the migration SQL; returns
 * true for a breaking change (something removed or changed). */
static bool print_api_diff(const diff_args *a, const dg_api api[2], bool after_sql)
{
    if (after_sql) putchar('\n');
    printf("-- API of the generated %s.h (from/: the code of --from, to/: of --to)\n", a->gen.view.prefix);
    dg_api_diff_counts c;
    dg_api_diff_prefixed(&api[0], &api[1], "-- ", stdout, &c);
    return c.removed + c.changed > 0;
}

static int run(const diff_args *a, dg_diags *d)
{
    dg_schema *s[2] = {NULL, NULL};
    if (dg_schema_load_pair(&a->side[FROM], &a->side[TO], &s[FROM], &s[TO], d) != 0) return DG_EXIT_INPUT;
    dg_plan p;
    dg_diff_opts o = {a->down};
    const dg_schema *old = s[a->down ? TO : FROM], *new = s[a->down ? FROM : TO];
    dg_diff_plan(old, new, &o, &p);
    if (!dg_plan_refused(&p, &a->allow)) dg_plan_verify(old, new, &o, &p, NULL);   /* applied before it is printed */
    dg_diags_print(d, stderr);   /* the loads' warnings come before the lints */
    dg_plan_print_lints(&p, &a->allow, stderr);
    dg_api api[2];
    memset(api, 0, sizeof api);
    int rc = DG_EXIT_OK;
    if (dg_plan_refused(&p, &a->allow)) rc = DG_EXIT_INPUT;
    else if (a->api && load_apis(a, api, d) != 0) rc = DG_EXIT_INPUT;
    else {
        dg_diags_print(d, stderr);   /* --api's warnings before the result on stdout */
        char *sql = dg_plan_sql(&p, NULL);
        fputs(sql, stdout);
        if (a->exit_code && p.stmts.len) rc = DG_EXIT_DIFF;
        if (a->api && print_api_diff(a, api, sql[0] != '\0')) rc = DG_EXIT_DIFF;
        free(sql);
    }
    dg_api_free(&api[0]);
    dg_api_free(&api[1]);
    dg_plan_free(&p);
    dg_schema_free(s[FROM]);
    dg_schema_free(s[TO]);
    return rc;
}

int cmd_diff(int argc, char **argv, dg_diags *d)
{
    diff_args a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(&a, argc, argv, d);
#ifndef DALGEN_WITH_LIBCLANG
    if (rc == DG_EXIT_OK && a.api) {
        fprintf(stderr, "dalgen diff: --api reads the generated code with libclang, and this dalgen was "
                        "built without it (-DDALGEN_WITH_LIBCLANG=OFF)\n");
        rc = DG_EXIT_INPUT;
    }
#endif
    dg_engine engine = DG_ENGINE_SQLITE;
    for (int k = FROM; rc == DG_EXIT_OK && k <= TO && (a.eng.engine || a.eng.pg_flags); k++)
        rc = dg_cli_engine_of("diff", &a.eng, &a.side[k], &engine);   /* each side on its own */
    if (rc == DG_EXIT_OK && engine == DG_ENGINE_SQLITE && a.online)
        rc = dg_usage_error("diff", "--online plans PostgreSQL migrations (--engine postgresql)");
    if (rc == DG_EXIT_OK && engine == DG_ENGINE_POSTGRESQL && (a.api || a.config_path))
        rc = dg_usage_error("diff", "--api and --config work on SQLite schemas only");
    if (rc == DG_EXIT_OK && engine == DG_ENGINE_POSTGRESQL) {
        dg_diff_pg_args pa = {&a.side[FROM], &a.side[TO], a.down, a.exit_code, a.online, &a.allow, &a.eng.pg};
        rc = dg_cmd_diff_pg(&pa, d);
    } else if (rc == DG_EXIT_OK) {
        rc = run(&a, d);
    }
    args_free(&a);
    return rc < 0 ? DG_EXIT_OK : rc;   /* -1: --help was printed */
}
