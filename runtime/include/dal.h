/* dal.h - libdal, the runtime library of dalgen's generated code.
 *
 * A tour, from what every program calls to what only generated code calls:
 *
 *   1. Connections      dal_open / dal_wrap / dal_close, dal_sqlite; a
 *                       postgresql:// URI opens PostgreSQL (dal_wrap_pg,
 *                       dal_pg, dal_engine; the hot path is in dal_pg.h)
 *   2. Errors           dal_errmsg / dal_errcode: one message per connection,
 *                       keeping SQLite's extended result code (PostgreSQL:
 *                       the packed SQLSTATE; dal_sqlstate, dal_error_field)
 *   3. Transactions     dal_begin (IMMEDIATE) / dal_begin_read / dal_commit /
 *                       dal_rollback; nested calls become SAVEPOINTs
 *   4. Memory           dal_arena: TEXT and BLOB results are copied into the
 *                       caller's arena and live until it is reset
 *   5. Values           dal_blob, dal_value (SQLite's five storage classes)
 *   6. Helpers          UTF-8 check, ISO-8601 time, UUIDv7, nanoid
 *   7. Generated code   statement cache (dal_unit, dal_stmt_acquire/release,
 *                       keyed statements for SQL built at run time),
 *                       dal_step, dal_iter, exact column readers, binders,
 *                       slices (dal_array)
 *
 * Threads: a dal_db is used by one thread at a time (it is opened with
 * SQLITE_OPEN_NOMUTEX).  Different dal_db handles may be used by different
 * threads at once.
 *
 * Ownership: every pointer a function returns is owned by libdal unless the
 * comment says otherwise; strings returned through a dal_arena live until
 * that arena is reset or freed.  Every _close/_free accepts NULL. */
#ifndef DAL_H
#define DAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Versions ---------------------------------------------------------- */

#define DAL_VERSION_MAJOR 0
#define DAL_VERSION_MINOR 3
#define DAL_VERSION_PATCH 0
#define DAL_VERSION_STRING "0.3.0"
#define DAL_VERSION_NUMBER \
    (DAL_VERSION_MAJOR * 10000 + DAL_VERSION_MINOR * 100 + DAL_VERSION_PATCH)

/* True (usable in #if) when these headers serve code generated for libdal
 * maj.min: same major version, at least that minor version.  Generated
 * headers use it as
 *     #if !DAL_VERSION_COMPATIBLE(0, 1)
 *     #error "blog.h was generated for libdal 0.1: regenerate it"
 *     #endif */
#define DAL_VERSION_COMPATIBLE(maj, min) \
    (DAL_VERSION_MAJOR == (maj) && DAL_VERSION_MINOR >= (min))

/* The same check as a declaration (end it with ';'): compilation fails with
 * a negative array size when the versions do not fit. */
#define DAL_REQUIRE_VERSION(maj, min) \
    extern char dal_require_version_[DAL_VERSION_COMPATIBLE(maj, min) ? 1 : -1]

/* Run-time version of the linked library, e.g. "0.1.0" and 100. */
const char *dal_version(void);
int dal_version_number(void);

/* ---- Return codes ------------------------------------------------------ */

#define DAL_OK          0  /* success */
#define DAL_ROW         1  /* a row is ready (iterators, dal_step) */
#define DAL_DONE        2  /* no more rows */
#define DAL_NOTFOUND    3  /* a :one query or get matched no row */
#define DAL_INVALID     4  /* a validator refused the row; nothing was written */
#define DAL_CONSTRAINT  5  /* SQLite refused the change (UNIQUE, FOREIGN KEY, CHECK, NOT NULL) */
#define DAL_CONFLICT    6  /* optimistic concurrency: the row's version changed */
#define DAL_BUSY        7  /* the database stayed locked past the busy timeout */
#define DAL_ERROR       8  /* any other failure; see dal_errmsg / dal_errcode */
#define DAL_MISUSE      9  /* libdal or SQLite used against its contract */

/* The name of a return code ("DAL_OK", ...); "DAL_?" for an unknown one. */
const char *dal_rc_name(int rc);

/* ---- Memory ------------------------------------------------------------ */

/* A pluggable allocator.  alloc returns NULL on failure; free accepts NULL
 * and receives the size that was asked for.  The struct must outlive every
 * arena and connection that uses it. */
