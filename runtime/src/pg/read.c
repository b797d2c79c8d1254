/* read.c - dal_pg_result_check and the scalar dal_pg_read_* over a binary
 * PGresult (one of dal_pg_exec: the format is not checked per column).
 * A column of another type than the generator expected is schema drift,
 * reported like SQLite's exact readers, but once per result (and once per
 * prepared statement through dal_pg_exec): the readers trust the types,
 * decode fixed-width values in place (checking their width) and copy
 * text and bytea into the arena.  The most common readers are inline in
 * dal_pg.h; their external definitions and slow paths are here. */
#include "pg_int.h"

#include <stdio.h>

/* The shared fast paths are inlined into each reader (one call per
 * column, like a hand-written PQgetvalue). */
#if defined(__GNUC__) || defined(__clang__)
#define DAL_INLINE static inline __attribute__((always_inline))
#else
#define DAL_INLINE static inline
#endif

static const char *type_name(Oid t, char buf[16])
{
    switch (t) {
    case DAL_PG_BOOL: return "boolean";
    case DAL_PG_BYTEA: return "bytea";
    case DAL_PG_INT8: return "bigint";
    case DAL_PG_INT2: return "smallint";
    case DAL_PG_INT4: return "integer";
    case DAL_PG_TEXT: return "text";
    case DAL_PG_FLOAT4: return "real";
    case DAL_PG_FLOAT8: return "double precision";
    case DAL_PG_VARCHAR: return "varchar";
    case DAL_PG_DATE: return "date";
    case DAL_PG_TIME: return "time";
    case DAL_PG_TIMESTAMP: return "timestamp";
    case DAL_PG_TIMESTAMPTZ: return "timestamptz";
    case DAL_PG_INTERVAL: return "interval";
    case DAL_PG_NUMERIC: return "numeric";
    case DAL_PG_UUID: return "uuid";
    case DAL_PG_JSONB: return "jsonb";
    default: snprintf(buf, 16, "OID %u", (unsigned)t); return buf;
    }
}

static bool is_text(Oid t)
{
    return t == DAL_PG_TEXT || t == DAL_PG_VARCHAR || t == DAL_PG_BPCHAR || t == DAL_PG_NAME ||
           t == DAL_PG_JSON || t == DAL_PG_UNKNOWN || t >= DAL_PG_FIRST_USER_OID;
}

static bool is_text_array(Oid t)
{
    return t == DAL_PG_TEXT_ARRAY || t == DAL_PG_VARCHAR_ARRAY || t == DAL_PG_BPCHAR_ARRAY || t == DAL_PG_NAME_ARRAY;
}

