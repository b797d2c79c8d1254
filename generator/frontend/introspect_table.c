/* One table of the loader's database -> dg_table: pragma_table_list,
 * PRAGMA table_xinfo, index_list/info and foreign_key_list, completed by
 * the parse of the stored CREATE text.  The pragmas run as statements of
 * their own (dg_pragma), not through their table-valued functions: each
 * call of one prepares the same statement inside a virtual table, which
 * costs as much again. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/introspect.h"

sqlite3_stmt *dg_q(sqlite3 *db, const char *sql, const char *arg)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
    if (arg) sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    return st;
}

char *dg_col_text(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? dg_xstrdup(s) : NULL;
}

sqlite3_stmt *dg_pragma(dg_loader *L, const char *pragma, const char *arg, const char *schema)
{
    /* the text pragma_<name>(arg, schema)'s virtual table prepares for itself */
    char *sql = sqlite3_mprintf("PRAGMA %Q.%s=%Q", schema ? schema : "main", pragma, arg);
    sqlite3_stmt *st = NULL;
    if (!sql || sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK) st = NULL;
    sqlite3_free(sql);
    return st;
}

/* How often the CREATE text holds the keywords that decide which pragmas
 * to ask, as bare words: with none, no clause starts with it. */
typedef struct kw_counts {
    size_t references, unique, insert, match;
} kw_counts;

static kw_counts count_kws(const dg_toks *tk)
{
    kw_counts n = {0, 0, 0, 0};
    for (size_t i = 0; i < tk->sig.len; i++) {
        if (tk->sig.items[i].tok.kind != DG_TOK_IDENT) continue;
        n.references += dg_toks_kw(tk, i, "REFERENCES");
        n.unique += dg_toks_kw(tk, i, "UNIQUE");
        n.insert += dg_toks_kw(tk, i, "INSERT");
        n.match += dg_toks_kw(tk, i, "MATCH");
    }
    return n;
}

static void take_str(char **dst, char **src)
{
    free(*dst);
    *dst = *src;
    *src = NULL;
}

/* The column of the parse `p` named `name`: in an ordinary table SQLite's
 * i-th column is the text's i-th (names are unique there), so that one is
 * tried before the search. */
static dg_column *parsed_column(dg_table *p, size_t i, const char *name)
{
    if (!p->module && i < p->columns.len && !strcmp(p->columns.items[i].name, name)) return &p->columns.items[i];
    return dg_table_column(p, name);
}

static void columns(dg_loader *L, dg_table *t, dg_table *p)
{
    sqlite3_stmt *st = dg_pragma(L, "table_xinfo", t->name, t->schema);   /* cid, name, type, notnull, dflt_value, pk, hidden */
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        dg_column *c = DG_VEC_ADD(&t->columns);
        c->name = dg_col_text(st, 1);
        c->type = dg_col_text(st, 2);
        if (!c->type) c->type = dg_xstrdup("");
        c->affinity = dg_affinity_of(c->type);
        c->not_null = sqlite3_column_int(st, 3) != 0;
        c->pk = sqlite3_column_int(st, 5);
        int hidden = sqlite3_column_int(st, 6);
        c->hidden = hidden == 1;
        c->generated = hidden == 2 ? DG_GEN_VIRTUAL : hidden == 3 ? DG_GEN_STORED : DG_GEN_NONE;
        if (c->generated == DG_GEN_NONE) c->default_sql = dg_col_text(st, 4);
        dg_column *pc = parsed_column(p, t->columns.len - 1, c->name);
        if (!pc) continue;
        take_str(&c->collation, &pc->collation);
        if (c->generated != DG_GEN_NONE) take_str(&c->generated_expr, &pc->generated_expr);
        c->pk_desc = pc->pk_desc;
        c->autoincrement = pc->autoincrement;
        c->unique = pc->unique;
        take_str(&c->not_null_conflict, &pc->not_null_conflict);
        c->annotations = pc->annotations;
        memset(&pc->annotations, 0, sizeof pc->annotations);
        c->loc = pc->loc;
    }
    sqlite3_finalize(st);
}

