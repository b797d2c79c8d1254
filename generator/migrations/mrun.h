/* mrun.h - `dalgen migrate apply|status|down`: the folder checked against
 * dalgen.sum, then libdal's runner on the database. */
#ifndef DG_MRUN_H
#define DG_MRUN_H

#include <stdbool.h>
#include <stdint.h>

#include "util/diag.h"

typedef struct dg_run_args {
    const char *db;
    const char *dir;
    int64_t     to;          /* -1 = not given */
    int64_t     steps;       /* -1 = not given */
    int64_t     baseline;    /* 0 = not given */
    const char *backup;
    bool        progress;    /* print progress (stderr is a terminal) */
} dg_run_args;

/* `what` is "apply", "status" or "down"; errors go to d.  Returns a
 * DG_EXIT_* code. */
int dg_migrate_run(const char *what, const dg_run_args *a, dg_diags *d);

#endif