/* Whether a column of type t fits what the generator expects (want). */
static bool fits(Oid want, Oid t)
{
    return t == want || (want == DAL_PG_TEXT && is_text(t)) || (want == DAL_PG_TEXT_ARRAY && is_text_array(t));
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int mismatch(dal_db *db, const PGresult *res, int col, Oid want)
{
    char b1[16], b2[16];
    const char *colname = PQfname(res, col);
    if (PQfformat(res, col) != 1)
        return dal__error_state(db, DAL_ERROR, "42804", "column \"%s\": a text-format result (dal_pg_exec asks for binary)",
                                colname);
    return dal__error_state(db, DAL_ERROR, "42804", "column \"%s\": expected %s, found %s", colname,
                            type_name(want, b1), type_name(PQftype(res, col), b2));
}

int dal_pg_result_check(dal_db *db, const PGresult *res, const Oid *types, int n)
{
    int i;
    if (PQnfields(res) != n)
        return dal__error_state(db, DAL_ERROR, "42804", "the statement returns %d columns, expected %d",
                                PQnfields(res), n);
    for (i = 0; i < n; i++) {
        Oid t = PQftype(res, i);
        if (!fits(types[i], t)) return mismatch(db, res, i, types[i]);
        if (PQfformat(res, i) != 1) return mismatch(db, res, i, types[i]);
    }
    return DAL_OK;
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int unexpected(dal_db *db, const char *colname, Oid want, const char *what)
{
    char b[16];
    return dal__error_state(db, DAL_ERROR, what[0] == 'N' ? "22004" : "22P03", "column \"%s\": expected %s, found %s",
                            colname, type_name(want, b), what);
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int no_arena(dal_db *db, const char *colname)
{
    return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "column \"%s\": no arena to copy the value into", colname);
}

/* The NULL or odd-width case of fixed(), out of the fast path. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static int fixed_slow(dal_db *db, const PGresult *res, int row, int col, const char *colname, Oid want,
                      bool *has, const char **v)
{
    if (!PQgetisnull(res, row, col)) return unexpected(db, colname, want, "a value of another width");
    if (!has) return unexpected(db, colname, want, "NULL");
    *has = false;
    *v = NULL;
    return DAL_OK;
}

/* The bytes of a fixed-width column of type w1; *v NULL for SQL NULL,
 * which only a nullable reader (has non-NULL) accepts.  Two calls into
 * libpq: the length (0 for NULL) and the value. */
DAL_INLINE int fixed(dal_db *db, const PGresult *res, int row, int col, const char *colname, Oid w1,
                     int width, bool *has, const char **v)
{
    if (PQgetlength(res, row, col) != width) return fixed_slow(db, res, row, col, colname, w1, has, v);
    if (has) *has = true;
    *v = PQgetvalue(res, row, col);
    return DAL_OK;
}

static dal_uuid dec_uuid(const char *v) { dal_uuid u; memcpy(u.b, v, 16); return u; }
static dal_interval dec_interval(const char *v)
{
    dal_interval i;
    i.us = (int64_t)dal__pg_get64(v);
    i.days = (int32_t)dal__pg_get32(v + 8);
    i.months = (int32_t)dal__pg_get32(v + 12);
    return i;
}

#define READERS(name, ctype, w1, w2, width) \
    int dal_pg_read_##name(dal_db *db, const PGresult *res, int row, int col, const char *colname, ctype *out) \
    { \
        const char *v = NULL; \
        int rc = fixed(db, res, row, col, colname, w1, width, NULL, &v); \
        if (rc == DAL_OK) *out = dec_##name(v); \
        return rc; \
    } \
    int dal_pg_read_##name##_null(dal_db *db, const PGresult *res, int row, int col, const char *colname, \
                                  bool *has, ctype *out) \
    { \
        static const ctype zero; \
        const char *v = NULL; \
        int rc = fixed(db, res, row, col, colname, w1, width, has, &v); \
        if (rc == DAL_OK) *out = v ? dec_##name(v) : zero; \
        return rc; \
    }
READERS(uuid, dal_uuid, DAL_PG_UUID, DAL_PG_UUID, 16)
READERS(interval, dal_interval, DAL_PG_INTERVAL, DAL_PG_INTERVAL, 16)

/* The external definitions of the inline readers of dal_pg.h (C99: a
 * declaration with extern in one translation unit emits them). */
#define EXTERN_READER(name, ctype) \
    extern int dal_pg_read_##name(dal_db *db, const PGresult *res, int row, int col, const char *colname, \
                                  ctype *out); \
    extern int dal_pg_read_##name##_null(dal_db *db, const PGresult *res, int row, int col, const char *colname, \
                                         bool *has, ctype *out);
EXTERN_READER(int16, int16_t)
EXTERN_READER(int32, int32_t)
EXTERN_READER(int64, int64_t)
EXTERN_READER(float, float)
EXTERN_READER(double, double)
EXTERN_READER(bool, bool)
EXTERN_READER(time, int64_t)
EXTERN_READER(timestamp, dal_timestamp)
extern int dal_pg_read_text(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                            const char **out);

int dal__pg_read_odd(dal_db *db, const PGresult *res, int row, int col, const char *colname, Oid want,
                     bool *has, void *out, size_t size)
{
    memset(out, 0, size);
    if (!PQgetisnull(res, row, col)) return unexpected(db, colname, want, "a value of another width");
    if (!has) return unexpected(db, colname, want, "NULL");
    *has = false;
    return DAL_OK;
}

