/* The loader's database -> the schema model, in sqlite_schema order. */
#include <string.h>

#include "sql/sqltok.h"
#include "util/map.h"
#include "util/buf.h"
#include "frontend/introspect.h"

/* A term written as a double-quoted name that SQLite found to be an
 * expression: the name is no column of the table, and SQLite read it as a
 * string (its double-quoted-string fallback). The model records what SQLite
 * built, an index on the constant, so that a later schema where the name is a
 * column re-creates the index instead of keeping a b-tree of constants.  The
 * expression is +'name': in an index's column list SQLite reads a lone
 * string literal as a column name (CREATE INDEX i ON t('a') indexes column
 * a), so the model printed as SQL (schema --sql, the queries' database)
 * would name the column again, or fail with "no such column". */
static void constant_term(dg_loader *L, const dg_index *ix, dg_index_term *term)
{
    dg_warning(L->d, ix->loc,
               "index %s: \"%s\" names no column of %s, so SQLite indexes the string '%s' (a constant); "
               "name a column, or write the string in single quotes",
               ix->name, term->column, ix->table, term->column);
    char *lit = dg_sql_quote_string(term->column);
    term->expr = dg_xprintf("+%s", lit);   /* a bare 'x' in an index's list would name column x again */
    free(lit);
    free(term->column);
    term->column = NULL;
}

/* Whether every term of `ix` names a column of `t` (NULL: not known) as
 * SQLite spells it: then pragma_index_xinfo would tell what the parse did
 * (those names, DESC as written), so it is not asked. */
static bool terms_name_columns(const dg_index *ix, const dg_table *t)
{
    if (!t) return false;
    for (size_t i = 0; i < ix->terms.len; i++) {
        const char *name = ix->terms.items[i].column;
        size_t k = 0;
        while (name && k < t->columns.len && strcmp(t->columns.items[k].name, name) != 0) k++;
        if (!name || k == t->columns.len) return false;
    }
    return true;
}

/* Index `name` on `table` (the model's `t` when known), both in `schema`
 * (NULL: main); `tk` receives the tokens of `sql` (reused arrays). */
static void read_index(dg_loader *L, const char *schema, const char *name, const char *table, const dg_table *t,
                       const char *sql, dg_toks *tk)
{
    dg_toks_refill(tk, sql, strlen(sql));   /* one tokenization for the source map and the parse */
    dg_srcmap m;
    dg_srcmap_init_toks(&m, L, dg_loader_rec_in(L, DG_REC_INDEX, schema, name), tk);
    dg_index *ix = DG_VEC_ADD(&L->s->indexes);
    dg_parse_create_index_toks(tk, dg_srcmap_locate, &m, ix);
    free(ix->name);
    ix->name = dg_xstrdup(name);
    free(ix->table);
    ix->table = dg_xstrdup(table);
    ix->schema = dg_xstrdup(schema);
    sqlite3_stmt *st = terms_name_columns(ix, t) ? NULL : dg_pragma(L, "index_xinfo", name, schema);   /* seqno (0, 1, ...), cid, name, desc, coll, key */
    size_t i = 0;
    while (st && i < ix->terms.len && sqlite3_step(st) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 5) != 1) continue;   /* the rowid or primary key after the terms */
        dg_index_term *term = &ix->terms.items[i++];
        term->desc = sqlite3_column_int(st, 3) != 0;
        int cid = sqlite3_column_int(st, 1);
        if (cid >= 0) {
            free(term->column);
            free(term->expr);
            term->expr = NULL;
            term->column = dg_col_text(st, 2);
        } else if (cid == -2 && term->column) {
            constant_term(L, ix, term);
        }
    }
    sqlite3_finalize(st);
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

/* What pragma_table_list says of one schema's tables, read once: the
 * pragma with a table name walks every table to find it, so asking it per
 * table made introspection quadratic. */
typedef struct tl_row {
    char *name;
    bool  shadow, wr, strict;
} tl_row;

typedef struct table_list {
    dg_map at;             /* name -> position in rows */
    DG_VEC(tl_row) rows;
} table_list;

