/* The loader's database -> the schema model, in sqlite_schema order. */
#include <string.h>

#include "sql/sqltok.h"
#include "util/buf.h"
#include "frontend/introspect.h"

static void read_index(dg_loader *L, const char *name, const char *table, const char *sql)
{
    dg_srcmap m;
    dg_srcmap_init(&m, L, dg_loader_rec(L, DG_REC_INDEX, name), sql);
    dg_index *ix = DG_VEC_ADD(&L->s->indexes);
    dg_parse_create_index(sql, dg_srcmap_locate, &m, ix);
    free(ix->name);
    ix->name = dg_xstrdup(name);
    free(ix->table);
    ix->table = dg_xstrdup(table);
    sqlite3_stmt *st = dg_loader_q(L, "SELECT cid, name, \"desc\" FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno", name);
    for (size_t i = 0; st && sqlite3_step(st) == SQLITE_ROW && i < ix->terms.len; i++) {
        dg_index_term *term = &ix->terms.items[i];
        term->desc = sqlite3_column_int(st, 2) != 0;
        if (sqlite3_column_int(st, 0) >= 0) {
            free(term->column);
            free(term->expr);
            term->expr = NULL;
            term->column = dg_col_text(st, 1);
        }
    }
    dg_loader_q_done(L, st);
    dg_srcmap_free(&m);
}

static int read_view(dg_loader *L, const char *name, const char *sql)
{
    const dg_stmt_rec *rec = dg_loader_rec(L, DG_REC_VIEW, name);
    dg_srcmap m;
    dg_srcmap_init(&m, L, rec, sql);
    dg_view *v = DG_VEC_ADD(&L->s->views);
    dg_annotations inside = {0};
    dg_parse_create_view(sql, dg_srcmap_locate, &m, v);
    inside = v->annotations;
    memset(&v->annotations, 0, sizeof v->annotations);
    dg_add_above(&v->annotations, rec, &inside);
    free(v->name);
    v->name = dg_xstrdup(name);
    char *q = dg_sql_quote_ident(name);
    char *select = dg_xprintf("SELECT * FROM %s", q);
    sqlite3_stmt *st = NULL;
    int rc = dg_prepare_checked(L, DG_REC_VIEW, v->name, v->sql, v->loc, select, &st);
    for (int i = 0; st && i < sqlite3_column_count(st); i++) {
        dg_view_column *c = DG_VEC_ADD(&v->columns);
        c->name = dg_xstrdup(sqlite3_column_name(st, i));
        c->decltype = dg_xstrdup(sqlite3_column_decltype(st, i));
        c->affinity = dg_affinity_of(c->decltype);
    }
    sqlite3_finalize(st);
    free(select);
    free(q);
    dg_srcmap_free(&m);
    return rc;
}

static void read_trigger(dg_loader *L, const char *name, const char *table, const char *sql)
{
    dg_srcmap m;
    dg_srcmap_init(&m, L, dg_loader_rec(L, DG_REC_TRIGGER, name), sql);
    dg_trigger *tr = DG_VEC_ADD(&L->s->triggers);
    dg_parse_create_trigger(sql, dg_srcmap_locate, &m, tr, NULL);
    free(tr->name);
    tr->name = dg_xstrdup(name);
    free(tr->table);
    tr->table = dg_xstrdup(table);
    dg_srcmap_free(&m);
}

/* Table `name` of schema `schema` (main, or an attached in-memory one). */
static void read_table(dg_loader *L, const char *schema, const char *name, const char *sql)
{
    sqlite3_stmt *st = dg_loader_q(L, "SELECT type, wr, strict FROM pragma_table_list(?1) WHERE schema = ?2", name);
    if (st) sqlite3_bind_text(st, 2, schema, -1, SQLITE_TRANSIENT);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        if (type && strcmp(type, "shadow") != 0) {
            dg_introspect_table(L, name, sql, sqlite3_column_int(st, 2) != 0, sqlite3_column_int(st, 1) != 0);
            if (strcmp(schema, "main") != 0) L->s->tables.items[L->s->tables.len - 1].schema = dg_xstrdup(schema);
        }
    }
    dg_loader_q_done(L, st);
}

/* The tables and indexes of the in-memory schemas the DDL attached
 * (`ATTACH ':memory:' AS baz; CREATE TABLE baz.users ...`), after main's:
 * their model tables carry the schema (views and triggers there are not
 * read).  The pragma functions that read a table find it by its
 * name alone, so a name may be in one schema only. */
static int read_attached(dg_loader *L)
{
    sqlite3_stmt *dbs = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(L->db, "SELECT name FROM pragma_database_list WHERE seq >= 2 ORDER BY seq", -1, &dbs, NULL))
        return 0;
    while (sqlite3_step(dbs) == SQLITE_ROW) {
        const char *schema = (const char *)sqlite3_column_text(dbs, 0);
        char *q = dg_sql_quote_ident(schema);
        char *sql = dg_xprintf("SELECT name, sql, type, tbl_name FROM %s.sqlite_schema WHERE type IN ('table', "
                               "'index') AND sql IS NOT NULL "
                               "AND name NOT LIKE 'sqlite\\_%%' ESCAPE '\\' ORDER BY rowid", q);
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                const char *name = (const char *)sqlite3_column_text(st, 0);
                if (!strcmp((const char *)sqlite3_column_text(st, 2), "index")) {   /* after its table */
                    read_index(L, name, (const char *)sqlite3_column_text(st, 3),
                               (const char *)sqlite3_column_text(st, 1));
                    continue;
                }
                const dg_table *same = dg_schema_table(L->s, name);
                if (same) {
                    dg_error(L->d, same->loc, "table %s is in schema main and in the attached schema %s: a table "
                             "name may be in one schema only", name, schema);
                    rc = -1;
                    continue;
                }
                read_table(L, schema, name, (const char *)sqlite3_column_text(st, 1));
            }
        }
        sqlite3_finalize(st);
        free(sql);
        free(q);
    }
    sqlite3_finalize(dbs);
    return rc;
}

int dg_introspect(dg_loader *L)
{
    dg_loader_index_recs(L);
    sqlite3_stmt *st = dg_loader_q(L,
        "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid", NULL);
    if (!st) {
        dg_loc none = {NULL, 0, 0};
        dg_error(L->d, none, "cannot read the schema: %s", sqlite3_errmsg(L->db));
        return -1;
    }
    int rc = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *table = (const char *)sqlite3_column_text(st, 2);
        const char *sql = (const char *)sqlite3_column_text(st, 3);
        if (!sqlite3_strnicmp(name, "sqlite_", 7)) continue;
        if (!strcmp(type, "table")) read_table(L, "main", name, sql);
        else if (!strcmp(type, "index")) read_index(L, name, table, sql);
        else if (!strcmp(type, "view") && read_view(L, name, sql) != 0) rc = -1;
        else if (!strcmp(type, "trigger")) read_trigger(L, name, table, sql);
    }
    dg_loader_q_done(L, st);
    if (read_attached(L) != 0) rc = -1;
    return rc;
}