static void checks(dg_table *t, dg_table *p)
{
    for (size_t i = 0; i < p->checks.len; i++) {
        dg_check *pc = &p->checks.items[i], *c = DG_VEC_ADD(&t->checks);
        *c = *pc;
        c->column = pc->column >= 0 ? dg_table_column_index(t, p->columns.items[pc->column].name) : -1;
        pc->name = pc->expr = NULL;
    }
}

typedef struct key_row {
    int    a, b;          /* the order: (pk) or (id, seq) */
    char  *text[5];       /* name; or table, from, to (NULL: the parent's key), on_update, on_delete */
} key_row;
typedef DG_VEC(key_row) key_rows;

static void key_rows_free(key_rows *r)
{
    for (size_t i = 0; i < r->len; i++)
        for (int k = 0; k < 5; k++) free(r->items[i].text[k]);
    DG_VEC_FREE(r);
}

static int cmp_pk(const void *x, const void *y)
{
    const key_row *a = x, *b = y;
    return (a->a > b->a) - (a->a < b->a);
}

/* pragma_foreign_key_list numbers keys from the last declared one: by id
 * descending, then seq. */
static int cmp_fk(const void *x, const void *y)
{
    const key_row *a = x, *b = y;
    return a->a != b->a ? (a->a < b->a) - (a->a > b->a) : (a->b > b->b) - (a->b < b->b);
}

/* The PRIMARY KEY of `parent`, in the child's schema (SQLite's rule). */
static void parent_key(dg_loader *L, const char *schema, const char *parent, dg_strings *to)
{
    key_rows r = {0};
    sqlite3_stmt *st = dg_pragma(L, "table_info", parent, schema);   /* cid, name, type, notnull, dflt_value, pk */
    while (st && sqlite3_step(st) == SQLITE_ROW)
        if (sqlite3_column_int(st, 5) > 0) {
            key_row *k = DG_VEC_ADD(&r);
            k->a = sqlite3_column_int(st, 5);
            k->text[0] = dg_col_text(st, 1);
        }
    sqlite3_finalize(st);
    if (r.len > 1) qsort(r.items, r.len, sizeof *r.items, cmp_pk);
    for (size_t i = 0; i < r.len; i++) {
        DG_VEC_PUSH(to, r.items[i].text[0]);
        r.items[i].text[0] = NULL;
    }
    key_rows_free(&r);
}

/* The column of `t` that SQLite resolves `name` to (ASCII case-insensitive,
 * as sqlite3StrICmp), NULL when none. */
static const char *column_spelling(const dg_table *t, const char *name)
{
    for (size_t i = 0; i < t->columns.len; i++)
        if (!dg_strcasecmp_ascii(t->columns.items[i].name, name)) return t->columns.items[i].name;
    return NULL;
}

/* The rows of the parsed key `fk` of `t` (SQLite's id `id`) added to `r`;
 * false when a column does not resolve or the lists differ in length. */
static bool fk_add_rows(const dg_table *t, const dg_foreign_key *fk, int id, key_rows *r)
{
    if (!fk->columns.len || (fk->to.len && fk->to.len != fk->columns.len)) return false;
    for (size_t k = 0; k < fk->columns.len; k++) {
        const char *from = column_spelling(t, fk->columns.items[k]);
        if (!from) return false;
        key_row *row = DG_VEC_ADD(r);
        row->a = id;
        row->b = (int)k;
        row->text[0] = dg_xstrdup(fk->table);
        row->text[1] = dg_xstrdup(from);
        row->text[2] = fk->to.len ? dg_xstrdup(fk->to.items[k]) : NULL;
        row->text[3] = dg_xstrdup(fk->on_update ? fk->on_update : "NO ACTION");
        row->text[4] = dg_xstrdup(fk->on_delete ? fk->on_delete : "NO ACTION");
    }
    return true;
}

