/* Referencing tables whose foreign-key violations a script provably did not
 * change, so that the runner's check (migrate_fk.c) can leave them out.
 *
 * A row of a child table C violates its foreign key when no row of the
 * parent P has its key.  When C's rows and foreign keys are what they were
 * before the script, and every touched parent P it names has the same key
 * set before and after, under the same rules (P's key is its INTEGER
 * PRIMARY KEY, a rowid, both times), every row of C matches or fails as it
 * did: its violations are the ones it had, none of them new.
 *
 * "Before" is taken lazily: the runner prepares each statement of the
 * script, which names the tables it writes to SQLite's authorizer, and
 * calls dal__fkwatch_touched before stepping it, so a parent's rowids are
 * read just before the first statement that can change them runs.  A table
 * that existed when the script started cannot change or be replaced before
 * a statement names it (writes, drops and renames of it all do), so that
 * read is its state at the start.  Anything else (a parent created or
 * renamed into place, a composite or non-rowid key, a foreign key that
 * changed, a snapshot that could not be kept) is checked in full. */
#include <string.h>

#include "migrate_int.h"

static int name_index(const dal__names *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (sqlite3_stricmp(s->names[i], name) == 0) return i;
    return -1;
}

/* Appends a copy of `name` (duplicates kept: the lists are only searched
 * for a few names, and a check per append would make a schema of n tables
 * cost n^2). */
static void push_name(dal__fkwatch *w, dal__names *s, const char *name)
{
    if (w->failed || !name) return;
    char **nv = sqlite3_realloc64(s->names, (sqlite3_uint64)(s->n + 1) * sizeof *nv);
    char *copy = sqlite3_mprintf("%s", name);
    if (nv) s->names = nv;
    if (!nv || !copy) {
        sqlite3_free(copy);
        w->failed = 1;
        return;
    }
    s->names[s->n++] = copy;
}

/* Table `t`'s foreign keys as one string (id, seq, parent, from, to of each
 * column, SQL-quoted: read_children's format), NULL when it has none or on
 * error. */
static char *fk_list(sqlite3 *h, const char *t)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, "SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1)", -1,
                           &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
    sqlite3_str *s = sqlite3_str_new(h);
    int rows = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *parent = (const char *)sqlite3_column_text(st, 2);
        sqlite3_str_appendf(s, "%d,%d,%Q,%Q,%Q;", sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), parent,
                            (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4));
        rows++;
    }
    sqlite3_finalize(st);
    char *out = sqlite3_str_finish(s);
    if (rc != SQLITE_DONE || rows == 0) {
        sqlite3_free(out);
        return NULL;
    }
    return out;
}

/* Ends child `t`'s string of foreign keys (w->children, w->fks). */
static void add_child(dal__fkwatch *w, const char *t, sqlite3_str *fks)
{
    char *text = sqlite3_str_finish(fks);
    char **nv = text ? sqlite3_realloc64(w->fks, (sqlite3_uint64)(w->children.n + 1) * sizeof *nv) : NULL;
    if (nv) w->fks = nv;
    int before = w->children.n;
    if (nv) push_name(w, &w->children, t);
    if (!nv || w->children.n == before) {
        sqlite3_free(text);
        w->failed = 1;
        return;
    }
    w->fks[before] = text;
}

/* Every foreign key of the main schema, in one statement (rows of a table
 * come together: the pragma is the inner loop), in fk_list's format. */
static int read_children(dal_db *db, dal__fkwatch *w)
{
    sqlite3 *h = dal_sqlite(db);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, "SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\" "
                                   "FROM main.sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f "
                                   "WHERE m.type = 'table'", -1, &st, NULL);
    if (rc != SQLITE_OK) return rc;
    char *cur = NULL;
    sqlite3_str *fks = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && !w->failed) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        const char *parent = (const char *)sqlite3_column_text(st, 3);
        if (!cur || sqlite3_stricmp(cur, t) != 0) {
            if (cur) add_child(w, cur, fks);
            sqlite3_free(cur);
            cur = sqlite3_mprintf("%s", t);
            fks = sqlite3_str_new(h);
            if (!cur) w->failed = 1;
        }
        sqlite3_str_appendf(fks, "%d,%d,%Q,%Q,%Q;", sqlite3_column_int(st, 1), sqlite3_column_int(st, 2), parent,
                            (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5));
        push_name(w, &w->parents, parent);
    }
    if (cur && !w->failed) add_child(w, cur, fks);
    else if (fks) sqlite3_free(sqlite3_str_finish(fks));
    sqlite3_free(cur);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || w->failed ? SQLITE_OK : rc;
}

