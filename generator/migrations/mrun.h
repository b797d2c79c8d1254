/* mrun.h - `dalgen migrate apply|status|down|reset|baseline`: the folder
 * checked against dalgen.sum, then libdal's runner on the database (a
 * SQLite file, or a postgresql:// URL). */
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
    bool        progress;    /* stderr is a terminal: progress redrawn in place (else plain lines) */
    bool        yes;         /* reset: --yes given */
    bool        ask;         /* reset: stdin is a terminal (then --yes is required) */
    int         lock_wait_ms;         /* PostgreSQL: -1 = libdal's default */
    int         lock_timeout_ms;      /* PostgreSQL: 0 = the connection's */
    int         statement_timeout_ms; /* PostgreSQL: 0 = the connection's */
} dg_run_args;

/* `what` is "apply", "status", "down", "reset" (down to nothing) or
 * "baseline" (apply --baseline N --to N, with N from `to`).  Returns 0, or -1 after reporting
 * through `d` (a statement's failure at its place in the migration file,
 * anything else at the database's path). */
int dg_migrate_run(const char *what, const dg_run_args *a, dg_diags *d);

#endif
