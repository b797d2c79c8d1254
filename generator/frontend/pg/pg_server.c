/* pg_server.c - connections, and the typing server's throwaway database
 * (pg_int.h). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/pq_dl.h"
#include "frontend/pg/pg_int.h"

#define DG_PG_DB_TRIES 100   /* names tried for one typing database */

bool dg_pg_is_uri(const char *s)
{
    return !strncmp(s, "postgres://", 11) || !strncmp(s, "postgresql://", 13);
}

static void drop_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

/* The first line of the connection's error message. */
static void connect_error(PGconn *c, const char *conninfo, dg_loc where, dg_diags *d)
{
    char *line = dg_xstrdup(c ? PQerrorMessage(c) : "out of memory");
    line[strcspn(line, "\n")] = '\0';
    dg_error(d, where, "cannot connect to PostgreSQL (%s): %s", conninfo, line);
    free(line);
}

PGconn *dg_pg_connect(const char *conninfo, const char *dbname, dg_loc where, dg_diags *d)
{
    const char *keys[] = {"application_name", "client_encoding", "dbname", "dbname", NULL};
    const char *vals[] = {"dalgen", "UTF8", conninfo, dbname, NULL};
    if (!dbname) keys[3] = NULL;
    /* every connection of the front end: the first use of libpq */
    if (dg_pq_open(where, d) != 0) return NULL;
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        connect_error(c, conninfo, where, d);
        PQfinish(c);
        return NULL;
    }
    PQsetNoticeProcessor(c, drop_notice, NULL);
    /* The model must not depend on the client's or server's settings (PGTZ,
     * PGDATESTYLE, PGOPTIONS, postgresql.conf): a timestamptz literal in the
     * DDL means an instant in UTC, and defaults and partition bounds print
     * the same everywhere. */
    PGresult *r = PQexec(c, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'");
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        connect_error(c, conninfo, where, d);
        PQfinish(c);
        return NULL;
    }
    return c;
}

/* CREATE DATABASE name: 0; 1 when the name is taken (and `quiet`);
 * else -1 after reporting. */
static int create_db(PGconn *c, const char *name, bool quiet, dg_diags *d)
{
    char *sql = dg_xprintf("CREATE DATABASE \"%s\" TEMPLATE template0", name);
    PGresult *r = PQexec(c, sql);
    free(sql);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (rc != 0 && quiet && state && !strcmp(state, "42P04")) rc = 1;   /* duplicate_database */
    if (rc < 0) {
        char *line = dg_xstrdup(PQerrorMessage(c));
        line[strcspn(line, "\n")] = '\0';
        dg_error(d, (dg_loc){NULL, 0, 0}, "cannot create the typing database: %s", line);
        free(line);
    }
    PQclear(r);
    return rc;
}

int dg_pg_server_open(dg_pg_server *sv, const dg_pg_opts *o, const char *hash, dg_diags *d)
{
    memset(sv, 0, sizeof *sv);
    if (!o->server || !*o->server) {
        dg_error(d, (dg_loc){NULL, 0, 0},
                 "PostgreSQL DDL is typed by a server: give --pg-server URL (a server where you may "
                 "CREATE DATABASE) or --pg-server auto (a private cluster started for the run), "
                 "or set DALGEN_PG_SERVER");
        return -1;
    }
    sv->conninfo = o->server;
    if (!strcmp(o->server, "auto")) {
        sv->cluster = dg_pg_cluster_start(o->run_as, d);
        if (!sv->cluster) return -1;
        sv->conninfo = dg_pg_cluster_conninfo(sv->cluster);
    }
    sv->admin = dg_pg_connect(sv->conninfo, NULL, (dg_loc){NULL, 0, 0}, d);
    if (!sv->admin) return -1;
    /* the hash names what was loaded; the pid keeps concurrent runs apart;
     * a suffix keeps apart two loads of the same sources by one process
     * (`diff --from X --to X`: both sides' databases are open at once) */
    for (int n = 1;; n++) {
        char *name = n == 1 ? dg_xprintf("dalgen_%s_%ld", hash, (long)getpid())
                            : dg_xprintf("dalgen_%s_%ld_%d", hash, (long)getpid(), n);
        int rc = create_db(sv->admin, name, n < DG_PG_DB_TRIES, d);
        if (rc == 0) sv->dbname = name;
        else free(name);
        if (rc <= 0) return rc;
    }
}

void dg_pg_server_close(dg_pg_server *sv)
{
    if (sv->admin && sv->dbname) {
        char *sql = dg_xprintf("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", sv->dbname);
        PQclear(PQexec(sv->admin, sql));
        free(sql);
    }
    free(sv->dbname);
    sv->dbname = NULL;
    PQfinish(sv->admin);
    sv->admin = NULL;
    dg_pg_cluster_stop(sv->cluster);
    sv->cluster = NULL;
}

PGresult *dg_pg__rows(PGconn *c, const char *sql, dg_loc where, dg_diags *d)
{
    PGresult *r = PQexec(c, sql);
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK) return r;
    char *line = dg_xstrdup(PQerrorMessage(c));
    line[strcspn(line, "\n")] = '\0';
    dg_error(d, where, "reading the catalog: %s", line);
    free(line);
    PQclear(r);
    return NULL;
}

const char *dg_pg__val(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

char *dg_pg__dup(const PGresult *r, int row, int col)
{
    return dg_xstrdup(dg_pg__val(r, row, col));
}

bool dg_pg__bool(const PGresult *r, int row, int col)
{
    const char *v = dg_pg__val(r, row, col);
    return v && v[0] == 't';
}

long long dg_pg__int(const PGresult *r, int row, int col)
{
    const char *v = dg_pg__val(r, row, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

