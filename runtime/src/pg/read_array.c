/* read_array.c - dal_pg_read_*_array: 1-D arrays into spans in the arena.
 * Elements of value types cannot be NULL in C: such an element is
 * DAL_ERROR naming the column; pointer elements (text, bytea, numeric)
 * are NULL for a NULL element. */
#include "pg_int.h"

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int bad_element(dal_db *db, const char *colname, int len)
{
    return dal__error_state(db, DAL_ERROR, len < 0 ? "22004" : "22P03", "column \"%s\": %s", colname,
                            len < 0 ? "a NULL array element (its C type cannot hold NULL)"
                                    : "an array element of the wrong width");
}

#define FIXED_ELEM(name, ctype, width, expr) \
    static int el_##name(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out) \
    { \
        ctype x; \
        (void)a; \
        if (len != (width)) return bad_element(db, colname, len); \
        x = (expr); \
        memcpy(out, &x, sizeof x); \
        return DAL_OK; \
    }
FIXED_ELEM(int16, int16_t, 2, (int16_t)dal__pg_get16(v))
FIXED_ELEM(int32, int32_t, 4, (int32_t)dal__pg_get32(v))
FIXED_ELEM(int64, int64_t, 8, (int64_t)dal__pg_get64(v))
FIXED_ELEM(bool, bool, 1, v[0] != 0)

static int el_timestamp(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out)
{
    int64_t x;
    (void)a;
    if (len != 8) return bad_element(db, colname, len);
    if (!dal__pg_ts_from_wire((int64_t)dal__pg_get64(v), &x))
        return dal__error_state(db, DAL_ERROR, "22008",
                                "column \"%s\": a timestamp after year 294247 (out of dal_timestamp's range)", colname);
    memcpy(out, &x, sizeof x);
    return DAL_OK;
}
static int el_date(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out)
{
    int32_t x;
    (void)a;
    if (len != 4) return bad_element(db, colname, len);
    if (!dal__pg_date_from_wire((int32_t)dal__pg_get32(v), &x))
        return dal__error_state(db, DAL_ERROR, "22008", "column \"%s\": a date out of dal_date's range", colname);
    memcpy(out, &x, sizeof x);
    return DAL_OK;
}

static int el_float(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out)
{
    uint32_t u;
    (void)a;
    if (len != 4) return bad_element(db, colname, len);
    u = dal__pg_get32(v);
    memcpy(out, &u, 4);
    return DAL_OK;
}
static int el_double(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out)
{
    uint64_t u;
    (void)a;
    if (len != 8) return bad_element(db, colname, len);
    u = dal__pg_get64(v);
    memcpy(out, &u, 8);
    return DAL_OK;
}
static int el_uuid(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out)
{
    (void)a;
    if (len != 16) return bad_element(db, colname, len);
    memcpy(out, v, 16);
    return DAL_OK;
}
static int el_text(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out)
{
    char *s = NULL;
    (void)colname;
    if (v && !(s = dal_arena_strndup(a, v, (size_t)len))) return dal__oom(db);
    memcpy(out, &s, sizeof s);
    return DAL_OK;
}
static int el_blob(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out)
{
    dal_blob b = { NULL, 0 };
    (void)colname;
    if (v && !(b.data = dal_arena_memdup(a, v, (size_t)len))) return dal__oom(db);
    if (v) b.len = (size_t)len;
    memcpy(out, &b, sizeof b);
    return DAL_OK;
}
static int el_numeric(dal_db *db, const char *colname, const char *v, int len, dal_arena *a, void *out)
{
    const char *s = NULL;
    int rc;
    (void)colname;
    if (v && (rc = dal_pg_numeric_to_text(db, v, (size_t)len, a, &s)) != DAL_OK) return rc;
    memcpy(out, &s, sizeof s);
    return DAL_OK;
}

