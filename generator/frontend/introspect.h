/* introspect.h - helpers shared by the introspection files (internal). */
#ifndef DG_INTROSPECT_H
#define DG_INTROSPECT_H

#include "frontend/loader.h"

/* Prepared statement with ?1 bound to `arg` (may be NULL); NULL on error. */
sqlite3_stmt *dg_q(sqlite3 *db, const char *sql, const char *arg);
/* PRAGMA schema.pragma=arg (schema NULL: main), prepared; the caller
 * finalizes it.  The statement pragma_<pragma>(arg, schema) runs inside,
 * with the same rows in the same order; NULL on error. */
sqlite3_stmt *dg_pragma(dg_loader *L, const char *pragma, const char *arg, const char *schema);
/* Column text copied (NULL for SQL NULL). */
char *dg_col_text(sqlite3_stmt *st, int i);
/* Appends the record's above-statement annotations, then takes over `inside`. */
void dg_add_above(dg_annotations *to, const dg_stmt_rec *rec, dg_annotations *inside);

/* Prepares `stmt`, which uses the view or trigger (kind, name, sql, loc);
 * reports what is missing at the token that names it.  Functions SQLite
 * does not know are warnings and get stubs returning NULL.  0 or -1. */
int dg_prepare_checked(dg_loader *L, dg_rec_kind kind, const char *name, const char *sql, dg_loc loc,
                       const char *stmt, sqlite3_stmt **out);

/* Table `name` of schema `schema` (NULL: main; else an attached one, which
 * the model table keeps).  `tk` receives the tokens of `sql`
 * (dg_toks_refill: its arrays are reused from table to table). */
void dg_introspect_table(dg_loader *L, const char *schema, const char *name, const char *sql, bool strict,
                         bool without_rowid, dg_toks *tk);

#endif
