/* view_funcs.c - the finishing pass of a table or view object: once the
 * validators have marked enum fields, decide every function's SQL, binds and
 * reads (insert and upsert: view_insert.c). */

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/sqltok.h"
#include "util/buf.h"
#include "c/template.h"
#include "c/view_tab.h"

typedef dg_ints ints;
typedef dg_tab tab;

/* o->params, replaced (both in the arena) */
static void set_params(dg_vfunc *o, char *params)
{
    o->params = params;
}

/* ---- fields ------------------------------------------------------------ */

static int field_of(tab *x, const char *column)
{
    for (size_t i = 0; i < x->f.len; i++)
        if (!strcmp(x->f.items[i].column, column)) return (int)i;
    for (size_t i = 0; i < x->f.len; i++)
        if (!dg_strcasecmp_ascii(x->f.items[i].column, column)) return (int)i;
    return -1;
}

/* ---- SQL pieces -------------------------------------------------------- */

static char *fields_suffix(tab *x, const ints *idx)
{
    dg_buf_clear(&x->tmp);
    for (size_t i = 0; i < idx->len; i++) dg_buf_cat(&x->tmp, i ? "_and_" : "", x->f.items[idx->items[i]].name, NULL);
    return dg_va_buf(x->v->a, &x->tmp);
}

/* Binds of the fields `idx` from parameters, starting at SQL index *n. */
static void bind_params(tab *x, dg_vbinds *binds, const ints *idx, const char *st, bool copy, int *n)
{
    if (x->pg) st = x->st, copy = false;   /* PostgreSQL: the parameter block, sent before the call returns */
    for (size_t i = 0; i < idx->len; i++)
        dg_tab_add_bind(binds, NULL, dg_tab_bind(x, &x->f.items[idx->items[i]], (*n)++, "", st, copy));
}

/* ---- readers ----------------------------------------------------------- */

static void build_reads(tab *x)
{
    bool text = false;
    for (size_t i = 0; i < x->f.len; i++) {
        dg_cbind *f = &x->f.items[i];
        /* cond holds what follows the read (an enum's conversion) */
        char *after = dg_cbind_read_enum_after(f, "out->", "    ");
        text = text || after;
        dg_tab_add_bind(&x->vt->reads, dg_va_strdup(x->v->a, after), dg_tab_read(x, f, (int)i, "out->"));
        free(after);
        if (x->pg) dg_tab_pg_result(x->v->a, &x->vt->pg_results, &x->vt->nresults, f);
    }
    x->vt->enum_text = text;
}

/* ---- lists ------------------------------------------------------------- */

/* A list's WHERE beyond equality on `by` (a partial index's condition, an
 * FTS MATCH) and its ORDER BY (NULL: the table's). */
typedef struct list_sql {
    const char *where;
    const char *order;
} list_sql;

static char *list_select(tab *x, const ints *by, list_sql q)
{
    dg_buf sql = DG_BUF_INIT;
    dg_buf_cat(&sql, "SELECT ", x->cols, "\nFROM ", x->qtable, (char *)NULL);
    char *w = by && by->len ? dg_tab_where_eq(x, by) : NULL;
    if (w && q.where) dg_buf_cat(&sql, "\nWHERE ", w, " AND (", q.where, ")", (char *)NULL);
    else if (w || q.where) dg_buf_cat(&sql, "\nWHERE ", w ? w : q.where, (char *)NULL);
    const char *order = q.order ? q.order : x->order;
    if (order) dg_buf_cat(&sql, "\nORDER BY ", order, (char *)NULL);
    char *r = dg_va_buf(x->v->a, &sql);
    dg_buf_free(&sql);
    return r;
}

static dg_vfunc *add_list(tab *x, dg_vfuncs *lists, const char *verb, const ints *by, list_sql q)
{
    dg_vfunc *o = dg_tab_func(x, DG_VEC_ADD(lists), verb, list_select(x, by, q));
    int n = 1;
    if (by) {
        set_params(o, dg_tab_params(x, by));
        bind_params(x, &o->binds, by, "it->it.st", true, &n);
        if (x->pg) dg_tab_pg_types_idx(x, o, by);
    }
    return o;
}

