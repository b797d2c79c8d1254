/* A run of plain CREATE TABLE, CREATE INDEX and CREATE VIEW statements
 * applied the way SQLite opens a database: as rows of sqlite_schema, which
 * SQLite then parses once, instead of one statement after another.
 *
 * Why: every CREATE statement makes SQLite re-read its rows with a query of
 * its own and walk every table of the schema (sqlite3FkClearTriggerCache at
 * each schema-cookie change), so the statement-by-statement load grows
 * faster than the schema (10,000 tables: most of a load is those walks).
 *
 * What SQLite still judges: each statement is prepared, as it is written,
 * against the schema it would run in (tables and views first; indexes once
 * their tables exist), without being run; a statement SQLite refuses, or
 * anything this file does not expect, leaves the database as it was and the
 * caller runs the statements one by one (which reports the error at its
 * place).  The rows are SQLite's own: the stored text is "CREATE TABLE " and
 * the statement from its name on (to the ')' or, after table options, to the
 * ';'), the names of automatic indexes come from PRAGMA index_list, and the
 * b-trees are real, empty pages (SQLite has no call that makes a b-tree
 * without a CREATE statement, so they are appended to a serialized image of
 * the database: an 8-byte page header each, see SQLite's file format). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/map.h"
#include "frontend/batch_image.h"
#include "frontend/loader.h"

/* One sqlite_schema row to write. */
typedef struct brow {
    const char *type;
    char       *name, *tbl, *sql;   /* owned */
    unsigned char page;             /* b-tree page type: 0 none, 0x0D table, 0x0A index */
} brow;

typedef DG_VEC(brow) brows;

static void rows_free(brows *r)
{
    for (size_t i = 0; i < r->len; i++) {
        free(r->items[i].name);
        free(r->items[i].tbl);
        free(r->items[i].sql);
    }
    DG_VEC_FREE(r);
}

static void add_row(brows *r, const char *type, const char *name, const char *tbl, char *sql, unsigned char page)
{
    brow *w = DG_VEC_ADD(r);
    w->type = type;
    w->name = dg_xstrdup(name);
    w->tbl = dg_xstrdup(tbl);
    w->sql = sql;
    w->page = page;
}

/* The text of the file statement b is in. */
static const char *text_of(const dg_loader *L, const dg_batch_stmt *b)
{
    return L->files.items[b->fi].text;
}

/* The text SQLite stores for statement b. */
static char *stored_sql(const dg_loader *L, const dg_batch_stmt *b)
{
    const char *text = text_of(L, b);
    const char *head = b->kind == DG_REC_TABLE ? "CREATE TABLE " : b->kind == DG_REC_VIEW ? "CREATE VIEW "
                     : b->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    size_t h = strlen(head), n = b->text_end - b->name_at;
    char *sql = dg_xmalloc(h + n + 1);
    memcpy(sql, head, h);
    memcpy(sql + h, text + b->name_at, n);
    sql[h + n] = '\0';
    return sql;
}

