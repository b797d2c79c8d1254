/* Keeping sqlite_schema short while a run of CREATE statements executes.
 *
 * After every CREATE, SQLite re-reads the new object's rows from
 * sqlite_schema with a full scan (OP_ParseSchema), so a file of N CREATE
 * statements costs N^2 row visits: most of the load of a 1,000-table schema.
 * Each statement still runs alone and SQLite still judges it (errors keep
 * their exact locations); only the rows they added to sqlite_schema are
 * moved aside every few statements, and put back, in order and with their
 * rowids, before anything else reads the schema.  SQLite's in-memory schema is untouched
 * throughout (it was built by the statements themselves), and the database
 * ends as the statement-by-statement load leaves it, apart from which pages
 * the tables' b-trees start on.  Only this file and batch.c write sqlite_schema, and
 * only with writable_schema on for that moment (DEFENSIVE is off then too). */
#include <string.h>

#include "util/buf.h"
#include "frontend/loader.h"

/* Runs `fn` with sqlite_schema writable, restoring the loader's settings. */
static int with_writable_schema(dg_loader *L, int (*fn)(dg_loader *))
{
    dg_loader_writable_schema(L, true);
    int rc = fn(L);
    dg_loader_writable_schema(L, false);
    return rc;
}

static int exec_ok(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int begin(dg_loader *L)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(L->db, "SELECT IFNULL(MAX(rowid), 0) FROM main.sqlite_schema", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) L->park.base = sqlite3_column_int64(st, 0);
    else rc = SQLITE_ERROR;
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : -1;
}

void dg_park_begin(dg_loader *L)
{
    if (L->park.on) return;
    L->park.on = begin(L) == 0;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? dg_xstrdup(v) : NULL;
}

/* Frees the rows aside from index `from` on. */
static void drop_rows(dg_loader *L, size_t from)
{
    for (size_t i = from; i < L->park.rows.len; i++) {
        dg_parked *p = &L->park.rows.items[i];
        for (int k = 0; k < 3; k++) free(p->text[k]);
        free(p->sql);
    }
    L->park.rows.len = from;
}

/* Moves the rows past park.base (what the statements since the last move added) aside. */
static int move_aside(dg_loader *L)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(L->db, "SELECT type, name, tbl_name, rootpage, sql FROM main.sqlite_schema "
                                       "WHERE rowid > ?1 ORDER BY rowid", -1, &st, NULL);
    if (rc != SQLITE_OK) return -1;
    sqlite3_bind_int64(st, 1, L->park.base);
    size_t before = L->park.rows.len, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        dg_parked *p = DG_VEC_ADD(&L->park.rows);
        for (int i = 0; i < 3; i++) p->text[i] = col_dup(st, i);
        p->rootpage = sqlite3_column_int64(st, 3);
        p->sql = col_dup(st, 4);
        n++;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE && n == 0) return 0;
    char *del = dg_xprintf("DELETE FROM main.sqlite_schema WHERE rowid > %lld", (long long)L->park.base);
    int out = rc == SQLITE_DONE ? exec_ok(L->db, del) : -1;
    free(del);
    if (out != 0) drop_rows(L, before);   /* still in sqlite_schema */
    return out;
}

/* Puts every row aside back, after park.base, in the order they came. */
static int put_back(dg_loader *L)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(L->db, "INSERT INTO main.sqlite_schema (rowid, type, name, tbl_name, rootpage, sql) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < L->park.rows.len; i++) {
        const dg_parked *p = &L->park.rows.items[i];
        sqlite3_bind_int64(st, 1, L->park.base + (sqlite3_int64)i + 1);
        for (int k = 0; k < 3; k++) sqlite3_bind_text(st, k + 2, p->text[k], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, p->rootpage);
        sqlite3_bind_text(st, 6, p->sql, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : -1;
}


/* Moving rows costs about as much as scanning a few dozen: a few
 * statements' rows stay in sqlite_schema between moves. */
#define DG_PARK_EVERY 16

int dg_park_after(dg_loader *L)
{
    if (!L->park.on || ++L->park.pending < DG_PARK_EVERY) return 0;
    L->park.pending = 0;
    if (with_writable_schema(L, move_aside) == 0) return 0;
    return dg_park_end(L);
}

int dg_park_end(dg_loader *L)
{
    if (!L->park.on) return 0;
    int rc = 0;
    if (L->park.pending && L->park.rows.len) rc = with_writable_schema(L, move_aside);   /* they go after the others */
    if (rc == 0 && L->park.rows.len) rc = with_writable_schema(L, put_back);
    L->park.pending = 0;
    drop_rows(L, 0);
    DG_VEC_FREE(&L->park.rows);
    L->park.on = false;
    if (rc != 0) {
        dg_loc none = {NULL, 0, 0};
        dg_error(L->d, none, "internal error: cannot restore sqlite_schema: %s", sqlite3_errmsg(L->db));
    }
    return rc;
}