/* The rows pragma_foreign_key_list would give, made from the parse `p` of
 * `t`'s text; false (and none) when the parse may not say what SQLite
 * built: a virtual table, a source that ran ALTER TABLE ADD COLUMN (the
 * order of keys) or other pragmas, a REFERENCES the parse did not read as a
 * key, ON INSERT or MATCH (clauses it skips), a column it cannot resolve.
 * SQLite's order is the text's: ids count from the last key; actions left
 * out are NO ACTION; `to` is NULL when the parent's key is implied. */
static bool fk_rows_parsed(const dg_loader *L, const dg_table *t, const dg_table *p, const kw_counts *kw,
                           key_rows *r)
{
    if (p->module || L->add_columns || L->stateful || kw->references != p->foreign_keys.len || kw->insert ||
        kw->match)
        return false;
    for (size_t i = 0; i < p->foreign_keys.len; i++)
        if (!fk_add_rows(t, &p->foreign_keys.items[i], (int)(p->foreign_keys.len - 1 - i), r)) {
            key_rows_free(r);
            memset(r, 0, sizeof *r);
            return false;
        }
    return true;
}

/* The rows of pragma_foreign_key_list for `t`, in cmp_fk's order; none
 * when its CREATE text has no REFERENCES (`kw`) (the only clause that makes
 * one); from the parse `p` when it tells them. */
static void fk_rows(dg_loader *L, const dg_table *t, const dg_table *p, const kw_counts *kw, key_rows *r)
{
    if (!kw->references || fk_rows_parsed(L, t, p, kw, r)) return;
    sqlite3_stmt *st = dg_pragma(L, "foreign_key_list", t->name, t->schema);
    while (st && sqlite3_step(st) == SQLITE_ROW) {   /* id, seq, table, from, to, on_update, on_delete, match */
        key_row *k = DG_VEC_ADD(r);
        k->a = sqlite3_column_int(st, 0);
        k->b = sqlite3_column_int(st, 1);
        for (int i = 0; i < 5; i++) k->text[i] = dg_col_text(st, i + 2);
    }
    sqlite3_finalize(st);
    if (r->len > 1) qsort(r->items, r->len, sizeof *r->items, cmp_fk);
}

static char *take(char **p)
{
    char *v = *p;
    *p = NULL;
    return v;
}

static void foreign_keys(dg_loader *L, dg_table *t, dg_table *p, const kw_counts *kw)
{
    key_rows r = {0};
    fk_rows(L, t, p, kw, &r);
    int last = -1;
    bool unresolved = false;
    dg_foreign_key *fk = NULL;
    for (size_t i = 0; i < r.len; i++) {
        key_row *k = &r.items[i];
        if (!fk || k->a != last) {
            if (fk && unresolved) parent_key(L, t->schema, fk->table, &fk->to);
            fk = DG_VEC_ADD(&t->foreign_keys);
            last = k->a;
            unresolved = k->text[2] == NULL;
            fk->to_implicit = unresolved;
            fk->table = take(&k->text[0]);
            fk->on_update = take(&k->text[3]);
            fk->on_delete = take(&k->text[4]);
        }
        DG_VEC_PUSH(&fk->columns, take(&k->text[1]));
        if (!unresolved) DG_VEC_PUSH(&fk->to, take(&k->text[2]));
    }
    if (fk && unresolved) parent_key(L, t->schema, fk->table, &fk->to);
    key_rows_free(&r);
    if (t->foreign_keys.len != p->foreign_keys.len) return;
    for (size_t i = 0; i < p->foreign_keys.len; i++) {
        dg_foreign_key *a = &t->foreign_keys.items[i], *b = &p->foreign_keys.items[i];
        take_str(&a->name, &b->name);
        take_str(&a->deferrable_sql, &b->deferrable_sql);
        take_str(&a->match, &b->match);
        a->deferrable = b->deferrable;
        a->loc = b->loc;
    }
}

