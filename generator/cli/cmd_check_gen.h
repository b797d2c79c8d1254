/* cmd_check_gen.h - what `dalgen check` needs from `generate`: the same
 * command-line inputs, and the files generate would write, in memory. */
#ifndef DG_CMD_CHECK_GEN_H
#define DG_CMD_CHECK_GEN_H

#include <stdbool.h>
#include <stddef.h>

#include "frontend/sources.h"
#include "util/diag.h"
#include "util/vec.h"

typedef struct dg_check_args {
    dg_sources  sources;
    dg_strings  queries;      /* --queries FILE|DIR, in order */
    const char *migrations;   /* --migrations DIR, NULL when none (points into argv) */
    const char *prefix;       /* --prefix */
    const char *out_dir;      /* --out, without trailing '/' */
    char       *out_owned;    /* storage of out_dir */
    const char *templates;    /* --templates DIR, NULL = built-in */
    bool        no_singularize;
    bool        timestamps;
} dg_check_args;

/* Parses generate's options.  Returns DG_EXIT_OK, or DG_EXIT_USAGE after
 * printing the problem.  Free with dg_check_args_free either way. */
int  dg_check_parse_args(int argc, char **argv, dg_check_args *out);
void dg_check_args_free(dg_check_args *a);

typedef struct dg_check_file {
    char  *name;   /* file name inside --out */
    char  *data;   /* exact bytes generate would write */
    size_t len;
} dg_check_file;

typedef DG_VEC(dg_check_file) dg_check_files;

/* Runs generate's pipeline without writing: every file it would write into
 * `out`.  Returns 0, or -1 after reporting input errors through `d`. */
int  dg_check_render(const dg_check_args *a, dg_check_files *out, dg_diags *d);
void dg_check_files_free(dg_check_files *f);

#endif
