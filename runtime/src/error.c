/* error.c - one error per connection: message, DAL_* code, the engine's
 * code (SQLite's extended code; PostgreSQL's packed SQLSTATE), and on
 * PostgreSQL the SQLSTATE text and the error's fields. */
#include "dal_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int dal__pack_sqlstate(const char *s)
{
    if (!s || strlen(s) != 5) return 0;
    return DAL_SQLSTATE(s[0], s[1], s[2], s[3], s[4]);
}

/* The SQLSTATE PostgreSQL uses for the condition a SQLite code names, for
 * errors libdal's shared code records on a PostgreSQL connection. */
static const char *state_of(int sqlite_code)
{
    switch (sqlite_code & 0xff) {
    case SQLITE_NOMEM:    return "53200";  /* out_of_memory */
    case SQLITE_MISMATCH: return "42804";  /* datatype_mismatch */
    case SQLITE_RANGE:
    case SQLITE_MISUSE:   return "55000";  /* object_not_in_prerequisite_state */
    case SQLITE_CANTOPEN: return "08006";  /* connection_failure */
    default:              return "XX000";  /* internal_error */
    }
}

static void set_message(dal_db *db, const char *fmt, va_list ap)
{
    vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
    db->sqlstate[0] = '\0';
    memset(db->errf_off, 0xff, sizeof db->errf_off);
}

int dal_error_set(dal_db *db, int rc, int sqlite_code, const char *fmt, ...)
{
    va_list ap;
    if (!db) return rc;
    db->errcode = sqlite_code;
    va_start(ap, fmt);
    set_message(db, fmt, ap);
    va_end(ap);
    if (db->engine == DAL_ENGINE_POSTGRESQL && sqlite_code != 0) {
        memcpy(db->sqlstate, state_of(sqlite_code), 6);
        db->errcode = dal__pack_sqlstate(db->sqlstate);
    }
    return rc;
}

int dal__error_state(dal_db *db, int rc, const char *sqlstate, const char *fmt, ...)
{
    va_list ap;
    if (!db) return rc;
    va_start(ap, fmt);
    set_message(db, fmt, ap);
    va_end(ap);
    if (sqlstate && strlen(sqlstate) == 5) memcpy(db->sqlstate, sqlstate, 6);
    else memcpy(db->sqlstate, "XX000", 6);
    db->errcode = dal__pack_sqlstate(db->sqlstate);
    return rc;
}

const char *dal_sqlstate(dal_db *db) { return db ? db->sqlstate : ""; }

const char *dal_error_field(dal_db *db, int field)
{
    if (!db || field < 0 || field >= DAL__ERRF_COUNT || db->errf_off[field] < 0) return NULL;
    return db->errf + db->errf_off[field];
}

int dal__oom(dal_db *db)
{
    return dal_error_set(db, DAL_ERROR, SQLITE_NOMEM, "out of memory");
}

static int map_rc(int src)
{
    switch (src & 0xff) {
    case SQLITE_OK:         return DAL_OK;
    case SQLITE_ROW:        return DAL_ROW;
    case SQLITE_DONE:       return DAL_DONE;
    case SQLITE_CONSTRAINT: return DAL_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:     return DAL_BUSY;
    case SQLITE_MISUSE:
    case SQLITE_RANGE:      return DAL_MISUSE;
    default:                return DAL_ERROR;
    }
}

int dal_sqlite_error(dal_db *db, int src)
{
    int rc = map_rc(src), code = src;
    const char *msg = NULL;
    if (rc == DAL_OK || rc == DAL_ROW || rc == DAL_DONE || !db) return rc;
    /* The handle's message and extended code belong to this error when it
     * reports the same primary code (a wrapped connection may have
     * extended result codes off, so src may be the primary code only). */
    if (db->handle && (sqlite3_extended_errcode(db->handle) & 0xff) == (src & 0xff)) {
        code = sqlite3_extended_errcode(db->handle);
        msg = sqlite3_errmsg(db->handle);
    }
    if (!msg) msg = sqlite3_errstr(src);
    if ((src & 0xff) == SQLITE_BUSY && db->busy_ours) {
        if (db->busy_gave_up)
            dal_error_set(db, rc, code, "%s (waited %lld ms, busy timeout %d ms)", msg,
                          (long long)db->busy_waited_ms, db->opts.busy_timeout_ms);
        else
            dal_error_set(db, rc, code, "%s (did not wait: busy timeout %d ms)", msg,
                          db->opts.busy_timeout_ms);
        db->busy_gave_up = false;
        return rc;
    }
    return dal_error_set(db, rc, code, "%s", msg);
}

const char *dal_errmsg(dal_db *db)
{
    if (!db) return "out of memory";
    return db->errcode || db->errmsg[0] ? db->errmsg : "not an error";
}

int dal_errcode(dal_db *db) { return db ? db->errcode : SQLITE_NOMEM; }

void dal_error_clear(dal_db *db)
{
    db->errcode = 0;
    db->errmsg[0] = '\0';
    db->sqlstate[0] = '\0';
    memset(db->errf_off, 0xff, sizeof db->errf_off);
}

const char *dal_rc_name(int rc)
{
    static const char *const names[] = {
        "DAL_OK", "DAL_ROW", "DAL_DONE", "DAL_NOTFOUND", "DAL_INVALID",
        "DAL_CONSTRAINT", "DAL_CONFLICT", "DAL_BUSY", "DAL_ERROR", "DAL_MISUSE"
    };
    return rc >= 0 && rc < (int)(sizeof names / sizeof names[0]) ? names[rc] : "DAL_?";
}

const char *dal_type_name(int type)
{
    static const char *const names[] = { "NULL", "INTEGER", "REAL", "TEXT", "BLOB" };
    return type >= 0 && type <= 4 ? names[type] : "?";
}
