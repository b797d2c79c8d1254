/* dal_pool.h - a small thread-safe pool of dal_db connections, for a
 * threaded program that shares one database among its threads (one
 * dal_db must not be used by two threads at once).  Across processes and
 * hosts a server-side pooler (PgBouncer) is the answer: docs/scale.md.
 *
 *   dal_pool *pool;
 *   dal_pool_open(&pool, "postgresql://app@db/shop", 8, NULL);
 *   ... in any thread:
 *   dal_db *db;
 *   if (dal_pool_acquire(pool, 2000, &db) == DAL_OK) {
 *       ... generated calls on db ...
 *       dal_pool_release(pool, db);
 *   }
 *   dal_pool_close(pool);
 *
 * Connections are opened on demand, at most size (1..DAL_POOL_MAX) at
 * once, each a dal_db of its own with its own statement cache (prepared
 * statements are per connection), kept open when released.  Works for
 * both engines (a SQLite path opens a SQLite connection per slot).
 *
 * Threads: dal_pool_acquire and dal_pool_release may be called from any
 * thread at once (a pthread mutex and condition variable); a db acquired
 * belongs to the acquiring thread until released. */
#ifndef DAL_POOL_H
#define DAL_POOL_H

#include "dal.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DAL_POOL_MAX 256

typedef struct dal_pool dal_pool;

/* A pool of at most size connections to conninfo (a dal_open path or
 * PostgreSQL conninfo) opened with opts (copied; NULL: defaults).  No
 * connection is opened yet.  DAL_OK, DAL_MISUSE (size out of 1..
 * DAL_POOL_MAX, conninfo NULL), DAL_ERROR (out of memory). */
int dal_pool_open(dal_pool **out, const char *conninfo, int size, const dal_options *opts);

/* A connection for the calling thread: an idle one, else a new one while
 * fewer than size are open, else wait up to timeout_ms for a release
 * (0: do not wait; -1: wait forever).  An idle PostgreSQL connection
 * that the server closed meanwhile (restart, pg_terminate_backend) is
 * reconnected before it is handed out (its statement cache emptied).
 * DAL_OK with *out, or *out NULL and DAL_BUSY (timed out), DAL_ERROR
 * (cannot connect: dal_pool_errmsg says why), DAL_MISUSE (pool closing). */
int dal_pool_acquire(dal_pool *pool, int timeout_ms, dal_db **out);

/* Give db back.  A connection left inside a transaction is rolled back
 * and DAL_MISUSE returned (a bug of the caller's); a connection whose
 * link is broken is closed (the next acquire opens a new one).  DAL_OK,
 * or DAL_MISUSE also for a db that is not this pool's. */
int dal_pool_release(dal_pool *pool, dal_db *db);

/* The message of the last failed connect (for logs; another thread's
 * failure may replace it). */
const char *dal_pool_errmsg(dal_pool *pool);

/* Connections open (idle and acquired), and idle ones (for tests). */
int dal_pool_size(dal_pool *pool, int *idle);

/* Close every connection; all must have been released (DAL_MISUSE, and
 * nothing closed, otherwise).  NULL-safe. */
int dal_pool_close(dal_pool *pool);

#ifdef __cplusplus
}
#endif

#endif