/* FTS5's match(query), ranked. */
static void add_match(tab *x, dg_vfuncs *lists)
{
    char *w = DG_VA_CAT(x->v->a, x->qtable, " MATCH ?");
    dg_vfunc *o = add_list(x, lists, "match", NULL, (list_sql){w, "rank"});
    set_params(o, dg_va_strdup(x->v->a, ", const char *query"));
    dg_tab_add_bind(&o->binds, NULL, dg_va_strdup(x->v->a, "dal_bind_text_copy(db, it->it.st, 1, query)"));
}

/* ---- finders ----------------------------------------------------------- */

/* A get_by / list_by: equality on `cols`, and for one derived from an index,
 * the index's WHERE when it is partial (the finder is named with `tag`) and,
 * for a leftmost prefix of it, the rest of the index as its ORDER BY. */
typedef struct finder {
    ints        cols;
    bool        unique;
    const char *where;   /* a partial index's condition (borrowed), NULL: none */
    char       *tag;     /* the name part of that condition (in the arena) */
    char       *order;   /* a prefix finder's ORDER BY (in the arena), NULL: the table's */
    const char *index;   /* the index it is derived from (borrowed), NULL: none named */
} finder;

typedef DG_VEC(finder) finders;

static bool same_cols(const ints *a, const ints *b)
{
    return a->len == b->len && !memcmp(a->items, b->items, a->len * sizeof *a->items);
}

static bool same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

static void finder_free(finder *f)
{
    DG_VEC_FREE(&f->cols);
}

/* Adds f unless an equal one exists (equal columns and condition): a unique
 * one makes it unique, an index's order and name fill what it lacks.  Not
 * for the primary key's own columns.  Takes f. */
static void add_finder(tab *x, finders *fs, finder f)
{
    if (!f.cols.len || (same_cols(&f.cols, &x->pk) && !f.where)) {
        finder_free(&f);
        return;
    }
    for (size_t i = 0; i < fs->len; i++) {
        finder *e = &fs->items[i];
        if (!same_cols(&e->cols, &f.cols) || !same_str(e->where, f.where)) continue;
        e->unique = e->unique || f.unique;
        if (!e->order) e->order = f.order, f.order = NULL;
        if (!e->index) e->index = f.index;
        finder_free(&f);
        return;
    }
    DG_VEC_PUSH(fs, f);
}

/* The fields of `names[0, n)`; false (cols empty) when one is not a field. */
static bool cols_of(tab *x, const char *const *names, size_t n, ints *cols)
{
    for (size_t i = 0; i < n; i++) {
        int k = names[i] ? field_of(x, names[i]) : -1;
        if (k < 0) {
            DG_VEC_FREE(cols);
            return false;
        }
        DG_VEC_PUSH(cols, k);
    }
    return true;
}
static bool strip_prefix(char *s, const char *p)
{
    size_t n = strlen(p);
    if (strncmp(s, p, n) != 0 || !s[n]) return false;
    memmove(s, s + n, strlen(s + n) + 1);
    return true;
}

static bool strip_suffix(char *s, const char *p)
{
    size_t n = strlen(p), len = strlen(s);
    if (len <= n || strcmp(s + len - n, p) != 0) return false;
    s[len - n] = '\0';
    return true;
}

/* The name part of a partial index's condition (docs/generate.md): the
 * index's name in snake_case without idx_/ix_/index_/uniq_ or _idx/_ix/
 * _index/_key and without the table's name in front ("idx_live" and
 * "history_live_idx" -> "live"); "partial" when nothing else is left. */
static char *partial_tag(tab *x, const dg_index *ix, const ints *cols)
{
    static const char *const pre[] = {"idx_", "ix_", "index_", "uniq_", "unique_", "uidx_", "ux_"};
    static const char *const suf[] = {"_idx", "_ix", "_index", "_key", "_uniq", "_unique"};
    char *s = dg_snake_case(ix->name), *table = dg_snake_case(x->name);
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) strip_prefix(s, pre[i]);
    for (size_t i = 0; i < sizeof suf / sizeof *suf; i++) strip_suffix(s, suf[i]);
    char *head = dg_xprintf("%s_", table);
    if (!strip_prefix(s, head) && !strcmp(s, table)) *s = '\0';
    char *fields = dg_tab_join_fields(x, cols, "_");
    char *tag = dg_va_strdup(x->v->a, !*s || !strcmp(s, fields) ? "partial" : s);
    free(s);
    free(head);
    free(table);
    return tag;
}

