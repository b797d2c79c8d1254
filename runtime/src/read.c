/* read.c - column readers: exact ones, where the storage class must fit the
 * field unless the connection is lenient, and _lenient ones, for a column
 * read leniently whatever the connection says.
 *
 * The readers take the column's sqlite3_value once and read its type and
 * content from it: one call into the statement per column, like a
 * hand-written sqlite3_column_int64.  (Reading an unprotected value is fine
 * here: a dal_db is used by one thread at a time.) */
#include "dal_internal.h"

#include <string.h>

static const unsigned char empty_blob[1];

/* Cold and out of line: the readers' fast paths save no registers for it. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int mismatch(dal_db *db, const char *colname, const char *want, int found)
{
    return dal_error_set(db, DAL_ERROR, SQLITE_MISMATCH,
                         "column \"%s\": expected %s, found %s", colname, want,
                         dal_type_name(found == SQLITE_NULL ? DAL_TYPE_NULL : found));
}

/* dal_arena_strndup with the common case (room in the current block)
 * inline: one copy per TEXT column is the readers' main cost. */
static char *copy_text(dal_arena *a, const unsigned char *s, size_t n)
{
    char *p = a->ptr;
    if (p && (size_t)(a->end - p) > n) {
        memcpy(p, s, n);
        p[n] = '\0';
        a->ptr = p + n + 1;
        return p;
    }
    return dal_arena_strndup(a, (const char *)s, n);
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int no_arena(dal_db *db, const char *colname)
{
    return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "column \"%s\": no arena to copy the value into", colname);
}

static int type_of(sqlite3_value *v)
{
    int t = sqlite3_value_type(v);
    return t == SQLITE_NULL ? DAL_TYPE_NULL : t;  /* SQLITE_INTEGER..BLOB are 1..4 */
}

/* Each reader is written once with `lenient` as a parameter: true for the
 * _lenient readers, false for the exact ones, which then ask the connection
 * (LENIENT(): only once the storage class did not fit, so that their fast
 * path is what it was before the _lenient readers existed). */
#if defined(__GNUC__) || defined(__clang__)
#define DAL_INLINE static inline __attribute__((always_inline))
#else
#define DAL_INLINE static inline
#endif
#define LENIENT(db, lenient) ((lenient) || (db)->opts.lenient)

DAL_INLINE int read_int64(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool lenient, bool nullable,
                          bool *has, int64_t *out)
{
    sqlite3_value *v = sqlite3_column_value(st, col);
    int t = sqlite3_value_type(v);
    if (nullable && t == SQLITE_NULL) {
        *has = false;
        *out = 0;
        return DAL_OK;
    }
    if (t != SQLITE_INTEGER && !LENIENT(db, lenient)) return mismatch(db, colname, "INTEGER", t);
    if (nullable) *has = true;
    *out = (int64_t)sqlite3_value_int64(v);
    return DAL_OK;
}

DAL_INLINE int read_double(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool lenient, bool nullable,
                           bool *has, double *out)
{
    sqlite3_value *v = sqlite3_column_value(st, col);
    int t = sqlite3_value_type(v);
    if (nullable && t == SQLITE_NULL) {
        *has = false;
        *out = 0;
        return DAL_OK;
    }
    if (t != SQLITE_FLOAT && t != SQLITE_INTEGER && !LENIENT(db, lenient)) return mismatch(db, colname, "REAL", t);
    if (nullable) *has = true;
    *out = sqlite3_value_double(v);
    return DAL_OK;
}

/* A BOOLEAN holding another integer than 0 or 1 (SQLite stores whatever it
 * is given): a bool cannot hold it, and reading it as true would turn a
 * read-modify-write into a silent change of the stored value to 1. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int not_bool(dal_db *db, const char *colname, int64_t i)
{
    return dal_error_set(db, DAL_ERROR, SQLITE_MISMATCH, "column \"%s\": expected BOOLEAN (0 or 1), found INTEGER %lld",
                         colname, (long long)i);
}

/* Exact: 0 or 1 (one compare on the fast path); lenient: SQLite's
 * conversion, any non-zero value is true. */
DAL_INLINE int read_bool(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool lenient, bool nullable,
                         bool *has, bool *out)
{
    int64_t i = 0;
    int rc = read_int64(db, st, col, colname, lenient, nullable, has, &i);
    if ((uint64_t)i > 1 && rc == DAL_OK && !LENIENT(db, lenient)) {
        *out = false;
        return not_bool(db, colname, i);
    }
    *out = i != 0;
    return rc;
}

DAL_INLINE int read_text(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool lenient, dal_arena *a,
                         const char **out)
{
    sqlite3_value *v = sqlite3_column_value(st, col);
    int t = sqlite3_value_type(v);
    const unsigned char *s;
    if (t == SQLITE_NULL) {
        *out = NULL;
        return DAL_OK;
    }
    if (t != SQLITE_TEXT && !LENIENT(db, lenient)) {
        *out = NULL;
        return mismatch(db, colname, "TEXT", t);
    }
    if (!a) return no_arena(db, colname);
    s = sqlite3_value_text(v);  /* before _bytes: the length of the text form */
    if (!s) return dal__oom(db);
    if (!(*out = copy_text(a, s, (size_t)sqlite3_value_bytes(v)))) return dal__oom(db);
    return DAL_OK;
}

