/* check_lit.c - constants folded by SQLite, and the C spelling of values. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c/template.h"
#include "util/buf.h"
#include "c/check/check_int.h"

void dg_const_clear(dg_const *c)
{
    free(c->t);
    memset(c, 0, sizeof *c);
}

static int read_value(sqlite3_stmt *st, int col, dg_const *out)
{
    memset(out, 0, sizeof *out);
    out->type = sqlite3_column_type(st, col);
    switch (out->type) {
    case SQLITE_INTEGER: out->i = sqlite3_column_int64(st, col); return 0;
    case SQLITE_FLOAT:
        out->r = sqlite3_column_double(st, col);
        return isfinite(out->r) ? 0 : -1;
    case SQLITE_TEXT: out->t = dg_xstrdup((const char *)sqlite3_column_text(st, col)); return 0;
    case SQLITE_NULL: return 0;
    default: return -1;
    }
}

int dg_const_eval(sqlite3 *db, const char *sql, dg_const *out)
{
    char *q = dg_xprintf("SELECT (%s)", sql);
    sqlite3_stmt *st = NULL;
    int rc = -1;
    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK && sqlite3_column_count(st) == 1 &&
        sqlite3_step(st) == SQLITE_ROW)
        rc = read_value(st, 0, out);
    sqlite3_finalize(st);
    free(q);
    return rc;
}

/* Binds `c` into a one-column table of the given affinity and reads it back:
 * the database applies the affinity itself. */
static int through_column(sqlite3 *db, const char *type, dg_const *c)
{
    char *ddl = dg_xprintf("CREATE TEMP TABLE IF NOT EXISTS dg_aff_%s(v %s);"
                           "DELETE FROM dg_aff_%s;", type, type, type);
    char *ins = dg_xprintf("INSERT INTO dg_aff_%s VALUES (?)", type);
    char *sel = dg_xprintf("SELECT v FROM dg_aff_%s", type);
    sqlite3_stmt *st = NULL;
    dg_const out;
    int rc = -1;
    memset(&out, 0, sizeof out);
    if (sqlite3_exec(db, ddl, NULL, NULL, NULL) != SQLITE_OK) goto done;
    if (sqlite3_prepare_v2(db, ins, -1, &st, NULL) != SQLITE_OK) goto done;
    switch (c->type) {
    case SQLITE_INTEGER: sqlite3_bind_int64(st, 1, c->i); break;
    case SQLITE_FLOAT: sqlite3_bind_double(st, 1, c->r); break;
    case SQLITE_TEXT: sqlite3_bind_text(st, 1, c->t, -1, SQLITE_STATIC); break;
    default: break;
    }
    if (sqlite3_step(st) != SQLITE_DONE) goto done;
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(db, sel, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
        goto done;
    if (read_value(st, 0, &out) == 0) {
        *c = out;   /* the previous text stays with its owner */
        rc = 0;
    } else {
        dg_const_clear(&out);
    }
done:
    sqlite3_finalize(st);
    free(ddl);
    free(ins);
    free(sel);
    return rc;
}

int dg_const_numeric(sqlite3 *db, dg_const *c)
{
    return c->type == SQLITE_TEXT ? through_column(db, "NUMERIC", c) : 0;
}

int dg_const_text(sqlite3 *db, dg_const *c)
{
    return c->type == SQLITE_INTEGER || c->type == SQLITE_FLOAT ? through_column(db, "TEXT", c) : 0;
}


char *dg_c_string(const char *s)
{
    dg_buf b = DG_BUF_INIT;
    dg_tmpl_c_literal(&b, s, "");
    return dg_buf_steal(&b);
}

char *dg_c_int(long long v)
{
    if (v == LLONG_MIN) return dg_xstrdup("INT64_MIN");
    if (v >= INT_MIN && v <= INT_MAX) return v < 0 ? dg_xprintf("(%lld)", v) : dg_xprintf("%lld", v);
    return dg_xprintf("INT64_C(%lld)", v);
}

char *dg_c_double(double v)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.17g", v);
    if (!strpbrk(tmp, ".e")) strcat(tmp, ".0");
    return tmp[0] == '-' ? dg_xprintf("(%s)", tmp) : dg_xstrdup(tmp);
}

char *dg_sql_one_line(const char *sql)
{
    dg_buf b = DG_BUF_INIT;
    bool space = false;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (!quote && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
            space = true;
            continue;
        }
        if (space && b.len) dg_buf_putc(&b, ' ');
        space = false;
        if (quote ? *p == quote : (*p == '\'' || *p == '"')) quote = quote ? 0 : *p;
        dg_buf_putc(&b, *p);
    }
    return dg_buf_steal(&b);
}
