/* error.c - PostgreSQL errors: the SQLSTATE mapped to DAL_* (design
 * postgres.md §3.8), the message (primary + detail), and the fields
 * dal_error_field hands out, copied into the dal_db so that no PGresult
 * outlives the call that failed. */
#include "pg_int.h"

#include <stdio.h>

int dal__pg_map_sqlstate(const char *s)
{
    if (!s || strlen(s) != 5) return DAL_ERROR;
    if (s[0] == '2' && s[1] == '3') return DAL_CONSTRAINT;          /* integrity_constraint_violation */
    if (strcmp(s, "40001") == 0 || strcmp(s, "40P01") == 0 || strcmp(s, "55P03") == 0)
        return DAL_BUSY;                                            /* serialization, deadlock, lock_timeout */
    return DAL_ERROR;
}

/* What libdal adds to the server's message for the codes users must act on. */
static const char *advice(const char *s)
{
    if (s[0] == '0' && s[1] == '8' && strcmp(s, "08P01") != 0) return "connection lost: ";  /* not a protocol violation */
    if (strcmp(s, "57P01") == 0 || strcmp(s, "57P02") == 0 || strcmp(s, "57P03") == 0)
        return "connection lost: ";
    if (strcmp(s, "25P02") == 0) return "transaction aborted: roll back: ";
    if (strcmp(s, "25006") == 0) return "read-only server (standby?): ";
    return "";
}

static void copy_fields(dal_db *db, const PGresult *res)
{
    static const int codes[DAL__ERRF_COUNT] = {
        PG_DIAG_CONSTRAINT_NAME, PG_DIAG_TABLE_NAME, PG_DIAG_COLUMN_NAME, PG_DIAG_DATATYPE_NAME,
        PG_DIAG_MESSAGE_DETAIL, PG_DIAG_MESSAGE_HINT, PG_DIAG_STATEMENT_POSITION, PG_DIAG_SCHEMA_NAME
    };
    size_t used = 0;
    int i;
    for (i = 0; i < DAL__ERRF_COUNT; i++) {
        const char *v = PQresultErrorField(res, codes[i]);
        size_t n = v ? strlen(v) : 0;
        if (!v || used + n + 1 > sizeof db->errf) continue;
        memcpy(db->errf + used, v, n + 1);
        db->errf_off[i] = (short)used;
        used += n + 1;
    }
}

int dal__pg_lost(dal_db *db)
{
    const char *m = db->pg ? PQerrorMessage(db->pg) : "";
    size_t n = strlen(m);
    while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
    return dal__error_state(db, DAL_ERROR, "08006", "connection lost%s%.*s", n ? ": " : "", (int)n, m);
}

int dal__pg_result_error(dal_db *db, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary, *detail;
    int rc;
    if (!state) {
        if (!db->pg || PQstatus(db->pg) == CONNECTION_BAD) return dal__pg_lost(db);
        return dal__error_state(db, DAL_ERROR, "XX000", "%s",
                                res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res)
                                                                  : PQerrorMessage(db->pg));
    }
    rc = dal__pg_map_sqlstate(state);
    primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    dal__error_state(db, rc, state, "%s%s%s%s (SQLSTATE %s)", advice(state), primary ? primary : "?",
                     detail ? ": " : "", detail ? detail : "", state);
    copy_fields(db, res);
    return rc;
}