/* The array column (of type array_oid or array_oid2) decoded into a span. */
static int read_array(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                      Oid array_oid, Oid array_oid2, size_t elem_size, dal__pg_elem_fn decode,
                      void **data, size_t *len)
{
    Oid t = PQftype(res, col);
    const char *v;
    *data = NULL;
    *len = 0;
    if ((t != array_oid && t != array_oid2) || PQfformat(res, col) != 1)
        return dal__error_state(db, DAL_ERROR, "42804", "column \"%s\": expected an array of type OID %u, found OID %u%s",
                                colname, (unsigned)array_oid, (unsigned)t,
                                PQfformat(res, col) != 1 ? " in text format" : "");
    if (PQgetisnull(res, row, col)) return DAL_OK;
    if (!a) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "column \"%s\": no arena to copy the value into",
                                 colname);
    v = PQgetvalue(res, row, col);
    /* the element type follows from the array type checked above */
    return dal__pg_array_decode(db, colname, v, (size_t)PQgetlength(res, row, col), 0, elem_size, decode, a,
                                data, len);
}

#define ARRAY_READER(name, span, ctype, oid, oid2, el) \
    int dal_pg_read_##name##_array(dal_db *db, const PGresult *res, int row, int col, const char *colname, \
                                   dal_arena *a, span *out) \
    { \
        void *data; \
        size_t len; \
        int rc = read_array(db, res, row, col, colname, a, oid, oid2, sizeof(ctype), el, &data, &len); \
        out->data = (const ctype *)data; \
        out->len = len; \
        return rc; \
    }
ARRAY_READER(int16, dal_int16_array, int16_t, DAL_PG_INT2_ARRAY, DAL_PG_INT2_ARRAY, el_int16)
ARRAY_READER(int32, dal_int32_array, int32_t, DAL_PG_INT4_ARRAY, DAL_PG_INT4_ARRAY, el_int32)
ARRAY_READER(int64, dal_int64_array, int64_t, DAL_PG_INT8_ARRAY, DAL_PG_INT8_ARRAY, el_int64)
ARRAY_READER(float, dal_float_array, float, DAL_PG_FLOAT4_ARRAY, DAL_PG_FLOAT4_ARRAY, el_float)
ARRAY_READER(double, dal_double_array, double, DAL_PG_FLOAT8_ARRAY, DAL_PG_FLOAT8_ARRAY, el_double)
ARRAY_READER(bool, dal_bool_array, bool, DAL_PG_BOOL_ARRAY, DAL_PG_BOOL_ARRAY, el_bool)
ARRAY_READER(blob, dal_blob_array, dal_blob, DAL_PG_BYTEA_ARRAY, DAL_PG_BYTEA_ARRAY, el_blob)
ARRAY_READER(uuid, dal_uuid_array, dal_uuid, DAL_PG_UUID_ARRAY, DAL_PG_UUID_ARRAY, el_uuid)
ARRAY_READER(timestamp, dal_timestamp_array, dal_timestamp, DAL_PG_TIMESTAMPTZ_ARRAY, DAL_PG_TIMESTAMP_ARRAY,
             el_timestamp)
ARRAY_READER(date, dal_date_array, dal_date, DAL_PG_DATE_ARRAY, DAL_PG_DATE_ARRAY, el_date)

/* text[] and its family (varchar[], char[], name[]). */
int dal_pg_read_text_array(dal_db *db, const PGresult *res, int row, int col, const char *colname, dal_arena *a,
                           dal_text_array *out)
{
    Oid t = PQftype(res, col);
    Oid same = t == DAL_PG_VARCHAR_ARRAY || t == DAL_PG_BPCHAR_ARRAY || t == DAL_PG_NAME_ARRAY ? t : DAL_PG_TEXT_ARRAY;
    void *data;
    size_t len;
    int rc = read_array(db, res, row, col, colname, a, DAL_PG_TEXT_ARRAY, same, sizeof(char *), el_text, &data, &len);
    out->data = (const char *const *)data;
    out->len = len;
    return rc;
}

int dal_pg_read_numeric_array(dal_db *db, const PGresult *res, int row, int col, const char *colname,
                              dal_arena *a, dal_text_array *out)
{
    void *data;
    size_t len;
    int rc = read_array(db, res, row, col, colname, a, DAL_PG_NUMERIC_ARRAY, DAL_PG_NUMERIC_ARRAY, sizeof(char *),
                        el_numeric, &data, &len);
    out->data = (const char *const *)data;
    out->len = len;
    return rc;
}
