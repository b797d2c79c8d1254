/* array.c - PostgreSQL's binary 1-D arrays (array_send/array_recv):
 *   int32 ndim (0 for an empty array, else 1), int32 flags (1: has NULLs),
 *   uint32 element type OID, per dimension int32 size and int32 lower
 *   bound, then per element int32 length (-1 = NULL) and its bytes.
 * Decoding fills a span in the arena; encoding builds the whole value in
 * the parameter block's arena. */
#include "pg_int.h"

int dal__pg_array_decode(dal_db *db, const char *colname, const char *bin, size_t len, Oid elem,
                         size_t elem_size, dal__pg_elem_fn decode, dal_arena *a, void **data, size_t *n)
{
    const char *p = bin, *end = bin + len;
    int32_t ndim, count = 0, i;
    char *out;
    int rc;
    if (len < 12) goto malformed;
    ndim = (int32_t)dal__pg_get32(p);
    if (elem != 0 && (Oid)dal__pg_get32(p + 8) != elem)
        return dal__error_state(db, DAL_ERROR, "42804", "column \"%s\": array of type OID %u, expected %u",
                                colname, (unsigned)dal__pg_get32(p + 8), (unsigned)elem);
    if (ndim > 1)
        return dal__error_state(db, DAL_ERROR, "42804", "column \"%s\": a %d-dimensional array (libdal reads 1-D arrays)",
                                colname, (int)ndim);
    p += 12;
    if (ndim == 1) {
        if (len < 20) goto malformed;
        count = (int32_t)dal__pg_get32(p);
        p += 8;
        if (count < 0) goto malformed;
    }
    if (!(out = dal_arena_alloc(a, (size_t)count * elem_size))) return dal__oom(db);
    for (i = 0; i < count; i++) {
        int32_t el;
        if (end - p < 4) goto malformed;
        el = (int32_t)dal__pg_get32(p);
        p += 4;
        if (el > end - p || el < -1) goto malformed;
        if ((rc = decode(db, colname, el < 0 ? NULL : p, el, a, out + (size_t)i * elem_size)) != DAL_OK) return rc;
        if (el > 0) p += el;
    }
    *data = out;
    *n = (size_t)count;
    return DAL_OK;
malformed:
    return dal__error_state(db, DAL_ERROR, "22P03", "column \"%s\": malformed binary array", colname);
}

/* The element type of the array type pinned for idx when it is one of
 * the family of dflt (text-likes, timestamp/timestamptz), else dflt:
 * array_recv refuses any element type but the parameter's own. */
static Oid pinned_elem(const dal_pg_params *p, int idx, Oid dflt)
{
    static const Oid pairs[][2] = {
        { DAL_PG_TEXT_ARRAY, DAL_PG_TEXT }, { DAL_PG_VARCHAR_ARRAY, DAL_PG_VARCHAR }, { 1014, DAL_PG_BPCHAR },
        { 1003, DAL_PG_NAME }, { DAL_PG_TIMESTAMP_ARRAY, DAL_PG_TIMESTAMP },
        { DAL_PG_TIMESTAMPTZ_ARRAY, DAL_PG_TIMESTAMPTZ }
    };
    size_t i;
    Oid t = p->types ? p->types[idx - 1] : 0;
    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (pairs[i][0] == t) return pairs[i][1];
    return dflt;
}

