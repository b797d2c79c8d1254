/* bind.c - binders: NULL pointers and has_ false become SQL NULL. */
#include "dal_internal.h"

static int bound(dal_db *db, int src)
{
    return src == SQLITE_OK ? DAL_OK : dal_sqlite_error(db, src);
}

/* The exported forms of the inline binders of dal.h (the names in
 * parentheses are not expanded as its macros). */
int (dal_bind_null)(dal_db *db, sqlite3_stmt *st, int idx)
{
    return dal__bind_null_inline(db, st, idx);
}

int (dal_bind_int64)(dal_db *db, sqlite3_stmt *st, int idx, int64_t v)
{
    return dal__bind_int64_inline(db, st, idx, v);
}

int (dal_bind_int64_null)(dal_db *db, sqlite3_stmt *st, int idx, bool has, int64_t v)
{
    return dal__bind_int64_null_inline(db, st, idx, has, v);
}

int (dal_bind_double)(dal_db *db, sqlite3_stmt *st, int idx, double v)
{
    return dal__bind_double_inline(db, st, idx, v);
}

int (dal_bind_double_null)(dal_db *db, sqlite3_stmt *st, int idx, bool has, double v)
{
    return dal__bind_double_null_inline(db, st, idx, has, v);
}

int (dal_bind_bool)(dal_db *db, sqlite3_stmt *st, int idx, bool v)
{
    return dal__bind_bool_inline(db, st, idx, v);
}

int (dal_bind_bool_null)(dal_db *db, sqlite3_stmt *st, int idx, bool has, bool v)
{
    return dal__bind_bool_null_inline(db, st, idx, has, v);
}

int (dal_bind_text)(dal_db *db, sqlite3_stmt *st, int idx, const char *s)
{
    return dal__bind_text_inline(db, st, idx, s);
}

int (dal_bind_text_copy)(dal_db *db, sqlite3_stmt *st, int idx, const char *s)
{
    return dal__bind_text_copy_inline(db, st, idx, s);
}

int (dal_bind_text_len)(dal_db *db, sqlite3_stmt *st, int idx, const char *s, size_t len)
{
    return dal__bind_text_len_inline(db, st, idx, s, len);
}

/* A non-NULL pointer with len 0 binds an empty BLOB, not NULL. */
static int bind_blob(dal_db *db, sqlite3_stmt *st, int idx, dal_blob b, sqlite3_destructor_type d)
{
    if (!b.data) return bound(db, sqlite3_bind_null(st, idx));
    if (b.len == 0) return bound(db, sqlite3_bind_zeroblob(st, idx, 0));
    return bound(db, sqlite3_bind_blob64(st, idx, b.data, (sqlite3_uint64)b.len, d));
}

int dal_bind_blob(dal_db *db, sqlite3_stmt *st, int idx, dal_blob b)
{
    return bind_blob(db, st, idx, b, SQLITE_STATIC);
}

int dal_bind_blob_copy(dal_db *db, sqlite3_stmt *st, int idx, dal_blob b)
{
    return bind_blob(db, st, idx, b, SQLITE_TRANSIENT);
}

static int bind_value(dal_db *db, sqlite3_stmt *st, int idx, const dal_value *v,
                      sqlite3_destructor_type d)
{
    if (!v) return bound(db, sqlite3_bind_null(st, idx));
    switch (v->type) {
    case DAL_TYPE_INTEGER: return dal_bind_int64(db, st, idx, v->as.integer);
    case DAL_TYPE_REAL: return dal_bind_double(db, st, idx, v->as.real);
    case DAL_TYPE_TEXT:
        if (!v->as.text.data) return bound(db, sqlite3_bind_null(st, idx));
        return bound(db, sqlite3_bind_text64(st, idx, v->as.text.data,
                                             (sqlite3_uint64)v->as.text.len, d, SQLITE_UTF8));
    case DAL_TYPE_BLOB: return bind_blob(db, st, idx, v->as.blob, d);
    case DAL_TYPE_NULL: return bound(db, sqlite3_bind_null(st, idx));
    }
    return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_bind_value: unknown type %d", (int)v->type);
}

int dal_bind_value(dal_db *db, sqlite3_stmt *st, int idx, const dal_value *v)
{
    return bind_value(db, st, idx, v, SQLITE_STATIC);
}

int dal_bind_value_copy(dal_db *db, sqlite3_stmt *st, int idx, const dal_value *v)
{
    return bind_value(db, st, idx, v, SQLITE_TRANSIENT);
}
