/* dal_schema_describe / dal_schema_check: a canonical, order-independent
 * text of a database's schema, so that a program can tell whether its
 * database is at the schema its code was generated for. */
#include <stdlib.h>
#include <string.h>

#include "dal_internal.h"
#include "migrate_int.h"
#include "pg/mig_api.h"

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
    DAL__PG_MIGRATE(db, dal__pgm_describe(db, out));
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

/* The fields of a column line: SQLite's (dal_schema_describe above) and
 * PostgreSQL's (pg/mig_schema.c), with what a message calls each. */
typedef struct col_format {
    const char *keys[5];
    const char *what[5];
} col_format;

static const col_format sqlite_cols = {{" type=", " notnull=", " default=", " pk=", " hidden="},
                                       {"declared type", "NOT NULL", "DEFAULT", "primary key position",
                                        "hidden/generated kind"}};
static const col_format pg_cols = {{" type=", " notnull=", " default=", " identity=", " generated="},
                                   {"type", "NOT NULL", "DEFAULT", "identity kind", "generated kind"}};

/* The last occurrence of `key` in the n bytes at line, or NULL. */
static const char *last_of(const char *line, size_t n, const char *key)
{
    size_t kl = strlen(key);
    const char *at = NULL;
    for (const char *p = line; p + kl <= line + n; p++)
        if (!memcmp(p, key, kl)) at = p;
    return at;
}

/* The value of field " key=" in a column line of n bytes (NULL when
 * absent); its length in *len.  Fields are searched from the right, so a
 * DEFAULT holding " pk=" cannot fool the ones after it. */
static const char *col_field(const col_format *f, const char *line, size_t n, const char *key, size_t *len)
{
    const char *end = line + n;
    for (size_t k = 5; k-- > 0;) {
        const char *at = last_of(line, (size_t)(end - line), f->keys[k]);
        if (!at) return NULL;
        if (!strcmp(f->keys[k], key)) {
            *len = (size_t)(end - (at + strlen(key)));
            return at + strlen(key);
        }
        end = at;
    }
    return NULL;
}

/* PostgreSQL's format when its last field comes after SQLite's last one. */
static const col_format *col_format_of(const char *line, size_t n)
{
    const char *pg = last_of(line, n, " generated="), *lite = last_of(line, n, " hidden=");
    return pg && (!lite || pg > lite) ? &pg_cols : &sqlite_cols;
}

/* Lines a and b describe the same column differently: names the first field
 * that differs (type, NOT NULL, DEFAULT, primary key or identity,
 * generated) as such.  0 when they are not two lines of one column. */
static int column_changed(dal_db *db, const char *a, size_t la, const char *b, size_t lb)
{
    size_t na, nb, ta = 0, tb = 0;   /* set by col_field when it finds the field (gcc -O3 cannot tell) */
    const col_format *f = col_format_of(a, la);
    if (col_format_of(b, lb) != f) return 0;
    const char *ea = col_field(f, a, la, " type=", &ta), *eb = col_field(f, b, lb, " type=", &tb);
    if (strncmp(a, "column ", 7) || strncmp(b, "column ", 7) || !ea || !eb) return 0;
    na = (size_t)(ea - 6 - a), nb = (size_t)(eb - 6 - b);
    if (na != nb || memcmp(a, b, na)) return 0;
    for (size_t k = 0; k < 5; k++) {
        const char *va = col_field(f, a, la, f->keys[k], &ta), *vb = col_field(f, b, lb, f->keys[k], &tb);
        if (!va || !vb || (ta == tb && !memcmp(va, vb, ta))) continue;
        if (k == 1)   /* SQLite 1/0, PostgreSQL true/false */
            return dal_error_set(db, DAL_ERROR, 0, "schema differs: %.*s is %s in the database, %s in the "
                                 "generated code", (int)(na - 7), a + 7, *va == '1' || *va == 't' ? "NOT NULL" : "nullable",
                                 *vb == '1' || *vb == 't' ? "NOT NULL" : "nullable");
        if (k == 2 && ta == 1 && *va == '-') va = "(none)", ta = 6;   /* "-": no DEFAULT */
        if (k == 2 && tb == 1 && *vb == '-') vb = "(none)", tb = 6;
        if (ta == 0) va = "(none)", ta = 6;   /* PostgreSQL: no identity, not generated */
        if (tb == 0) vb = "(none)", tb = 6;
        return dal_error_set(db, DAL_ERROR, 0, "schema differs: the %s of %.*s is %.*s in the database, "
                             "%.*s in the generated code", f->what[k], (int)(na - 7), a + 7, (int)ta, va,
                             (int)tb, vb);
    }
    return 0;
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
            if (column_changed(db, a, la, b, lb)) {
                sqlite3_free(have);
                return DAL_ERROR;
            }
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
    DAL__PG_MIGRATE(db, dal__pgm_migrate_describe(db, list, n, upto, out));
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

/* The database must have the schema the migrations up to `upto` build
 * (dal_migrate_describe), else the first difference is named: both
 * engines' runners (dal_migrate_describe and dal_schema_check dispatch). */
int dal__migrate_baseline_matches(dal_db *db, const dal_migration *list, size_t n, int64_t upto)
{
    char *want = NULL;
    int rc = dal_migrate_describe(db, list, n, upto, &want);
    if (rc != DAL_OK) return rc;
    rc = dal_schema_check(db, want);
    sqlite3_free(want);
    if (rc == DAL_OK) return DAL_OK;
    char *why = sqlite3_mprintf("%s", dal_errmsg(db));
    rc = dal_error_set(db, DAL_ERROR, 0, "baseline %lld: the database is not at the schema of the migrations up "
                       "to %lld: %s", (long long)upto, (long long)upto, why ? why : "out of memory");
    sqlite3_free(why);
    return rc;
}
