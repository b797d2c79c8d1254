/* dal_pg.h - libdal's PostgreSQL hot path: what generated code for
 * PostgreSQL calls per statement and per column.  Connections, errors and
 * transactions are dal.h's engine-neutral calls (dal_open of a
 * postgresql:// URI, dal_errmsg, dal_sqlstate, dal_begin, ...).
 *
 *   1. Parameters   dal_pg_params: a block on the caller's stack (values,
 *                   lengths and one 16-byte cell per parameter for
 *                   fixed-width values; every parameter binary); dal_pg_bind_*
 *                   encode into it
 *   2. Statements   dal_pg_exec: the unit's statement, prepared once per
 *                   connection under the name dal<slot>_<id> with the type
 *                   OIDs the generator pinned, run with binary parameters
 *                   and binary results; dal_pg_iter over its rows
 *   3. Readers      dal_pg_read_*: the result's column types checked once
 *                   per prepared statement (dal_pg_params.results), then
 *                   values decoded in place, text and bytea copied into a
 *                   dal_arena
 *   4. Types        dal_timestamp, dal_date, dal_interval, dal_uuid (dal.h),
 *                   spans for 1-D arrays (dal_int64_array, dal_text_array...)
 *
 * Memory: in steady state libdal allocates nothing per call or per row:
 * the parameter block is the caller's, statement names are formatted on
 * the stack, the prepared flags are allocated once per unit and
 * connection, errors are copied into the dal_db.  libpq allocates its
 * PGresult (3 mallocs for a one-row result); arena copies reuse the
 * arena's blocks once it has grown.
 *
 * Ownership: a struct pg_result * handed out (dal_pg_exec's *out, an
 * iterator's res) is the caller's, freed with PQclear / dal_pg_iter_end.
 * Pointers read into an arena live until the arena is reset. */
#ifndef DAL_PG_H
#define DAL_PG_H

#include "dal.h"
#include "dal_config.h"

#if !DAL_HAVE_POSTGRESQL
#error "dal_pg.h: this libdal was built without PostgreSQL (DALGEN_WITH_POSTGRESQL=OFF)"
#endif

#include <libpq-fe.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Types ------------------------------------------------------------- */

/* timestamp / timestamptz: microseconds since 1970-01-01 00:00 UTC
 * (timestamp is zone-less: the same count read as UTC); 'infinity' and
 * '-infinity' are INT64_MAX and INT64_MIN. */
typedef int64_t dal_timestamp;
#define DAL_TIMESTAMP_INFINITY INT64_MAX
#define DAL_TIMESTAMP_NEG_INFINITY INT64_MIN
/* date: days since 1970-01-01; infinities INT32_MAX and INT32_MIN. */
typedef int32_t dal_date;
#define DAL_DATE_INFINITY INT32_MAX
#define DAL_DATE_NEG_INFINITY INT32_MIN
/* time (without time zone) is an int64_t of microseconds since midnight. */
/* interval: PostgreSQL keeps the three parts apart (a month is no fixed
 * number of days, a day no fixed number of microseconds under DST). */
typedef struct dal_interval { int64_t us; int32_t days, months; } dal_interval;

/* 1-D arrays: spans into the arena (data NULL and len 0 for SQL NULL; an
 * empty array has non-NULL data).  NULL elements: arrays of pointers
 * (text, bytea, numeric) hold NULL for them; arrays of values cannot, and
 * reading one with a NULL element is DAL_ERROR naming the column. */
typedef struct dal_int16_array { const int16_t *data; size_t len; } dal_int16_array;
typedef struct dal_int32_array { const int32_t *data; size_t len; } dal_int32_array;
typedef struct dal_int64_array { const int64_t *data; size_t len; } dal_int64_array;
typedef struct dal_float_array { const float *data; size_t len; } dal_float_array;
typedef struct dal_double_array { const double *data; size_t len; } dal_double_array;
typedef struct dal_bool_array { const bool *data; size_t len; } dal_bool_array;
typedef struct dal_text_array { const char *const *data; size_t len; } dal_text_array;
typedef struct dal_blob_array { const dal_blob *data; size_t len; } dal_blob_array;
typedef struct dal_uuid_array { const dal_uuid *data; size_t len; } dal_uuid_array;
typedef struct dal_timestamp_array { const dal_timestamp *data; size_t len; } dal_timestamp_array;
typedef struct dal_date_array { const dal_date *data; size_t len; } dal_date_array;

/* Builtin type OIDs (pg_type.dat; fixed in every database), the ones the
 * generator pins and the readers expect. */
#define DAL_PG_BOOL 16
#define DAL_PG_BYTEA 17
#define DAL_PG_NAME 19
#define DAL_PG_INT8 20
#define DAL_PG_INT2 21
#define DAL_PG_INT4 23
#define DAL_PG_TEXT 25
#define DAL_PG_JSON 114
#define DAL_PG_FLOAT4 700
#define DAL_PG_FLOAT8 701
#define DAL_PG_UNKNOWN 705
#define DAL_PG_BPCHAR 1042
#define DAL_PG_VARCHAR 1043
#define DAL_PG_DATE 1082
#define DAL_PG_TIME 1083
#define DAL_PG_TIMESTAMP 1114
#define DAL_PG_TIMESTAMPTZ 1184
#define DAL_PG_INTERVAL 1186
#define DAL_PG_NUMERIC 1700
#define DAL_PG_UUID 2950
#define DAL_PG_JSONB 3802
#define DAL_PG_BOOL_ARRAY 1000
#define DAL_PG_BYTEA_ARRAY 1001
#define DAL_PG_INT2_ARRAY 1005
#define DAL_PG_INT4_ARRAY 1007
#define DAL_PG_TEXT_ARRAY 1009
#define DAL_PG_VARCHAR_ARRAY 1015
#define DAL_PG_BPCHAR_ARRAY 1014
#define DAL_PG_NAME_ARRAY 1003
#define DAL_PG_INT8_ARRAY 1016
#define DAL_PG_FLOAT4_ARRAY 1021
#define DAL_PG_FLOAT8_ARRAY 1022
#define DAL_PG_TIMESTAMP_ARRAY 1115
#define DAL_PG_DATE_ARRAY 1182
#define DAL_PG_TIMESTAMPTZ_ARRAY 1185
#define DAL_PG_NUMERIC_ARRAY 1231
#define DAL_PG_UUID_ARRAY 2951
/* The first OID of user objects: enums, domains' and extensions' types
 * (citext) have OIDs from here on, different in every database. */