static void table_list_read(dg_loader *L, const char *schema, table_list *tl)
{
    memset(tl, 0, sizeof *tl);
    dg_map_init(&tl->at, false);
    sqlite3_stmt *st = dg_loader_q(L, "SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = ?1", schema);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        tl_row *r = DG_VEC_ADD(&tl->rows);
        const char *type = (const char *)sqlite3_column_text(st, 1);
        r->name = dg_col_text(st, 0);
        r->shadow = !type || strcmp(type, "shadow") == 0;
        r->wr = sqlite3_column_int(st, 2) != 0;
        r->strict = sqlite3_column_int(st, 3) != 0;
    }
    dg_loader_q_done(L, st);
    for (size_t i = 0; i < tl->rows.len; i++) dg_map_put(&tl->at, tl->rows.items[i].name, i);
}

static void table_list_free(table_list *tl)
{
    dg_map_free(&tl->at);
    for (size_t i = 0; i < tl->rows.len; i++) free(tl->rows.items[i].name);
    DG_VEC_FREE(&tl->rows);
}

/* Table `name` of schema `schema` (NULL: main; else an attached in-memory
 * one), whose pragma_table_list rows are `tl`. */
static void read_table(dg_loader *L, const table_list *tl, const char *schema, const char *name, const char *sql,
                       dg_toks *tk)
{
    size_t i;
    if (!dg_map_get(&tl->at, name, &i) || tl->rows.items[i].shadow) return;
    dg_introspect_table(L, schema, name, sql, tl->rows.items[i].strict, tl->rows.items[i].wr, tk);
}

/* The tables and indexes of the in-memory schemas the DDL attached
 * (`ATTACH ':memory:' AS baz; CREATE TABLE baz.users ...`), after main's,
 * in the order they were attached (SQLite's search order for unqualified
 * names): their model tables and indexes carry the schema (views and
 * triggers there are not read).  A table may have the name of one in main
 * or another attached schema: the pragmas are asked with the schema. */
static void read_attached(dg_loader *L, dg_toks *tk)
{
    sqlite3_stmt *dbs = NULL;
    if (sqlite3_prepare_v2(L->db, "SELECT name FROM pragma_database_list WHERE seq >= 2 ORDER BY seq", -1, &dbs, NULL))
        return;
    while (sqlite3_step(dbs) == SQLITE_ROW) {
        const char *schema = (const char *)sqlite3_column_text(dbs, 0);
        char *q = dg_sql_quote_ident(schema);
        table_list tl;
        table_list_read(L, schema, &tl);
        char *sql = dg_xprintf("SELECT name, sql, type, tbl_name FROM %s.sqlite_schema WHERE type IN ('table', "
                               "'index') AND sql IS NOT NULL "
                               "AND name NOT LIKE 'sqlite\\_%%' ESCAPE '\\' ORDER BY rowid", q);
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                const char *name = (const char *)sqlite3_column_text(st, 0);
                if (!strcmp((const char *)sqlite3_column_text(st, 2), "index")) {   /* after its table */
                    read_index(L, schema, name, (const char *)sqlite3_column_text(st, 3), NULL,
                               (const char *)sqlite3_column_text(st, 1), tk);
                    continue;
                }
                read_table(L, &tl, schema, name, (const char *)sqlite3_column_text(st, 1), tk);
            }
        }
        sqlite3_finalize(st);
        table_list_free(&tl);
        free(sql);
        free(q);
    }
    sqlite3_finalize(dbs);
}

/* The foreign key of `t` SQLite names in `msg` ("foreign key mismatch -
 * "t" referencing "parent""), NULL when none matches. */
static const dg_foreign_key *mismatched_fk(const dg_table *t, const char *msg)
{
    for (size_t i = 0; i < t->foreign_keys.len; i++) {
        const dg_foreign_key *fk = &t->foreign_keys.items[i];
        char *want = dg_xprintf("foreign key mismatch - \"%s\" referencing \"%s\"", t->name, fk->table);
        bool same = sqlite3_stricmp(want, msg) == 0;
        free(want);
        if (same) return fk;
    }
    return NULL;
}

