/* pg_int.h - private helpers of libdal's PostgreSQL half (dal__pg_
 * prefix): big-endian codecs and the error mapping.  Not installed.
 *
 * Files, each calling only downward:
 *   conn.c     dal_open/dal_wrap_pg/dal_close/dal_exec on PostgreSQL
 *   txn.c      transactions and savepoints, the aborted-transaction rule
 *   stmt.c     the named-statement cache, dal_pg_exec, dal_pg_iter
 *   batch.c    dal_pg_batch (pipeline mode)
 *   stream.c   dal_pg_stream (single-row / chunked mode)
 *   copy.c     dal_pg_copy (binary COPY FROM STDIN)
 *   bind.c     dal_pg_bind_*         read.c  dal_pg_read_*
 *   array.c    1-D array codec       numeric.c  numeric codec
 *   error.c    SQLSTATE -> DAL_* and the error fields */
#ifndef DAL_PG_INT_H
#define DAL_PG_INT_H

#include "../dal_internal.h"
#include "dal_pg.h"

#include <string.h>

/* PostgreSQL's epochs: 2000-01-01 in Unix µs and days. */
#define DAL__PG_EPOCH_US INT64_C(946684800000000)
#define DAL__PG_EPOCH_DAYS 10957

static inline uint16_t dal__pg_get16(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (uint16_t)((unsigned)u[0] << 8 | u[1]);
}
static inline uint32_t dal__pg_get32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 | (uint32_t)u[2] << 8 | u[3];
}
static inline uint64_t dal__pg_get64(const char *p)
{
    return (uint64_t)dal__pg_get32(p) << 32 | dal__pg_get32(p + 4);
}
static inline void dal__pg_put16(char *p, uint16_t v)
{
    p[0] = (char)(v >> 8);
    p[1] = (char)(v & 0xff);
}
static inline void dal__pg_put32(char *p, uint32_t v)
{
    p[0] = (char)(v >> 24);
    p[1] = (char)((v >> 16) & 0xff);
    p[2] = (char)((v >> 8) & 0xff);
    p[3] = (char)(v & 0xff);
}
static inline void dal__pg_put64(char *p, uint64_t v)
{
    dal__pg_put32(p, (uint32_t)(v >> 32));
    dal__pg_put32(p + 4, (uint32_t)(v & 0xffffffffu));
}

/* Unix µs <-> PostgreSQL µs and Unix days <-> PostgreSQL days,
 * infinities kept; false for a finite value the other side cannot hold
 * (a timestamp after year 294247 overflows Unix µs in int64; a finite
 * value must not become an infinity). */
static inline bool dal__pg_ts_from_wire(int64_t v, int64_t *out)
{
    if (v == INT64_MAX || v == INT64_MIN) return (*out = v, true);
    if (v >= INT64_MAX - DAL__PG_EPOCH_US) return false;
    return (*out = v + DAL__PG_EPOCH_US, true);
}
static inline bool dal__pg_ts_to_wire(int64_t v, int64_t *out)
{
    if (v == INT64_MAX || v == INT64_MIN) return (*out = v, true);
    if (v <= INT64_MIN + DAL__PG_EPOCH_US) return false;
    return (*out = v - DAL__PG_EPOCH_US, true);
}
static inline bool dal__pg_date_from_wire(int32_t v, int32_t *out)
{
    if (v == INT32_MAX || v == INT32_MIN) return (*out = v, true);
    if (v >= INT32_MAX - DAL__PG_EPOCH_DAYS) return false;
    return (*out = v + DAL__PG_EPOCH_DAYS, true);
}
static inline bool dal__pg_date_to_wire(int32_t v, int32_t *out)
{
    if (v == INT32_MAX || v == INT32_MIN) return (*out = v, true);
    if (v <= INT32_MIN + DAL__PG_EPOCH_DAYS) return false;
    return (*out = v - DAL__PG_EPOCH_DAYS, true);
}

/* error.c: record the error of a failed result (res NULL: libpq's
 * connection message) and return its DAL_* code.  res is not freed. */
