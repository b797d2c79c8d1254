/* The loader's database -> the schema model, in sqlite_schema order. */
#include <string.h>

#include "util/buf.h"
#include "frontend/introspect.h"

/* A term written as a double-quoted name that SQLite found to be an
 * expression: the name is no column of the table, and SQLite read it as a
 * string (its double-quoted-string fallback). The model records what SQLite
 * built, an index on the constant, so that a later schema where the name is a
 * column re-creates the index instead of keeping a b-tree of constants. */
static void constant_term(dg_loader *L, const dg_index *ix, dg_index_term *term)
{
    dg_warning(L->d, ix->loc,
               "index %s: \"%s\" names no column of %s, so SQLite indexes the string '%s' (a constant); "
               "name a column, or write the string in single quotes",
               ix->name, term->column, ix->table, term->column);
    term->expr = dg_sql_quote_string(term->column);
    free(term->column);
    term->column = NULL;
}

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
        int cid = sqlite3_column_int(st, 0);
        if (cid >= 0) {
            free(term->column);
            free(term->expr);
            term->expr = NULL;
            term->column = dg_col_text(st, 1);
        } else if (cid == -2 && term->column) {
            constant_term(L, ix, term);
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

static void read_table(dg_loader *L, const char *name, const char *sql)
{
    sqlite3_stmt *st = dg_loader_q(L, "SELECT type, wr, strict FROM pragma_table_list(?1) WHERE schema = 'main'", name);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        if (type && strcmp(type, "shadow") != 0)
            dg_introspect_table(L, name, sql, sqlite3_column_int(st, 2) != 0, sqlite3_column_int(st, 1) != 0);
    }
    dg_loader_q_done(L, st);
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
        if (!strcmp(type, "table")) read_table(L, name, sql);
        else if (!strcmp(type, "index")) read_index(L, name, table, sql);
        else if (!strcmp(type, "view") && read_view(L, name, sql) != 0) rc = -1;
        else if (!strcmp(type, "trigger")) read_trigger(L, name, table, sql);
    }
    dg_loader_q_done(L, st);
    return rc;
}