int dal__fkwatch_start(dal_db *db, dal__fkwatch *w)
{
    sqlite3_stmt *st = NULL;
    memset(w, 0, sizeof *w);
    int rc = sqlite3_prepare_v2(dal_sqlite(db), "SELECT name FROM main.sqlite_schema WHERE type = 'table'", -1,
                                &st, NULL);
    if (rc != SQLITE_OK) return dal_sqlite_error(db, rc);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) push_name(w, &w->tables, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) rc = read_children(db, w);
    if (rc != SQLITE_DONE && rc != SQLITE_OK) {
        dal__fkwatch_free(w);
        return dal_sqlite_error(db, rc);
    }
    return DAL_OK;
}

void dal__fkwatch_free(dal__fkwatch *w)
{
    for (int i = 0; i < w->children.n; i++) sqlite3_free(w->fks[i]);
    sqlite3_free(w->fks);
    for (int i = 0; i < w->nsnaps; i++) {
        sqlite3_free(w->snaps[i].table);
        sqlite3_free(w->snaps[i].alias);
        sqlite3_free(w->snaps[i].keys);
    }
    sqlite3_free(w->snaps);
    dal__names_free(&w->tables);
    dal__names_free(&w->children);
    dal__names_free(&w->parents);
    memset(w, 0, sizeof *w);
}

/* The name of table t's INTEGER PRIMARY KEY column (its rowid) now, or
 * NULL: no single-column primary key declared INTEGER, a primary key with
 * an index of its own (WITHOUT ROWID, `INTEGER PRIMARY KEY DESC`), or not a
 * table. */
static char *rowid_alias(sqlite3 *h, const char *t)
{
    sqlite3_stmt *st = NULL;
    char *alias = NULL;
    int pks = 0, ok = 1;
    if (sqlite3_prepare_v2(h, "SELECT name, type, pk FROM pragma_table_info(?1) WHERE pk > 0", -1, &st, NULL) !=
        SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 1);
        if (++pks == 1 && type && sqlite3_stricmp(type, "INTEGER") == 0)
            alias = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (pks != 1 || !alias) ok = 0;
    if (ok && sqlite3_prepare_v2(h, "SELECT 1 FROM pragma_index_list(?1) WHERE origin = 'pk'", -1, &st, NULL) ==
                  SQLITE_OK) {
        sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) ok = 0;
        sqlite3_finalize(st);
    } else {
        ok = 0;
    }
    if (!ok) {
        sqlite3_free(alias);
        return NULL;
    }
    return alias;
}

/* Steps `SELECT alias FROM t` (rowid order): with snap == NULL compares
 * with keys[0..n) and returns whether all are equal, else fills *snap. */
static int read_keys(sqlite3 *h, const char *t, const char *alias, dal__keysnap *snap, const sqlite3_int64 *keys,
                     sqlite3_int64 n)
{
    int compare = snap == NULL;
    char *sql = sqlite3_mprintf("SELECT \"%w\" FROM main.\"%w\"", alias, t);
    sqlite3_stmt *st = NULL;
    int rc = sql ? sqlite3_prepare_v2(h, sql, -1, &st, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    if (rc != SQLITE_OK) return 0;
    sqlite3_int64 i = 0, cap = 0;
    int ok = 1;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 k = sqlite3_column_int64(st, 0);
        if (compare) {
            ok = i < n && keys[i] == k;
        } else {
            if (i == cap) {
                cap = cap ? cap * 2 : 1024;
                sqlite3_int64 *nk = sqlite3_realloc64(snap->keys, (sqlite3_uint64)cap * sizeof *nk);
                if (!nk) ok = 0;
                else snap->keys = nk;
            }
            if (ok) snap->keys[i] = k;
        }
        i++;
    }
    sqlite3_finalize(st);
    if (compare) return ok && rc == SQLITE_DONE && i == n;
    snap->n = i;
    return ok && rc == SQLITE_DONE;
}

