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

/* Whether statement st only gives objects an owner or privileges: ALTER
 * ... OWNER TO, GRANT/REVOKE on objects, ALTER DEFAULT PRIVILEGES. */
static bool owner_or_privileges(const dg_pg_stmt *st)
{
    if (!strcmp(st->kind, "AlterOwnerStmt") || !strcmp(st->kind, "GrantStmt") ||
        !strcmp(st->kind, "AlterDefaultPrivilegesStmt"))
        return true;
    if (strcmp(st->kind, "AlterTableStmt") != 0) return false;
    json_t *cmds = json_object_get(st->tree, "cmds"), *cmd;
    size_t i;
    json_array_foreach(cmds, i, cmd) {
        const char *sub = json_string_value(json_object_get(json_object_get(cmd, "AlterTableCmd"), "subtype"));
        if (!sub || strcmp(sub, "AT_ChangeOwner") != 0) return false;
    }
    return json_array_size(cmds) > 0;
}

/* A dump's OWNER TO and GRANT name the roles of the database dumped, which
 * the typing server seldom has; owners and privileges are not part of the
 * model, so such a statement failing on a missing role (undefined_object,
 * outside a transaction block) is skipped, with a warning at the first for
 * each role (`warned` holds the messages said). */
static bool skip_missing_role(const dg_pg_script *sc, const dg_pg_stmt *st, const PGresult *r, PGconn *c,
                              dg_strings *warned, dg_diags *d)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (!state || strcmp(state, "42704") != 0 || !msg || strncmp(msg, "role ", 5) != 0 ||
        PQtransactionStatus(c) != PQTRANS_IDLE || !owner_or_privileges(st))
        return false;
    for (size_t i = 0; i < warned->len; i++)
        if (!strcmp(warned->items[i], msg)) return true;
    dg_strings_push(warned, msg);
    dg_warning(d, error_loc(sc, st, r), "%s on the typing server: the statements giving it objects or privileges "
               "are skipped (owners and privileges are not part of the model)", msg);
    return true;
}

int dg_pg_script_run(PGconn *c, const dg_pg_script *sc, dg_diags *d)
{
    dg_strings warned = {0};
    int rc = 0;
    for (size_t i = 0; i < sc->stmts.len; i++) {
        const dg_pg_stmt *st = &sc->stmts.items[i];
        const dg_pg_file *f = &sc->files.items[st->file];
        make_room_for_public(c, st);
        char *sql = dg_xstrndup(f->text + st->at, st->end - st->at);
        PGresult *r = PQexec(c, sql);
        free(sql);
        ExecStatusType k = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        bool ok = k == PGRES_COMMAND_OK || k == PGRES_TUPLES_OK || k == PGRES_EMPTY_QUERY;
        if (!ok) ok = skip_missing_role(sc, st, r, c, &warned, d);
        if (!ok) report(sc, st, r, c, d);
        PQclear(r);
        if (!ok) {
            rc = -1;
            break;
        }
    }
    dg_strings_free(&warned);
    return rc;
}