/* encode(db, elem, out, &len): out NULL measures; len -1 is a NULL element. */
int dal__pg_array_encode(dal_pg_params *p, int idx, Oid elem, const void *v, size_t len, size_t elem_size,
                         int fixed_len, dal__pg_enc_fn encode)
{
    const char *e = v;
    size_t size = 12 + (len ? 8 : 0), i;
    bool nulls = false;
    char *buf, *q;
    int el, rc;
    if (idx < 1 || idx > p->n) return dal_pg_bind_null(p, idx);  /* reports the index */
    if (!p->arena)
        return dal_error_set(p->db, DAL_MISUSE, SQLITE_MISUSE, "parameter $%d: no arena in the parameter block", idx);
    if (len > INT32_MAX) return dal__error_state(p->db, DAL_ERROR, "54000", "parameter $%d: too many elements", idx);
    for (i = 0; i < len; i++) {
        el = fixed_len;
        if (fixed_len < 0 && (rc = encode(p->db, e + i * elem_size, NULL, &el)) != DAL_OK) return rc;
        nulls |= el < 0;
        size += 4 + (el > 0 ? (size_t)el : 0);
    }
    if (size > INT32_MAX) return dal__error_state(p->db, DAL_ERROR, "54000", "parameter $%d: longer than 1 GB", idx);
    if (!(buf = dal_arena_alloc(p->arena, size))) return dal__oom(p->db);
    if (elem == DAL_PG_TEXT || elem == DAL_PG_TIMESTAMPTZ) elem = pinned_elem(p, idx, elem);
    dal__pg_put32(buf, len ? 1u : 0u);
    dal__pg_put32(buf + 4, nulls ? 1u : 0u);
    dal__pg_put32(buf + 8, (uint32_t)elem);
    q = buf + 12;
    if (len) {
        dal__pg_put32(q, (uint32_t)len);
        dal__pg_put32(q + 4, 1u);
        q += 8;
    }
    for (i = 0; i < len; i++) {
        if ((rc = encode(p->db, e + i * elem_size, q + 4, &el)) != DAL_OK) return rc;
        dal__pg_put32(q, (uint32_t)el);
        q += 4 + (el > 0 ? el : 0);
    }
    p->values[idx - 1] = buf;
    p->lengths[idx - 1] = (int)size;
    return DAL_OK;
}

/* ---- element encoders -------------------------------------------------- */

static int enc_int16(dal_db *db, const void *v, char *out, int *len)
{
    int16_t x;
    (void)db;
    memcpy(&x, v, 2);
    if (out) dal__pg_put16(out, (uint16_t)x);
    *len = 2;
    return DAL_OK;
}
static int enc_int32(dal_db *db, const void *v, char *out, int *len)
{
    int32_t x;
    (void)db;
    memcpy(&x, v, 4);
    if (out) dal__pg_put32(out, (uint32_t)x);
    *len = 4;
    return DAL_OK;
}
static int enc_int64(dal_db *db, const void *v, char *out, int *len)
{
    int64_t x;
    (void)db;
    memcpy(&x, v, 8);
    if (out) dal__pg_put64(out, (uint64_t)x);
    *len = 8;
    return DAL_OK;
}
static int enc_float(dal_db *db, const void *v, char *out, int *len)
{
    uint32_t x;
    (void)db;
    memcpy(&x, v, 4);
    if (out) dal__pg_put32(out, x);
    *len = 4;
    return DAL_OK;
}
static int enc_double(dal_db *db, const void *v, char *out, int *len)
{
    uint64_t x;
    (void)db;
    memcpy(&x, v, 8);
    if (out) dal__pg_put64(out, x);
    *len = 8;
    return DAL_OK;
}
static int enc_bool(dal_db *db, const void *v, char *out, int *len)
{
    (void)db;
    if (out) out[0] = *(const bool *)v ? 1 : 0;
    *len = 1;
    return DAL_OK;
}
static int enc_uuid(dal_db *db, const void *v, char *out, int *len)
{
    (void)db;
    if (out) memcpy(out, v, 16);
    *len = 16;
    return DAL_OK;
}
static int enc_timestamp(dal_db *db, const void *v, char *out, int *len)
{
    int64_t x, w;
    memcpy(&x, v, 8);
    if (!dal__pg_ts_to_wire(x, &w))
        return dal__error_state(db, DAL_ERROR, "22008", "array element: timestamp out of PostgreSQL's range");
    if (out) dal__pg_put64(out, (uint64_t)w);
    *len = 8;
    return DAL_OK;
}
static int enc_date(dal_db *db, const void *v, char *out, int *len)
{
    int32_t x, w;
    memcpy(&x, v, 4);
    if (!dal__pg_date_to_wire(x, &w))
        return dal__error_state(db, DAL_ERROR, "22008", "array element: date out of PostgreSQL's range");
    if (out) dal__pg_put32(out, (uint32_t)w);
    *len = 4;
    return DAL_OK;
}
static int enc_text(dal_db *db, const void *v, char *out, int *len)
{
    const char *s = *(const char *const *)v;
    size_t n = s ? strlen(s) : 0;
    if (n > INT32_MAX / 2) return dal__error_state(db, DAL_ERROR, "54000", "array element longer than 1 GB");
    if (s && out) memcpy(out, s, n);
    *len = s ? (int)n : -1;
    return DAL_OK;
}
static int enc_blob(dal_db *db, const void *v, char *out, int *len)
{
    const dal_blob *b = v;
    if (b->len > INT32_MAX / 2) return dal__error_state(db, DAL_ERROR, "54000", "array element longer than 1 GB");
    if (b->data && out) memcpy(out, b->data, b->len);
    *len = b->data ? (int)b->len : -1;
    return DAL_OK;
}