typedef struct dal_allocator {
    void *(*alloc)(void *ctx, size_t size);
    void  (*free)(void *ctx, void *ptr, size_t size);
    void  *ctx;
} dal_allocator;

typedef struct dal_arena_block dal_arena_block;  /* private */

/* A bump allocator that lives on the caller's stack.  Reset keeps its blocks
 * for reuse, so a loop that resets the arena once per row allocates nothing
 * in steady state.  Fields are private. */
typedef struct dal_arena {
    char *ptr;                   /* next free byte of cur */
    char *end;                   /* end of cur */
    dal_arena_block *cur;        /* block being filled */
    dal_arena_block *first;      /* all blocks, in order of use */
    const dal_allocator *alloc;  /* NULL = malloc/free */
} dal_arena;

#define DAL_ARENA_INIT { NULL, NULL, NULL, NULL, NULL }

void  dal_arena_init(dal_arena *a, const dal_allocator *alloc);  /* alloc NULL = malloc */
/* Memory aligned for any object, valid until reset/free; NULL when out of
 * memory.  n = 0 returns a valid unique-enough pointer. */
void *dal_arena_alloc(dal_arena *a, size_t n);
char *dal_arena_strdup(dal_arena *a, const char *s);             /* s NULL -> NULL */
char *dal_arena_strndup(dal_arena *a, const char *s, size_t n);  /* copies n bytes, adds NUL */
void *dal_arena_memdup(dal_arena *a, const void *p, size_t n);
void  dal_arena_reset(dal_arena *a);  /* keeps its memory for reuse */
void  dal_arena_free(dal_arena *a);   /* NULL-safe; the arena may be reused after init */
size_t dal_arena_capacity(const dal_arena *a);  /* bytes held in blocks (for tests) */

/* ---- Values ------------------------------------------------------------ */

#ifndef DAL_BLOB_DEFINED
#define DAL_BLOB_DEFINED
/* data NULL = SQL NULL; an empty BLOB has non-NULL data and len 0. */
typedef struct dal_blob { const void *data; size_t len; } dal_blob;
#endif

/* SQLite's storage classes; 0 is NULL so that a zeroed dal_value is NULL. */
typedef enum dal_type {
    DAL_TYPE_NULL = 0,
    DAL_TYPE_INTEGER = 1,
    DAL_TYPE_REAL = 2,
    DAL_TYPE_TEXT = 3,
    DAL_TYPE_BLOB = 4
} dal_type;

/* A value of any storage class (columns with no declared type). */
typedef struct dal_value {
    dal_type type;
    union {
        int64_t integer;
        double  real;
        struct { const char *data; size_t len; } text;  /* NUL-terminated; len without NUL */
        dal_blob blob;
    } as;
} dal_value;

/* "NULL", "INTEGER", "REAL", "TEXT", "BLOB". */
const char *dal_type_name(int type);

/* ---- Connections ------------------------------------------------------- */

typedef struct dal_db dal_db;

/* Unix time in milliseconds (UTC); ctx is dal_options.clock_ctx. */
typedef int64_t (*dal_clock_fn)(void *ctx);

#define DAL_OPTIONS_VERSION 2

/* dal_options.engine */
#define DAL_ENGINE_AUTO        0  /* postgres:// and postgresql:// URIs are PostgreSQL, the rest SQLite paths */
#define DAL_ENGINE_SQLITE      1
#define DAL_ENGINE_POSTGRESQL  2  /* the string is any libpq conninfo (key=value, URI, "" = environment) */

/* dal_options.pg_statements */
#define DAL_PG_NAMED    0  /* each statement prepared once per connection, then executed by name */
#define DAL_PG_UNNAMED  1  /* PQexecParams every call: no server-side state (transaction poolers) */

/* dal_options.pg_isolation: the isolation level of dal_begin */
#define DAL_PG_READ_COMMITTED   0  /* PostgreSQL's default */
#define DAL_PG_REPEATABLE_READ  1
#define DAL_PG_SERIALIZABLE     2

/* Options of dal_open / dal_wrap.  Start from DAL_OPTIONS_INIT and change
 * fields: new fields are only ever appended, with a new version. */