static bool same_columns(const dg_strings *a, const dg_strings *b)
{
    if (a->len != b->len) return false;
    for (size_t i = 0; i < a->len; i++)
        if (dg_strcasecmp_ascii(a->items[i], b->items[i])) return false;
    return true;
}

static int autoindex_number(const char *name)
{
    const char *u = strrchr(name, '_');
    return u ? atoi(u + 1) : 0;
}

static int cmp_autoindex(const void *a, const void *b)
{
    return autoindex_number(*(char *const *)a) - autoindex_number(*(char *const *)b);
}

/* UNIQUE constraints are the indexes of origin 'u', in creation order. */
static void uniques(dg_loader *L, dg_table *t, dg_table *p, const kw_counts *kw)
{
    dg_strings names = {0};
    /* only a UNIQUE clause makes an index of origin 'u' */
    sqlite3_stmt *st = !kw->unique ? NULL : dg_pragma(L, "index_list", t->name, t->schema);
    while (st && sqlite3_step(st) == SQLITE_ROW) {   /* seq, name, unique, origin, partial */
        const char *origin = (const char *)sqlite3_column_text(st, 3);
        if (origin && !strcmp(origin, "u")) DG_VEC_PUSH(&names, dg_col_text(st, 1));
    }
    sqlite3_finalize(st);
    if (names.len > 1) qsort(names.items, names.len, sizeof *names.items, cmp_autoindex);
    bool *used = dg_xcalloc(p->uniques.len + 1, sizeof *used);
    for (size_t i = 0; i < names.len; i++) {
        dg_unique *u = DG_VEC_ADD(&t->uniques);
        st = dg_pragma(L, "index_info", names.items[i], t->schema);   /* seqno (0, 1, ...), cid, name */
        while (st && sqlite3_step(st) == SQLITE_ROW) DG_VEC_PUSH(&u->columns, dg_col_text(st, 2));
        sqlite3_finalize(st);
        for (size_t k = 0; k < p->uniques.len; k++) {
            dg_unique *pu = &p->uniques.items[k];
            if (used[k] || !same_columns(&u->columns, &pu->columns)) continue;
            used[k] = true;
            take_str(&u->name, &pu->name);
            take_str(&u->conflict, &pu->conflict);
            u->loc = pu->loc;
            break;
        }
    }
    free(used);
    dg_strings_free(&names);
}

/* Locations that the stored text could not map (columns added by ALTER
 * TABLE, renamed tables) come from the ALTER statement or the table. */
static void fill_locations(dg_loader *L, dg_table *t)
{
    for (size_t i = 0; i < t->columns.len; i++) {
        dg_column *c = &t->columns.items[i];
        if (c->loc.line > 0) continue;
        const dg_stmt_rec *r = dg_loader_add_column_rec(L, t->name, c->name);
        c->loc = r ? dg_loader_loc(L, r->file, r->name_off) : t->loc;
        for (size_t k = 0; k < c->annotations.len; k++)
            if (c->annotations.items[k].loc.line == 0) c->annotations.items[k].loc = c->loc;
    }
    for (size_t i = 0; i < t->checks.len; i++) {
        dg_check *c = &t->checks.items[i];
        if (c->loc.line == 0) c->loc = c->column >= 0 ? t->columns.items[c->column].loc : t->loc;
    }
    for (size_t i = 0; i < t->foreign_keys.len; i++)
        if (t->foreign_keys.items[i].loc.line == 0) t->foreign_keys.items[i].loc = t->loc;
    for (size_t i = 0; i < t->uniques.len; i++)
        if (t->uniques.items[i].loc.line == 0) t->uniques.items[i].loc = t->loc;
    for (size_t i = 0; i < t->annotations.len; i++)
        if (t->annotations.items[i].loc.line == 0) t->annotations.items[i].loc = t->loc;
}

