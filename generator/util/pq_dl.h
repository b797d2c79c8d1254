/* pq_dl.h - libpq and libpg_query, loaded when a command first needs
 * PostgreSQL.
 *
 * The dalgen executable does not link them: mapping libpq and its
 * dependencies (libssl, libcrypto, Kerberos, LDAP, GnuTLS, ...) and
 * libpg_query cost every command ~11 ms at start, and only PostgreSQL work
 * uses them.  In the executable, pq_dl.c defines each PQ* / pg_query_*
 * function dalgen and the libdal linked into it call, forwarding to the
 * library that dg_pq_open() dlopens.  Before that, a free (PQclear,
 * PQfinish, pg_query_free_*) is a no-op (nothing can have been allocated)
 * and any other call is a dalgen bug: it aborts, naming the function.
 *
 * Programs that link dalgen_core without the executable's target property
 * DALGEN_LOADS_LIBPQ (unit tests) link both libraries normally, and
 * dg_pq_open is pq_linked.c's no-op (generator/CMakeLists.txt). */
#ifndef DG_PQ_DL_H
#define DG_PQ_DL_H

#include "util/diag.h"

/* Loads libpq and libpg_query: each from $DALGEN_LIBPQ / $DALGEN_LIBPG_QUERY
 * alone when set, else the library found at build time, then its soname.
 * Returns 0, or reports at `at` why one could not be loaded (not installed,
 * a function missing) and returns -1.  Called at every entry into
 * PostgreSQL work, before anything is written; loading twice is a no-op. */
int dg_pq_open(dg_loc at, dg_diags *d);

#endif
