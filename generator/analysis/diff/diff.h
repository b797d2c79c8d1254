/* diff.h - schema differ, migration planner and lint.
 *
 * dg_diff_plan compares two schema models and produces the SQL that turns a
 * database of `from` into one of `to` (ignoring column order), using native
 * ALTER TABLE where SQLite allows it and the 12-step rebuild of
 * https://www.sqlite.org/lang_altertable.html otherwise.  The statements
 * never contain BEGIN, COMMIT or PRAGMA foreign_keys: whoever runs them (the
 * libdal runner) owns the transaction and turns foreign keys off around it.
 *
 * Renames come only from `@renamed_from` annotations of the newer schema:
 * forward, `to` holds them; for a down migration (opts.reverse) `from` is the
 * newer schema and its annotations are read backwards.
 *
 * The table `_dal_migrations` (the runner's history) is not part of any
 * schema and is ignored on both sides. */
#ifndef DG_DIFF_H
#define DG_DIFF_H

#include <stdbool.h>

#include "model/model.h"
#include "util/vec.h"

typedef enum dg_lint_level {
    DG_LINT_NOTE = 0,      /* printed as a warning, never refused */
    DG_LINT_DESTRUCTIVE,   /* refused without --allow-destructive or --allow CODE */
    DG_LINT_ERROR          /* always refused */
} dg_lint_level;

/* Stable lint codes (docs/migrations.md lists them). */
#define DG_LINT_DROP_TABLE        "DROP_TABLE"
#define DG_LINT_DROP_COLUMN       "DROP_COLUMN"
#define DG_LINT_NARROW_TYPE       "NARROW_TYPE"
#define DG_LINT_NOT_NULL_NO_DEFAULT "NOT_NULL_NO_DEFAULT"
#define DG_LINT_REBUILD_CASCADE   "REBUILD_CASCADE"
#define DG_LINT_AUTOINCREMENT     "AUTOINCREMENT_CHANGE"
#define DG_LINT_DROPPED_COLUMN_REF "DROPPED_COLUMN_REFERENCED"
#define DG_LINT_DOWN_DATA_LOSS    "DOWN_CANNOT_RESTORE"
#define DG_LINT_DATA_NOT_CARRIED  "DATA_NOT_CARRIED"
#define DG_LINT_CANNOT_APPLY      "PLAN_CANNOT_APPLY"   /* SQLite would refuse the plan */
#define DG_LINT_RENAME_UNKNOWN    "RENAMED_FROM_UNKNOWN"
#define DG_LINT_DATA_DEPENDENT    "DATA_DEPENDENT"      /* fails on some rows (rolled back) */

typedef struct dg_lint {
    dg_lint_level level;
    const char   *code;      /* one of DG_LINT_* (static) */
    char         *message;
    dg_loc        loc;       /* where in the schema (file heap-owned), file NULL when none */
} dg_lint;

typedef struct dg_plan {
    dg_strings stmts;               /* SQL statements, each ending in ';' (comments above included) */
    DG_VEC(dg_lint) lints;
    int rebuilds;                   /* tables rebuilt */
} dg_plan;

typedef struct dg_diff_opts {
    bool reverse;   /* `from` is the newer schema (down migration) */
} dg_diff_opts;

/* Plans `from` -> `to` into *out (zeroed first).  Never fails: what cannot
 * be migrated without loss is reported in out->lints. */
void dg_diff_plan(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts,
                  dg_plan *out);
void dg_plan_free(dg_plan *p);      /* NULL-safe */
/* Adds a lint (message printf-formatted; loc.file copied, may be NULL) to p:
 * the one way both planners report one. */
void dg_plan_lint(dg_plan *p, dg_loc loc, dg_lint_level level, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Applies `plan` (from -> to, planned with `opts`, may be NULL) and then
 * its inverse `back` (to -> from) on a scratch in-memory SQLite database
 * built from `from`, as libdal's runner applies a migration (one
 * transaction, foreign keys off, then SQLite's foreign-key check), and
 * checks that the database's model reaches `to`, then `from` again
 * (docs/migrations.md, "Plan verification").  With `back` NULL the inverse
 * is planned here, from the parts of the schemas the check uses.  The
 * database holds only the part of `from` the plans touch and what that part
 * needs, so the cost follows the change.  Returns 0, or -1 after adding a
 * located DG_LINT_ERROR lint PLAN_CANNOT_APPLY to `plan`.  Non-SQLite
 * schemas and empty plans pass as they are. */
int dg_plan_verify(const dg_schema *from, const dg_schema *to, const dg_diff_opts *opts, dg_plan *plan,
                   const dg_plan *back);

/* The plan as one SQL text (statements separated by blank lines), with a
 * leading comment `header` (may be NULL).  Caller frees. */
char *dg_plan_sql(const dg_plan *p, const char *header);

/* What the user allows: every destructive lint (--allow-destructive), or
 * the codes listed with --allow CODE[,CODE].  DG_LINT_ERROR lints are never
 * allowed. */
typedef struct dg_lint_allow {
    bool       all;
    dg_strings codes;   /* canonical codes (DG_LINT_*) */
} dg_lint_allow;

/* Adds the comma-separated codes of `list` (case and '-' / '_' do not
 * matter: drop-column = DROP_COLUMN).  Returns 0, or -1 with *bad set to
 * the first entry that is no code that can be allowed (caller frees). */
int  dg_lint_allow_add(dg_lint_allow *a, const char *list, char **bad);
void dg_lint_allow_free(dg_lint_allow *a);
bool dg_lint_allowed(const dg_lint_allow *a, const dg_lint *l);
/* The codes --allow accepts, comma-separated (static). */
const char *dg_lint_allow_codes(void);

/* True when some lint refuses the plan: an ERROR, or a DESTRUCTIVE lint
 * that `allow` (may be NULL: nothing allowed) does not allow. */
bool dg_plan_refused(const dg_plan *p, const dg_lint_allow *allow);

/* Prints the lints: refused ones as `error: [CODE] message`, the others as
 * `warning: [CODE] message`. */
void dg_plan_print_lints(const dg_plan *p, const dg_lint_allow *allow, FILE *out);

#endif
