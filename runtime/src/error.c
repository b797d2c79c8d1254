/* error.c - one error per connection: message, DAL_* code, SQLite's
 * extended code. */
#include "dal_internal.h"

#include <stdarg.h>
#include <stdio.h>

int dal_error_set(dal_db *db, int rc, int sqlite_code, const char *fmt, ...)
{
    va_list ap;
    if (!db) return rc;
    db->errcode = sqlite_code;
    va_start(ap, fmt);
    vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
    va_end(ap);
    return rc;
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
