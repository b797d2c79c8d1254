/* db.c - connections: dal_open, dal_wrap, dal_close and their options. */
#define _POSIX_C_SOURCE 200809L
#include "dal_internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void *malloc_alloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void malloc_free(void *ctx, void *p, size_t n) { (void)ctx; (void)n; free(p); }
const dal_allocator dal__malloc_allocator = { malloc_alloc, malloc_free, NULL };

void *dal__alloc(dal_db *db, size_t n) { return db->alloc.alloc(db->alloc.ctx, n); }

void *dal__calloc(dal_db *db, size_t n)
{
    void *p = dal__alloc(db, n);
    if (p) memset(p, 0, n);
    return p;
}

void dal__free(dal_db *db, void *p, size_t n)
{
    if (p) db->alloc.free(db->alloc.ctx, p, n);
}

int64_t dal__monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleeps like SQLite's own busy handler, but measures the time waited so
 * that DAL_BUSY can say how long it waited. */
int dal__busy_handler(void *ctx, int count)
{
    static const int delays[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
    dal_db *db = ctx;
    int64_t now = dal__monotonic_ms(), left;
    int n = (int)(sizeof delays / sizeof delays[0]);
    if (count == 0) db->busy_started_ms = now;
    db->busy_waited_ms = now - db->busy_started_ms;
    left = db->opts.busy_timeout_ms - db->busy_waited_ms;
    if (left <= 0) {
        db->busy_gave_up = true;
        return 0;
    }
    sqlite3_sleep(count < n ? (delays[count] < left ? delays[count] : (int)left)
                            : (100 < left ? 100 : (int)left));
    db->busy_waited_ms = dal__monotonic_ms() - db->busy_started_ms;
    return 1;
}

/* A version 1 caller's dal_options ends before engine. */
#define DAL__OPTIONS_V1_SIZE offsetof(dal_options, engine)

int dal__db_new(dal_db **out, const dal_options *opts)
{
    static const dal_options defaults = DAL_OPTIONS_INIT;
    const dal_options *o = opts ? opts : &defaults;
    const dal_allocator *al = o->allocator ? o->allocator : &dal__malloc_allocator;
    dal_db *db = al->alloc(al->ctx, sizeof *db);
    *out = db;
    if (!db) return DAL_ERROR;
    memset(db, 0, sizeof *db);
    memset(db->errf_off, 0xff, sizeof db->errf_off);
    db->engine = DAL_ENGINE_SQLITE;
    db->opts = defaults;
    /* only as much as a caller of that version has (an unknown version,
     * refused below, is read no further than version 1's fields) */
    memcpy(&db->opts, o, o->version == DAL_OPTIONS_VERSION ? sizeof *o : DAL__OPTIONS_V1_SIZE);
    db->opts.version = DAL_OPTIONS_VERSION;
    db->alloc = *al;
    db->uuid_ms = -1;
    if (o->version != DAL_OPTIONS_VERSION && o->version != 1)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE,
                             "dal_options.version is %d, expected %d (start from DAL_OPTIONS_INIT)",
                             o->version, DAL_OPTIONS_VERSION);
    if (o->busy_timeout_ms < 0)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_options.busy_timeout_ms is negative");
    return DAL_OK;
}

/* Paths that name no file in a folder of their own. */
static bool is_special_path(const char *path)
{
    return path[0] == '\0' || strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0;
}

/* mkdir -p of dir (modified in place and restored). */
static int make_dirs(char *dir)
{
    struct stat sb;
    for (char *p = dir + 1; ; p++) {
        if (*p != '/' && *p != '\0') continue;
        char c = *p;
        *p = '\0';
        if (stat(dir, &sb) != 0 && mkdir(dir, 0777) != 0 && errno != EEXIST) {
            *p = c;
            return -1;
        }
        *p = c;
        if (c == '\0') return 0;
    }
}