/* The ORDER BY of the finder on the first k terms of ix: the other terms as
 * the index has them, then the primary key where the index holds it (a
 * rowid alias, a WITHOUT ROWID key), so SQLite reads the index in order. */
static char *prefix_order(tab *x, const dg_index *ix, size_t k)
{
    dg_buf b = DG_BUF_INIT;
    for (size_t i = k; i < ix->terms.len; i++) {
        const dg_index_term *tm = &ix->terms.items[i];
        char *q = dg_sql_quote(tm->column);
        dg_buf_cat(&b, b.len ? ", " : "", q, NULL);
        if (tm->collation) dg_buf_cat(&b, " COLLATE ", tm->collation, NULL);
        if (tm->desc) dg_buf_puts(&b, " DESC");
        free(q);
    }
    bool keyed = dg_table_has_rowid_alias(x->t) || x->t->without_rowid;
    for (size_t i = 0; keyed && i < x->pk.len; i++) {
        const char *col = x->f.items[x->pk.items[i]].column;
        bool in = false;
        for (size_t j = 0; j < ix->terms.len && !in; j++) in = !dg_strcasecmp_ascii(ix->terms.items[j].column, col);
        if (!in) dg_buf_cat(&b, b.len ? ", " : "", x->f.items[x->pk.items[i]].quoted, NULL);
    }
    char *r = dg_va_buf(x->v->a, &b);
    dg_buf_free(&b);
    return r;
}

/* An index's finders: on all its columns (unique when the index is: a
 * partial unique index is unique among the rows its condition keeps), and
 * on each leftmost prefix, ordered by the rest.  Indexes with expression
 * terms give none. */
static void index_finders(tab *x, finders *fs, const dg_index *ix)
{
    const char **names = dg_xcalloc(ix->terms.len + 1, sizeof *names);
    for (size_t k = 0; k < ix->terms.len; k++) names[k] = ix->terms.items[k].column;
    for (size_t k = ix->terms.len; k >= 1; k--) {
        finder f = {{0}, k == ix->terms.len && ix->unique, ix->where, NULL, NULL, ix->name};
        if (!cols_of(x, names, k, &f.cols)) break;
        if (ix->where) f.tag = partial_tag(x, ix, &f.cols);
        if (k < ix->terms.len) f.order = prefix_order(x, ix, k);
        add_finder(x, fs, f);
    }
    free(names);
}

/* The primary key as an index (for its prefixes: a composite key's first
 * columns list the rows in key order). */
static void pk_finders(tab *x, finders *fs)
{
    if (x->pk.len < 2) return;
    dg_index pk = {0};
    pk.name = (char *)"primary key";
    for (size_t i = 0; i < x->pk.len; i++) {
        dg_index_term tm = {0};
        tm.column = (char *)x->f.items[x->pk.items[i]].column;
        DG_VEC_PUSH(&pk.terms, tm);
    }
    index_finders(x, fs, &pk);
    for (size_t i = 0; i < fs->len; i++)
        if (fs->items[i].index == pk.name) fs->items[i].index = NULL;   /* not a named index */
    DG_VEC_FREE(&pk.terms);
}

/* UNIQUE constraints -> get_by; indexes -> get_by (unique) and list_by on
 * every leftmost prefix; the primary key's prefixes; foreign keys -> list_by. */
static void collect_finders(tab *x, finders *fs)
{
    const dg_table *t = x->t;
    const dg_schema *s = x->v->s;
    for (size_t i = 0; i < t->uniques.len; i++) {
        finder f = {{0}, true, NULL, NULL, NULL, NULL};
        const dg_strings *c = &t->uniques.items[i].columns;
        if (cols_of(x, (const char *const *)c->items, c->len, &f.cols)) add_finder(x, fs, f);
    }
    pk_finders(x, fs);
    const dg_schema_lookup *lk = x->v->lookup;
    for (size_t i = dg_lookup_first_index(lk, t); i != SIZE_MAX; i = dg_lookup_next_index(lk, i))
        index_finders(x, fs, &s->indexes.items[i]);
    for (size_t i = 0; i < t->foreign_keys.len; i++) {
        finder f = {{0}, false, NULL, NULL, NULL, NULL};
        const dg_strings *c = &t->foreign_keys.items[i].columns;
        if (cols_of(x, (const char *const *)c->items, c->len, &f.cols)) add_finder(x, fs, f);
    }
}