int dal_pg_bind_int16_array(dal_pg_params *p, int idx, const int16_t *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_INT2, v, len, sizeof *v, 2, enc_int16);
}
int dal_pg_bind_int32_array(dal_pg_params *p, int idx, const int32_t *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_INT4, v, len, sizeof *v, 4, enc_int32);
}
int dal_pg_bind_int64_array(dal_pg_params *p, int idx, const int64_t *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_INT8, v, len, sizeof *v, 8, enc_int64);
}
int dal_pg_bind_float_array(dal_pg_params *p, int idx, const float *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_FLOAT4, v, len, sizeof *v, 4, enc_float);
}
int dal_pg_bind_double_array(dal_pg_params *p, int idx, const double *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_FLOAT8, v, len, sizeof *v, 8, enc_double);
}
int dal_pg_bind_bool_array(dal_pg_params *p, int idx, const bool *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_BOOL, v, len, sizeof *v, 1, enc_bool);
}
int dal_pg_bind_uuid_array(dal_pg_params *p, int idx, const dal_uuid *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_UUID, v, len, sizeof *v, 16, enc_uuid);
}
int dal_pg_bind_timestamp_array(dal_pg_params *p, int idx, const dal_timestamp *v, size_t len)
{
    /* timestamptz[]: the server casts to timestamp[] where the column is one */
    return dal__pg_array_encode(p, idx, DAL_PG_TIMESTAMPTZ, v, len, sizeof *v, 8, enc_timestamp);
}
int dal_pg_bind_date_array(dal_pg_params *p, int idx, const dal_date *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_DATE, v, len, sizeof *v, 4, enc_date);
}
int dal_pg_bind_text_array(dal_pg_params *p, int idx, const char *const *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_TEXT, v, len, sizeof *v, -1, enc_text);
}
int dal_pg_bind_blob_array(dal_pg_params *p, int idx, const dal_blob *v, size_t len)
{
    return dal__pg_array_encode(p, idx, DAL_PG_BYTEA, v, len, sizeof *v, -1, enc_blob);
}

/* Each element encoded first (into the arena), then framed as bytea-like
 * elements of type numeric. */
int dal_pg_bind_numeric_array(dal_pg_params *p, int idx, const char *const *v, size_t len)
{
    dal_blob *bins;
    size_t i;
    int rc;
    if (!p->arena)
        return dal_error_set(p->db, DAL_MISUSE, SQLITE_MISUSE, "parameter $%d: no arena in the parameter block", idx);
    if (len > SIZE_MAX / sizeof *bins || !(bins = dal_arena_alloc(p->arena, len * sizeof *bins)))
        return dal__oom(p->db);
    for (i = 0; i < len; i++) {
        const char *b = NULL;
        size_t n = 0;
        if (v[i] && (rc = dal_pg_numeric_from_text(p->db, v[i], p->arena, &b, &n)) != DAL_OK) return rc;
        bins[i].data = b;
        bins[i].len = n;
    }
    return dal__pg_array_encode(p, idx, DAL_PG_NUMERIC, bins, len, sizeof *bins, -1, enc_blob);
}
