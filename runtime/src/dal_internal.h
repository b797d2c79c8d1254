/* dal_internal.h - the connection struct and private cross-file helpers of
 * libdal (dal__ prefix).  Not installed. */
#ifndef DAL_INTERNAL_H
#define DAL_INTERNAL_H

/* libdal exports the inline binders of dal.h (bind.c, stmt.c), so it
 * always sees them. */
#undef DAL_NO_INLINE
#include "dal.h"
#include "dal_config.h"

#define DAL__ERRMSG_SIZE 1024
#define DAL__RANDOM_POOL 256

/* One cached statement of a unit on a connection. */
typedef struct dal__entry {
    sqlite3_stmt *st;     /* prepared on first use */
    sqlite3_stmt *spare;  /* a released second copy, kept for the next overlap */
    int held;             /* st is acquired and not yet released */
} dal__entry;

/* A connection's statements of one unit: entries[0..nstmts). */
typedef struct dal__unit_cache {
    const dal_unit *unit;
    dal__entry *entries;
} dal__unit_cache;

/* A statement whose SQL depends on a run-time key (see dal_stmt_acquire_keyed). */
typedef struct dal__keyed {
    const dal_unit *unit;
    int id;
    int held;
    uint64_t key;
    uint64_t used;        /* keyed_clock at the last acquire: LRU eviction */
    sqlite3_stmt *st;
} dal__keyed;

/* PostgreSQL's statement id of a unit on a connection (pg/stmt.c): its
 * server-side name, formatted once, and whether it is prepared. */
typedef struct dal__pg_stmt {
    char name[30];             /* "dal<slot>_<id>" or, keyed, "dalk<n>" */
    unsigned char state;       /* 0 not prepared, 1 prepared, 2 stale (deallocate first) */
    unsigned char keyed;       /* the name does not fix the SQL (see prepare in pg/stmt.c) */
    unsigned char checked;     /* a result was checked against dal_pg_params.results since
                                  the statement was prepared */
} dal__pg_stmt;

/* A PostgreSQL statement whose SQL depends on a run-time key (pg/stmt_keyed.c). */
typedef struct dal__pg_keyed {
    const dal_unit *unit;
    int id;
    uint64_t key;
    uint64_t used;             /* pg_keyed_clock at the last use: LRU eviction */
    dal__pg_stmt st;           /* name "dalk<n>", n counting up per connection */
} dal__pg_keyed;

/* PostgreSQL's statements of one unit on a connection. */
typedef struct dal__pg_unit {
    const dal_unit *unit;
    dal__pg_stmt *stmts;       /* [nstmts] */
} dal__pg_unit;

#define DAL__ERRF_COUNT 8
#define DAL__ERRF_SIZE 1024

struct dal_db {
    int engine;                /* DAL_ENGINE_SQLITE or DAL_ENGINE_POSTGRESQL */
    sqlite3 *handle;           /* SQLite; NULL on PostgreSQL */
    bool owns_handle;
    dal_options opts;
    dal_allocator alloc;

    dal__unit_cache *units;    /* indexed by slot - 1 */
    unsigned nunits;

    dal__keyed *keyed;         /* DAL_KEYED_MAX entries, allocated on first use */
    int nkeyed;
    uint64_t keyed_clock;

    int txn_depth;
    bool txn_base_savepoint;   /* depth 1 is a savepoint (wrapped inside a transaction) */

    int64_t busy_started_ms;   /* monotonic ms when the current wait began */
    int64_t busy_waited_ms;    /* how long the last wait lasted */
    bool busy_gave_up;         /* the last wait ended at the timeout */
    bool busy_ours;            /* dal_open installed dal__busy_handler (not dal_wrap) */

    /* UUIDv7 monotonic state (method 3): last ms and 12-bit fraction. */
    int64_t uuid_ms;
    unsigned uuid_sub;

    unsigned char pool[DAL__RANDOM_POOL];  /* buffered OS randomness */
    size_t pool_left;

    int errcode;
    char errmsg[DAL__ERRMSG_SIZE];

    /* PostgreSQL (pg/): the connection, its statements, the last error's
     * SQLSTATE and fields (copied: no PGresult is kept). */
    struct pg_conn *pg;
    bool pg_owns;
    dal__pg_unit *pg_units;    /* indexed by slot - 1 */
    unsigned pg_nunits;
    dal__pg_keyed *pg_keyed;   /* DAL_KEYED_MAX entries, allocated on first use */
    int pg_nkeyed;
    uint64_t pg_keyed_clock;
    uint64_t pg_keyed_names;   /* keyed statements named so far */
    int64_t pg_changes;
    char sqlstate[6];
    short errf_off[DAL__ERRF_COUNT];  /* offset in errf, -1 = absent */
    char errf[DAL__ERRF_SIZE];
};

void *dal__alloc(dal_db *db, size_t n);
void *dal__calloc(dal_db *db, size_t n);
void  dal__free(dal_db *db, void *p, size_t n);
extern const dal_allocator dal__malloc_allocator;

/* Monotonic clock in ms, for measuring waits. */
int64_t dal__monotonic_ms(void);

/* Statement cache teardown (dal_close). */
void dal__stmt_cache_free(dal_db *db);
void dal__keyed_free(dal_db *db);
/* Prepare u's statement text sql (persistent), naming the unit in errors. */
int dal__prepare(dal_db *db, const dal_unit *u, int id, const char *sql, sqlite3_stmt **out);

/* Busy handler measuring the wait (installed by dal_open). */
int dal__busy_handler(void *ctx, int count);

int dal__oom(dal_db *db);

/* A new dal_db with the options checked (dal_open, dal_wrap, dal_wrap_pg):
 * *out is set whenever memory allowed, even on failure. */
int dal__db_new(dal_db **out, const dal_options *opts);

/* The process-wide slot number of a unit (stmt.c), shared by both engines. */
unsigned dal__unit_slot(const dal_unit *u);

/* Record an error with a SQLSTATE (PostgreSQL connections): dal_errcode is
 * its DAL_SQLSTATE packing. */
int dal__error_state(dal_db *db, int rc, const char *sqlstate, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
int dal__pack_sqlstate(const char *s);

#if DAL_HAVE_POSTGRESQL
/* The PostgreSQL half (pg/), called by the engine-neutral calls when
 * db->engine is DAL_ENGINE_POSTGRESQL. */
bool dal__pg_wants(const char *path, const dal_options *opts);
int  dal__pg_open(dal_db *db, const char *conninfo);
void dal__pg_close(dal_db *db);
int  dal__pg_exec(dal_db *db, const char *sql);
int  dal__pg_begin(dal_db *db, bool read);
int  dal__pg_commit(dal_db *db);
int  dal__pg_rollback(dal_db *db);
#endif

/* migrate_schema.c: DAL_OK when the database has the schema the migrations
 * of `list` up to `upto` build, else DAL_ERROR naming the first difference
 * ("baseline N: ..."); the baseline check of both engines' runners. */
struct dal_migration;
int dal__migrate_baseline_matches(dal_db *db, const struct dal_migration *list, size_t n, int64_t upto);

#endif
