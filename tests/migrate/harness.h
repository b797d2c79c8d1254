/* harness.h - the invariant every migration test checks:
 * a database of schema A with data, migrated with diff(A, B) through libdal's
 * runner, has the model of B, keeps every surviving value, passes
 * integrity_check and foreign_key_check, diffs empty against B, and the down
 * migration brings it back to A (again keeping every value). */
#ifndef MIG_HARNESS_H
#define MIG_HARNESS_H

#include <stdbool.h>

#include "analysis/diff/diff.h"
#include "model/model.h"

typedef struct mh_case {
    const char *label;
    const char *old_sql;
    const char *new_sql;
    const char *data_sql;     /* INSERTs run on the old schema (may be NULL) */
    const char *assert_sql;   /* statements that must each return 1 after up (may be NULL) */
    const char *assert_down_sql; /* the same after down (may be NULL) */
    const char *expect_lints; /* space-separated codes that must be reported (NULL: not checked) */
    bool        skip_down;
} mh_case;

/* A scratch folder for the process (removed at exit). */
const char *mh_tmpdir(void);

/* Loads SQL text as a schema model (through a scratch file); NULL after
 * printing the diagnostics. */
dg_schema *mh_load_text(const char *sql);
dg_schema *mh_load_path(const char *path);

/* Runs the whole invariant; prints what failed to stderr and returns the
 * number of failed checks (0 = pass).  When up_sql/down_sql are non-NULL
 * they receive the plans' SQL (caller frees). */
int mh_run_case(const mh_case *c, char **up_sql, char **down_sql);

#endif