/* The folder of path must exist (or be created with create_dirs). */
static int check_folder(dal_db *db, const char *path)
{
    const char *slash = strrchr(path, '/');
    struct stat sb;
    size_t n;
    char *dir;
    int rc = DAL_OK;
    if (is_special_path(path) || !slash || slash == path) return DAL_OK;
    n = (size_t)(slash - path);
    dir = dal__alloc(db, n + 1);
    if (!dir) return dal__oom(db);
    memcpy(dir, path, n);
    dir[n] = '\0';
    if (stat(dir, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode))
            rc = dal_error_set(db, DAL_ERROR, SQLITE_CANTOPEN,
                               "cannot open \"%s\": \"%s\" is not a folder", path, dir);
    } else if (!db->opts.create_dirs) {
        rc = dal_error_set(db, DAL_ERROR, SQLITE_CANTOPEN,
                           "cannot open \"%s\": folder \"%s\" does not exist "
                           "(set dal_options.create_dirs to create it)", path, dir);
    } else if (make_dirs(dir) != 0) {
        rc = dal_error_set(db, DAL_ERROR, SQLITE_CANTOPEN,
                           "cannot open \"%s\": cannot create folder \"%s\": %s",
                           path, dir, strerror(errno));
    }
    dal__free(db, dir, n + 1);
    return rc;
}

/* True when the folder of path exists but this process may not create
 * files in it. */
static bool folder_not_writable(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    size_t n = slash ? (size_t)(slash - path) : 1;
    if (n == 0) n = 1;
    if (n >= sizeof dir) return false;
    memcpy(dir, slash ? path : ".", n);
    dir[n] = '\0';
    return access(dir, F_OK) == 0 && access(dir, W_OK | X_OK) != 0;
}

/* Prefix the recorded error with the path being opened. */
static int open_failed(dal_db *db, const char *path, int rc)
{
    char msg[DAL__ERRMSG_SIZE];
    memcpy(msg, db->errmsg, sizeof msg);
    return dal_error_set(db, rc, db->errcode, "cannot open \"%s\": %s", path, msg);
}

static int apply_pragmas(dal_db *db, const char *path)
{
    int rc;
    sqlite3_busy_handler(db->handle, db->opts.busy_timeout_ms > 0 ? dal__busy_handler : NULL, db);
    db->busy_ours = true;
    /* Reads the header first: "file is not a database" surfaces here. */
    if ((rc = dal_exec(db, "PRAGMA schema_version")) != DAL_OK) return open_failed(db, path, rc);
    if (!db->opts.read_only && sqlite3_db_readonly(db->handle, "main") == 1)
        return dal_error_set(db, DAL_ERROR, SQLITE_READONLY,
                             "cannot open \"%s\" for writing: the file or its folder is read-only "
                             "(set dal_options.read_only to read it)", path);
    if ((rc = dal_exec(db, "PRAGMA foreign_keys=ON")) != DAL_OK) return open_failed(db, path, rc);
    if (!db->opts.read_only && !db->opts.no_wal &&
        (rc = dal_exec(db, "PRAGMA journal_mode=WAL")) != DAL_OK)
        return open_failed(db, path, rc);
    if (!db->opts.read_only && (rc = dal_exec(db, "PRAGMA synchronous=NORMAL")) != DAL_OK)
        return open_failed(db, path, rc);
    return DAL_OK;
}

int dal_open(dal_db **out, const char *path, const dal_options *opts)
{
    dal_db *db;
    int rc, flags, src;
    if (!out) return DAL_MISUSE;
    if ((rc = dal__db_new(out, opts)) != DAL_OK) return rc;
    db = *out;
    if (!path) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_open: path is NULL");
    if (db->opts.engine == DAL_ENGINE_POSTGRESQL || (db->opts.engine == DAL_ENGINE_AUTO &&
        (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0))) {
#if DAL_HAVE_POSTGRESQL
        return dal__pg_open(db, path);
#else
        return dal_error_set(db, DAL_ERROR, SQLITE_CANTOPEN,
                             "cannot open a PostgreSQL connection: libdal was built without PostgreSQL "
                             "(DALGEN_WITH_POSTGRESQL=OFF)");
#endif
    }
    if (db->opts.engine != DAL_ENGINE_AUTO && db->opts.engine != DAL_ENGINE_SQLITE)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_options.engine is %d, not a DAL_ENGINE_*",
                             db->opts.engine);
    if ((rc = check_folder(db, path)) != DAL_OK) return rc;
    flags = (db->opts.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    src = sqlite3_open_v2(path, &db->handle, flags, NULL);
    db->owns_handle = true;
    if (src != SQLITE_OK) {
        int sys = db->handle ? sqlite3_system_errno(db->handle) : 0;
        rc = dal_sqlite_error(db, src);
        if (!db->opts.read_only && !is_special_path(path) && access(path, F_OK) != 0 &&
            folder_not_writable(path))
            sys = EACCES;  /* SQLite reports the last attempt, a read-only open: ENOENT */
        if (sys) dal_error_set(db, rc, db->errcode, "cannot open \"%s\": %s (%s)",
                               path, sqlite3_errstr(src), strerror(sys));
        else open_failed(db, path, rc);
        sqlite3_close_v2(db->handle);
        db->handle = NULL;
        return rc;
    }
    sqlite3_extended_result_codes(db->handle, 1);
    if ((rc = apply_pragmas(db, path)) != DAL_OK) {
        /* Nothing half open: the file's locks and descriptor go now. */
        sqlite3_close_v2(db->handle);
        db->handle = NULL;
        return rc;
    }
    if ((src = dal_array_register(db->handle)) != SQLITE_OK) return dal_sqlite_error(db, src);
    return DAL_OK;
}