#define DAL_PG_FIRST_USER_OID 16384

/* ---- Parameters -------------------------------------------------------- */

/* The bytes of one fixed-width binary value (at most 16: uuid, interval). */
typedef union dal_pg_cell { char b[16]; int64_t align; } dal_pg_cell;

/* A statement's parameters, all arrays of n on the caller's stack, and
 * types, the n type OIDs the generator pinned (a static const array; 0 =
 * let the server infer, for a value sent as text).  values[i] NULL is
 * SQL NULL.  Variable-size encodings (numeric, arrays,
 * jsonb) go into arena (NULL: binding one is DAL_MISUSE).  Values that
 * dal_pg_bind_text/_blob/_jsonb point at are not copied: they must stay
 * valid until dal_pg_exec returns.
 *
 * results, nresults: the statement's result column types (a static const
 * array; NULL: not checked).  dal_pg_exec checks a result against them
 * (dal_pg_result_check) once per prepared statement (a prepared
 * statement's result types cannot change: the server refuses with 0A000
 * and libdal prepares again, checking again), on every result in
 * DAL_PG_UNNAMED mode; the readers then trust the types. */
typedef struct dal_pg_params {
    dal_db *db;
    int n;
    const Oid *types;
    const char **values;
    int *lengths;
    const int *formats;     /* every parameter is sent binary: all 1s (dal__pg_binary) */
    dal_pg_cell *cells;
    dal_arena *arena;
    const Oid *results;
    int nresults;
} dal_pg_params;

/* Every parameter goes binary, so the formats array PQexecPrepared takes
 * is the same for every statement: libdal's constant array of 1s, shared
 * (no store per bound value); a statement of more than
 * DAL__PG_BINARY_MAX parameters gets a stack copy filled once (not API). */
#define DAL__PG_BINARY_MAX 256
extern const int dal__pg_binary[DAL__PG_BINARY_MAX];
const int *dal__pg_binary_fill(int *formats, int n);

/* Declares name_values[N] ... and `dal_pg_params name` in one go (N >= 1):
 *     static const Oid types[2] = { DAL_PG_INT8, DAL_PG_TEXT };
 *     DAL_PG_PARAMS(p, db, 2, types, arena);
 *     dal_pg_bind_int64(&p, 1, id); ... */
