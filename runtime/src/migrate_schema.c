/* dal_schema_describe / dal_schema_check: a canonical, order-independent
 * text of a database's schema, so that a program can tell whether its
 * database is at the schema its code was generated for. */
#include <stdlib.h>
#include <string.h>

#include "migrate_int.h"

/* Every line is built by SQLite from its own pragmas; ORDER BY makes the
 * text independent of column and creation order. */
static const char describe_sql[] =
    "WITH t AS (SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "           AND name <> '_dal_migrations') "
    "SELECT line FROM ("
    " SELECT 'table ' || l.name || ' strict=' || l.strict || ' without_rowid=' || l.wr AS line "
    "  FROM t JOIN pragma_table_list(t.name) l WHERE l.schema = 'main' "
    " UNION ALL "
    " SELECT 'column ' || t.name || '.' || c.name || ' type=' || c.type || ' notnull=' || c.\"notnull\" "
    "        || ' default=' || IFNULL(c.dflt_value, '-') || ' pk=' || c.pk || ' hidden=' || c.hidden "
    "  FROM t JOIN pragma_table_xinfo(t.name) c "
    " UNION ALL "
    " SELECT 'index ' || t.name || '.' || CASE WHEN i.origin = 'c' THEN i.name ELSE '(' || i.origin || ')' END "
    "        || ' unique=' || i.\"unique\" || ' partial=' || i.partial || ' on ' || "
    "        (SELECT group_concat(IFNULL(x.name, '<expr>') || CASE WHEN x.desc THEN ' DESC' ELSE '' END "
    "                             || ' ' || x.coll, ', ') "
    "           FROM (SELECT * FROM pragma_index_xinfo(i.name) WHERE key ORDER BY seqno) x) "
    "  FROM t JOIN pragma_index_list(t.name) i "
    " UNION ALL "
    " SELECT 'foreign key ' || t.name || ' (' || group_concat(f.\"from\", ', ') || ') -> ' || f.\"table\" "
    "        || ' (' || group_concat(IFNULL(f.\"to\", '-'), ', ') || ') on delete ' || f.on_delete "
    "        || ' on update ' || f.on_update "
    "  FROM t JOIN pragma_foreign_key_list(t.name) f GROUP BY t.name, f.id "
    " UNION ALL "
    " SELECT type || ' ' || name || ' on ' || tbl_name FROM sqlite_schema WHERE type IN ('view', 'trigger')"
    ") ORDER BY line";

int dal_schema_describe(dal_db *db, char **out)
{
    sqlite3_stmt *st = NULL;
    sqlite3_str *s;
    int rc;
    *out = NULL;
    if (!db) return DAL_MISUSE;
    if ((rc = dal__migrate_sqlite_only(db, "dal_schema_describe")) != DAL_OK) return rc;
    rc = sqlite3_prepare_v2(dal_sqlite(db), describe_sql, -1, &st, NULL);
    if (rc != SQLITE_OK) return dal_sqlite_error(db, rc);
    s = sqlite3_str_new(dal_sqlite(db));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_str_appendall(s, (const char *)sqlite3_column_text(st, 0));
        sqlite3_str_appendchar(s, 1, '\n');
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        sqlite3_free(sqlite3_str_finish(s));
        return dal_sqlite_error(db, rc);
    }
    rc = sqlite3_str_errcode(s);
    *out = sqlite3_str_finish(s);
    if (rc != SQLITE_OK) {
        sqlite3_free(*out);
        *out = NULL;
        return dal_error_set(db, DAL_ERROR, rc, "out of memory");
    }
    if (!*out) *out = sqlite3_mprintf("%s", "");
    return *out ? DAL_OK : dal_error_set(db, DAL_ERROR, SQLITE_NOMEM, "out of memory");
}

/* Length of the line starting at s. */
static size_t line_len(const char *s)
{
    const char *e = strchr(s, '\n');
    return e ? (size_t)(e - s) : strlen(s);
}

int dal_schema_check(dal_db *db, const char *expected)
{
    char *have = NULL;
    int rc = dal_schema_describe(db, &have);
    if (rc != DAL_OK) return rc;
    const char *a = have, *b = expected;
    while (*a || *b) {
        size_t la = line_len(a), lb = line_len(b);
        if (la != lb || memcmp(a, b, la) != 0) {
            int c = !*a ? 1 : !*b ? -1 : strncmp(a, b, la < lb ? la : lb);
            if (c == 0) c = la < lb ? -1 : 1;
            if (c < 0)
                dal_error_set(db, DAL_ERROR, 0, "schema differs: the database has `%.*s`, which the "
                              "generated code does not expect", (int)la, a);
            else
                dal_error_set(db, DAL_ERROR, 0, "schema differs: the database lacks `%.*s`",
                              (int)lb, b);
            sqlite3_free(have);
            return DAL_ERROR;
        }
        a += la + (a[la] == '\n');
        b += lb + (b[lb] == '\n');
    }
    sqlite3_free(have);
    return DAL_OK;
}

/* The up scripts of the entries with id <= upto, run in a new in-memory
 * database (not through the runner: no history, no checks), then described. */
int dal_migrate_describe(dal_db *db, const dal_migration *list, size_t n, int64_t upto, char **out)
{
    sqlite3 *h = NULL;
    dal_db *mem = NULL;
    char *err = NULL;
    int rc;
    *out = NULL;
    if (!db) return DAL_MISUSE;
    if ((rc = dal__migrate_sqlite_only(db, "dal_migrate_describe")) != DAL_OK) return rc;
    if (sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        return dal_error_set(db, DAL_ERROR, SQLITE_NOMEM, "cannot open an in-memory database");
    }
    rc = DAL_OK;
    for (size_t i = 0; i < n && list[i].id <= upto && rc == DAL_OK; i++) {
        if (sqlite3_exec(h, list[i].up, NULL, NULL, &err) == SQLITE_OK) continue;
        rc = dal_error_set(db, DAL_ERROR, sqlite3_extended_errcode(h),
                           "migration %s does not replay in an empty database: %s", list[i].name,
                           err ? err : "out of memory");
    }
    sqlite3_free(err);
    if (rc == DAL_OK && (rc = dal_wrap(&mem, h, NULL)) == DAL_OK && (rc = dal_schema_describe(mem, out)) != DAL_OK)
        rc = dal_error_set(db, DAL_ERROR, dal_errcode(mem), "%s", dal_errmsg(mem));
    dal_close(mem);
    sqlite3_close(h);
    return rc;
}