/* Fills o (allocated when NULL); returns it.  `where`: a partial index's
 * condition, NULL for none. */
static dg_vfunc *build_get(tab *x, const char *verb, const ints *by, const char *where, dg_vfunc *o)
{
    char *w = dg_tab_where_eq(x, by);
    char *sql = DG_VA_CAT(x->v->a, "SELECT ", x->cols, "\nFROM ", x->qtable, "\nWHERE ", w, where ? " AND (" : "",
                          where ? where : "", where ? ")" : "");
    o = dg_tab_func(x, o, verb, sql);
    int n = 1;
    set_params(o, dg_tab_params(x, by));
    bind_params(x, &o->binds, by, "st", false, &n);
    if (x->pg) dg_tab_pg_types_idx(x, o, by);
    return o;
}

/* What a finder's comment says beyond its name: its condition and order. */
static char *finder_doc(tab *x, const finder *f)
{
    if (!f->where && !f->order) return NULL;
    dg_buf b = DG_BUF_INIT;
    dg_buf_puts(&b, f->unique ? "The row" : "Rows");
    if (f->where) dg_buf_cat(&b, " where ", f->where, NULL);
    if (f->order) dg_buf_cat(&b, f->where ? "," : "", " ordered by ", f->order, NULL);
    if (f->index) dg_buf_cat(&b, " (index ", f->index, ")", NULL);
    dg_buf_puts(&b, f->unique ? "; DAL_NOTFOUND if none." : ".");
    char *r = dg_va_buf(x->v->a, &b);
    dg_buf_free(&b);
    return r;
}

typedef DG_VEC(const char *) verb_list;

static bool has_string(const verb_list *v, const char *s)
{
    for (size_t i = 0; i < v->len; i++)
        if (!strcmp(v->items[i], s)) return true;
    return false;
}

static void build_finders(tab *x, dg_vfuncs *lists)
{
    finders fs = {0};
    collect_finders(x, &fs);
    verb_list verbs = {0};   /* in the arena */
    for (size_t i = 0; i < fs.len; i++) {
        finder *f = &fs.items[i];
        char *sfx = fields_suffix(x, &f->cols);
        char *verb = DG_VA_CAT(x->v->a, f->unique ? "get" : "list", "_by_", sfx, f->tag ? "_" : "", f->tag ? f->tag : "");
        for (int k = 2; has_string(&verbs, verb); k++)   /* a column named like a tag */
            verb = dg_va_printf(x->v->a, "%s_by_%s_%s_%d", f->unique ? "get" : "list", sfx, f->tag ? f->tag : "where", k);
        DG_VEC_PUSH(&verbs, verb);
        dg_vfunc *o = f->unique ? build_get(x, verb, &f->cols, f->where, DG_VEC_ADD(&x->vt->get_by))
                                : add_list(x, lists, verb, &f->cols, (list_sql){f->where, f->order});
        o->doc = finder_doc(x, f);
        o->index = f->index;
        finder_free(f);
    }
    DG_VEC_FREE(&verbs);
    DG_VEC_FREE(&fs);
}

/* ---- writes ------------------------------------------------------------ */

/* UPDATE of every writable non-key column; a NOT NULL column with a DEFAULT
 * left unset (has_ false, NULL pointer) keeps its value. */
