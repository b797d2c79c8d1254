/* copy.c - dal_pg_copy: binary COPY FROM STDIN (dal_pg.h).  A row is a
 * dal_pg_params block filled by dal_pg_bind_*: its values and lengths are
 * written as COPY's binary tuple (int16 field count, then per field an
 * int32 length, -1 for NULL, and the bytes) into the struct's buffer,
 * sent to libpq whenever it fills. */
#include "pg_int.h"

/* "PGCOPY\n\377\r\n\0", flags 0, header extension length 0. */
static const char header[19] = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n', '\0',
                                 0, 0, 0, 0, 0, 0, 0, 0 };

static int flush(dal_pg_copy *c)
{
    if (c->len && PQputCopyData(c->db->pg, c->buf, (int)c->len) != 1) return c->rc = dal__pg_lost(c->db);
    c->len = 0;
    return DAL_OK;
}

/* Append n bytes; what does not fit after a flush goes to libpq directly. */
static int put(dal_pg_copy *c, const char *bytes, size_t n)
{
    if (c->len + n > sizeof c->buf) {
        if (flush(c) != DAL_OK) return c->rc;
        if (n > sizeof c->buf) {
            for (; n > INT32_MAX / 2; bytes += INT32_MAX / 2, n -= INT32_MAX / 2)
                if (PQputCopyData(c->db->pg, bytes, INT32_MAX / 2) != 1) return c->rc = dal__pg_lost(c->db);
            if (PQputCopyData(c->db->pg, bytes, (int)n) != 1) return c->rc = dal__pg_lost(c->db);
            return DAL_OK;
        }
    }
    memcpy(c->buf + c->len, bytes, n);
    c->len += n;
    return DAL_OK;
}

int dal_pg_copy_begin(dal_pg_copy *c, dal_db *db, const char *sql)
{
    PGresult *res;
    ExecStatusType st;
    int rc;
    c->db = db;
    c->active = 0;
    c->rc = DAL_OK;
    c->len = 0;
    c->rows = 0;
    if (db->engine != DAL_ENGINE_POSTGRESQL || !db->pg)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_pg_copy_begin: not a PostgreSQL connection");
    res = PQexec(db->pg, sql);
    st = PQresultStatus(res);
    if (st == PGRES_COPY_IN) {
        PQclear(res);
        c->active = 1;
        return put(c, header, sizeof header);
    }
    if (st == PGRES_FATAL_ERROR || st == PGRES_NONFATAL_ERROR || st == PGRES_BAD_RESPONSE || !res)
        rc = dal__pg_result_error(db, res);
    else
        rc = dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_pg_copy_begin: not a COPY ... FROM STDIN: %.200s", sql);
    PQclear(res);
    /* a COPY TO or another COPY state left: leave the connection clean */
    while (st == PGRES_COPY_OUT && (res = PQgetResult(db->pg)) != NULL) PQclear(res);
    return rc;
}

int dal_pg_copy_row(dal_pg_copy *c, const dal_pg_params *p)
{
    char word[4];
    size_t size;
    int i;
    if (!c->active) return dal_error_set(c->db, DAL_MISUSE, SQLITE_MISUSE, "dal_pg_copy_row: no COPY in progress");
    if (c->rc != DAL_OK) return c->rc;
    if (p->n > INT16_MAX) return dal_error_set(c->db, DAL_MISUSE, SQLITE_MISUSE, "dal_pg_copy_row: too many fields");
    /* the common case, a row that fits the buffer: measured, then written
     * without a check per field */
    size = 2;
    for (i = 0; i < p->n; i++) size += 4 + (p->values[i] && p->lengths[i] > 0 ? (size_t)p->lengths[i] : 0);
    if (size <= sizeof c->buf - c->len) {
        char *w = c->buf + c->len;
        dal__pg_put16(w, (uint16_t)p->n);
        w += 2;
        for (i = 0; i < p->n; i++) {
            int len = p->values[i] ? p->lengths[i] : -1;
            dal__pg_put32(w, (uint32_t)len);
            w += 4;
            if (len > 0) {
                memcpy(w, p->values[i], (size_t)len);
                w += len;
            }
        }
        c->len = (size_t)(w - c->buf);
        c->rows++;
        return DAL_OK;
    }
    dal__pg_put16(word, (uint16_t)p->n);
    if (put(c, word, 2) != DAL_OK) return c->rc;
    for (i = 0; i < p->n; i++) {
        int len = p->values[i] ? p->lengths[i] : -1;
        dal__pg_put32(word, (uint32_t)len);
        if (put(c, word, 4) != DAL_OK || (len > 0 && put(c, p->values[i], (size_t)len) != DAL_OK)) return c->rc;
    }
    c->rows++;
    return DAL_OK;
}