int dal__pg_result_error(dal_db *db, const PGresult *res);
/* DAL_* code of a SQLSTATE (the table of docs/postgresql.md). */
int dal__pg_map_sqlstate(const char *sqlstate);
/* The connection is gone (CONNECTION_BAD): DAL_ERROR "connection lost". */
int dal__pg_lost(dal_db *db);

/* dal__pg_stmt.state */
enum { DAL__PG_NONE = 0, DAL__PG_PREPARED = 1, DAL__PG_STALE = 2 };

/* stmt.c: forget every prepared statement (dal_reconnect, dal_close). */
void dal__pg_stmt_cache_free(dal_db *db);
/* stmt.c: run statement e (SQL sql, statement id of u for messages):
 * prepared first when it is not, prepared again once after 0A000/26000
 * outside a transaction.  sql NULL (a cached keyed statement): after
 * 0A000/26000 DAL_NOTFOUND, the caller calls again with its SQL. */
int dal__pg_exec_stmt(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e,
                      const dal_pg_params *p, PGresult **out);
/* stmt.c: the error of a call on no PostgreSQL connection or with an id
 * the unit does not have (DAL_MISUSE). */
int dal__pg_exec_misuse(dal_db *db, const dal_unit *u, int id);
/* stmt.c: PQexecParams of sql (DAL_PG_UNNAMED). */
int dal__pg_exec_unnamed(dal_db *db, const char *sql, const dal_pg_params *p, PGresult **out);
/* stmt.c, for the batch and stream paths (cold: the hot path's copies
 * are inlined into dal_pg_exec): statement id of u on db (NULL out of
 * memory, recorded); prepare it; deallocate a stale copy; whether a
 * failed result says the plan is gone (0A000, 26000). */
dal__pg_stmt *dal__pg_unit_stmt(dal_db *db, const dal_unit *u, int id);
int dal__pg_prepare(dal_db *db, const dal_unit *u, int id, const char *sql, dal__pg_stmt *e, int n,
                    const Oid *types);
void dal__pg_deallocate_stale(dal_db *db, dal__pg_stmt *e);
bool dal__pg_plan_gone(const PGresult *res);
/* The row count of a command's tag: the number that ends it ("INSERT 0
 * 5", "UPDATE 5", "SELECT 5", "COPY 5"; 0 for tags without one, "BEGIN",
 * "CREATE TABLE").  The tags PostgreSQL gives a count are exactly those
 * that end in one, so this is what PQcmdTuples says, read from the end
 * without its comparisons with each command name.  Inline: a batch reads
 * one per item. */
static inline int64_t dal__pg_tag_count(const PGresult *res)
{
    const char *t = PQcmdStatus((PGresult *)res), *d;
    size_t len;
    int64_t n = 0;
    if (!t) return 0;
    len = strlen(t);
    /* the common tag, one row or none ("INSERT 0 1", "UPDATE 0"): one
     * digit after a space, read without the loops (a batch reads a tag
     * per item) */
    if (len >= 2 && t[len - 2] == ' ' && t[len - 1] >= '0' && t[len - 1] <= '9') return t[len - 1] - '0';
    d = t + len;
    while (d > t && d[-1] >= '0' && d[-1] <= '9') d--;
    if (d == t || d[-1] != ' ') return 0;
    for (; *d; d++) n = n * 10 + (*d - '0');
    return n;
}

/* stmt_keyed.c: forget the keyed statements. */
void dal__pg_keyed_free(dal_db *db);

/* array.c: decode a binary 1-D array whose elements have type elem (0 =
 * any) into elem_size-byte C values (decode converts each element: bytes
 * NULL and len -1 for a NULL element); encode one.  See array.c. */
typedef int (*dal__pg_elem_fn)(dal_db *db, const char *colname, const char *bytes, int len,
                               dal_arena *a, void *out);
int dal__pg_array_decode(dal_db *db, const char *colname, const char *bin, size_t len, Oid elem,
                         size_t elem_size, dal__pg_elem_fn decode, dal_arena *a, void **data, size_t *n);
typedef int (*dal__pg_enc_fn)(dal_db *db, const void *elem, char *out, int *len);
int dal__pg_array_encode(dal_pg_params *p, int idx, Oid elem, const void *v, size_t len, size_t elem_size,
                         int fixed_len, dal__pg_enc_fn encode);

#endif