/* A foreign key whose parent columns are neither the parent's PRIMARY KEY
 * nor UNIQUE (SQLite's "foreign key mismatch") is an error: SQLite accepts
 * the DDL, then refuses every write to the child, and every migration's
 * foreign-key check, while foreign keys are on. Found by asking SQLite
 * (pragma_foreign_key_check), once every table exists. */
/* Whether SQLite finds no foreign key mismatch in the main schema: the
 * pragma without a table reports the first one when it is prepared (it
 * stops there), so a schema without any costs one prepare instead of one
 * per table. */
static bool main_fks_match(dg_loader *L)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(L->db, "PRAGMA main.foreign_key_check", -1, &st, NULL);
    sqlite3_finalize(st);
    return rc == SQLITE_OK;
}

static int fk_mismatches(dg_loader *L)
{
    int rc = 0, main_match = -1;   /* -1: not asked yet */
    for (size_t i = 0; i < L->s->tables.len; i++) {
        const dg_table *t = &L->s->tables.items[i];
        if (!t->foreign_keys.len) continue;
        if (!t->schema && main_match < 0) main_match = main_fks_match(L);
        if (!t->schema && main_match) continue;
        sqlite3_stmt *st = dg_loader_q_in(L, "SELECT 1 FROM pragma_foreign_key_check(?1, ?2) LIMIT 1", t->name,
                                          t->schema);
        if (st && sqlite3_step(st) == SQLITE_ERROR) {
            const char *msg = sqlite3_errmsg(L->db);
            const dg_foreign_key *fk = mismatched_fk(t, msg);
            if (fk) {
                dg_buf b = DG_BUF_INIT;
                dg_buf_printf(&b, "%s(", fk->table);
                for (size_t k = 0; k < fk->to.len; k++) dg_buf_printf(&b, "%s%s", k ? ", " : "", fk->to.items[k]);
                if (fk->to.len) dg_buf_printf(&b, "), which is neither the PRIMARY KEY of %s nor UNIQUE", fk->table);
                else dg_buf_printf(&b, "its PRIMARY KEY), but %s has no PRIMARY KEY", fk->table);
                dg_error(L->d, fk->loc.line ? fk->loc : t->loc,
                         "foreign key of %s references %s (SQLite's \"foreign key mismatch\": "
                         "every write to %s fails while foreign keys are on)",
                         t->name, dg_buf_cstr(&b), t->name);
                dg_buf_free(&b);
            } else {
                dg_error(L->d, t->loc, "table %s: %s", t->name, msg);
            }
            rc = -1;
        }
        dg_loader_q_done(L, st);
    }
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
    table_list tl;
    table_list_read(L, "main", &tl);
    dg_map tables;   /* name -> position in L->s->tables */
    dg_map_init(&tables, false);
    dg_toks tk = {0};   /* each table's and index's tokens, in arrays reused */
    int rc = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *table = (const char *)sqlite3_column_text(st, 2);
        const char *sql = (const char *)sqlite3_column_text(st, 3);
        size_t at = L->s->tables.len;
        if (!sqlite3_strnicmp(name, "sqlite_", 7)) continue;
        if (!strcmp(type, "table")) {
            read_table(L, &tl, NULL, name, sql, &tk);
            if (L->s->tables.len > at) dg_map_put(&tables, L->s->tables.items[at].name, at);
        } else if (!strcmp(type, "index")) {
            read_index(L, NULL, name, table, dg_map_get(&tables, table, &at) ? &L->s->tables.items[at] : NULL, sql,
                       &tk);
        } else if (!strcmp(type, "view")) {
            if (read_view(L, name, sql) != 0) rc = -1;
        } else if (!strcmp(type, "trigger")) {
            read_trigger(L, name, table, sql);
        }
    }
    dg_loader_q_done(L, st);
    dg_map_free(&tables);
    table_list_free(&tl);
    read_attached(L, &tk);
    dg_toks_free(&tk);
    if (fk_mismatches(L) != 0) rc = -1;
    return rc;
}