/* dal_pg_copy_reserve's path when the row does not fit after what the
 * buffer holds: the buffer goes to libpq, and the row fits, or is too big
 * for the buffer (NULL, c->rc still DAL_OK: dal_pg_copy_row's business). */
char *dal__pg_copy_reserve_slow(dal_pg_copy *c, size_t max)
{
    if (!c->active || c->rc != DAL_OK || flush(c) != DAL_OK || max > sizeof c->buf) return NULL;
    return c->buf;
}

/* The external definitions of the inline writers of dal_pg.h (C99: a
 * declaration with extern in one translation unit emits them). */
extern char *dal_pg_copy_reserve(dal_pg_copy *c, size_t max);
extern void dal_pg_copy_advance(dal_pg_copy *c, char *end);
extern char *dal_pg_copy_put_count(char *w, int n);
extern char *dal_pg_copy_put_null(char *w);
extern char *dal_pg_copy_put_text(char *w, const char *s, size_t len);
extern char *dal_pg_copy_put_int16(char *w, int16_t v);
extern char *dal_pg_copy_put_int32(char *w, int32_t v);
extern char *dal_pg_copy_put_int64(char *w, int64_t v);
extern char *dal_pg_copy_put_float(char *w, float v);
extern char *dal_pg_copy_put_double(char *w, double v);
extern char *dal_pg_copy_put_bool(char *w, bool v);
extern char *dal_pg_copy_put_time(char *w, int64_t v);

/* Read the COPY's outcome (and any result after it). */
static int outcome(dal_pg_copy *c, int64_t *rows)
{
    PGresult *res;
    int rc = DAL_OK;
    bool first = true;
    while ((res = PQgetResult(c->db->pg)) != NULL) {
        if (first && PQresultStatus(res) == PGRES_COMMAND_OK) {
            c->db->pg_changes = dal__pg_tag_count(res);
            if (rows) *rows = c->db->pg_changes;
        } else if (first) {
            rc = dal__pg_result_error(c->db, res);
        }
        first = false;
        PQclear(res);
    }
    if (first) rc = dal__pg_lost(c->db);
    return rc;
}

int dal_pg_copy_end(dal_pg_copy *c, int64_t *rows)
{
    char trailer[2];
    int rc;
    if (rows) *rows = 0;
    if (!c->active) return dal_error_set(c->db, DAL_MISUSE, SQLITE_MISUSE, "dal_pg_copy_end: no COPY in progress");
    c->active = 0;
    if (c->rc != DAL_OK) {
        PQputCopyEnd(c->db->pg, "dal_pg_copy: abandoned");
        outcome(c, NULL);
        return dal__pg_lost(c->db);
    }
    dal__pg_put16(trailer, 0xffff);
    if (put(c, trailer, 2) != DAL_OK || flush(c) != DAL_OK || PQputCopyEnd(c->db->pg, NULL) != 1) {
        outcome(c, NULL);
        return dal__pg_lost(c->db);
    }
    rc = outcome(c, rows);
    return rc;
}

void dal_pg_copy_abort(dal_pg_copy *c)
{
    if (!c || !c->active) return;
    c->active = 0;
    if (PQputCopyEnd(c->db->pg, "dal_pg_copy_abort") == 1) outcome(c, NULL);
}
