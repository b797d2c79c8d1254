/* pgdiff.h - the PostgreSQL migration planner (docs/migrations.md,
 * "Planning on PostgreSQL"; design/postgres.md 3.9).
 *
 * dg_pgdiff_plan compares two models of engine postgresql (read back from
 * a server, so both sides are spelled the way the server prints them) and
 * plans the native ALTER statements that turn a database of `from` into
 * one of `to`: PostgreSQL's DDL is transactional and alters columns in
 * place, so no table is ever rebuilt.  Which item continues which (renames,
 * swaps, chains) is decided by the SQLite differ's matcher (diff_match.c),
 * and the lints are the same codes with the same --allow rules.
 *
 * `ALTER TYPE ... ADD VALUE` statements come first, in a
 * `-- dalgen:no-transaction` section (a label added in a transaction cannot
 * be used before it commits); the rest follows in one transaction.  With
 * `online`, a last no-transaction section builds the indexes of existing
 * tables CONCURRENTLY and validates the constraints added NOT VALID.
 *
 * dg_pgdiff_verify applies a plan to a throwaway database of the old schema
 * and reads the model back: what is written has been seen to work. */
#ifndef DG_PGDIFF_H
#define DG_PGDIFF_H

#include <stdbool.h>

#include "analysis/diff/diff.h"
#include "frontend/pg/pg_front.h"
#include "model/model.h"

typedef struct dg_pgdiff_opts {
    bool reverse;   /* `from` is the newer schema (down migration): its annotations are read backwards */
    bool online;    /* plans that keep writers going (docs/migrations.md, "--online") */
} dg_pgdiff_opts;

/* Plans `from` -> `to` (both engine postgresql) into *out (zeroed first).
 * Never fails: what cannot be migrated without loss is in out->lints. */
void dg_pgdiff_plan(const dg_schema *from, const dg_schema *to, const dg_pgdiff_opts *opts, dg_plan *out);

/* Applies `up` on the session's database (which holds `from`), as the
 * runner would (sections, one transaction each), reads the model back and
 * compares it with `to`; then applies `down` and compares with `from`.
 * Returns 0 when both reach their model, else -1 with *why set (what failed
 * or differs first; caller frees).  The database is left changed. */
int dg_pgdiff_verify(dg_pg_session *sess, const dg_schema *from, const dg_schema *to, const dg_plan *up,
                     const dg_plan *down, char **why);

/* Whether two models describe the same schema for a migration: the same
 * objects and definitions, ignoring source locations, annotations, column
 * order and creation order.  When not, *what (may be NULL; caller frees)
 * names the first difference as a JSON path and the two values. */
bool dg_pgdiff_same(const dg_schema *a, const dg_schema *b, char **what);

/* The marker lines of the runner's sections (runtime/src/pg/mig_split.c). */
#define DG_PGDIFF_NO_TX "-- dalgen:no-transaction"
#define DG_PGDIFF_TX    "-- dalgen:transaction"

#endif