/* Whether SQLite accepts the statement sql[0, len) (prepared, not run). */
static bool accepted(dg_loader *L, const char *sql, size_t len)
{
    sqlite3_stmt *st = NULL;
    L->denied = NULL;
    int rc = sqlite3_prepare_v2(L->db, sql, (int)len, &st, NULL);
    sqlite3_finalize(st);
    return rc == SQLITE_OK && st != NULL;
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Appends rows to sqlite_schema from rowid base + 1 on; rootpages from
 * `root` on for the rows that have a b-tree (0 for all when root is 0). */
static int insert_rows(dg_loader *L, const brows *r, sqlite3_int64 base, sqlite3_int64 root)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(L->db, "INSERT INTO main.sqlite_schema (rowid, type, name, tbl_name, rootpage, sql) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < r->len; i++) {
        const brow *w = &r->items[i];
        sqlite3_bind_int64(st, 1, base + (sqlite3_int64)i + 1);
        sqlite3_bind_text(st, 2, w->type, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, w->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, w->tbl, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, w->page && root ? root++ : 0);
        sqlite3_bind_text(st, 6, w->sql, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : -1;
}

typedef struct autoidx {
    long  n;      /* the number the name ends in */
    char *name;
} autoidx;

static int by_number(const void *a, const void *b)
{
    long x = ((const autoidx *)a)->n, y = ((const autoidx *)b)->n;
    return (x > y) - (x < y);
}

/* Adds the rows of table t's automatic indexes that have a row of their own
 * (a WITHOUT ROWID table's primary key is the table), in the order SQLite
 * made them: the number their name ends in. */
static int add_auto_indexes(dg_loader *L, const dg_batch_stmt *t, brows *r)
{
    char *q = dg_sql_quote_ident(t->name);
    char *sql = dg_xprintf("PRAGMA main.index_list(%s)", q);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(L->db, sql, -1, &st, NULL);
    free(sql);
    free(q);
    DG_VEC(autoidx) found = {0};
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 1), *origin = (const char *)sqlite3_column_text(st, 3);
        bool own_row = origin && (!strcmp(origin, "u") || (!strcmp(origin, "pk") && !t->without_rowid));
        if (!name || !own_row) continue;
        autoidx *a = DG_VEC_ADD(&found);
        a->n = strrchr(name, '_') ? strtol(strrchr(name, '_') + 1, NULL, 10) : 0;
        a->name = dg_xstrdup(name);
    }
    sqlite3_finalize(st);
    if (found.len) qsort(found.items, found.len, sizeof found.items[0], by_number);
    for (size_t i = 0; i < found.len; i++) {
        add_row(r, "index", found.items[i].name, t->name, NULL, 0x0A);
        free(found.items[i].name);
    }
    DG_VEC_FREE(&found);
    return rc == SQLITE_OK ? 0 : -1;
}

/* Whether SQLite reads the schema as it now stands in sqlite_schema. */
static bool schema_reads(dg_loader *L)
{
    static const char sql[] = "SELECT 1 FROM main.sqlite_schema";
    return accepted(L, sql, sizeof sql - 1);
}

/* Makes SQLite read the schema again from sqlite_schema. */
static int reread(dg_loader *L)
{
    dg_loader_writable_schema(L, true);
    int rc = exec(L->db, "PRAGMA writable_schema = RESET");
    dg_loader_writable_schema(L, false);
    return rc == 0 && schema_reads(L) ? 0 : -1;
}

static sqlite3_int64 int_of(dg_loader *L, const char *sql)
{
    sqlite3_stmt *st = NULL;
    sqlite3_int64 v = -1;
    if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Pages sqlite_schema may grow by when the rows are added (their payload,
 * twice over for half-full leaves, and overflow pages): the b-trees go
 * after them, so the rows can name their root pages before they are written. */
static uint32_t growth_bound(const brows *r, uint32_t page)
{
    size_t leaf_bytes = 0, overflow = 0;
    for (size_t i = 0; i < r->len; i++) {
        const brow *w = &r->items[i];
        size_t p = strlen(w->name) + strlen(w->tbl) + (w->sql ? strlen(w->sql) : 0) + 32;
        leaf_bytes += p < page - 35 ? p : page / 8;
        if (p >= page - 35) overflow += p / (page - 4) + 1;
    }
    return (uint32_t)(4 + 2 * (leaf_bytes / (page - 64) + 1) + overflow);
}

/* Writes the rows after rowid `base`, with b-trees for those that have
 * one, and has SQLite read the schema; -1 when anything fails (the caller
 * puts the database back). */
static int write_rows(dg_loader *L, const brows *r, sqlite3_int64 base)
{
    sqlite3_int64 before = int_of(L, "PRAGMA main.page_count"), page = int_of(L, "PRAGMA main.page_size");
    if (before < 1 || page < 512) return -1;
    uint32_t root = (uint32_t)before + growth_bound(r, (uint32_t)page) + 1;
    DG_VEC(unsigned char) types = {0};
    for (size_t i = 0; i < r->len; i++)
        if (r->items[i].page) DG_VEC_PUSH(&types, r->items[i].page);
    dg_loader_writable_schema(L, true);
    int rc = insert_rows(L, r, base, root);
    dg_loader_writable_schema(L, false);
    sqlite3_int64 size = 0;
    unsigned char *image = rc == 0 ? sqlite3_serialize(L->db, "main", &size, 0) : NULL;
    rc = image && dg_image_add_btrees(&image, &size, root, types.items, types.len) == 0 ? 0 : -1;
    DG_VEC_FREE(&types);
    if (rc != 0) {
        sqlite3_free(image);
        return -1;
    }
    return dg_loader_deserialize(L, image, size) == 0 && schema_reads(L) ? 0 : -1;
}

/* The names of main's objects before the batch (folded), each mapped to
 * its type's first letter and kept in `names`. */
typedef struct prior {
    dg_strings names;   /* "t" "name" pairs flattened: type letter, then the name */
    dg_map     map;     /* name -> index of the name in `names` */
} prior;

static int prior_read(dg_loader *L, prior *p)
{
    memset(p, 0, sizeof *p);
    dg_map_init(&p->map, true);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(L->db, "SELECT type, name FROM main.sqlite_schema", -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0), *name = (const char *)sqlite3_column_text(st, 1);
        DG_VEC_PUSH(&p->names, dg_xstrdup(type ? type : ""));
        DG_VEC_PUSH(&p->names, dg_xstrdup(name ? name : ""));
    }
    sqlite3_finalize(st);
    for (size_t i = 1; i < p->names.len; i += 2) dg_map_put(&p->map, p->names.items[i], i);
    return rc == SQLITE_OK ? 0 : -1;
}

