/* pg_load.c - dg_pg_schema_load (pg_front.h): the pipeline of the
 * PostgreSQL front end.  Files: script -> typing database -> catalog ->
 * the files' annotations.  A live database: catalog only.  With a session
 * (dg_pg_schema_load_session) the database stays reachable afterwards. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sha256hex.h"
#include "frontend/pg/pg_int.h"

struct dg_pg_session {
    dg_pg_server sv;   /* files: the typing database (zeroed for a live database) */
    PGconn      *conn; /* a fresh session on the database the model was read from */
};

/* A live database, read without changing anything. */
static int load_live(const char *uri, dg_schema *s, PGconn **keep, dg_diags *d)
{
    dg_loc where = {dg_schema_intern_file(s, uri), 0, 0};
    PGconn *c = dg_pg_connect(uri, NULL, where, d);
    if (!c) return -1;
    int rc = dg_pg_catalog_read(c, s, where, d);
    if (rc == 0 && keep) *keep = c;
    else PQfinish(c);
    return rc;
}

static int load_files(const dg_sources *src, const dg_pg_opts *o, dg_schema *s, dg_pg_session *keep, dg_diags *d)
{
    dg_pg_script sc;
    dg_pg_server sv;
    memset(&sv, 0, sizeof sv);
    int rc = dg_pg_script_read(&sc, src, o, s, d);
    char hash[17];
    if (rc == 0) dg_pg_script_hash(&sc, hash);
    if (rc == 0) rc = dg_pg_server_open(&sv, o, hash, d);
    dg_loc where = {sc.files.len ? sc.files.items[0].path : NULL, 0, 0};
    PGconn *c = rc == 0 ? dg_pg_connect(sv.conninfo, sv.dbname, where, d) : NULL;
    if (rc == 0 && !c) rc = -1;
    if (rc == 0) rc = dg_pg_script_run(c, &sc, d);
    PQfinish(c);
    /* a fresh session: nothing the script SET (search_path, role) applies */
    c = rc == 0 ? dg_pg_connect(sv.conninfo, sv.dbname, where, d) : NULL;
    if (rc == 0 && !c) rc = -1;
    if (rc == 0) rc = dg_pg_catalog_read(c, s, where, d);
    if (rc == 0 && keep) {
        keep->sv = sv;
        keep->conn = c;
    } else {
        PQfinish(c);
        dg_pg_server_close(&sv);
    }
    if (rc == 0) dg_pg_file_annotations(&sc, s, d);
    dg_pg_script_free(&sc);
    return rc;
}

static int load(const dg_sources *src, const dg_pg_opts *o, dg_schema **out, dg_pg_session *keep, dg_diags *d)
{
    *out = NULL;
    dg_schema *s = dg_schema_new();
    s->engine = DG_ENGINE_POSTGRESQL;
    const dg_source *first = src->items.len ? &src->items.items[0] : NULL;
    bool live = first && (first->kind == DG_SRC_PG_URI ||
                          (first->kind == DG_SRC_AUTO && dg_source_detect(first->path) == DG_SRC_PG_URI));
    int rc = live ? load_live(first->path, s, keep ? &keep->conn : NULL, d) : load_files(src, o, s, keep, d);
    /* a typing session (generate) leaves an empty schema to its caller: queries
     * that use no table are fine there, as on SQLite */
    if (rc == 0 && !keep && s->tables.len == 0 && s->views.len == 0) {
        dg_loc whole = {first ? dg_schema_intern_file(s, first->path) : NULL, first && !live ? 1 : 0,
                        first && !live ? 1 : 0};
        dg_error(d, whole, "the schema is empty: no tables or views");
        rc = -1;
    }
    if (rc != 0) {
        dg_schema_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int dg_pg_schema_load(const dg_sources *src, const dg_pg_opts *o, dg_schema **out, dg_diags *d)
{
    return load(src, o, out, NULL, d);
}

int dg_pg_schema_load_session(const dg_sources *src, const dg_pg_opts *o, dg_schema **out, dg_pg_session **sess,
                              dg_diags *d)
{
    dg_pg_session *k = dg_xcalloc(1, sizeof *k);
    *sess = NULL;
    if (load(src, o, out, k, d) != 0) {
        dg_pg_session_close(k);
        return -1;
    }
    *sess = k;
    return 0;
}

void *dg_pg_session_conn(const dg_pg_session *s)
{
    return s->conn;
}

int dg_pg_session_exec(dg_pg_session *s, const char *sql, char **err)
{
    PGresult *r = PQexec(s->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
    if (rc != 0) {
        const char *m = PQresultErrorMessage(r);
        *err = dg_xstrdup(m && *m ? m : PQerrorMessage(s->conn));
        size_t n = strlen(*err);
        while (n && ((*err)[n - 1] == '\n' || (*err)[n - 1] == ' ')) (*err)[--n] = '\0';
    }
    PQclear(r);
    return rc;
}

int dg_pg_session_read(dg_pg_session *s, dg_schema **out, dg_diags *d)
{
    dg_schema *m = dg_schema_new();
    m->engine = DG_ENGINE_POSTGRESQL;
    dg_loc where = {0};
    if (dg_pg_catalog_read(s->conn, m, where, d) != 0) {
        dg_schema_free(m);
        *out = NULL;
        return -1;
    }
    *out = m;
    return 0;
}

void dg_pg_session_close(dg_pg_session *s)
{
    if (!s) return;
    PQfinish(s->conn);
    dg_pg_server_close(&s->sv);
    free(s);
}

int dg_pg_session_server_major(const dg_pg_session *s)
{
    return PQserverVersion(s->conn) / 10000;
}

int dg_pg_schema_files(const dg_sources *src, const dg_pg_opts *o, dg_strings *paths, dg_strings *sha256,
                       dg_diags *d)
{
    dg_pg_script sc;
    dg_schema *s = dg_schema_new();
    int rc = dg_pg_script_read(&sc, src, o, s, d);
    for (size_t i = 0; rc == 0 && i < sc.files.len; i++) {
        char hex[65];
        dg_sha256_hex(sc.files.items[i].text, sc.files.items[i].len, hex);
        dg_strings_push(paths, sc.files.items[i].path);
        dg_strings_push(sha256, hex);
    }
    dg_pg_script_free(&sc);
    dg_schema_free(s);
    return rc;
}
