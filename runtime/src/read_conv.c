/* read_conv.c - readers into the C types of a user's own struct (tables
 * read from annotated headers, docs/clang.md): narrower integers, float,
 * pointer scalars, char[N] buffers, enums.  A stored value that the field
 * cannot hold is DAL_ERROR naming the column (dal_errcode SQLITE_MISMATCH),
 * never a silent cut. */
#include "dal_internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int unfit(dal_db *db, const char *colname, const char *what)
{
    return dal_error_set(db, DAL_ERROR, SQLITE_MISMATCH, "column \"%s\": %s", colname, what);
}

/* NULL into a field that has no way to say NULL (has == NULL). */
static int null_into(dal_db *db, const char *colname, bool *has)
{
    if (has) {
        *has = false;
        return DAL_OK;
    }
    return unfit(db, colname, "expected a value, found NULL");
}

static bool int_fits(int64_t v, size_t size, bool is_signed)
{
    if (size >= 8) return is_signed || v >= 0;
    int64_t lim = (int64_t)1 << (size * 8 - (is_signed ? 1 : 0));
    return is_signed ? v >= -lim && v < lim : v >= 0 && v < lim;
}

/* Stores v (already range-checked) in the integer object at out. */
static void int_store(void *out, int64_t v, size_t size, bool is_signed)
{
    if (size == 1) {
        if (is_signed) { int8_t x = (int8_t)v; memcpy(out, &x, 1); }
        else { uint8_t x = (uint8_t)v; memcpy(out, &x, 1); }
    } else if (size == 2) {
        if (is_signed) { int16_t x = (int16_t)v; memcpy(out, &x, 2); }
        else { uint16_t x = (uint16_t)v; memcpy(out, &x, 2); }
    } else if (size == 4) {
        if (is_signed) { int32_t x = (int32_t)v; memcpy(out, &x, 4); }
        else { uint32_t x = (uint32_t)v; memcpy(out, &x, 4); }
    } else {
        memcpy(out, &v, 8);
    }
}

static int int_value(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                     size_t size, bool is_signed, int64_t *v)
{
    bool h = true;
    int rc = dal_read_int64_null(db, st, col, colname, &h, v);
    if (rc != DAL_OK) return rc;
    if (!h) return null_into(db, colname, has);
    if (has) *has = true;
    if (!int_fits(*v, size, is_signed))
        return dal_error_set(db, DAL_ERROR, SQLITE_MISMATCH, "column \"%s\": %lld does not fit its field (%s, %u bytes)",
                             colname, (long long)*v, is_signed ? "signed" : "unsigned", (unsigned)size);
    return DAL_OK;
}

int dal_read_int_sized(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                       void *out, size_t size, bool is_signed)
{
    int64_t v = 0;
    int rc = int_value(db, st, col, colname, has, size, is_signed, &v);
    if (rc != DAL_OK || (has && !*has)) v = 0;
    int_store(out, v, size, is_signed);
    return rc;
}

/* Arena storage for one scalar of `size` bytes, its address stored in the
 * pointer object at out_ptr (memcpy: the field is a T *, not a void *). */
static void *ptr_slot(dal_db *db, const char *colname, dal_arena *a, void *out_ptr, size_t size, int *rc)
{
    void *p;
    if (!a) {
        *rc = dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "column \"%s\": no arena to hold the value", colname);
        return NULL;
    }
    if (!(p = dal_arena_alloc(a, size))) {
        *rc = dal__oom(db);
        return NULL;
    }
    memcpy(out_ptr, &p, sizeof p);
    *rc = DAL_OK;
    return p;
}

static void ptr_null(void *out_ptr)
{
    void *p = NULL;
    memcpy(out_ptr, &p, sizeof p);
}

int dal_read_int_ptr(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a,
                     void *out_ptr, size_t size, bool is_signed)
{
    bool has = false;
    int64_t v = 0;
    int rc = int_value(db, st, col, colname, &has, size, is_signed, &v);
    void *p;
    ptr_null(out_ptr);
    if (rc != DAL_OK || !has) return rc;
    if (!(p = ptr_slot(db, colname, a, out_ptr, size, &rc))) return rc;
    int_store(p, v, size, is_signed);
    return DAL_OK;
}

static int real_value(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, double *v)
{
    bool h = true;
    int rc = dal_read_double_null(db, st, col, colname, &h, v);
    if (rc != DAL_OK) return rc;
    if (!h) return null_into(db, colname, has);
    if (has) *has = true;
    return DAL_OK;
}