static void prior_free(prior *p)
{
    dg_map_free(&p->map);
    dg_strings_free(&p->names);
}

/* A name main has already (SQLite refuses a second object of a name, or
 * skips it for IF NOT EXISTS), or an index on a table made neither by the
 * batch nor before it: such statements run one by one instead. */
static bool clashes(const prior *p, const dg_batch_stmt *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t at;
        if (dg_map_get(&p->map, v[i].name, &at)) return true;
        if (v[i].kind == DG_REC_INDEX && v[i].table_at == SIZE_MAX &&
            (!dg_map_get(&p->map, v[i].table, &at) || strcmp(p->names.items[at - 1], "table") != 0))
            return true;
    }
    return false;
}

/* The table index b is on, as its CREATE TABLE spelt it (SQLite stores that). */
static const char *index_table(const prior *p, const dg_batch_stmt *v, const dg_batch_stmt *b)
{
    size_t at = 0;
    if (b->table_at != SIZE_MAX) return v[b->table_at].name;
    dg_map_get(&p->map, b->table, &at);
    return p->names.items[at];
}

/* The tables and views checked by SQLite; when a table may have automatic
 * indexes, SQLite reads the tables from rows without b-trees (so that
 * PRAGMA index_list names them). */
static int check_tables(dg_loader *L, const dg_batch_stmt *v, size_t n, sqlite3_int64 base)
{
    brows tables = {0};
    bool keys = false;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (v[i].kind == DG_REC_INDEX) continue;
        if (!accepted(L, text_of(L, &v[i]) + v[i].start, v[i].end - v[i].start)) rc = -1;
        else if (v[i].kind == DG_REC_TABLE) add_row(&tables, "table", v[i].name, v[i].name, stored_sql(L, &v[i]), 0);
        keys |= v[i].keys;
    }
    if (rc == 0 && keys) {
        dg_loader_writable_schema(L, true);
        rc = insert_rows(L, &tables, base, 0);
        dg_loader_writable_schema(L, false);
        if (rc == 0) rc = reread(L);
    }
    rows_free(&tables);
    return rc;
}