typedef struct dal_options {
    int  version;             /* DAL_OPTIONS_VERSION */
    int  busy_timeout_ms;     /* wait this long for a lock, then DAL_BUSY (default 5000; 0 = never wait) */
    bool no_wal;              /* keep the rollback journal (WAL changes the file for good) */
    bool lenient;             /* reads convert like sqlite3_column_* instead of DAL_ERROR */
    bool create_dirs;         /* create the missing folders of path */
    bool read_only;           /* open read-only; no pragma that writes */
    bool skip_validation;     /* generated insert/update do not run validators */
    const dal_allocator *allocator;  /* NULL = malloc/free; must outlive the dal_db */
    dal_clock_fn clock;       /* NULL = the system clock */
    void *clock_ctx;
    /* version 2 (a version 1 caller's struct ends above and keeps working) */
    int  engine;              /* DAL_ENGINE_AUTO (default), _SQLITE or _POSTGRESQL */
    int  pg_statements;       /* DAL_PG_NAMED (default) or DAL_PG_UNNAMED */
    int  pg_isolation;        /* DAL_PG_READ_COMMITTED (default), _REPEATABLE_READ, _SERIALIZABLE */
    int  statement_timeout_ms;  /* PostgreSQL statement_timeout (0 = none, the default) */
} dal_options;

#define DAL_OPTIONS_INIT \
    { DAL_OPTIONS_VERSION, 5000, false, false, false, false, false, NULL, NULL, NULL, 0, 0, 0, 0 }

/* Open (creating if needed, unless read_only) the database at path with
 * WAL, foreign_keys=ON, synchronous=NORMAL and a busy timeout.
 *
 * PostgreSQL: a path starting with postgresql:// or postgres:// (or any
 * conninfo with opts->engine DAL_ENGINE_POSTGRESQL; "" reads PGHOST etc.)
 * connects with libpq, with client_encoding=UTF8 and application_name
 * dalgen unless the string gives them.  Servers before 13 and servers
 * without integer datetimes are refused.  busy_timeout_ms becomes
 * lock_timeout (0 = wait forever, PostgreSQL's default), read_only
 * default_transaction_read_only, statement_timeout_ms statement_timeout.  Like
 * sqlite3_open, a failed dal_open may still set *out to a handle whose
 * dal_errmsg explains the failure: dal_close it either way. */
int  dal_open(dal_db **out, const char *path, const dal_options *opts); /* opts NULL = defaults */
/* Use a connection the program opened.  No pragma is changed: the program
 * configured the connection (only the dal_array function is registered).
 * dal_close finalizes libdal's statements and leaves the handle open: the
 * program still closes it, after dal_close. */
int  dal_wrap(dal_db **out, sqlite3 *handle, const dal_options *opts);  /* adopt an open connection */
/* Finalize every cached statement and close the connection (if dal_open
 * opened it).  NULL-safe.  Iterators still open become invalid. */
void dal_close(dal_db *db);
sqlite3 *dal_sqlite(dal_db *db);         /* NULL on a PostgreSQL connection */

/* libpq's connection and result; dal_pg.h includes <libpq-fe.h>, which
 * names them PGconn and PGresult.  dal.h needs no libpq header. */
struct pg_conn;
struct pg_result;
/* DAL_ENGINE_SQLITE or DAL_ENGINE_POSTGRESQL. */
int  dal_engine(const dal_db *db);
/* The libpq connection of a PostgreSQL dal_db; NULL on SQLite. */
struct pg_conn *dal_pg(dal_db *db);
/* Use a libpq connection the program opened (CONNECTION_OK, server >= 13).
 * No setting is changed; dal_close leaves the connection open (the program
 * PQfinish-es it after dal_close).  DAL_ERROR when libdal was built
 * without PostgreSQL (dal_config.h: DAL_HAVE_POSTGRESQL). */
int  dal_wrap_pg(dal_db **out, struct pg_conn *conn, const dal_options *opts);
/* PostgreSQL: PQreset the connection after "connection lost" and forget
 * the prepared statements (the transaction, if any, is gone). */
int  dal_reconnect(dal_db *db);
/* The options in effect (a copy kept by the connection). */
const dal_options *dal_db_options(const dal_db *db);
bool dal_is_lenient(const dal_db *db);
bool dal_skips_validation(const dal_db *db);

/* Run SQL without results (several statements allowed). */
int  dal_exec(dal_db *db, const char *sql);
int64_t dal_changes(dal_db *db);      /* rows changed by the last statement (PostgreSQL: its command tag's count) */
int64_t dal_last_rowid(dal_db *db);   /* sqlite3_last_insert_rowid; 0 on PostgreSQL (use RETURNING) */