#define DAL_PG_PARAMS(name, db, N, types, arena) \
    const char *name##_values[N]; int name##_lengths[N]; \
    int name##_formats[(N) <= DAL__PG_BINARY_MAX ? 1 : (N)]; \
    dal_pg_cell name##_cells[N]; \
    dal_pg_params name = { (db), (N), (types), name##_values, name##_lengths, \
                           (N) <= DAL__PG_BINARY_MAX ? dal__pg_binary : dal__pg_binary_fill(name##_formats, (N)), \
                           name##_cells, (arena), NULL, 0 }
/* A statement without parameters (to declare its result types). */
#define DAL_PG_NO_PARAMS(name, db) \
    dal_pg_params name = { (db), 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 }
/* The result types of the statement run with name (a static const Oid
 * array of N): checked by dal_pg_exec as described above. */
#define DAL_PG_RESULTS(name, rtypes, N) ((name).results = (rtypes), (name).nresults = (N))

/* Inline functions of this header (the common binders and readers):
 * C99 inline, or GNU's in gnu89 mode; libdal holds their external
 * definitions (DAL__PG_NO_INLINE: only those). */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(__cplusplus) && defined(__STDC_VERSION__) && \
    __STDC_VERSION__ >= 199901L && !defined(__GNUC_GNU_INLINE__)
#define DAL__PG_INLINE inline __attribute__((__always_inline__))   /* a few instructions each: always worth it */
#elif defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L && !defined(__GNUC_GNU_INLINE__))
#define DAL__PG_INLINE inline
#elif defined(__GNUC__)
#define DAL__PG_INLINE extern __inline__ __attribute__((__gnu_inline__, __always_inline__))
#else
#define DAL__PG_NO_INLINE 1
#endif

/* Static functions of generated code on the path of every call: the row
 * readers (called per row by get, get_by_* and an iterator's next) and
 * the writes' validation check.  Inlined at each call, which saves a call
 * and a second frame per row or write (gcc leaves a reader of several
 * columns out of line for `inline` alone). */
#if defined(__GNUC__) || defined(__clang__)
#define DAL_PG_STATIC_INLINE static __inline__ __attribute__((__always_inline__))
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define DAL_PG_STATIC_INLINE static inline
#else
#define DAL_PG_STATIC_INLINE static
#endif

/* idx is the parameter's $ number (1-based).  Each returns DAL_OK, or
 * DAL_MISUSE for an idx out of range, DAL_INVALID for text that is no
 * value of the type (numeric), DAL_ERROR out of memory (recorded on db),
 * DAL_ERROR for text longer than 1 GB (54000).
 * The binders of the most common types are inline (below): binding a
 * value costs a few stores into the block, as in hand-written code:
 * dal_pg_bind_null, _int16, _int32, _int64, _float, _double, _bool,
 * _time, their _null forms, _timestamp_null's NULL, _text and _text_len. */
int dal_pg_bind_uuid(dal_pg_params *p, int idx, dal_uuid v);
int dal_pg_bind_timestamp(dal_pg_params *p, int idx, dal_timestamp v);  /* timestamp and timestamptz */
int dal_pg_bind_date(dal_pg_params *p, int idx, dal_date v);
int dal_pg_bind_interval(dal_pg_params *p, int idx, dal_interval v);
/* The nullable forms: has false binds NULL. */
int dal_pg_bind_uuid_null(dal_pg_params *p, int idx, bool has, dal_uuid v);
int dal_pg_bind_date_null(dal_pg_params *p, int idx, bool has, dal_date v);
int dal_pg_bind_interval_null(dal_pg_params *p, int idx, bool has, dal_interval v);

/* The out-of-line part of the inline binders (bind.c; not API): idx out
 * of range, or text longer than 1 GB; recorded on p->db. */
int dal__pg_bind_refuse(dal_pg_params *p, int idx);

#ifdef DAL__PG_NO_INLINE
#define DAL__PG_BINDER(name, ctype, width, encode) \
    int dal_pg_bind_##name(dal_pg_params *p, int idx, ctype v); \
    int dal_pg_bind_##name##_null(dal_pg_params *p, int idx, bool has, ctype v);
int dal_pg_bind_null(dal_pg_params *p, int idx);
int dal_pg_bind_timestamp_null(dal_pg_params *p, int idx, bool has, dal_timestamp v);
int dal_pg_bind_text_len(dal_pg_params *p, int idx, const char *s, size_t len);
int dal_pg_bind_text(dal_pg_params *p, int idx, const char *s);
#else
#define DAL__PG_PUT32(c, u) ((c)[0] = (char)((u) >> 24), (c)[1] = (char)((u) >> 16 & 0xffu), \
                             (c)[2] = (char)((u) >> 8 & 0xffu), (c)[3] = (char)((u) & 0xffu))
DAL__PG_INLINE int dal_pg_bind_null(dal_pg_params *p, int idx)
{
    if (idx < 1 || idx > p->n) return dal__pg_bind_refuse(p, idx);
    p->values[idx - 1] = NULL;
    p->lengths[idx - 1] = 0;
    return DAL_OK;
}
/* encode: statements writing v's width bytes, big-endian, at c. */
#define DAL__PG_BINDER(name, ctype, width, encode) \
    DAL__PG_INLINE int dal_pg_bind_##name(dal_pg_params *p, int idx, ctype v) \
    { \
        char *c; \
        if (idx < 1 || idx > p->n) return dal__pg_bind_refuse(p, idx); \
        c = p->cells[idx - 1].b; \
        encode \
        p->values[idx - 1] = c; \
        p->lengths[idx - 1] = (width); \
        return DAL_OK; \
    } \
    DAL__PG_INLINE int dal_pg_bind_##name##_null(dal_pg_params *p, int idx, bool has, ctype v) \
    { \
        return has ? dal_pg_bind_##name(p, idx, v) : dal_pg_bind_null(p, idx); \
    }
DAL__PG_INLINE int dal_pg_bind_timestamp_null(dal_pg_params *p, int idx, bool has, dal_timestamp v)
{
    return has ? dal_pg_bind_timestamp(p, idx, v) : dal_pg_bind_null(p, idx);
}
/* text, varchar, char, name, json, citext, enums (s NULL -> SQL NULL; not copied). */
DAL__PG_INLINE int dal_pg_bind_text_len(dal_pg_params *p, int idx, const char *s, size_t len)
{
    if (!s) return dal_pg_bind_null(p, idx);
    if (idx < 1 || idx > p->n || len > 0x7fffffffu) return dal__pg_bind_refuse(p, idx);
    p->values[idx - 1] = s;
    p->lengths[idx - 1] = (int)len;
    return DAL_OK;
}
DAL__PG_INLINE int dal_pg_bind_text(dal_pg_params *p, int idx, const char *s)
{
    return dal_pg_bind_text_len(p, idx, s, s ? strlen(s) : 0);
}
#endif
DAL__PG_BINDER(int16, int16_t, 2, { uint16_t u = (uint16_t)v; c[0] = (char)(u >> 8); c[1] = (char)(u & 0xffu); })
DAL__PG_BINDER(int32, int32_t, 4, { uint32_t u = (uint32_t)v; DAL__PG_PUT32(c, u); })
DAL__PG_BINDER(int64, int64_t, 8, { uint64_t u = (uint64_t)v; DAL__PG_PUT32(c, (uint32_t)(u >> 32));
                                    DAL__PG_PUT32(c + 4, (uint32_t)(u & 0xffffffffu)); })
DAL__PG_BINDER(float, float, 4, { uint32_t u; memcpy(&u, &v, 4); DAL__PG_PUT32(c, u); })
DAL__PG_BINDER(double, double, 8, { uint64_t u; memcpy(&u, &v, 8); DAL__PG_PUT32(c, (uint32_t)(u >> 32));
                                    DAL__PG_PUT32(c + 4, (uint32_t)(u & 0xffffffffu)); })
DAL__PG_BINDER(bool, bool, 1, c[0] = v ? 1 : 0;)
/* time (without time zone): µs since midnight */
DAL__PG_BINDER(time, int64_t, 8, { uint64_t u = (uint64_t)v; DAL__PG_PUT32(c, (uint32_t)(u >> 32));
                                   DAL__PG_PUT32(c + 4, (uint32_t)(u & 0xffffffffu)); })
/* An enum's label, as the generated code binds it: label is P_t_to_string(v)
 * (text, OID 0).  A NULL label (v no label of the enum: P_T_UNKNOWN, a cast
 * number) is DAL_INVALID (22P02, recorded, naming type and v), never SQL
 * NULL: an unset value must not become NULL silently when validation is
 * skipped.  Bind NULL with dal_pg_bind_null. */
int dal_pg_bind_label(dal_pg_params *p, int idx, const char *label, int v, const char *type);
int dal_pg_bind_jsonb(dal_pg_params *p, int idx, const char *json);  /* adds the version byte (arena) */
int dal_pg_bind_blob(dal_pg_params *p, int idx, dal_blob b);          /* bytea; data NULL -> SQL NULL */
/* numeric from exact decimal text ("-12.50", "1e-3", "NaN", "Infinity",
 * "-Infinity"), encoded in binary into the arena. */
int dal_pg_bind_numeric(dal_pg_params *p, int idx, const char *text);
/* 1-D arrays, encoded into the arena (v NULL with len 0 is an empty
 * array; use dal_pg_bind_null for a NULL array).  Text, bytea and numeric
 * elements that are NULL are NULL elements.  The element type sent is the
 * one of the pinned array type (the server refuses any other): text[],
 * varchar[], char[] and name[] for text; timestamptz[] or timestamp[]. */
int dal_pg_bind_int16_array(dal_pg_params *p, int idx, const int16_t *v, size_t len);
int dal_pg_bind_int32_array(dal_pg_params *p, int idx, const int32_t *v, size_t len);
int dal_pg_bind_int64_array(dal_pg_params *p, int idx, const int64_t *v, size_t len);
int dal_pg_bind_float_array(dal_pg_params *p, int idx, const float *v, size_t len);
int dal_pg_bind_double_array(dal_pg_params *p, int idx, const double *v, size_t len);
int dal_pg_bind_bool_array(dal_pg_params *p, int idx, const bool *v, size_t len);
int dal_pg_bind_text_array(dal_pg_params *p, int idx, const char *const *v, size_t len);
int dal_pg_bind_blob_array(dal_pg_params *p, int idx, const dal_blob *v, size_t len);
int dal_pg_bind_uuid_array(dal_pg_params *p, int idx, const dal_uuid *v, size_t len);
int dal_pg_bind_timestamp_array(dal_pg_params *p, int idx, const dal_timestamp *v, size_t len);
int dal_pg_bind_date_array(dal_pg_params *p, int idx, const dal_date *v, size_t len);
int dal_pg_bind_numeric_array(dal_pg_params *p, int idx, const char *const *v, size_t len);

/* ---- Statements -------------------------------------------------------- */

/* Run statement id of unit u (dal.h's dal_unit, the same struct and slot
 * as on SQLite) with p's parameters and types (p NULL: none).  Results
 * come in binary.
 *
 * DAL_PG_NAMED: prepared on the first call on this connection as
 * "dal<slot>_<id>" in the same round trip as its first execution
 * (PQsendPrepare + PQsendQueryPrepared in one pipeline), then
 * PQexecPrepared.  When the server says the
 * cached plan changed its result type (0A000, after a concurrent ALTER
 * COLUMN ... TYPE) or lost the statement (26000), the statement is
 * prepared again and run once more, outside a transaction; inside one
 * the error stands (the transaction is aborted) and the next call
 * prepares afresh.  DAL_PG_UNNAMED: PQexecParams every call.
 *
 * DAL_OK with *out the result (PGRES_TUPLES_OK or PGRES_COMMAND_OK; the
 * caller PQclears it; dal_changes has its row count), or an error
 * recorded on db with *out NULL. */
int dal_pg_exec(dal_db *db, const dal_unit *u, int id, const dal_pg_params *p, PGresult **out);

/* Statements whose SQL the generated code builds at run time from a
 * small key that determines it (the columns a patch writes, the defaults
 * an insert omits), like dal.h's dal_stmt_acquire_keyed: call first with
 * sql NULL; DAL_NOTFOUND (nothing recorded) means "not cached": build the
 * SQL and call again with it.  At most DAL_KEYED_MAX per connection, the
 * least recently used deallocated.  DAL_PG_UNNAMED: never cached (sql NULL
 * is always DAL_NOTFOUND).  Otherwise as dal_pg_exec. */
int dal_pg_exec_keyed(dal_db *db, const dal_unit *u, int id, uint64_t key, const char *sql,
                      const dal_pg_params *p, PGresult **out);
/* Keyed statements prepared on db (for tests). */
int dal_pg_keyed_count(const dal_db *db);

/* A result being read row by row; generated iterators embed one.  Zero it
 * (DAL_PG_ITER_INIT) so that dal_pg_iter_end of an unopened one is safe. */
typedef struct dal_pg_iter {
    dal_db *db;
    struct pg_result *res;
    int row;        /* the current row, -1 before the first step */
    int nrows;
} dal_pg_iter;
#define DAL_PG_ITER_INIT { NULL, NULL, -1, 0 }
/* dal_pg_exec into it (the whole result: one round trip). */
int  dal_pg_iter_open(dal_pg_iter *it, dal_db *db, const dal_unit *u, int id, const dal_pg_params *p);
/* PQclear the result; NULL-safe and idempotent. */
void dal_pg_iter_end(dal_pg_iter *it);
/* DAL_ROW with it->row the next row, or DAL_DONE (the result is freed).
 * Inline: a step costs a compare, as a hand-written loop over the rows. */
#ifdef DAL__PG_NO_INLINE
int  dal_pg_iter_step(dal_pg_iter *it);
#else
DAL__PG_INLINE int dal_pg_iter_step(dal_pg_iter *it)
{
    if (it->res && ++it->row < it->nrows) return DAL_ROW;
    dal_pg_iter_end(it);
    return DAL_DONE;
}
#endif

/* ---- Pipelined batches (:batchexec, :batchone, :batchmany) -------------
 * dal_pg_batch runs statement id of u n times, item i with the parameters
 * bind(ctx, i, p) writes into p, all in libpq's pipeline mode: items are
 * sent without waiting for each other's results, so n items cost about
 * one round trip instead of n.
 *
 *   - Prepare on first use goes in the same pipeline as the first item
 *     (PQsendPrepare, its own sync, then the items): no extra round trip.
 *     DAL_PG_UNNAMED: each item is a PQsendQueryParams (no cache).
 *   - Outside a transaction each item ends with a sync: each item is its
 *     own transaction, and a failing item does not stop the others.
 *   - Inside dal_begin the batch is part of the caller's transaction
 *     (a flush request every DAL_PG_BATCH_SEGMENT items, one sync at
 *     the end: a sync per item would isolate nothing): after a
 *     failing item the server aborts the transaction, and the later items
 *     fail too (DAL_ERROR, "not run"); roll back.
 *   - At most DAL_PG_BATCH_WINDOW items are in flight: results are read
 *     while later items are sent, so memory stays bounded for any n.
 *
 * bind: fills p (dal_pg_bind_*) for item i and returns DAL_OK, or an
 * error code that becomes item i's code (the item is not sent).  p is
 * the caller's block (DAL_PG_PARAMS), reused for every item: the values
 * bound need to live only until bind's next call (libpq copies an item
 * when it is sent), so bind may reset p->arena first.
 * result: NULL, or called with item i's result when it succeeded (rows
 * of :batchone/:batchmany; read them with dal_pg_read_*; the result is
 * freed after the call).  Its return code becomes item i's code.
 * rcs: NULL, or n codes: item i's DAL_OK or error.
 *
 * Returns DAL_OK when every item succeeded, else the code of the first
 * item that failed, whose message ("item 3: ...", with its SQLSTATE) is
 * the one recorded on db.  dal_changes: the rows of all the items that
 * succeeded.  The result types (p->results) are checked as dal_pg_exec
 * does.  A plan the server lost (0A000, 26000) fails its items; the next
 * call prepares afresh.  The connection is busy during the call; libdal
 * allocates nothing per item (libpq allocates each item's PGresult). */
typedef int (*dal_pg_batch_bind_fn)(void *ctx, size_t i, dal_pg_params *p);
typedef int (*dal_pg_batch_result_fn)(void *ctx, size_t i, const PGresult *res);
#define DAL_PG_BATCH_WINDOW 256
#define DAL_PG_BATCH_SEGMENT 64
int dal_pg_batch(dal_db *db, const dal_unit *u, int id, dal_pg_params *p, size_t n, dal_pg_batch_bind_fn bind,
                 dal_pg_batch_result_fn result, void *ctx, int *rcs);

/* ---- Streaming results (big :many) --------------------------------------
 * A dal_pg_stream reads a result as the server sends it, without holding
 * it all: libpq's chunked mode (DAL_PG_STREAM_CHUNK rows per PGresult)
 * when libdal was built with libpq >= 17, single-row mode before (Debian
 * 12: libpq 15).  The cost: single-row mode makes one PGresult per row
 * (libpq allocates it: 2 mallocs per row for small rows, where a whole
 * result allocates a few per result), so a stream costs more client CPU
 * per row than dal_pg_iter and pays off when the result does not fit in
 * memory comfortably or the first rows are wanted early.
 *
 * Same pattern as dal_pg_iter: open, step until DAL_DONE, end.  At each
 * DAL_ROW, s->res and s->row are the row to read (valid until the next
 * step).  The connection is busy until the stream is done or ended:
 * another stream or batch on db is DAL_MISUSE, and another statement
 * (dal_pg_exec) discards the rest of the stream (libpq's rule; the next
 * step is then DAL_ERROR).  Ending early reads and
 * discards the rest of the rows.  Named statements are prepared on first
 * use (one extra round trip, once per connection); a plan lost meanwhile
 * (0A000, 26000) is an error of the stream, the next open prepares
 * afresh. */
typedef struct dal_pg_stream {
    dal_db *db;
    struct pg_result *res;  /* the current chunk (one row in single-row mode) */
    int row;                /* the current row of res */
    int nrows;
    int open;               /* results still to read from the connection */
    const Oid *results;     /* p->results and nresults, checked on the first chunk */
    int nresults;
} dal_pg_stream;
#define DAL_PG_STREAM_INIT { NULL, NULL, -1, 0, 0, NULL, 0 }
#define DAL_PG_STREAM_CHUNK 256
/* Send statement id of u with p (as dal_pg_exec); DAL_OK or the error. */
int  dal_pg_stream_open(dal_pg_stream *s, dal_db *db, const dal_unit *u, int id, const dal_pg_params *p);
/* DAL_ROW, DAL_DONE (dal_changes: the rows streamed), or an error (the
 * stream is then ended). */
int  dal_pg_stream_step(dal_pg_stream *s);
/* Discard what is left; NULL-safe and idempotent. */
void dal_pg_stream_end(dal_pg_stream *s);

/* ---- Binary COPY FROM STDIN (:copyfrom) ---------------------------------
 *     dal_pg_copy c;
 *     dal_pg_copy_begin(&c, db, "COPY t (a, b) FROM STDIN (FORMAT binary)");
 *     for each row: DAL_PG_PARAMS(p, db, 2, NULL, arena); dal_pg_bind_...;
 *                   dal_pg_copy_row(&c, &p);
 *     dal_pg_copy_end(&c, &rows);
 * A row's fields are a dal_pg_params block filled by the same binders as
 * a statement's parameters (p->n fields in the column order of the COPY;
 * types are not needed).  Binary COPY does not convert: each field must
 * be the column's exact type (int4 for integer, not int8), else the
 * server refuses the COPY at dal_pg_copy_end (22P03 "incorrect binary data
 * format", or 08P01 when a value is shorter than the type).  Rows are encoded
 * into the struct's own buffer and sent in DAL_PG_COPY_BUF pieces: no
 * allocation in libdal.  Errors (a constraint, a bad value) come at
 * dal_pg_copy_end with their SQLSTATE mapped as elsewhere (DAL_CONSTRAINT
 * for 23505...), and nothing is copied.  Inside dal_begin the COPY is
 * part of the transaction. */
#define DAL_PG_COPY_BUF 16384
typedef struct dal_pg_copy {
    dal_db *db;
    int active;             /* between begin and end/abort */
    int rc;                 /* the first error while sending rows */
    size_t len;             /* bytes in buf */
    int64_t rows;           /* rows added */
    char buf[DAL_PG_COPY_BUF];
} dal_pg_copy;
/* sql: a COPY ... FROM STDIN (FORMAT binary).  DAL_OK, or the error
 * (DAL_MISUSE for a statement that is no COPY FROM STDIN). */
int dal_pg_copy_begin(dal_pg_copy *c, dal_db *db, const char *sql);
/* Add one row; DAL_OK, or an error (connection lost). */
int dal_pg_copy_row(dal_pg_copy *c, const dal_pg_params *p);
/* Finish: DAL_OK with *rows (may be NULL) the rows copied (dal_changes
 * too), or the server's error; the COPY is over either way. */
int dal_pg_copy_end(dal_pg_copy *c, int64_t *rows);
/* Abandon the COPY: nothing is copied; NULL-safe, no-op when not active. */
void dal_pg_copy_abort(dal_pg_copy *c);

/* A row written straight into the COPY's buffer, for code that knows each
 * field's type when it is compiled (a generated :copyfrom): no parameter
 * block, no dispatch per field.
 *     char *w = dal_pg_copy_reserve(&c, 2 + (4 + len) + (4 + 4));
 *     if (w) {
 *         w = dal_pg_copy_put_count(w, 2);
 *         w = dal_pg_copy_put_text(w, name, len);
 *         w = has_age ? dal_pg_copy_put_int32(w, age) : dal_pg_copy_put_null(w);
 *         dal_pg_copy_advance(&c, w);
 *     } else rc = ... the row through dal_pg_copy_row (which returns c.rc when set);
 * dal_pg_copy_reserve: where to write a row of at most max bytes (the
 * buffer handed to libpq first when they do not fit after what it holds),
 * or NULL: no COPY in progress, an error (c->rc), or max more than
 * DAL_PG_COPY_BUF (a row that big goes through dal_pg_copy_row, which
 * sends big values to libpq directly).  Each put_ writes one field (its
 * length word and bytes, big-endian; put_count the field count that
 * starts a row) and returns the end; dal_pg_copy_advance(c, end) adds the
 * row.  The caller keeps within max (4 bytes per field plus its value's). */
char *dal__pg_copy_reserve_slow(dal_pg_copy *c, size_t max);
#ifdef DAL__PG_NO_INLINE
char *dal_pg_copy_reserve(dal_pg_copy *c, size_t max);
void dal_pg_copy_advance(dal_pg_copy *c, char *end);
char *dal_pg_copy_put_count(char *w, int n);
char *dal_pg_copy_put_null(char *w);
char *dal_pg_copy_put_text(char *w, const char *s, size_t len);
#define DAL__PG_COPY_PUT(name, ctype, width, encode) char *dal_pg_copy_put_##name(char *w, ctype v);
#else
DAL__PG_INLINE char *dal_pg_copy_reserve(dal_pg_copy *c, size_t max)
{
    if (c->active && c->rc == DAL_OK && max <= sizeof c->buf - c->len) return c->buf + c->len;
    return dal__pg_copy_reserve_slow(c, max);
}
DAL__PG_INLINE void dal_pg_copy_advance(dal_pg_copy *c, char *end)
{
    c->len = (size_t)(end - c->buf);
    c->rows++;
}
DAL__PG_INLINE char *dal_pg_copy_put_count(char *w, int n)
{
    w[0] = (char)((unsigned)n >> 8 & 0xffu);
    w[1] = (char)((unsigned)n & 0xffu);
    return w + 2;
}
DAL__PG_INLINE char *dal_pg_copy_put_null(char *w)
{
    DAL__PG_PUT32(w, 0xffffffffu);
    return w + 4;
}
/* text (s NULL -> NULL), len its length (< 1 GB: within a reserve) */
DAL__PG_INLINE char *dal_pg_copy_put_text(char *w, const char *s, size_t len)
{
    if (!s) return dal_pg_copy_put_null(w);
    DAL__PG_PUT32(w, (uint32_t)len);
    memcpy(w + 4, s, len);
    return w + 4 + len;
}
/* encode: statements writing v's width bytes, big-endian, at c. */
#define DAL__PG_COPY_PUT(name, ctype, width, encode) \
    DAL__PG_INLINE char *dal_pg_copy_put_##name(char *w, ctype v) \
    { \
        char *c = w + 4; \
        DAL__PG_PUT32(w, (uint32_t)(width)); \
        encode \
        return c + (width); \
    }
#endif
DAL__PG_COPY_PUT(int16, int16_t, 2, { uint16_t u = (uint16_t)v; c[0] = (char)(u >> 8); c[1] = (char)(u & 0xffu); })
DAL__PG_COPY_PUT(int32, int32_t, 4, { uint32_t u = (uint32_t)v; DAL__PG_PUT32(c, u); })
DAL__PG_COPY_PUT(int64, int64_t, 8, { uint64_t u = (uint64_t)v; DAL__PG_PUT32(c, (uint32_t)(u >> 32));
                                      DAL__PG_PUT32(c + 4, (uint32_t)(u & 0xffffffffu)); })
DAL__PG_COPY_PUT(float, float, 4, { uint32_t u; memcpy(&u, &v, 4); DAL__PG_PUT32(c, u); })
DAL__PG_COPY_PUT(double, double, 8, { uint64_t u; memcpy(&u, &v, 8); DAL__PG_PUT32(c, (uint32_t)(u >> 32));
                                      DAL__PG_PUT32(c + 4, (uint32_t)(u & 0xffffffffu)); })
DAL__PG_COPY_PUT(bool, bool, 1, c[0] = v ? 1 : 0;)
DAL__PG_COPY_PUT(time, int64_t, 8, { uint64_t u = (uint64_t)v; DAL__PG_PUT32(c, (uint32_t)(u >> 32));
                                     DAL__PG_PUT32(c + 4, (uint32_t)(u & 0xffffffffu)); })

/* How many statements of units are prepared on db (for tests). */
int  dal_pg_prepared_count(const dal_db *db);

/* Whether res has n columns of the given types (the rule of
 * dal_pg_params.results): each OID equal, except that a text column
 * (DAL_PG_TEXT) also accepts varchar, char, name, json, unknown and user
 * types sent as text (enums, citext, domains over text), and a text array
 * (DAL_PG_TEXT_ARRAY) varchar[], char[] and name[], as the readers do.  DAL_OK, or
 * DAL_ERROR (dal_sqlstate 42804) naming the first column that differs and
 * both types, or the column counts. */
int dal_pg_result_check(dal_db *db, const PGresult *res, const Oid *types, int n);

/* ---- Readers -----------------------------------------------------------
 * Row row, 0-based column col of a binary result; colname for messages.
 * The scalar readers trust the column's type: check it first, once per
 * result (dal_pg_params.results, or dal_pg_result_check on a result of
 * your own).  Fixed-width readers still refuse a value of another width;
 * array readers check the array type.  SQL NULL fits
 * only the _null forms (has false, *out zeroed) and the pointer forms
 * (NULL, or a NULL span).  text, bytea, numeric and arrays are copied
 * into a (a NULL arena is DAL_MISUSE when there is something to copy). */
int dal_pg_read_uuid(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_uuid *out);
int dal_pg_read_date(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_date *out);
int dal_pg_read_interval(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                         dal_interval *out);
int dal_pg_read_uuid_null(dal_db *db, const PGresult *res, int row, int col, const char *colname, bool *has,
                          dal_uuid *out);
int dal_pg_read_date_null(dal_db *db, const PGresult *res, int row, int col, const char *colname, bool *has,
                          dal_date *out);
int dal_pg_read_interval_null(dal_db *db, const PGresult *res, int row, int col, const char *colname, bool *has,
                              dal_interval *out);
/* The readers of the most common types are inline (below): a column costs
 * two calls into libpq, as in hand-written code.  dal_pg_read_int16/32/64,
 * _float, _double, _bool, _time (µs since midnight), _timestamp
 * (timestamp or timestamptz) and their _null forms; dal_pg_read_text
 * (text, varchar, char, name, json, and user types sent as text: citext,
 * enums; NULL -> *out NULL). */

/* Their out-of-line parts (read.c; not API): a value of another width or
 * SQL NULL (has NULL: not accepted; *out zeroed, size bytes); a
 * timestamp out of dal_timestamp's range; the arena copy of text. */
int dal__pg_read_odd(dal_db *db, const PGresult *res, int row, int col, const char *colname, Oid want,
                     bool *has, void *out, size_t size);
int dal__pg_read_range(dal_db *db, const char *colname);
int dal__pg_read_copy(dal_db *db, const char *colname, dal_arena *a, const char *v, size_t n, const char **out);

#define DAL__PG_U16(v) ((uint16_t)((unsigned)(unsigned char)(v)[0] << 8 | (unsigned char)(v)[1]))
#define DAL__PG_U32(v) ((uint32_t)(unsigned char)(v)[0] << 24 | (uint32_t)(unsigned char)(v)[1] << 16 | \
                        (uint32_t)(unsigned char)(v)[2] << 8 | (uint32_t)(unsigned char)(v)[3])