static int float_of(dal_db *db, const char *colname, double v, float *out)
{
    if (isfinite(v) && (v > FLT_MAX || v < -FLT_MAX)) {
        *out = 0;
        return unfit(db, colname, "the value does not fit a float");
    }
    *out = (float)v;
    return DAL_OK;
}

int dal_read_float(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has, float *out)
{
    double v = 0;
    int rc = real_value(db, st, col, colname, has, &v);
    *out = 0;
    if (rc != DAL_OK || (has && !*has)) return rc;
    return float_of(db, colname, v, out);
}

int dal_read_float_ptr(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, float **out)
{
    bool has = false;
    double v = 0;
    float f = 0;
    int rc = real_value(db, st, col, colname, &has, &v);
    *out = NULL;
    if (rc != DAL_OK || !has) return rc;
    if ((rc = float_of(db, colname, v, &f)) != DAL_OK) return rc;
    if (!a) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "column \"%s\": no arena to hold the value", colname);
    if (!(*out = dal_arena_alloc(a, sizeof f))) return dal__oom(db);
    **out = f;
    return DAL_OK;
}

int dal_read_double_ptr(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, double **out)
{
    bool has = false;
    double v = 0;
    int rc = real_value(db, st, col, colname, &has, &v);
    *out = NULL;
    if (rc != DAL_OK || !has) return rc;
    if (!a) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "column \"%s\": no arena to hold the value", colname);
    if (!(*out = dal_arena_alloc(a, sizeof v))) return dal__oom(db);
    **out = v;
    return DAL_OK;
}

int dal_read_bool_ptr(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, bool **out)
{
    bool has = false, b = false;
    int rc = dal_read_bool_null(db, st, col, colname, &has, &b);
    *out = NULL;
    if (rc != DAL_OK || !has) return rc;
    if (!a) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "column \"%s\": no arena to hold the value", colname);
    if (!(*out = dal_arena_alloc(a, sizeof b))) return dal__oom(db);
    **out = b;
    return DAL_OK;
}

int dal_read_text_buf(dal_db *db, sqlite3_stmt *st, int col, const char *colname, bool *has,
                      char *buf, size_t size)
{
    const char *s = NULL;
    size_t n = 0;
    int rc = dal_read_text_ref(db, st, col, colname, &s, &n);
    if (size) buf[0] = '\0';
    if (rc != DAL_OK) return rc;
    if (!s) return null_into(db, colname, has);
    if (has) *has = true;
    if (n >= size)
        return dal_error_set(db, DAL_ERROR, SQLITE_MISMATCH, "column \"%s\": %zu bytes do not fit its %zu-byte buffer",
                             colname, n, size);
    memcpy(buf, s, n);
    buf[n] = '\0';
    return DAL_OK;
}

int dal_read_text_mutable(dal_db *db, sqlite3_stmt *st, int col, const char *colname, dal_arena *a, char **out)
{
    const char *s = NULL;
    size_t n = 0;
    int rc = dal_read_text_ref(db, st, col, colname, &s, &n);
    *out = NULL;
    if (rc != DAL_OK || !s) return rc;
    if (!a) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "column \"%s\": no arena to copy the value into", colname);
    if (!(*out = dal_arena_strndup(a, s, n))) return dal__oom(db);
    return DAL_OK;
}

int dal_read_enum_text(dal_db *db, sqlite3_stmt *st, int col, const char *colname,
                       const char *const *names, size_t n, bool *has, size_t *index)
{
    const char *s = NULL;
    size_t len = 0;
    int rc = dal_read_text_ref(db, st, col, colname, &s, &len);
    *index = 0;
    if (rc != DAL_OK) return rc;
    if (!s) return null_into(db, colname, has);
    if (has) *has = true;
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0) {
            *index = i;
            return DAL_OK;
        }
    return dal_error_set(db, DAL_ERROR, SQLITE_MISMATCH, "column \"%s\": '%.*s' is not a value of its enum", colname,
                         len > 64 ? 64 : (int)len, s);
}

int dal_read_enum_int(dal_db *db, sqlite3_stmt *st, int col, const char *colname,
                      const int64_t *values, size_t n, bool *has, int64_t *out)
{
    bool h = true;
    int rc = dal_read_int64_null(db, st, col, colname, &h, out);
    if (rc != DAL_OK) return rc;
    if (!h) {
        *out = 0;
        return null_into(db, colname, has);
    }
    if (has) *has = true;
    for (size_t i = 0; i < n; i++)
        if (values[i] == *out) return DAL_OK;
    return dal_error_set(db, DAL_ERROR, SQLITE_MISMATCH, "column \"%s\": %lld is not a value of its enum", colname,
                         (long long)*out);
}
