/* pgq_describe.c - every query prepared and described on the typing
 * database in one pipelined pass, and the OIDs it reports resolved into
 * type names (pgq_int.h).  Nothing runs: PREPARE plans, and each segment
 * is inside a transaction that is rolled back anyway. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "analysis/query/pg/pgq_int.h"
#include "util/buf.h"

enum { SEGMENT = 250 };

/* The next result of the pipeline, and the NULL that ends it. */
static PGresult *take(PGconn *c)
{
    PGresult *r = PQgetResult(c);
    if (r && PQresultStatus(r) != PGRES_PIPELINE_SYNC) {
        PGresult *end = PQgetResult(c);
        PQclear(end);
    }
    return r;
}

/* A parameter nothing types (42P18, "could not determine data type of
 * parameter $n": the server gives no position): its first use, where the
 * cast goes, and the hint to write one.  NULL when the error is another. */
static const pgq_param *untyped_param(const pgq_ctx *c, const PGresult *r, const char *msg)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *dollar = msg ? strrchr(msg, '$') : NULL;
    if (!state || strcmp(state, "42P18") != 0 || !dollar) return NULL;
    return pgq_param_numbered(c, (int)strtol(dollar + 1, NULL, 10));
}

static void report(pgq_item *it, PGresult *r, PGconn *conn, dg_diags *d)
{
    pgq_ctx *c = it->c;
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char *hint = PQresultErrorField(r, PG_DIAG_MESSAGE_HINT);
    const char *pos = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
    long chars = pos ? strtol(pos, NULL, 10) - 1 : -1;
    size_t at = it->start;
    const pgq_param *untyped = chars < 0 ? untyped_param(c, r, msg) : NULL;
    if (untyped) {
        at = untyped->at;
        if (!hint) hint = "nothing around the parameter gives it a type: cast it where it is used, as in $1::text";
    } else if (chars >= 0) {
        size_t off = pgq_char_offset(it->q->sql, strlen(it->q->sql), chars);
        at = dg_qedits_map(&c->edits, it->start, off);
        if (at > c->len) at = it->start;   /* in text dalgen added (RETURNING) */
    }
    char *line = msg ? NULL : dg_xstrdup(PQerrorMessage(conn));
    if (line) line[strcspn(line, "\n")] = '\0';
    dg_loc loc = pgq_loc_of(c, at);
    if (hint) dg_error(d, loc, "%s (hint: %s)", msg, hint);
    else dg_error(d, loc, "%s", msg ? msg : line);
    free(line);
}

static void fill(pgq_item *it, const PGresult *r)
{
    for (int i = 0; i < PQnparams(r); i++) DG_VEC_PUSH(&it->ptypes, (unsigned)PQparamtype(r, i));
    for (int i = 0; i < PQnfields(r); i++) {
        DG_VEC_PUSH(&it->ftypes, (unsigned)PQftype(r, i));
        DG_VEC_PUSH(&it->fmods, PQfmod(r, i));
        DG_VEC_PUSH(&it->ftables, (unsigned)PQftable(r, i));
        DG_VEC_PUSH(&it->fcols, PQftablecol(r, i));
        dg_strings_push(&it->fnames, PQfname(r, i));
    }
}

static void send_plain(PGconn *c, const char *sql)
{
    PQsendQueryParams(c, sql, 0, NULL, NULL, NULL, NULL, 0);
}

/* Items [from, to): returns the index after the first that failed (the
 * rest of the segment was not run), else `to`.  -1 on a lost connection. */
static long segment(PGconn *conn, pgq_item *items, size_t from, size_t to, int *errors, dg_diags *d)
{
    send_plain(conn, "ROLLBACK");   /* a previous segment's failed transaction; a notice otherwise */
    send_plain(conn, "BEGIN READ ONLY");
    for (size_t k = from; k < to; k++) {
        char name[32];
        snprintf(name, sizeof name, "dalgen_q%zu", k);
        PQsendPrepare(conn, name, items[k].q->sql, 0, NULL);
        PQsendDescribePrepared(conn, name);
    }
    send_plain(conn, "ROLLBACK");
    if (PQpipelineSync(conn) != 1) return -1;
    PQclear(take(conn));
    PQclear(take(conn));
    long next = (long)to;
    for (size_t k = from; k < to; k++) {
        PGresult *p = take(conn), *r = take(conn);
        if (!p || !r) {
            PQclear(p);
            PQclear(r);
            return -1;
        }
        if (PQresultStatus(p) == PGRES_FATAL_ERROR) {
            report(&items[k], p, conn, d);
            items[k].failed = true;
            ++*errors;
            next = (long)k + 1;
        } else if (PQresultStatus(r) == PGRES_COMMAND_OK) {
            fill(&items[k], r);
        } else if (next == (long)to) {   /* the describe alone failed */
            report(&items[k], r, conn, d);
            items[k].failed = true;
            ++*errors;
            next = (long)k + 1;
        }
        PQclear(p);
        PQclear(r);
    }
    PQclear(take(conn));   /* ROLLBACK */
    PGresult *sync = take(conn);
    bool ok = sync && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
    PQclear(sync);
    return ok ? next : -1;
}