static void build_update(tab *x)
{
    dg_buf set = DG_BUF_INIT;
    ints w = {0};
    for (size_t i = 0; i < x->f.len; i++) {
        dg_cbind *f = &x->f.items[i];
        if (f->readonly || f->pk || (int)i == x->rec.created || (int)i == x->rec.version) continue;
        DG_VEC_PUSH(&w, (int)i);
        const dg_column *c = x->vt->fx.items[i].col;
        const char *ph = dg_tab_ph(x, f, (int)w.len);
        if (c && c->not_null && f->default_sql)
            dg_buf_cat(&set, set.len ? ", " : "", f->quoted, " = COALESCE(", ph, ", ", f->quoted, ")", NULL);
        else
            dg_buf_cat(&set, set.len ? ", " : "", f->quoted, " = ", ph, NULL);
    }
    if (w.len) {
        char *where = dg_tab_where_eq_at(x, &x->pk, (int)w.len + 1);
        const dg_cbind *ver = x->rec.version >= 0 ? &x->f.items[x->rec.version] : NULL;
        if (ver) dg_buf_cat(&set, ", ", ver->quoted, " = ", ver->quoted, " + 1", (char *)NULL);
        dg_vfunc *o = dg_tab_func(x, NULL, "update",
                                  DG_VA_CAT(x->v->a, "UPDATE ", x->qtable, "\nSET ", dg_buf_cstr(&set), "\nWHERE ", where,
                                            ver ? " AND " : "", ver ? ver->quoted : "", ver ? " = ?" : ""));
        dg_vbinds *binds = &o->binds;
        int n = 1;
        for (size_t i = 0; i < w.len; i++)
            dg_tab_add_bind(binds, NULL, dg_tab_bind_write(x, w.items[i], n++));
        for (size_t i = 0; i < x->pk.len; i++)
            dg_tab_add_bind(binds, NULL, dg_tab_bind(x, &x->f.items[x->pk.items[i]], n++, "row->", x->st, false));
        if (x->pg) dg_tab_pg_types_idx(x, o, &w), dg_tab_pg_types_idx(x, o, &x->pk);
        if (ver) {
            char idx[16];
            snprintf(idx, sizeof idx, "%d", n++);
            dg_tab_add_bind(binds, NULL, dg_records_version_bind(x, idx, "row->"));
        }
        dg_records_prepare(x, o, false);
        o->missing = dg_records_missing(x, "row->", DG_VMISSING_UPDATE);
        x->vt->update = o;
    }
    DG_VEC_FREE(&w);
    dg_buf_free(&set);
}

/* With a version column the caller's version is a last argument. */
static void build_delete(tab *x, const ints *by)
{
    ints all = {0};
    for (size_t i = 0; i < by->len; i++) DG_VEC_PUSH(&all, by->items[i]);
    if (x->rec.version >= 0 && !x->virt) DG_VEC_PUSH(&all, x->rec.version);
    char *where = dg_tab_where_eq(x, &all);
    dg_vfunc *o = dg_tab_func(x, NULL, "delete", DG_VA_CAT(x->v->a, "DELETE FROM ", x->qtable, "\nWHERE ", where));
    int n = 1;
    set_params(o, dg_tab_params(x, &all));
    bind_params(x, &o->binds, &all, "st", false, &n);
    if (x->pg) dg_tab_pg_types_idx(x, o, &all);
    o->missing = x->virt ? dg_va_strdup(x->v->a, "DAL_NOTFOUND") : dg_records_missing(x, "", DG_VMISSING_DELETE);
    x->vt->del = o;
    DG_VEC_FREE(&all);
}

/* ---- entry points ------------------------------------------------------ */

static void tab_free(tab *x)
{
    DG_VEC_FREE(&x->pk);
    dg_buf_free(&x->tmp);
}

/* "schema"."name", or "name" without a schema */
static char *qualified(tab *x, const char *schema, const char *name)
{
    dg_buf_clear(&x->tmp);
    if (schema) dg_sql_quote_ident_to(&x->tmp, schema), dg_buf_putc(&x->tmp, '.');
    dg_sql_quote_ident_to(&x->tmp, name);
    return dg_va_buf(x->v->a, &x->tmp);
}