void dg_add_above(dg_annotations *to, const dg_stmt_rec *rec, dg_annotations *inside)
{
    if (rec)
        for (size_t i = 0; i < rec->above.len; i++) {
            const dg_annotation *a = &rec->above.items[i];
            dg_annotations_add(to, a->key, a->value, a->loc);
            to->items[to->len - 1].above = true;
        }
    for (size_t i = 0; i < inside->len; i++) DG_VEC_PUSH(to, inside->items[i]);
    DG_VEC_FREE(inside);
}

/* A comment after the ';' belongs to the column on its line, or to the
 * table when it is on the CREATE line or on no column's line. */
static void add_trailing(dg_table *t, const dg_stmt_rec *rec)
{
    if (!rec) return;
    for (size_t i = 0; i < rec->trailing.len; i++) {
        const dg_annotation *a = &rec->trailing.items[i];
        dg_annotations *to = &t->annotations;
        for (size_t k = 0; k < t->columns.len && a->loc.line != t->loc.line; k++)
            if (t->columns.items[k].loc.line == a->loc.line) to = &t->columns.items[k].annotations;
        dg_annotations_add(to, a->key, a->value, a->loc);
        to->items[to->len - 1].above = true;
    }
}

/* `ALTER TABLE t ADD COLUMN c ...; -- @key value`: the comment after the
 * ';' belongs to the added column (files only). */
static void add_column_trailing(dg_loader *L, dg_table *t)
{
    for (size_t i = 0; i < t->columns.len; i++) {
        dg_column *c = &t->columns.items[i];
        const dg_stmt_rec *r = dg_loader_add_column_rec(L, t->name, c->name);
        for (size_t k = 0; r && k < r->trailing.len; k++) {
            const dg_annotation *a = &r->trailing.items[k];
            dg_annotations_add(&c->annotations, a->key, a->value, a->loc);
            c->annotations.items[c->annotations.len - 1].above = true;
        }
    }
}

void dg_introspect_table(dg_loader *L, const char *schema, const char *name, const char *sql, bool strict,
                         bool without_rowid, dg_toks *tk)
{
    const dg_stmt_rec *rec = dg_loader_rec_in(L, DG_REC_TABLE, schema, name);
    dg_toks_refill(tk, sql, strlen(sql));   /* one tokenization for the source map, the parse and count_kws */
    dg_srcmap m;
    dg_srcmap_init_toks(&m, L, rec, tk);
    dg_table p = {0};
    dg_annotations stray = {0};
    dg_parse_create_table_toks(tk, dg_srcmap_locate, &m, &p, &stray);
    for (size_t i = 0; i < stray.len; i++)
        dg_warning(L->d, stray.items[i].loc, "annotation @%s is ignored: it is not on or right above a column",
                   stray.items[i].key);
    dg_annotations_free(&stray);
    dg_table *t = DG_VEC_ADD(&L->s->tables);
    t->name = dg_xstrdup(name);
    t->schema = dg_xstrdup(schema);
    t->strict = strict;
    t->without_rowid = without_rowid;
    t->loc = rec && m.rec ? dg_loader_loc(L, rec->file, rec->start) : p.loc;
    take_str(&t->sql, &p.sql);
    take_str(&t->module, &p.module);
    take_str(&t->module_args, &p.module_args);
    take_str(&t->pk_name, &p.pk_name);
    take_str(&t->pk_conflict, &p.pk_conflict);
    t->pk_terms = p.pk_terms;
    memset(&p.pk_terms, 0, sizeof p.pk_terms);
    dg_add_above(&t->annotations, rec, &p.annotations);
    columns(L, t, &p);
    checks(t, &p);
    kw_counts kw = count_kws(tk);
    foreign_keys(L, t, &p, &kw);
    uniques(L, t, &p, &kw);
    fill_locations(L, t);
    if (m.rec) add_trailing(t, rec);
    add_column_trailing(L, t);
    dg_table_free(&p);
    dg_srcmap_free(&m);
}
