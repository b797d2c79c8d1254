/* cmd_check_gen.h - what `dalgen check` needs from `generate`: the files
 * generate would write, in memory (the inputs are generate's: cli_gen.h). */
#ifndef DG_CMD_CHECK_GEN_H
#define DG_CMD_CHECK_GEN_H

#include <stdbool.h>
#include <stddef.h>

#include "driver/generate.h"
#include "util/diag.h"
#include "util/vec.h"

typedef struct dg_check_file {
    char  *name;   /* file name inside --out */
    char  *data;   /* exact bytes generate would write */
    size_t len;
} dg_check_file;

typedef DG_VEC(dg_check_file) dg_check_files;

/* Runs generate's pipeline without writing: every file it would write into
 * `out`.  Returns 0, or -1 after reporting input errors through `d`. */
int  dg_check_render(const dg_generate_opts *o, dg_check_files *out, dg_diags *d);
void dg_check_files_free(dg_check_files *f);

#endif