/* Keeps parent t's rowids as they are now (an entry without alias when it
 * cannot: then its children are checked in full). */
static void snapshot(dal_db *db, dal__fkwatch *w, const char *t)
{
    sqlite3 *h = dal_sqlite(db);
    dal__keysnap *ns = sqlite3_realloc64(w->snaps, (sqlite3_uint64)(w->nsnaps + 1) * sizeof *ns);
    if (!ns) {
        w->failed = 1;
        return;
    }
    w->snaps = ns;
    dal__keysnap *s = &w->snaps[w->nsnaps++];
    memset(s, 0, sizeof *s);
    s->table = sqlite3_mprintf("%s", t);
    if (!s->table) w->failed = 1;
    if (w->failed || name_index(&w->tables, t) < 0) return;   /* made during the script */
    s->alias = rowid_alias(h, t);
    if (s->alias && !read_keys(h, t, s->alias, s, NULL, 0)) {
        sqlite3_free(s->alias);
        s->alias = NULL;
    }
}

void dal__fkwatch_touched(dal_db *db, dal__fkwatch *w, const dal__names *touched)
{
    for (; w->seen < touched->n && !w->failed; w->seen++) {
        const char *t = touched->names[w->seen];
        if (name_index(&w->parents, t) >= 0) snapshot(db, w, t);
    }
}

static dal__keysnap *snap_of(const dal__fkwatch *w, const char *t)
{
    for (int i = 0; i < w->nsnaps; i++)
        if (sqlite3_stricmp(w->snaps[i].table, t) == 0) return &w->snaps[i];
    return NULL;
}

/* Whether the touched parent p has the rowids it had at its snapshot, and
 * foreign keys naming `to` (NULL: its primary key) still find them the same
 * way. */
static int parent_same(sqlite3 *h, dal__fkwatch *w, const char *p, const char *to)
{
    dal__keysnap *s = snap_of(w, p);
    if (!s || !s->alias || (to && sqlite3_stricmp(to, s->alias) != 0)) return 0;
    if (!s->after) {   /* read once, whatever the number of children */
        char *alias = rowid_alias(h, p);
        int same = alias && sqlite3_stricmp(alias, s->alias) == 0 && read_keys(h, p, alias, NULL, s->keys, s->n);
        sqlite3_free(alias);
        s->after = same ? 1 : 2;
    }
    return s->after == 1;
}

/* Whether child c's violations are those it had before the script. */
static int child_same(sqlite3 *h, dal__fkwatch *w, const dal__names *touched, const char *c)
{
    int ci = name_index(&w->children, c);
    if (ci < 0 || name_index(touched, c) >= 0) return 0;
    char *now = fk_list(h, c);
    int same = now && strcmp(now, w->fks[ci]) == 0;
    sqlite3_free(now);
    sqlite3_stmt *st = NULL;
    if (!same || sqlite3_prepare_v2(h, "SELECT id, \"table\", \"to\", (SELECT count(*) FROM "
                                       "pragma_foreign_key_list(?1) AS g WHERE g.id = f.id) "
                                       "FROM pragma_foreign_key_list(?1) AS f",
                                    -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, c, -1, SQLITE_STATIC);
    int rc = SQLITE_DONE;
    while (same && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(st, 1);
        if (!p || name_index(touched, p) < 0) continue;   /* an untouched parent: its rows are as they were */
        same = sqlite3_column_int(st, 3) == 1 && parent_same(h, w, p, (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    return same && rc == SQLITE_DONE;
}

int dal__fkwatch_unchanged(dal_db *db, dal__fkwatch *w, const dal__names *touched, const dal__names *scope,
                           dal__names *out)
{
    memset(out, 0, sizeof *out);
    if (w->failed) return DAL_OK;
    dal__fkwatch tmp = {0};   /* only for push_name's failure flag */
    for (int i = 0; i < scope->n; i++)
        if (child_same(dal_sqlite(db), w, touched, scope->names[i])) push_name(&tmp, out, scope->names[i]);
    if (tmp.failed) dal__names_free(out);   /* nothing left out: a full check */
    return DAL_OK;
}