/* ---- Errors ------------------------------------------------------------ */

/* Message of the last error on this connection ("not an error" if none).
 * Valid until the next libdal call on db.  The last error stays until
 * another error replaces it or dal_error_clear. */
const char *dal_errmsg(dal_db *db);
int  dal_errcode(dal_db *db);         /* SQLite's extended code of the last error, 0 if none;
                                       * PostgreSQL: DAL_SQLSTATE of dal_sqlstate (non-zero) */
void dal_error_clear(dal_db *db);

/* A SQLSTATE packed as PostgreSQL packs it (6 bits a character):
 * dal_errcode(db) == DAL_SQLSTATE('2','3','5','0','5') after a unique
 * violation. */
#define DAL_SQLSTATE(c1, c2, c3, c4, c5) \
    ((((c1) - '0') & 0x3F) + ((((c2) - '0') & 0x3F) << 6) + ((((c3) - '0') & 0x3F) << 12) + \
     ((((c4) - '0') & 0x3F) << 18) + ((((c5) - '0') & 0x3F) << 24))
/* PostgreSQL: the five-character SQLSTATE of the last error ("23505");
 * errors libdal finds itself carry the code the server uses for the same
 * condition (42804 type mismatch, 08006 connection lost, 53200 out of
 * memory, 55000 misuse).  "" with no error and on SQLite. */
const char *dal_sqlstate(dal_db *db);
/* A field of the last PostgreSQL error, NULL when the server sent none
 * (and always on SQLite).  Valid until the next error on db. */
#define DAL_ERRF_CONSTRAINT 0  /* constraint name (class 23) */
#define DAL_ERRF_TABLE      1
#define DAL_ERRF_COLUMN     2
#define DAL_ERRF_DATATYPE   3
#define DAL_ERRF_DETAIL     4  /* "Key (email)=(a@b) already exists." */
#define DAL_ERRF_HINT       5
#define DAL_ERRF_POSITION   6  /* 1-based character offset in the SQL, as text */
#define DAL_ERRF_SCHEMA     7
const char *dal_error_field(dal_db *db, int field);
/* Record an error on db and return rc (for generated code and helpers):
 * sqlite_code is the extended code dal_errcode reports (0 for none). */