#define DAL__PG_U64(v) ((uint64_t)DAL__PG_U32(v) << 32 | DAL__PG_U32((v) + 4))

#ifdef DAL__PG_NO_INLINE
#define DAL__PG_READER(name, ctype, oid, width, decode) \
    int dal_pg_read_##name(dal_db *db, const PGresult *res, int row, int col, const char *colname, ctype *out); \
    int dal_pg_read_##name##_null(dal_db *db, const PGresult *res, int row, int col, const char *colname, \
                                  bool *has, ctype *out);
#else
/* decode: a statement setting ctype x from the bytes v (and returning an
 * error for a value C cannot hold). */
#define DAL__PG_READER(name, ctype, oid, width, decode) \
    DAL__PG_INLINE int dal_pg_read_##name(dal_db *db, const PGresult *res, int row, int col, const char *colname, \
                                          ctype *out) \
    { \
        const char *v; \
        ctype x; \
        if (PQgetlength(res, row, col) != (width)) \
            return dal__pg_read_odd(db, res, row, col, colname, oid, NULL, out, sizeof *out); \
        v = PQgetvalue(res, row, col); \
        decode \
        *out = x; \
        return DAL_OK; \
    } \
    DAL__PG_INLINE int dal_pg_read_##name##_null(dal_db *db, const PGresult *res, int row, int col, \
                                                 const char *colname, bool *has, ctype *out) \
    { \
        const char *v; \
        ctype x; \
        int n = PQgetlength(res, row, col); \
        if (n != (width)) { \
            if (n == 0 && PQgetisnull(res, row, col)) return (*has = false, *out = (ctype)0, DAL_OK); \
            return dal__pg_read_odd(db, res, row, col, colname, oid, has, out, sizeof *out); \
        } \
        v = PQgetvalue(res, row, col); \
        decode \
        *has = true; \
        *out = x; \
        return DAL_OK; \
    }
