/* cmd_diff_pg.h - `dalgen diff --engine postgresql` (cmd_diff_pg.c). */
#ifndef DG_CMD_DIFF_PG_H
#define DG_CMD_DIFF_PG_H

#include "analysis/diff/diff.h"
#include "frontend/pg/pg_front.h"
#include "util/diag.h"

typedef struct dg_diff_pg_args {
    const dg_sources    *from, *to;
    bool                 down, exit_code, online;
    const dg_lint_allow *allow;
    const dg_pg_opts    *pg;
} dg_diff_pg_args;

/* The planned and verified migration between two PostgreSQL sources. */
typedef struct dg_pg_planned {
    dg_schema *from, *to;
    dg_plan    up, down;
} dg_pg_planned;

/* Loads both sides through the typing server, plans up and down, prints the
 * loads' diagnostics and the lints of up (of down with `down`), and unless
 * they refuse, applies both plans to a throwaway database of `from`
 * (dg_pgdiff_verify).  Returns DG_EXIT_OK with *out filled (free it with
 * dg_pg_planned_free, also after an error), or DG_EXIT_INPUT after
 * reporting. */
int  dg_pg_plan_verified(const dg_diff_pg_args *a, dg_pg_planned *out, dg_diags *d);
void dg_pg_planned_free(dg_pg_planned *p);

/* Loads both sides through the typing server, plans up and down, applies
 * both to a throwaway database of --from (dg_pgdiff_verify) and prints the
 * requested one.  Returns a DG_EXIT_* code; nothing is printed on stdout
 * when the plan is refused or does not verify. */
int dg_cmd_diff_pg(const dg_diff_pg_args *a, dg_diags *d);

#endif