int  dal_error_set(dal_db *db, int rc, int sqlite_code, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Map a SQLite result code to DAL_* and, for an error, record SQLite's
 * message and extended code on db.  SQLITE_OK/ROW/DONE map to
 * DAL_OK/ROW/DONE and record nothing. */
int  dal_sqlite_error(dal_db *db, int sqlite_rc);

/* ---- Transactions ------------------------------------------------------ */

/* Depth 0 -> BEGIN IMMEDIATE (dal_begin) or BEGIN DEFERRED (dal_begin_read);
 * deeper calls -> SAVEPOINT.  dal_rollback of a savepoint undoes only the
 * work since its dal_begin; the outer transaction goes on.
 *
 * PostgreSQL: dal_begin is BEGIN at dal_options.pg_isolation (there is no
 * IMMEDIATE: rows lock as they are written), dal_begin_read BEGIN
 * ISOLATION LEVEL REPEATABLE READ READ ONLY (one snapshot); nested levels
 * are SAVEPOINT dal_<depth>.  After any error PostgreSQL aborts the
 * transaction (SQLSTATE 25P02 for every later statement) until it is
 * rolled back: dal_commit of an aborted level rolls it back and returns
 * DAL_ERROR (a savepoint level: the outer transaction goes on). */
int  dal_begin(dal_db *db);           /* BEGIN IMMEDIATE; nested calls become savepoints */
int  dal_begin_read(dal_db *db);      /* BEGIN DEFERRED */
int  dal_commit(dal_db *db);
int  dal_rollback(dal_db *db);
int  dal_txn_depth(const dal_db *db); /* 0 outside dal_begin/dal_begin_read */

/* ---- Helpers for generated code and programs --------------------------- */

/* A UUID as its 16 bytes (PostgreSQL's uuid; any engine). */
typedef struct dal_uuid { uint8_t b[16]; } dal_uuid;
/* Lower-case 8-4-4-4-12 text into out (DAL_UUID_SIZE bytes with the NUL). */
void dal_uuid_format(const dal_uuid *u, char out[37]);
/* Parse 8-4-4-4-12 hex text (either case); DAL_INVALID when s is not one. */
int  dal_uuid_parse(const char *s, dal_uuid *out);

/* True when s[0..len) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF). */
bool dal_utf8_valid(const char *s, size_t len);

/* Now, in Unix milliseconds, from the connection's clock option. */
int64_t dal_now_ms(dal_db *db);
#define DAL_ISO8601_SIZE 25  /* "2026-11-22T06:16:17.123Z" and its NUL */
/* Format Unix ms as UTC ISO-8601 with milliseconds into out. */
void dal_iso8601_format(int64_t unix_ms, char out[DAL_ISO8601_SIZE]);
/* dal_now_ms formatted, copied into the arena. */
int  dal_now_iso8601(dal_db *db, dal_arena *a, const char **out);

#define DAL_UUID_SIZE 37  /* 36 characters and NUL */
/* A UUIDv7 (RFC 9562) in lower-case text: 48-bit Unix ms, then 12 bits of
 * sub-millisecond time (method 3) that count up when the clock does not move,
 * so ids from one connection sort in creation order; 62 random bits. */
int  dal_uuid7_buf(dal_db *db, char out[DAL_UUID_SIZE]);
int  dal_uuid7(dal_db *db, dal_arena *a, const char **out);

#define DAL_NANOID_DEFAULT 21
/* n characters of the URL-safe alphabet A-Za-z0-9_- (out holds n + 1). */
int  dal_nanoid_buf(dal_db *db, size_t n, char *out);
int  dal_nanoid(dal_db *db, size_t n, dal_arena *a, const char **out);

/* n bytes from the operating system (getrandom, else /dev/urandom). */
int  dal_random(dal_db *db, void *buf, size_t n);

/* ---- Generated code: string literals ---------------------------------- */

/* A string literal longer than the 4,095 characters ISO C guarantees (a long
 * statement, or a long name in a message): gcc and clang take it, and
 * __extension__ keeps -Wpedantic's -Woverlength-strings quiet about that one
 * literal.  Generated code writes every such literal, and only those, as
 * DAL_LONG_STRING("..." "...").  New in libdal 0.3. */
#if defined(__GNUC__)
#define DAL_LONG_STRING(s) __extension__ s   /* unparenthesized: it may initialize a char array */
#else
#define DAL_LONG_STRING(s) s
#endif

/* ---- Generated code: statement cache ----------------------------------- */

/* One static const dal_unit per generated .c file:
 *     static unsigned blog__slot;
 *     static const char *const blog__sql[] = { "SELECT ...", ... };
 *     static const dal_unit blog__unit = { "blog", 2, blog__sql, &blog__slot };
 * slot starts at 0; libdal gives each unit a process-wide number on first
 * use, which indexes an array on the connection (O(1) lookup). */
typedef struct dal_unit {
    const char *name;
    int nstmts;
    const char *const *sql;
    unsigned *slot;
} dal_unit;

/* The prepared statement id of unit u on db, prepared on first use with
 * SQLITE_PREPARE_PERSISTENT and cached until dal_close.  When the cached one
 * is held (acquired and not yet released, e.g. by an open iterator) a second
 * copy is handed out.  Pair every successful acquire with one release. */
int  dal_stmt_acquire(dal_db *db, const dal_unit *u, int id, sqlite3_stmt **out);
/* Reset st, clear its bindings and give it back to the cache.  st NULL is a
 * no-op. */
void dal_stmt_release(dal_db *db, const dal_unit *u, int id, sqlite3_stmt *st);

/* Statements whose SQL the generated code builds at run time from a small
 * key that determines it (the bit set of columns a patch writes, the
 * defaults an insert omits).  Cached per (unit, id, key); at most
 * DAL_KEYED_MAX per connection, the least recently used idle one evicted.
 * Call first with sql NULL: DAL_NOTFOUND (nothing recorded) means "not
 * cached": build the SQL and call again with it.  A key whose statement is
 * held gets an uncached copy.  Release with dal_stmt_release_keyed. */
#define DAL_KEYED_MAX 64
int  dal_stmt_acquire_keyed(dal_db *db, const dal_unit *u, int id, uint64_t key,
                            const char *sql, sqlite3_stmt **out);
void dal_stmt_release_keyed(dal_db *db, sqlite3_stmt *st);  /* st NULL is a no-op */
int  dal_stmt_keyed_count(const dal_db *db);  /* statements cached (for tests) */

/* sqlite3_step with the result mapped: DAL_ROW, DAL_DONE, or an error
 * recorded on db (DAL_CONSTRAINT, DAL_BUSY, DAL_ERROR, ...). */
int  dal_step(dal_db *db, sqlite3_stmt *st);
/* Step a statement that returns no rows: DAL_OK when it finished. */
int  dal_step_done(dal_db *db, sqlite3_stmt *st);

/* A statement being iterated; generated iterators embed one.  Zero it (or
 * DAL_ITER_INIT) before use so that dal_iter_end of an unopened iterator is
 * safe. */
typedef struct dal_iter {
    dal_db *db;
    sqlite3_stmt *st;
    const dal_unit *unit;
    int id;
} dal_iter;
#define DAL_ITER_INIT { NULL, NULL, NULL, 0 }
/* Acquire the statement into it (bind its parameters next). */
int  dal_iter_open(dal_iter *it, dal_db *db, const dal_unit *u, int id);
/* Step: DAL_ROW, DAL_DONE (the statement is released) or an error (released). */
int  dal_iter_step(dal_iter *it);
/* Release the statement; NULL-safe and idempotent. */
void dal_iter_end(dal_iter *it);

/* ---- Generated code: exact column readers -------------------------------
 * col is the 0-based result column, colname the name used in messages.
 * A value whose storage class does not fit is DAL_ERROR naming the column
 * (dal_errcode SQLITE_MISMATCH), unless the connection is lenient: then
 * SQLite's conversion applies.  INTEGER fits double; NULL fits only the
 * nullable forms; a bool reads INTEGER 0 or 1 only (another integer is
 * DAL_ERROR naming the column and the value: read as true, a
 * read-modify-write would store 1; lenient: non-zero is true).  TEXT and
 * BLOB are copied into the arena (a NULL arena is DAL_MISUSE when there is
 * something to copy). */
int dal_read_int64(dal_db *db, sqlite3_stmt *st, int col, const char *colname, int64_t *out);
int dal_read_int64_null(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, int64_t *out);
int dal_read_double(dal_db *db, sqlite3_stmt *st, int col, const char *colname, double *out);
int dal_read_double_null(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, double *out);
int dal_read_bool(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *out);
int dal_read_bool_null(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, bool *out);
/* NULL -> *out NULL. */
int dal_read_text(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, const char **out);
/* The same without a copy: *out points into the statement and is valid
 * until the next step, reset or release (e.g. to map text to an enum);
 * len may be NULL. */
int dal_read_text_ref(dal_db *db, sqlite3_stmt *st, int col, const char *colname, const char **out, size_t *len);
/* NULL -> data NULL; empty BLOB -> non-NULL data, len 0. */
int dal_read_blob(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, dal_blob *out);
/* The same readers, lenient whatever the connection says: for a column
 * dalgen reads leniently (`read: lenient`, docs/generate.md) and for what
 * insert, update, upsert and patch read back from a written row. */
int dal_read_int64_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, int64_t *out);
int dal_read_int64_null_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                                int64_t *out);
int dal_read_double_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, double *out);
int dal_read_double_null_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                                 double *out);
int dal_read_bool_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *out);
int dal_read_bool_null_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, bool *out);
int dal_read_text_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a,
                          const char **out);