int dal_wrap(dal_db **out, sqlite3 *handle, const dal_options *opts)
{
    int rc, src;
    if (!out) return DAL_MISUSE;
    if ((rc = dal__db_new(out, opts)) != DAL_OK) return rc;
    if (!handle) return dal_error_set(*out, DAL_MISUSE, SQLITE_MISUSE, "dal_wrap: handle is NULL");
    (*out)->handle = handle;
    (*out)->owns_handle = false;
    if ((src = dal_array_register(handle)) != SQLITE_OK) return dal_sqlite_error(*out, src);
    return DAL_OK;
}

void dal_close(dal_db *db)
{
    dal_allocator al;
    if (!db) return;
#if DAL_HAVE_POSTGRESQL
    if (db->engine == DAL_ENGINE_POSTGRESQL) dal__pg_close(db);
#endif
    dal__stmt_cache_free(db);
    if (db->owns_handle && db->handle) sqlite3_close_v2(db->handle);
    al = db->alloc;
    al.free(al.ctx, db, sizeof *db);
}

sqlite3 *dal_sqlite(dal_db *db) { return db ? db->handle : NULL; }
int dal_engine(const dal_db *db) { return db->engine; }
struct pg_conn *dal_pg(dal_db *db) { return db ? db->pg : NULL; }

#if !DAL_HAVE_POSTGRESQL
int dal_wrap_pg(dal_db **out, struct pg_conn *conn, const dal_options *opts)
{
    int rc;
    (void)conn;
    if (!out) return DAL_MISUSE;
    if ((rc = dal__db_new(out, opts)) != DAL_OK) return rc;
    return dal_error_set(*out, DAL_ERROR, SQLITE_CANTOPEN,
                         "dal_wrap_pg: libdal was built without PostgreSQL (DALGEN_WITH_POSTGRESQL=OFF)");
}

int dal_reconnect(dal_db *db)
{
    return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_reconnect: not a PostgreSQL connection");
}
#endif
const dal_options *dal_db_options(const dal_db *db) { return &db->opts; }
bool dal_is_lenient(const dal_db *db) { return db->opts.lenient; }
bool dal_skips_validation(const dal_db *db) { return db->opts.skip_validation; }

int dal_exec(dal_db *db, const char *sql)
{
    char *err = NULL;
    int src;
#if DAL_HAVE_POSTGRESQL
    if (db->engine == DAL_ENGINE_POSTGRESQL) return dal__pg_exec(db, sql);
#endif
    if (!db->handle) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "the connection is not open");
    src = sqlite3_exec(db->handle, sql, NULL, NULL, &err);
    sqlite3_free(err);
    return src == SQLITE_OK ? DAL_OK : dal_sqlite_error(db, src);
}

/* No engine test on SQLite's path: a PostgreSQL dal_db has no handle
 * (and a SQLite one without a handle has pg_changes 0). */
int64_t dal_changes(dal_db *db)
{
    return db->handle ? (int64_t)sqlite3_changes64(db->handle) : db->pg_changes;
}
int64_t dal_last_rowid(dal_db *db) { return db->handle ? (int64_t)sqlite3_last_insert_rowid(db->handle) : 0; }