DAL_INLINE int read_text_ref(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool lenient,
                             const char **out, size_t *len)
{
    sqlite3_value *v = sqlite3_column_value(st, col);
    int t = sqlite3_value_type(v);
    *out = NULL;
    if (len) *len = 0;
    if (t == SQLITE_NULL) return DAL_OK;
    if (t != SQLITE_TEXT && !LENIENT(db, lenient)) return mismatch(db, colname, "TEXT", t);
    if (!(*out = (const char *)sqlite3_value_text(v))) return dal__oom(db);
    if (len) *len = (size_t)sqlite3_value_bytes(v);
    return DAL_OK;
}

DAL_INLINE int read_blob(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool lenient, dal_arena *a,
                         dal_blob *out)
{
    sqlite3_value *v = sqlite3_column_value(st, col);
    int t = sqlite3_value_type(v);
    const void *p;
    size_t n;
    out->data = NULL;
    out->len = 0;
    if (t == SQLITE_NULL) return DAL_OK;
    if (t != SQLITE_BLOB && !LENIENT(db, lenient)) return mismatch(db, colname, "BLOB", t);
    p = sqlite3_value_blob(v);
    n = (size_t)sqlite3_value_bytes(v);
    if (n == 0) {
        out->data = empty_blob;
        return DAL_OK;
    }
    if (!a) return no_arena(db, colname);
    if (!p || !(out->data = dal_arena_memdup(a, p, n))) return dal__oom(db);
    out->len = n;
    return DAL_OK;
}

/* Exact unless the connection is lenient. */
int dal_read_int64(dal_db *db, sqlite3_stmt *st, int col, const char *colname, int64_t *out)
{
    return read_int64(db, st, col, colname, false, false, NULL, out);
}

int dal_read_int64_null(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, int64_t *out)
{
    return read_int64(db, st, col, colname, false, true, has, out);
}

int dal_read_double(dal_db *db, sqlite3_stmt *st, int col, const char *colname, double *out)
{
    return read_double(db, st, col, colname, false, false, NULL, out);
}

int dal_read_double_null(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, double *out)
{
    return read_double(db, st, col, colname, false, true, has, out);
}

int dal_read_bool(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *out)
{
    return read_bool(db, st, col, colname, false, false, NULL, out);
}

int dal_read_bool_null(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, bool *out)
{
    return read_bool(db, st, col, colname, false, true, has, out);
}

int dal_read_text(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, const char **out)
{
    return read_text(db, st, col, colname, false, a, out);
}

int dal_read_text_ref(dal_db *db, sqlite3_stmt *st, int col, const char *colname, const char **out, size_t *len)
{
    return read_text_ref(db, st, col, colname, false, out, len);
}

int dal_read_blob(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, dal_blob *out)
{
    return read_blob(db, st, col, colname, false, a, out);
}

/* Lenient whatever the connection says (a column's `read: lenient`). */
int dal_read_int64_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, int64_t *out)
{
    return read_int64(db, st, col, colname, true, false, NULL, out);
}

int dal_read_int64_null_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                                int64_t *out)
{
    return read_int64(db, st, col, colname, true, true, has, out);
}

int dal_read_double_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, double *out)
{
    return read_double(db, st, col, colname, true, false, NULL, out);
}

int dal_read_double_null_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                                 double *out)
{
    return read_double(db, st, col, colname, true, true, has, out);
}

int dal_read_bool_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *out)
{
    return read_bool(db, st, col, colname, true, false, NULL, out);
}

int dal_read_bool_null_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, bool *out)
{
    return read_bool(db, st, col, colname, true, true, has, out);
}

int dal_read_text_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a,
                          const char **out)
{
    return read_text(db, st, col, colname, true, a, out);
}

int dal_read_text_ref_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, const char **out,
                              size_t *len)
{
    return read_text_ref(db, st, col, colname, true, out, len);
}

int dal_read_blob_lenient(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a,
                          dal_blob *out)
{
    return read_blob(db, st, col, colname, true, a, out);
}

int dal_read_value(dal_db *db, sqlite3_stmt *st, int col, const char *colname,
                   dal_arena *a, dal_value *out)
{
    sqlite3_value *v = sqlite3_column_value(st, col);
    const unsigned char *s;
    out->type = (dal_type)type_of(v);
    if (!a && (out->type == DAL_TYPE_TEXT || out->type == DAL_TYPE_BLOB)) return no_arena(db, colname);
    switch (out->type) {
    case DAL_TYPE_INTEGER: out->as.integer = (int64_t)sqlite3_value_int64(v); break;
    case DAL_TYPE_REAL: out->as.real = sqlite3_value_double(v); break;
    case DAL_TYPE_TEXT:
        s = sqlite3_value_text(v);
        out->as.text.len = (size_t)sqlite3_value_bytes(v);
        if (!s || !(out->as.text.data = dal_arena_strndup(a, (const char *)s, out->as.text.len)))
            return dal__oom(db);
        break;
    case DAL_TYPE_BLOB:
        out->as.blob.len = (size_t)sqlite3_value_bytes(v);
        out->as.blob.data = empty_blob;
        if (out->as.blob.len && !(out->as.blob.data = dal_arena_memdup(a, sqlite3_value_blob(v),
                                                                       out->as.blob.len)))
            return dal__oom(db);
        break;
    case DAL_TYPE_NULL: break;
    }
    return DAL_OK;
}
