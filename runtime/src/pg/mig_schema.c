/* mig_schema.c - dal_schema_describe and dal_migrate_describe on
 * PostgreSQL: one sorted line per object of the current schema, built by
 * the server from its catalogs (the history table left out), and the same
 * text of the schema a list of migrations builds, replayed in a scratch
 * schema inside a transaction that is rolled back. */
#include "mig_int.h"

#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

/* Names are the server's own spelling; an index's and a constraint's
 * definition are pg_get_indexdef/pg_get_constraintdef with the schema
 * taken out (the same text for the database and the scratch replay). */
static const char describe_sql[] =
    "WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = current_schema()), "
    "rel AS (SELECT c.oid, c.relname, c.relkind FROM pg_class c, ns WHERE c.relnamespace = ns.oid "
    "        AND c.relname <> '_dal_migrations') "
    "SELECT line FROM ("
    " SELECT CASE relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'table (partitioned) ' WHEN 'v' THEN 'view ' "
    "        WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' WHEN 'f' THEN 'foreign table ' END "
    "        || relname AS line FROM rel WHERE relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
    " UNION ALL "
    " SELECT 'column ' || r.relname || '.' || a.attname || ' type=' || format_type(a.atttypid, a.atttypmod) "
    "        || ' notnull=' || a.attnotnull || ' default=' || COALESCE(pg_get_expr(d.adbin, d.adrelid), '-') "
    "        || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text "
    "   FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "   LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum "
    "  WHERE r.relkind IN ('r', 'p', 'f') "
    " UNION ALL "
    " SELECT 'index ' || t.relname || '.' || c.relname || ' unique=' || i.indisunique || ' valid=' || i.indisvalid || ' ' "
    "        || regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', 'USING ') "
    "   FROM rel t JOIN pg_index i ON i.indrelid = t.oid JOIN pg_class c ON c.oid = i.indexrelid "
    " UNION ALL "
    " SELECT 'constraint ' || t.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid) "
    "   FROM rel t JOIN pg_constraint k ON k.conrelid = t.oid "
    " UNION ALL "
    " SELECT 'enum ' || y.typname || ' (' || (SELECT string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) "
    "        FROM pg_enum e WHERE e.enumtypid = y.oid) || ')' "
    "   FROM pg_type y, ns WHERE y.typnamespace = ns.oid AND y.typtype = 'e' "
    " UNION ALL "
    " SELECT 'trigger ' || t.relname || '.' || g.tgname FROM rel t JOIN pg_trigger g ON g.tgrelid = t.oid "
    "  WHERE NOT g.tgisinternal "
    ") x ORDER BY line COLLATE \"C\"";

int dal__pgm_describe(dal_db *db, char **out)
{
    PGresult *res;
    *out = NULL;
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, 0, "the connection is not open");
    int rc = dal__pgm_query(db, describe_sql, 0, NULL, &res);
    if (rc != DAL_OK) return rc;
    sqlite3_str *s = sqlite3_str_new(NULL);
    for (int i = 0; i < PQntuples(res); i++) {
        sqlite3_str_appendall(s, PQgetvalue(res, i, 0));
        sqlite3_str_appendchar(s, 1, '\n');
    }
    PQclear(res);
    rc = sqlite3_str_errcode(s);
    *out = sqlite3_str_finish(s);
    if (rc != SQLITE_OK) {
        sqlite3_free(*out);
        *out = NULL;
        return dal__oom(db);
    }
    if (!*out && !(*out = sqlite3_mprintf("%s", ""))) return dal__oom(db);
    return DAL_OK;
}

/* The statement with the CONCURRENTLY of its head taken out (it cannot
 * run in the replay's transaction, and the object built is the same). */
static void drop_concurrently(char *sql)
{
    static const char word[] = "concurrently";
    for (size_t i = 0; sql[i] && i < 200; i++) {
        size_t k = 0;
        while (k < 12 && tolower((unsigned char)sql[i + k]) == word[k]) k++;
        if (k == 12 && (i == 0 || !isalnum((unsigned char)sql[i - 1])) && !isalnum((unsigned char)sql[i + 12]) &&
            sql[i + 12] != '_')
            memset(sql + i, ' ', 12);
    }
}

static int replay(dal_db *db, const dal_migration *m)
{
    dal__pgm_script s;
    int rc = dal__pgm_split(db, m->name, m->up, &s);
    if (rc != DAL_OK) return rc;
    for (int i = 0; rc == DAL_OK && i < s.n; i++) {
        drop_concurrently(s.stmts[i].sql);
        if ((rc = dal__pg_exec(db, s.stmts[i].sql)) != DAL_OK) {
            char *msg = sqlite3_mprintf("%s", dal_errmsg(db));
            rc = dal_error_set(db, DAL_ERROR, 0, "migration %s, statement %d does not replay in an empty schema: %s",
                               m->name, i + 1, msg ? msg : "out of memory");
            sqlite3_free(msg);
        }
    }
    dal__pgm_script_free(&s);
    return rc;
}

int dal__pgm_migrate_describe(dal_db *db, const dal_migration *list, size_t n, int64_t upto, char **out)
{
    char sql[160];
    *out = NULL;
    if (!db->pg) return dal_error_set(db, DAL_MISUSE, 0, "the connection is not open");
    if (db->txn_depth > 0 || PQtransactionStatus(db->pg) != PQTRANS_IDLE)
        return dal_error_set(db, DAL_MISUSE, 0, "dal_migrate_describe cannot run inside an open transaction");
    int rc = dal__pg_exec(db, "BEGIN");
    snprintf(sql, sizeof sql, "CREATE SCHEMA _dal_replay_%ld; SET LOCAL search_path = _dal_replay_%ld",
             (long)getpid(), (long)getpid());
    if (rc == DAL_OK) rc = dal__pg_exec(db, sql);
    for (size_t i = 0; i < n && list[i].id <= upto && rc == DAL_OK; i++) rc = replay(db, &list[i]);
    if (rc == DAL_OK) rc = dal__pgm_describe(db, out);
    PQclear(PQexec(db->pg, "ROLLBACK"));
    return rc;
}