int dal_read_text_ref_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, const char **out,
                              size_t *len);
int dal_read_blob_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a,
                          dal_blob *out);
/* Any storage class; TEXT/BLOB copied into the arena. */
int dal_read_value(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, dal_value *out);

/* ---- Generated code: binders --------------------------------------------
 * idx is SQLite's 1-based parameter index.  Pointers bound by dal_bind_text,
 * dal_bind_blob and dal_bind_value are NOT copied: they must stay valid
 * until the statement is released (use the _copy forms otherwise, e.g. for
 * iterators whose caller may free the argument before the last row). */
int dal_bind_null(dal_db *db, sqlite3_stmt *st, int idx);
int dal_bind_int64(dal_db *db, sqlite3_stmt *st, int idx, int64_t v);
int dal_bind_int64_null(dal_db *db, sqlite3_stmt *st, int idx, bool has, int64_t v);
int dal_bind_double(dal_db *db, sqlite3_stmt *st, int idx, double v);
int dal_bind_double_null(dal_db *db, sqlite3_stmt *st, int idx, bool has, double v);
int dal_bind_bool(dal_db *db, sqlite3_stmt *st, int idx, bool v);
int dal_bind_bool_null(dal_db *db, sqlite3_stmt *st, int idx, bool has, bool v);
int dal_bind_text(dal_db *db, sqlite3_stmt *st, int idx, const char *s);       /* NULL -> SQL NULL */
int dal_bind_text_copy(dal_db *db, sqlite3_stmt *st, int idx, const char *s);
int dal_bind_text_len(dal_db *db, sqlite3_stmt *st, int idx, const char *s, size_t len);  /* no strlen, not copied */
int dal_bind_blob(dal_db *db, sqlite3_stmt *st, int idx, dal_blob b);          /* data NULL -> SQL NULL */
int dal_bind_blob_copy(dal_db *db, sqlite3_stmt *st, int idx, dal_blob b);
int dal_bind_value(dal_db *db, sqlite3_stmt *st, int idx, const dal_value *v); /* NULL -> SQL NULL */
int dal_bind_value_copy(dal_db *db, sqlite3_stmt *st, int idx, const dal_value *v);

