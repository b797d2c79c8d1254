/* bind.c - dal_pg_bind_*: each encodes one value into the caller's
 * parameter block (binary format; fixed widths into the parameter's
 * cell, variable sizes into the block's arena). */
#include "pg_int.h"

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int bad_index(dal_pg_params *p, int idx)
{
    return dal_error_set(p->db, DAL_MISUSE, SQLITE_RANGE, "parameter $%d out of range (the statement has %d)",
                         idx, p->n);
}

#define ONES4 1, 1, 1, 1
#define ONES16 ONES4, ONES4, ONES4, ONES4
#define ONES64 ONES16, ONES16, ONES16, ONES16
const int dal__pg_binary[DAL__PG_BINARY_MAX] = { ONES64, ONES64, ONES64, ONES64 };

const int *dal__pg_binary_fill(int *formats, int n)
{
    int i;
    for (i = 0; i < n; i++) formats[i] = 1;
    return formats;
}

/* Point parameter idx at bytes (binary: p->formats is all 1s). */
static int set(dal_pg_params *p, int idx, const char *bytes, int len)
{
    if (idx < 1 || idx > p->n) return bad_index(p, idx);
    p->values[idx - 1] = bytes;
    p->lengths[idx - 1] = len;
    return DAL_OK;
}

/* The cell of idx (checked by the caller through set()). */
static char *cell(dal_pg_params *p, int idx)
{
    return idx >= 1 && idx <= p->n ? p->cells[idx - 1].b : NULL;
}

static int fixed32(dal_pg_params *p, int idx, uint32_t v)
{
    char *c = cell(p, idx);
    if (c) dal__pg_put32(c, v);
    return set(p, idx, c, 4);
}
static int fixed64(dal_pg_params *p, int idx, uint64_t v)
{
    char *c = cell(p, idx);
    if (c) dal__pg_put64(c, v);
    return set(p, idx, c, 8);
}

/* The external definitions of the inline binders of dal_pg.h (C99: a
 * declaration with extern in one translation unit emits them). */
#define EXTERN_BINDER(name, ctype) \
    extern int dal_pg_bind_##name(dal_pg_params *p, int idx, ctype v); \
    extern int dal_pg_bind_##name##_null(dal_pg_params *p, int idx, bool has, ctype v);
EXTERN_BINDER(int16, int16_t)
EXTERN_BINDER(int32, int32_t)
EXTERN_BINDER(int64, int64_t)
EXTERN_BINDER(float, float)
EXTERN_BINDER(double, double)
EXTERN_BINDER(bool, bool)
EXTERN_BINDER(time, int64_t)
extern int dal_pg_bind_null(dal_pg_params *p, int idx);
extern int dal_pg_bind_timestamp_null(dal_pg_params *p, int idx, bool has, dal_timestamp v);
extern int dal_pg_bind_text_len(dal_pg_params *p, int idx, const char *s, size_t len);
extern int dal_pg_bind_text(dal_pg_params *p, int idx, const char *s);

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int too_long(dal_pg_params *p, int idx)
{
    return dal__error_state(p->db, DAL_ERROR, "54000", "parameter $%d: longer than 1 GB", idx);
}

int dal__pg_bind_refuse(dal_pg_params *p, int idx)
{
    return idx < 1 || idx > p->n ? bad_index(p, idx) : too_long(p, idx);
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int out_of_range(dal_pg_params *p, int idx, const char *type)
{
    return dal__error_state(p->db, DAL_ERROR, "22008", "parameter $%d: %s out of PostgreSQL's range", idx, type);
}
int dal_pg_bind_timestamp(dal_pg_params *p, int idx, dal_timestamp v)
{
    int64_t w;
    if (!dal__pg_ts_to_wire(v, &w)) return out_of_range(p, idx, "timestamp");
    return fixed64(p, idx, (uint64_t)w);
}
int dal_pg_bind_date(dal_pg_params *p, int idx, dal_date v)
{
    int32_t w;
    if (!dal__pg_date_to_wire(v, &w)) return out_of_range(p, idx, "date");
    return fixed32(p, idx, (uint32_t)w);
}

int dal_pg_bind_uuid(dal_pg_params *p, int idx, dal_uuid v)
{
    char *c = cell(p, idx);
    if (c) memcpy(c, v.b, 16);
    return set(p, idx, c, 16);
}

int dal_pg_bind_interval(dal_pg_params *p, int idx, dal_interval v)
{
    char *c = cell(p, idx);
    if (c) {
        dal__pg_put64(c, (uint64_t)v.us);
        dal__pg_put32(c + 8, (uint32_t)v.days);
        dal__pg_put32(c + 12, (uint32_t)v.months);
    }
    return set(p, idx, c, 16);
}

#define NULLABLE(name, type) \
    int dal_pg_bind_##name##_null(dal_pg_params *p, int idx, bool has, type v) \
    { \
        return has ? dal_pg_bind_##name(p, idx, v) : dal_pg_bind_null(p, idx); \
    }
NULLABLE(uuid, dal_uuid)
NULLABLE(date, dal_date)
NULLABLE(interval, dal_interval)


int dal_pg_bind_blob(dal_pg_params *p, int idx, dal_blob b)
{
    if (!b.data) return dal_pg_bind_null(p, idx);
    if (b.len > INT32_MAX) return too_long(p, idx);
    return set(p, idx, b.data, (int)b.len);
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, cold))
#endif
static int no_arena(dal_pg_params *p, int idx)
{
    return dal_error_set(p->db, DAL_MISUSE, SQLITE_MISUSE, "parameter $%d: no arena in the parameter block", idx);
}

/* jsonb's binary form: version byte 1, then the text. */
int dal_pg_bind_jsonb(dal_pg_params *p, int idx, const char *json)
{
    size_t n;
    char *buf;
    if (!json) return dal_pg_bind_null(p, idx);
    if (!p->arena) return no_arena(p, idx);
    if ((n = strlen(json)) >= INT32_MAX) return too_long(p, idx);
    if (!(buf = dal_arena_alloc(p->arena, n + 1))) return dal__oom(p->db);
    buf[0] = 1;
    memcpy(buf + 1, json, n);
    return set(p, idx, buf, (int)(n + 1));
}

int dal_pg_bind_label(dal_pg_params *p, int idx, const char *label, int v, const char *type)
{
    if (idx < 1 || idx > p->n) return bad_index(p, idx);
    if (!label)
        return dal__error_state(p->db, DAL_INVALID, "22P02", "parameter $%d: %d is no label of enum %s", idx, v,
                                type ? type : "?");
    return dal_pg_bind_text(p, idx, label);
}

int dal_pg_bind_numeric(dal_pg_params *p, int idx, const char *text)
{
    const char *bin;
    size_t len;
    int rc;
    if (!text) return dal_pg_bind_null(p, idx);
    if (!p->arena) return no_arena(p, idx);
    if (idx < 1 || idx > p->n) return bad_index(p, idx);
    if ((rc = dal_pg_numeric_from_text(p->db, text, p->arena, &bin, &len)) != DAL_OK) return rc;
    return set(p, idx, bin, (int)len);
}
