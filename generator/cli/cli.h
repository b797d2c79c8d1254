/* cli.h - the dalgen command line: one cmd_<name>.c per command, each taking
 * the arguments after the command name and the dg_diags its diagnostics go
 * to.  main() prints those once the command returns, whatever path it
 * returned by.  A command prints the ones so far itself
 * (dg_diags_print(d, stderr)) only before text of its own that must come
 * after them: its own lines on stderr (lints, summaries), and its results on
 * stdout, so that a terminal shows the warnings first as it always did.
 *
 * Exit status (DESIGN.md, "CLI contract"): 0 success; 1 an error in the input
 * or the database (including a lint refusal); 2 usage error; 3 differences
 * found (diff --exit-code, check, api-diff). */
#ifndef DG_CLI_H
#define DG_CLI_H

#include <stdbool.h>

#include "analysis/diff/diff.h"
#include "frontend/pg/pg_front.h"
#include "frontend/sources.h"
#include "util/diag.h"

enum {
    DG_EXIT_OK = 0,
    DG_EXIT_INPUT = 1,
    DG_EXIT_USAGE = 2,
    DG_EXIT_DIFF = 3
};

int cmd_schema(int argc, char **argv, dg_diags *d);
int cmd_generate(int argc, char **argv, dg_diags *d);
int cmd_check(int argc, char **argv, dg_diags *d);
int cmd_diff(int argc, char **argv, dg_diags *d);
int cmd_migrate(int argc, char **argv, dg_diags *d);
int cmd_erd(int argc, char **argv, dg_diags *d);
int cmd_api_diff(int argc, char **argv, dg_diags *d);

/* What `dalgen CMD --help` prints (cli_help.c), NULL for an unknown CMD. */
const char *dg_cli_help(const char *cmd);

/* Prints `dalgen <cmd>: message` and the usage hint to stderr; returns
 * DG_EXIT_USAGE so callers can `return dg_usage_error(...)`. */
int dg_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* If argv[*i] is a schema-source option (--schema X, --header X,
 * --clang-arg X, or --schema=X forms) or a positional schema source, adds it
 * to `src`, advances *i past what it consumed and returns 1.  Returns 0 when
 * argv[*i] is something else, -1 on a usage error (already printed). */
int dg_cli_take_source(const char *cmd, int argc, char **argv, int *i, dg_sources *src);

/* Value of an option `--name VALUE` or `--name=VALUE` at argv[*i]: returns it
 * and advances *i, or NULL when argv[*i] is not that option.  Sets *missing
 * when the option is present without a value. */
const char *dg_cli_opt(const char *name, int argc, char **argv, int *i, bool *missing);

/* --allow CODE[,CODE] of diff and migrate new: adds the codes to `a`;
 * 0, or DG_EXIT_USAGE after naming the entry that is no allowable code. */
int dg_cli_allow(const char *cmd, dg_lint_allow *a, const char *list);

/* --engine sqlite|postgresql and the typing server's flags (cli_engine.c). */
typedef struct dg_engine_flags {
    const char *engine;    /* --engine; NULL = not given */
    dg_pg_opts  pg;        /* --pg-server, --pg-run-as, --allow-do (then $DALGEN_PG_SERVER) */
    bool        pg_flags;  /* one of those three was given */
} dg_engine_flags;

/* One of those flags at argv[*i]: 0 consumed, -1 not one of them,
 * DG_EXIT_USAGE after printing the problem. */
int dg_cli_engine_flag(const char *cmd, dg_engine_flags *f, int argc, char **argv, int *i);
/* The engine of the flags and sources (a postgres:// source implies
 * postgresql; mixing engines is a usage error); with postgresql and no
 * --pg-server, f->pg.server becomes $DALGEN_PG_SERVER.  DG_EXIT_OK and
 * *out, or DG_EXIT_USAGE after printing the problem. */
int dg_cli_engine_of(const char *cmd, dg_engine_flags *f, const dg_sources *src, dg_engine *out);

#endif