/* The binders and steppers, inline: a call from generated code (or any
 * program) is the sqlite3_bind_* / sqlite3_step call itself, with no call
 * into libdal per value.  libdal exports the same functions with the same
 * behaviour (taking their address gets those; define DAL_NO_INLINE before
 * including dal.h to call them everywhere). */
#ifndef DAL_NO_INLINE
static inline int dal__bound(dal_db *db, int src)
{
    return src == SQLITE_OK ? DAL_OK : dal_sqlite_error(db, src);
}
static inline int dal__bind_null_inline(dal_db *db, sqlite3_stmt *st, int idx)
{
    return dal__bound(db, sqlite3_bind_null(st, idx));
}
static inline int dal__bind_int64_inline(dal_db *db, sqlite3_stmt *st, int idx, int64_t v)
{
    return dal__bound(db, sqlite3_bind_int64(st, idx, (sqlite3_int64)v));
}
static inline int dal__bind_int64_null_inline(dal_db *db, sqlite3_stmt *st, int idx, bool has, int64_t v)
{
    return dal__bound(db, has ? sqlite3_bind_int64(st, idx, (sqlite3_int64)v) : sqlite3_bind_null(st, idx));
}
static inline int dal__bind_double_inline(dal_db *db, sqlite3_stmt *st, int idx, double v)
{
    return dal__bound(db, sqlite3_bind_double(st, idx, v));
}
static inline int dal__bind_double_null_inline(dal_db *db, sqlite3_stmt *st, int idx, bool has, double v)
{
    return dal__bound(db, has ? sqlite3_bind_double(st, idx, v) : sqlite3_bind_null(st, idx));
}
static inline int dal__bind_bool_inline(dal_db *db, sqlite3_stmt *st, int idx, bool v)
{
    return dal__bound(db, sqlite3_bind_int(st, idx, v ? 1 : 0));
}
static inline int dal__bind_bool_null_inline(dal_db *db, sqlite3_stmt *st, int idx, bool has, bool v)
{
    return dal__bound(db, has ? sqlite3_bind_int(st, idx, v ? 1 : 0) : sqlite3_bind_null(st, idx));
}
static inline int dal__bind_text_inline(dal_db *db, sqlite3_stmt *st, int idx, const char *s)
{
    return dal__bound(db, s ? sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, idx));
}
static inline int dal__bind_text_copy_inline(dal_db *db, sqlite3_stmt *st, int idx, const char *s)
{
    return dal__bound(db, s ? sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, idx));
}
static inline int dal__bind_text_len_inline(dal_db *db, sqlite3_stmt *st, int idx, const char *s, size_t len)
{
    return dal__bound(db, s ? sqlite3_bind_text64(st, idx, s, (sqlite3_uint64)len, SQLITE_STATIC, SQLITE_UTF8)
                            : sqlite3_bind_null(st, idx));
}
static inline int dal__step_inline(dal_db *db, sqlite3_stmt *st)
{
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) return DAL_ROW;
    if (src == SQLITE_DONE) return DAL_DONE;
    return dal_sqlite_error(db, src);
}
static inline int dal__step_done_inline(dal_db *db, sqlite3_stmt *st)
{
    int src = sqlite3_step(st);
    return src == SQLITE_DONE || src == SQLITE_ROW ? DAL_OK : dal_sqlite_error(db, src);
}
#define dal_bind_null(db, st, idx) dal__bind_null_inline(db, st, idx)
#define dal_bind_int64(db, st, idx, v) dal__bind_int64_inline(db, st, idx, v)
#define dal_bind_int64_null(db, st, idx, has, v) dal__bind_int64_null_inline(db, st, idx, has, v)
#define dal_bind_double(db, st, idx, v) dal__bind_double_inline(db, st, idx, v)
#define dal_bind_double_null(db, st, idx, has, v) dal__bind_double_null_inline(db, st, idx, has, v)
#define dal_bind_bool(db, st, idx, v) dal__bind_bool_inline(db, st, idx, v)
#define dal_bind_bool_null(db, st, idx, has, v) dal__bind_bool_null_inline(db, st, idx, has, v)
#define dal_bind_text(db, st, idx, s) dal__bind_text_inline(db, st, idx, s)
#define dal_bind_text_copy(db, st, idx, s) dal__bind_text_copy_inline(db, st, idx, s)
#define dal_bind_text_len(db, st, idx, s, len) dal__bind_text_len_inline(db, st, idx, s, len)
#define dal_step(db, st) dal__step_inline(db, st)
#define dal_step_done(db, st) dal__step_done_inline(db, st)
#endif