#endif
DAL__PG_READER(int16, int16_t, DAL_PG_INT2, 2, x = (int16_t)DAL__PG_U16(v);)
DAL__PG_READER(int32, int32_t, DAL_PG_INT4, 4, x = (int32_t)DAL__PG_U32(v);)
DAL__PG_READER(int64, int64_t, DAL_PG_INT8, 8, x = (int64_t)DAL__PG_U64(v);)
DAL__PG_READER(float, float, DAL_PG_FLOAT4, 4, { uint32_t u = DAL__PG_U32(v); memcpy(&x, &u, 4); })
DAL__PG_READER(double, double, DAL_PG_FLOAT8, 8, { uint64_t u = DAL__PG_U64(v); memcpy(&x, &u, 8); })
DAL__PG_READER(bool, bool, DAL_PG_BOOL, 1, x = v[0] != 0;)
DAL__PG_READER(time, int64_t, DAL_PG_TIME, 8, x = (int64_t)DAL__PG_U64(v);)
/* PostgreSQL counts from 2000-01-01; infinities stay infinities, and a
 * finite value Unix µs cannot hold (after year 294247) is an error. */
DAL__PG_READER(timestamp, dal_timestamp, DAL_PG_TIMESTAMPTZ, 8,
               x = (int64_t)DAL__PG_U64(v);
               /* one unsigned compare for the common case: INT64_MIN < x < INT64_MAX - the offset */
               if ((uint64_t)x + UINT64_C(0x7fffffffffffffff) < UINT64_C(0xfffffffffffffffe) - UINT64_C(946684800000000))
                   x += INT64_C(946684800000000);
               else if (x != INT64_MAX && x != INT64_MIN)
                   return dal__pg_read_range(db, colname);)