/* ---- types ---- */

static const char *const ATTR_SQL =
    "SELECT x.i, a.atttypid, a.atttypmod FROM unnest($1::oid[], $2::int[], $3::int[]) AS x(r, n, i)"
    " JOIN pg_attribute a ON a.attrelid = x.r AND a.attnum = x.n";

static const char *const TYPE_SQL =
    "SELECT x.o, x.m, format_type(x.o, NULLIF(x.m, -1)), et.typname, en.nspname, et.typtype,"
    " t.typcategory = 'A' AND t.typelem <> 0,"
    " CASE WHEN et.typtype = 'd' THEN format_type(et.typbasetype, et.typtypmod) END,"
    " CASE WHEN et.typtype = 'd' THEN format_type(et.oid, NULL) END"
    " FROM unnest($1::oid[], $2::int[]) AS x(o, m) JOIN pg_type t ON t.oid = x.o"
    " JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END"
    " JOIN pg_namespace en ON en.oid = et.typnamespace";

static void array_add(dg_buf *b, long long v)
{
    dg_buf_printf(b, "%s%lld", b->len > 1 ? "," : "", v);
}

static PGresult *exec3(PGconn *c, const char *sql, dg_buf *a, dg_buf *b, dg_buf *e, dg_diags *d)
{
    dg_buf_putc(a, '}');
    dg_buf_putc(b, '}');
    if (e) dg_buf_putc(e, '}');
    const char *vals[3] = {dg_buf_cstr(a), dg_buf_cstr(b), e ? dg_buf_cstr(e) : NULL};
    PGresult *r = PQexecParams(c, sql, e ? 3 : 2, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        char *line = dg_xstrdup(PQerrorMessage(c));
        line[strcspn(line, "\n")] = '\0';
        dg_error(d, (dg_loc){NULL, 0, 0}, "reading the queries' types: %s", line);
        free(line);
        PQclear(r);
        return NULL;
    }
    return r;
}

/* A result column of a table or view: its column's own type (a domain
 * where the server reports the domain's base type). */
static int origin_types(PGconn *c, pgq_item *items, size_t n, dg_diags *d)
{
    dg_buf rel = DG_BUF_INIT, num = DG_BUF_INIT, idx = DG_BUF_INIT;
    dg_buf_putc(&rel, '{'), dg_buf_putc(&num, '{'), dg_buf_putc(&idx, '{');
    long long g = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < items[i].ftables.len; k++, g++)
            if (!items[i].failed && items[i].ftables.items[k] && items[i].fcols.items[k] > 0) {
                array_add(&rel, items[i].ftables.items[k]);
                array_add(&num, items[i].fcols.items[k]);
                array_add(&idx, g);
            }
    PGresult *r = exec3(c, ATTR_SQL, &rel, &num, &idx, d);
    dg_buf_free(&rel), dg_buf_free(&num), dg_buf_free(&idx);
    if (!r) return 1;
    for (int row = 0; row < PQntuples(r); row++) {
        long long want = strtoll(PQgetvalue(r, row, 0), NULL, 10), at = 0;
        for (size_t i = 0; i < n; i++) {
            size_t m = items[i].ftypes.len;
            if (want < at + (long long)m) {
                items[i].ftypes.items[want - at] = (unsigned)strtoul(PQgetvalue(r, row, 1), NULL, 10);
                items[i].fmods.items[want - at] = (int)strtol(PQgetvalue(r, row, 2), NULL, 10);
                break;
            }
            at += (long long)m;
        }
    }
    PQclear(r);
    return 0;
}

static const char *type_kind(const char *t)
{
    switch (t ? t[0] : 'b') {
    case 'e': return "enum";
    case 'd': return "domain";
    case 'c': return "composite";
    case 'r': return "range";
    case 'm': return "multirange";
    case 'p': return "pseudo";
    }
    return "base";
}