/* ---- Generated code: slices (IN (sqlc.slice(x))) ------------------------
 * `x IN (SELECT value FROM dal_array(?))` with a dal_array bound to the
 * parameter: the statement stays prepared whatever the length.  The
 * dal_array and its elements must stay valid until the statement is
 * released (generated iterators keep it inside the iterator). */
typedef struct dal_array {
    dal_type type;       /* INTEGER: int64_t[], REAL: double[], TEXT: const char *[], BLOB: dal_blob[] */
    size_t len;
    const void *data;    /* NULL allowed when len is 0; NULL elements of TEXT/BLOB are SQL NULL */
} dal_array;
#define DAL_ARRAY_POINTER_TYPE "dal_array"
int dal_bind_array(dal_db *db, sqlite3_stmt *st, int idx, const dal_array *arr);
/* Register the dal_array table-valued function on a connection (dal_open
 * and dal_wrap do it; the generator calls it on its schema database). */
int dal_array_register(sqlite3 *handle);

/* ---- Generated code: readers into a user's own struct (read_conv.c) ----
 * For tables read from annotated C headers, whose fields keep the user's C
 * types.  A stored value the field cannot hold (out of its integer range,
 * text longer than its buffer, text or a number that names no constant of
 * its enum) is DAL_ERROR naming the column, dal_errcode SQLITE_MISMATCH.
 * has: NULL for a field that cannot be NULL (SQL NULL is then DAL_ERROR);
 * otherwise set to whether the column is not NULL.  Pointers into `a` live
 * until the arena is reset (a NULL arena is DAL_MISUSE when there is a
 * value to hold). */
/* An integer object of `size` bytes (1, 2, 4 or 8) and that signedness. */
int dal_read_int_sized(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                       void *out, size_t size, bool is_signed);
/* The same for a pointer field (T *): out_ptr is the field's address; NULL
 * for SQL NULL, else a pointer to a T in the arena. */
int dal_read_int_ptr(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a,
                     void *out_ptr, size_t size, bool is_signed);
int dal_read_float(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, float *out);
int dal_read_float_ptr(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, float **out);
int dal_read_double_ptr(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, double **out);
int dal_read_bool_ptr(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, bool **out);
/* TEXT copied into buf (a char[size] field) with its NUL. */
int dal_read_text_buf(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                      char *buf, size_t size);
/* dal_read_text for a `char *` field (the copy in the arena is writable). */
int dal_read_text_mutable(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, char **out);
/* The index in names[0..n) of the stored text (exact, byte for byte). */
int dal_read_enum_text(dal_db *db, sqlite3_stmt *st, int col, const char *colname,
                       const char *const *names, size_t n, bool *has, size_t *index);
/* The stored integer, one of values[0..n). */
int dal_read_enum_int(dal_db *db, sqlite3_stmt *st, int col, const char *colname,
                      const int64_t *values, size_t n, bool *has, int64_t *out);

#ifdef __cplusplus
}
#endif

#include "dal_validate.h"
#include "dal_migrate.h"

#endif