#ifdef DAL__PG_NO_INLINE
int dal_pg_read_text(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                     const char **out);
#else
/* The length is strlen's, not PQgetlength's (a call into libpq per value
 * saved): PostgreSQL's text types hold no NUL byte, and libpq ends every
 * value with one; the copy takes that NUL along. */
DAL__PG_INLINE int dal_pg_read_text(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                                    dal_arena *a, const char **out)
{
    const char *v = PQgetvalue(res, row, col);
    size_t n = v ? strlen(v) : 0;
    char *p;
    if (n == 0 && (!v || PQgetisnull(res, row, col))) return (*out = NULL, DAL_OK);
    p = a ? a->ptr : NULL;
    if (!p || (size_t)(a->end - p) <= n) return dal__pg_read_copy(db, colname, a, v, n, out);
    if (n + 1 >= 16 && n + 1 <= 32) {   /* a short string in two overlapping 16-byte moves, no call */
        char t0[16], t1[16];
        memcpy(t0, v, 16);
        memcpy(t1, v + n + 1 - 16, 16);
        memcpy(p, t0, 16);
        memcpy(p + n + 1 - 16, t1, 16);
    } else {
        memcpy(p, v, n + 1);
    }
    a->ptr = p + n + 1;
    *out = p;
    return DAL_OK;
}
#endif