int dal__pg_read_range(dal_db *db, const char *colname)
{
    return dal__error_state(db, DAL_ERROR, "22008", "column \"%s\": a timestamp out of dal_timestamp's range",
                            colname);
}

int dal__pg_read_copy(dal_db *db, const char *colname, dal_arena *a, const char *v, size_t n, const char **out)
{
    if (!a) return no_arena(db, colname);
    return (*out = dal_arena_strndup(a, v, n)) ? DAL_OK : dal__oom(db);
}

/* date checks its range: the conversion to 1970's epoch can overflow. */
#define RANGE_READERS(name, ctype, w1, w2, width, wire, get, conv) \
    int dal_pg_read_##name##_null(dal_db *db, const PGresult *res, int row, int col, const char *colname, \
                                  bool *has, ctype *out) \
    { \
        const char *v = NULL; \
        int rc = fixed(db, res, row, col, colname, w1, width, has, &v); \
        *out = 0; \
        if (rc != DAL_OK || !v) return rc; \
        if (!conv((wire)get(v), out)) \
            return dal__error_state(db, DAL_ERROR, "22008", "column \"%s\": a " #name " out of dal_" #name "'s range", \
                                    colname); \
        return DAL_OK; \
    } \
    int dal_pg_read_##name(dal_db *db, const PGresult *res, int row, int col, const char *colname, ctype *out) \
    { \
        bool has; \
        int rc = dal_pg_read_##name##_null(db, res, row, col, colname, &has, out); \
        if (rc == DAL_OK && !has) return unexpected(db, colname, w1, "NULL"); \
        return rc; \
    }
RANGE_READERS(date, dal_date, DAL_PG_DATE, DAL_PG_DATE, 4, int32_t, dal__pg_get32, dal__pg_date_from_wire)

/* ---- variable-width values --------------------------------------------- */

/* The bytes of a variable-width column: *v NULL for SQL NULL. */
DAL_INLINE void bytes(const PGresult *res, int row, int col, const char **v, int *len)
{
    *len = PQgetlength(res, row, col);
    *v = *len == 0 && PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* dal_arena_strndup with the common case (room in the current block) inline. */
DAL_INLINE char *copy_text(dal_arena *a, const char *s, size_t n)
{
    char *p = a->ptr;
    if (p && (size_t)(a->end - p) > n) {
        memcpy(p, s, n);
        p[n] = '\0';
        a->ptr = p + n + 1;
        return p;
    }
    return dal_arena_strndup(a, s, n);
}

int dal_pg_read_text_ref(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                         const char **out, size_t *len)
{
    const char *v = NULL;
    int n = 0;
    (void)db;
    (void)colname;
    bytes(res, row, col, &v, &n);
    *out = v;
    if (len) *len = (size_t)n;
    return DAL_OK;
}

/* jsonb: version byte 1, then the JSON text. */
int dal_pg_read_jsonb(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                      const char **out)
{
    const char *v = NULL;
    int n = 0;
    bytes(res, row, col, &v, &n);
    if (!v) return (*out = NULL, DAL_OK);
    if (n < 1 || v[0] != 1) return unexpected(db, colname, DAL_PG_JSONB, "an unknown jsonb version");
    if (!a) return no_arena(db, colname);
    return (*out = copy_text(a, v + 1, (size_t)n - 1)) ? DAL_OK : dal__oom(db);
}

int dal_pg_read_blob(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                     dal_blob *out)
{
    const char *v = NULL;
    int n = 0;
    bytes(res, row, col, &v, &n);
    out->len = 0;
    if (!v) return (out->data = NULL, DAL_OK);
    if (!a) return no_arena(db, colname);
    if (!(out->data = dal_arena_memdup(a, v, (size_t)n))) return dal__oom(db);
    out->len = (size_t)n;
    return DAL_OK;
}

int dal_pg_read_numeric(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                        const char **out)
{
    const char *v = NULL;
    int n = 0;
    bytes(res, row, col, &v, &n);
    if (!v) return (*out = NULL, DAL_OK);
    if (!a) return no_arena(db, colname);
    return dal_pg_numeric_to_text(db, v, (size_t)n, a, out);
}
