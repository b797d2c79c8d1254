/* mprogress.h - what `dalgen migrate apply|down|reset` shows while the
 * runner works (docs/migrations.md, "Progress").
 *
 * On a terminal: one line redrawn in place, `0003_index: statement 2 of 3,
 * 4.1 s: CREATE INDEX CONCURRENTLY ...`, its elapsed time advanced by a
 * ticker thread while a long statement runs, erased when the migration is
 * done (the command then prints its result line, `0003_index  1568 ms`, on
 * stdout).  Elsewhere (a log, a pipe): plain lines, one when a migration
 * starts and one when it is done, with its duration.
 *
 * The runner's two callbacks feed it (dal_migrate_options.progress and, from
 * version 3, .done); every write to the stream happens under one mutex, so
 * the ticker never interleaves with them. */
#ifndef DG_MPROGRESS_H
#define DG_MPROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <dal.h>

typedef struct dg_mprogress dg_mprogress;

/* Starts showing progress on `out` (a terminal when `tty`: then a ticker
 * thread starts too); `down`: the migrations are reverted.  Never NULL
 * (out of memory aborts, as dg_xmalloc does). */
dg_mprogress *dg_mprogress_start(FILE *out, bool tty, bool down);
/* The runner is about to run statement `stmt` (1-based) of `nstmts` of m. */
void dg_mprogress_statement(dg_mprogress *p, const dal_migration *m, int stmt, int nstmts, const char *sql);
/* Migration m was committed after `ms` milliseconds: a terminal's line is
 * erased, elsewhere a line says so. */
void dg_mprogress_done(dg_mprogress *p, const dal_migration *m, int64_t ms);
/* Stops the ticker, ends a line left open and frees p.  NULL-safe. */
void dg_mprogress_stop(dg_mprogress *p);

/* Offset of the first token at or after `off` in `text`: past blanks and
 * SQL comments. */
size_t dg_mprogress_first_token(const char *text, size_t off);

#endif