static void tab_init(tab *x, dg_vctx *v, dg_vtable *vt)
{
    const dg_table *t = vt->t;
    memset(x, 0, sizeof *x);
    x->v = v;
    x->vt = vt;
    x->t = t;
    x->f = vt->f;
    x->name = vt->name;
    x->row = vt->row;
    x->strct = vt->strct;
    x->is_view = vt->view != NULL;
    x->virt = vt->virt;
    x->fts5 = vt->fts5;
    x->pg = v->s->engine == DG_ENGINE_POSTGRESQL;   /* tables and views */
    x->st = x->pg ? "&" DG_PG_PARAMS : "st";
    dg_tab_set_decls(x);
    /* schema-qualified: a PostgreSQL table or view outside public, a table
     * of an attached in-memory schema (SQLite): "baz"."users" */
    const char *schema = t ? t->schema : vt->view ? vt->view->schema : NULL;
    bool qualify = schema && (!x->pg || strcmp(schema, "public") != 0);
    x->qtable = qualified(x, qualify ? schema : NULL, x->name);
    dg_buf_clear(&x->tmp);
    for (size_t i = 0; i < x->f.len; i++) {
        const char *cast = x->f.items[i].pg.cast_out;
        dg_buf_cat(&x->tmp, i ? ", " : "", x->f.items[i].quoted, cast ? cast : "", NULL);
    }
    x->cols = dg_va_buf(v->a, &x->tmp);
    for (int k = 1; t && !x->virt && k <= dg_table_pk_count(t); k++) {
        int fi = field_of(x, t->columns.items[dg_table_pk_column(t, k)].name);
        if (fi >= 0) DG_VEC_PUSH(&x->pk, fi);
    }
    dg_records_find(x);
    if (x->pg) x->rec.id = x->rec.created = x->rec.updated = x->rec.version = -1;   /* not on PostgreSQL yet */
    if (x->pk.len) x->order = dg_tab_join_fields(x, &x->pk, ", ");
    else if (x->pg) x->order = NULL;   /* no rowid: a table without a key lists in no set order */
    else if (x->virt) x->order = "rowid";
    else if (t && !t->without_rowid) {
        static const char *const aliases[] = {"rowid", "_rowid_", "oid"};
        for (size_t i = 0; i < 3 && !x->order; i++)
            if (!dg_table_column(t, aliases[i])) x->order = aliases[i];
    }
}

int dg_view_table_finish(dg_vctx *v, dg_vtable *vt)
{
    tab x;
    tab_init(&x, v, vt);
    build_reads(&x);
    dg_vfuncs *lists = &vt->lists;
    if (x.is_view) {
        add_list(&x, lists, "list", NULL, (list_sql){NULL, NULL});
    } else if (x.virt) {
        dg_tab_build_insert(&x, "insert", false);
        ints by = {0};
        DG_VEC_PUSH(&by, 0);
        build_delete(&x, &by);
        DG_VEC_FREE(&by);
        add_list(&x, lists, "list", NULL, (list_sql){NULL, NULL});
        if (x.fts5) add_match(&x, lists);
    } else if (x.pg) {   /* PostgreSQL (view_insert.c: insert and upsert with RETURNING) */
        dg_tab_build_insert_pg(&x, "insert", false);
        if (x.pk.len) {
            vt->get = build_get(&x, "get", &x.pk, NULL, NULL);
            build_update(&x);
            dg_records_patch(&x);
            build_delete(&x, &x.pk);
            dg_tab_build_insert_pg(&x, "upsert", true);
        }
        vt->count = dg_tab_func(&x, NULL, "count", DG_VA_CAT(v->a, "SELECT count(*)\nFROM ", x.qtable));
        vt->count->pg_results = dg_va_strdup(v->a, "DAL_PG_INT8");
        vt->count->nresults = 1;
        add_list(&x, lists, "list", NULL, (list_sql){NULL, NULL});
        if (x.pk.len) build_finders(&x, lists);
    } else {
        dg_tab_build_insert(&x, "insert", false);
        if (x.pk.len) {
            vt->get = build_get(&x, "get", &x.pk, NULL, NULL);
            build_update(&x);
            dg_records_patch(&x);
            build_delete(&x, &x.pk);
            dg_tab_build_insert(&x, "upsert", true);
        }
        vt->count = dg_tab_func(&x, NULL, "count", DG_VA_CAT(v->a, "SELECT count(*)\nFROM ", x.qtable));
        add_list(&x, lists, "list", NULL, (list_sql){NULL, NULL});
        build_finders(&x, lists);
    }
    vt->finished = true;
    tab_free(&x);
    return 0;
}