/* Every row of the batch in the order running the statements writes them. */
static int all_rows(dg_loader *L, const prior *p, const dg_batch_stmt *v, size_t n, brows *out)
{
    for (size_t i = 0; i < n; i++) {
        const dg_batch_stmt *b = &v[i];
        if (b->kind == DG_REC_INDEX) {
            add_row(out, "index", b->name, index_table(p, v, b), stored_sql(L, b), 0x0A);
        } else if (b->kind == DG_REC_VIEW) {
            add_row(out, "view", b->name, b->name, stored_sql(L, b), 0);
        } else {
            add_row(out, "table", b->name, b->name, stored_sql(L, b), b->without_rowid ? 0x0A : 0x0D);
            if (b->keys && add_auto_indexes(L, b, out) != 0) return -1;
        }
    }
    return 0;
}

bool dg_batch_name_taken(dg_loader *L, const char *name)
{
    if (sqlite3_table_column_metadata(L->db, "main", name, NULL, NULL, NULL, NULL, NULL, NULL) == SQLITE_OK) return true;
    char *q = dg_sql_quote_ident(name);
    char *sql = dg_xprintf("PRAGMA main.index_info(%s)", q);
    sqlite3_stmt *st = NULL;
    bool found = sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    free(sql);
    free(q);
    return found;
}

/* A name for the index checks that no object of main has. */
static char *unused_name(dg_loader *L)
{
    for (int k = 1;; k++) {
        char *name = dg_xprintf("_dalgen_check_%d", k);
        if (!dg_batch_name_taken(L, name)) return name;
        free(name);
    }
}

/* The CREATE INDEX statements checked by SQLite where they stand, under a
 * name nothing has (each index exists by now, made from its row). */
static int check_indexes(dg_loader *L, const dg_batch_stmt *v, size_t n)
{
    char *fresh = NULL;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const dg_batch_stmt *b = &v[i];
        if (b->kind != DG_REC_INDEX) continue;
        if (!fresh) fresh = unused_name(L);
        const char *text = text_of(L, b);
        char *sql = dg_xprintf("%.*s%s%.*s", (int)(b->name_at - b->start), text + b->start, fresh,
                               (int)(b->end - b->name_end), text + b->name_end);
        rc = accepted(L, sql, strlen(sql)) ? 0 : -1;
        free(sql);
    }
    free(fresh);
    return rc;
}

static int apply(dg_loader *L, const dg_batch_stmt *v, size_t n, sqlite3_int64 base)
{
    prior p;
    brows rows = {0};
    int rc = prior_read(L, &p);
    if (rc == 0 && clashes(&p, v, n)) rc = -1;
    if (rc == 0) rc = check_tables(L, v, n, base);
    if (rc == 0) rc = all_rows(L, &p, v, n, &rows);
    if (rc == 0) {
        char *del = dg_xprintf("DELETE FROM main.sqlite_schema WHERE rowid > %lld", (long long)base);
        dg_loader_writable_schema(L, true);
        rc = exec(L->db, del);
        dg_loader_writable_schema(L, false);
        free(del);
    }
    if (rc == 0) rc = write_rows(L, &rows, base);
    if (rc == 0) rc = check_indexes(L, v, n);
    rows_free(&rows);
    prior_free(&p);
    return rc;
}

/* Fewer statements than this run one by one: a batch's fixed costs (two
 * copies of the database, SQLite reading the whole schema) are not worth it
 * for them.  So are batches of fewer statements than half the rows main
 * holds: each batch has SQLite read the whole schema again, and many small
 * ones after a large schema would be quadratic. */
#define DG_BATCH_MIN 32

int dg_batch_apply(dg_loader *L, const dg_batch_stmt *v, size_t n)
{
    sqlite3_int64 size = 0, base = int_of(L, "SELECT IFNULL(MAX(rowid), 0) FROM main.sqlite_schema");
    if (n < DG_BATCH_MIN || base < 0 || (sqlite3_int64)n * 2 < base) return -1;
    if (int_of(L, "PRAGMA main.page_count") == 0) exec(L->db, "PRAGMA main.application_id = 0");   /* page 1 */
    unsigned char *before = sqlite3_serialize(L->db, "main", &size, 0);
    if (!before) return -1;
    int rc = apply(L, v, n, base);
    if (rc == 0) sqlite3_free(before);
    else if (dg_loader_deserialize(L, before, size) != 0 || !schema_reads(L)) rc = -2;   /* not even as it was */
    return rc;
}