/* The same without a copy: *out points into res (valid until PQclear);
 * the bytes are NUL-terminated; len may be NULL. */
int dal_pg_read_text_ref(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                         const char **out, size_t *len);
int dal_pg_read_jsonb(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                      const char **out);
/* bytea; NULL -> data NULL; empty -> non-NULL data, len 0. */
int dal_pg_read_blob(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                     dal_blob *out);
/* numeric as exact decimal text with its scale ("12.50", "NaN",
 * "Infinity", "-Infinity"); NULL -> *out NULL. */
int dal_pg_read_numeric(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                        const char **out);
int dal_pg_read_int16_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                            dal_arena *a, dal_int16_array *out);
int dal_pg_read_int32_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                            dal_arena *a, dal_int32_array *out);
int dal_pg_read_int64_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                            dal_arena *a, dal_int64_array *out);
int dal_pg_read_float_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                            dal_arena *a, dal_float_array *out);
int dal_pg_read_double_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                             dal_arena *a, dal_double_array *out);
int dal_pg_read_bool_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                           dal_arena *a, dal_bool_array *out);
int dal_pg_read_text_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                           dal_arena *a, dal_text_array *out);
int dal_pg_read_blob_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                           dal_arena *a, dal_blob_array *out);
int dal_pg_read_uuid_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                           dal_arena *a, dal_uuid_array *out);
int dal_pg_read_timestamp_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                                dal_arena *a, dal_timestamp_array *out);
int dal_pg_read_date_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                           dal_arena *a, dal_date_array *out);
int dal_pg_read_numeric_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                              dal_arena *a, dal_text_array *out);

/* ---- The numeric codec (exposed for tests and tools) -------------------
 * PostgreSQL's binary numeric: int16 ndigits, int16 weight, uint16 sign,
 * uint16 dscale, then ndigits base-10000 digits, all big-endian. */
/* Binary -> text in the arena; DAL_ERROR (recorded) for a malformed value. */
int dal_pg_numeric_to_text(dal_db *db, const char *bin, size_t len, dal_arena *a, const char **out);
/* Text -> binary in the arena; DAL_INVALID (recorded) for text that is no
 * numeric. */
int dal_pg_numeric_from_text(dal_db *db, const char *text, dal_arena *a, const char **out, size_t *len);

#ifdef __cplusplus
}
#endif

#endif
