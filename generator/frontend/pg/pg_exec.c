/* pg_exec.c - the script's statements run one by one in the typing
 * database, a server error mapped back to path:line:col (pg_int.h). */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/pg/pg_int.h"

/* Where the server's error points: PG_DIAG_STATEMENT_POSITION (1-based
 * characters of the text sent) from the statement's start; else its first
 * token. */
static dg_loc error_loc(const dg_pg_script *sc, const dg_pg_stmt *st, const PGresult *r)
{
    const dg_pg_file *f = &sc->files.items[st->file];
    const char *pos = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
    long n = pos ? strtol(pos, NULL, 10) : 0;
    size_t off = n > 0 ? dg_pg_char_offset(f->text, st->end, st->at, n - 1) : st->start;
    return dg_pg_script_loc(sc, st->file, off);
}

static void report(const dg_pg_script *sc, const dg_pg_stmt *st, const PGresult *r, PGconn *c, dg_diags *d)
{
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *hint = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_HINT) : NULL;
    dg_loc at = r ? error_loc(sc, st, r) : dg_pg_script_loc(sc, st->file, st->start);
    if (!msg) {   /* no server message: the connection's (lost, out of memory) */
        char *line = dg_xstrdup(PQerrorMessage(c));
        line[strcspn(line, "\n")] = '\0';
        dg_error(d, at, "%s", line);
        free(line);
        return;
    }
    if (hint) dg_error(d, at, "%s (hint: %s)", msg, hint);
    else dg_error(d, at, "%s", msg);
}

/* `CREATE SCHEMA public`, as `pg_dump -n public` writes it: the typing
 * database has PostgreSQL's own public schema, which psql restoring the dump
 * keeps ("already exists", and on).  Dropped first (outside a transaction
 * block only: a failed DROP would abort it), so the dump's statement makes
 * it as in the database dumped; when something is in it already, the DROP
 * fails and the CREATE reports the server's error at the statement. */
static void make_room_for_public(PGconn *c, const dg_pg_stmt *st)
{
    if (strcmp(st->kind, "CreateSchemaStmt") != 0 || PQtransactionStatus(c) != PQTRANS_IDLE) return;
    const char *name = json_string_value(json_object_get(st->tree, "schemaname"));
    if (!name || strcmp(name, "public") != 0 || json_is_true(json_object_get(st->tree, "if_not_exists"))) return;
    PQclear(PQexec(c, "DROP SCHEMA public"));
}

int dg_pg_script_run(PGconn *c, const dg_pg_script *sc, dg_diags *d)
{
    for (size_t i = 0; i < sc->stmts.len; i++) {
        const dg_pg_stmt *st = &sc->stmts.items[i];
        const dg_pg_file *f = &sc->files.items[st->file];
        make_room_for_public(c, st);
        char *sql = dg_xstrndup(f->text + st->at, st->end - st->at);
        PGresult *r = PQexec(c, sql);
        free(sql);
        ExecStatusType k = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        bool ok = k == PGRES_COMMAND_OK || k == PGRES_TUPLES_OK || k == PGRES_EMPTY_QUERY;
        if (!ok) report(sc, st, r, c, d);
        PQclear(r);
        if (!ok) return -1;
    }
    return 0;
}