static char *val(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : dg_xstrdup(PQgetvalue(r, row, col));
}

static dg_qpgtype *type_from(const PGresult *r, int row)
{
    dg_qpgtype *t = dg_xcalloc(1, sizeof *t);
    t->type = val(r, row, 2);
    t->col.typmod = (int)strtol(PQgetvalue(r, row, 1), NULL, 10);
    t->col.type_name = val(r, row, 3);
    t->col.type_schema = val(r, row, 4);
    t->col.type_kind = dg_xstrdup(type_kind(PQgetvalue(r, row, 5)));
    t->col.array_dims = PQgetvalue(r, row, 6)[0] == 't' ? 1 : 0;
    t->col.base_type = val(r, row, 7);
    t->col.domain = val(r, row, 8);
    return t;
}

static dg_qpgtype *lookup(const PGresult *r, unsigned oid, int mod)
{
    for (int row = 0; row < PQntuples(r); row++)
        if (strtoul(PQgetvalue(r, row, 0), NULL, 10) == oid && strtol(PQgetvalue(r, row, 1), NULL, 10) == mod)
            return type_from(r, row);
    return NULL;
}

static int resolve(PGconn *c, pgq_item *items, size_t n, dg_diags *d)
{
    dg_buf oids = DG_BUF_INIT, mods = DG_BUF_INIT;
    dg_buf_putc(&oids, '{'), dg_buf_putc(&mods, '{');
    for (size_t i = 0; i < n; i++) {
        if (items[i].failed) continue;
        for (size_t k = 0; k < items[i].ptypes.len; k++) array_add(&oids, items[i].ptypes.items[k]), array_add(&mods, -1);
        for (size_t k = 0; k < items[i].ftypes.len; k++)
            array_add(&oids, items[i].ftypes.items[k]), array_add(&mods, items[i].fmods.items[k]);
    }
    PGresult *r = exec3(c, TYPE_SQL, &oids, &mods, NULL, d);
    dg_buf_free(&oids), dg_buf_free(&mods);
    if (!r) return 1;
    for (size_t i = 0; i < n; i++) {
        if (items[i].failed) continue;
        for (size_t k = 0; k < items[i].ptypes.len; k++) DG_VEC_PUSH(&items[i].pt, lookup(r, items[i].ptypes.items[k], -1));
        for (size_t k = 0; k < items[i].ftypes.len; k++)
            DG_VEC_PUSH(&items[i].ft, lookup(r, items[i].ftypes.items[k], items[i].fmods.items[k]));
    }
    PQclear(r);
    return 0;
}

int pgq_describe_all(void *vconn, pgq_item *items, size_t n, dg_diags *d)
{
    PGconn *conn = vconn;
    int errors = 0;
    if (n == 0) return 0;
    if (PQenterPipelineMode(conn) != 1) {
        dg_error(d, (dg_loc){NULL, 0, 0}, "cannot enter pipeline mode: %s", PQerrorMessage(conn));
        return 1;
    }
    for (size_t i = 0; i < n;) {
        size_t to = i + SEGMENT < n ? i + SEGMENT : n;
        long next = segment(conn, items, i, to, &errors, d);
        if (next < 0) {
            char *line = dg_xstrdup(PQerrorMessage(conn));
            line[strcspn(line, "\n")] = '\0';
            dg_error(d, (dg_loc){NULL, 0, 0}, "preparing the queries on the typing server: %s", line);
            free(line);
            return errors + 1;
        }
        i = (size_t)next;
    }
    PQexitPipelineMode(conn);
    if (PQtransactionStatus(conn) != PQTRANS_IDLE) PQclear(PQexec(conn, "ROLLBACK"));   /* the last segment failed */
    if (origin_types(conn, items, n, d) != 0 || resolve(conn, items, n, d) != 0) errors++;
    return errors;
}

void pgq_item_free(pgq_item *it)
{
    DG_VEC_FREE(&it->ptypes);
    DG_VEC_FREE(&it->ftypes);
    DG_VEC_FREE(&it->fmods);
    DG_VEC_FREE(&it->ftables);
    DG_VEC_FREE(&it->fcols);
    dg_strings_free(&it->fnames);
    for (size_t i = 0; i < it->pt.len; i++) dg_qpgtype_free(it->pt.items[i]);
    for (size_t i = 0; i < it->ft.len; i++) dg_qpgtype_free(it->ft.items[i]);
    DG_VEC_FREE(&it->pt);
    DG_VEC_FREE(&it->ft);
    pgq_cols_free(&it->cols);
}
