/* view_funcs.c - the finishing pass of a table or view object: once the
 * validators have marked enum fields, decide every function's SQL, binds and
 * reads (insert and upsert: view_insert.c). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "c/template.h"
#include "c/view_tab.h"

typedef dg_ints ints;
typedef dg_tab tab;

/* o->params, replaced */
static void set_params(dg_vfunc *o, char *params)
{
    free(o->params);
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
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < idx->len; i++) dg_buf_cat(&b, i ? "_and_" : "", x->f.items[idx->items[i]].name, NULL);
    return dg_buf_steal(&b);
}

/* Binds of the fields `idx` from parameters, starting at SQL index *n. */
static void bind_params(tab *x, dg_vbinds *binds, const ints *idx, const char *st, bool copy, int *n)
{
    for (size_t i = 0; i < idx->len; i++)
        dg_tab_add_bind(binds, NULL, dg_cbind_bind(&x->f.items[idx->items[i]], (*n)++, "", st, copy));
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
        dg_tab_add_bind(&x->vt->reads, after, dg_cbind_read(f, (int)i, "out->"));
    }
    x->vt->enum_text = text;
}

/* ---- lists ------------------------------------------------------------- */

static void add_list(tab *x, dg_vfuncs *lists, const char *verb, const ints *by, const char *extra_where)
{
    dg_buf sql = DG_BUF_INIT;
    dg_buf_printf(&sql, "SELECT %s\nFROM %s", x->cols, x->qtable);
    if (by && by->len) {
        char *w = dg_tab_where_eq(x, by);
        dg_buf_printf(&sql, "\nWHERE %s", w);
        free(w);
    }
    if (extra_where) dg_buf_printf(&sql, "\nWHERE %s", extra_where);
    if (x->fts5 && extra_where) dg_buf_puts(&sql, "\nORDER BY rank");
    else if (x->order) dg_buf_printf(&sql, "\nORDER BY %s", x->order);
    dg_vfunc *o = dg_tab_func(x, DG_VEC_ADD(lists), verb, dg_buf_steal(&sql));
    int n = 1;
    if (by) {
        set_params(o, dg_tab_params(x, by));
        bind_params(x, &o->binds, by, "it->it.st", true, &n);
    }
    if (extra_where) {
        set_params(o, dg_xstrdup(", const char *query"));
        dg_tab_add_bind(&o->binds, NULL, dg_xstrdup("dal_bind_text_copy(db, it->it.st, 1, query)"));
    }
}

/* ---- finders ----------------------------------------------------------- */

typedef struct finder {
    ints cols;
    bool unique;
} finder;

typedef DG_VEC(finder) finders;

static bool same_cols(const ints *a, const ints *b)
{
    return a->len == b->len && !memcmp(a->items, b->items, a->len * sizeof *a->items);
}

/* Adds a finder over the columns `names` unless an equal one exists (a
 * unique one replaces a non-unique one); skipped when a column is unknown or
 * the columns are the primary key. */
static void add_finder(tab *x, finders *fs, const char *const *names, size_t n, bool unique)
{
    finder f = {{0}, unique};
    for (size_t i = 0; i < n; i++) {
        int k = names[i] ? field_of(x, names[i]) : -1;
        if (k < 0) {
            DG_VEC_FREE(&f.cols);
            return;
        }
        DG_VEC_PUSH(&f.cols, k);
    }
    if (same_cols(&f.cols, &x->pk)) {
        DG_VEC_FREE(&f.cols);
        return;
    }
    for (size_t i = 0; i < fs->len; i++) {
        if (!same_cols(&fs->items[i].cols, &f.cols)) continue;
        fs->items[i].unique = fs->items[i].unique || unique;
        DG_VEC_FREE(&f.cols);
        return;
    }
    DG_VEC_PUSH(fs, f);
}

/* UNIQUE constraints and unique indexes -> get_by; foreign keys and other
 * indexes -> list_by.  Indexes with expression terms are skipped; a partial
 * unique index is not unique over the table, so it gives a list_by. */
static void collect_finders(tab *x, finders *fs)
{
    const dg_table *t = x->t;
    const dg_schema *s = x->v->s;
    for (size_t i = 0; i < t->uniques.len; i++)
        add_finder(x, fs, (const char *const *)t->uniques.items[i].columns.items, t->uniques.items[i].columns.len,
                   true);
    for (size_t i = 0; i < s->indexes.len; i++) {
        const dg_index *ix = &s->indexes.items[i];
        if (dg_strcasecmp_ascii(ix->table, t->name) != 0) continue;
        const char **names = dg_xcalloc(ix->terms.len + 1, sizeof *names);
        for (size_t k = 0; k < ix->terms.len; k++) names[k] = ix->terms.items[k].column;
        add_finder(x, fs, names, ix->terms.len, ix->unique && !ix->where);
        free(names);
    }
    for (size_t i = 0; i < t->foreign_keys.len; i++)
        add_finder(x, fs, (const char *const *)t->foreign_keys.items[i].columns.items,
                   t->foreign_keys.items[i].columns.len, false);
}

/* Fills o (allocated when NULL); returns it. */
static dg_vfunc *build_get(tab *x, const char *verb, const ints *by, dg_vfunc *o)
{
    char *w = dg_tab_where_eq(x, by);
    o = dg_tab_func(x, o, verb, dg_xprintf("SELECT %s\nFROM %s\nWHERE %s", x->cols, x->qtable, w));
    free(w);
    int n = 1;
    set_params(o, dg_tab_params(x, by));
    bind_params(x, &o->binds, by, "st", false, &n);
    return o;
}

static void build_finders(tab *x, dg_vfuncs *lists)
{
    finders fs = {0};
    collect_finders(x, &fs);
    for (size_t i = 0; i < fs.len; i++) {
        char *sfx = fields_suffix(x, &fs.items[i].cols);
        char *verb = dg_xprintf("%s_by_%s", fs.items[i].unique ? "get" : "list", sfx);
        if (fs.items[i].unique) build_get(x, verb, &fs.items[i].cols, DG_VEC_ADD(&x->vt->get_by));
        else add_list(x, lists, verb, &fs.items[i].cols, NULL);
        free(verb);
        free(sfx);
        DG_VEC_FREE(&fs.items[i].cols);
    }
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
        const dg_column *c = dg_table_column(x->t, f->column);
        if (c && c->not_null && f->default_sql)
            dg_buf_cat(&set, set.len ? ", " : "", f->quoted, " = COALESCE(?, ", f->quoted, ")", NULL);
        else
            dg_buf_cat(&set, set.len ? ", " : "", f->quoted, " = ?", NULL);
    }
    if (w.len) {
        char *where = dg_tab_where_eq(x, &x->pk);
        const dg_cbind *ver = x->rec.version >= 0 ? &x->f.items[x->rec.version] : NULL;
        if (ver) dg_buf_printf(&set, ", %s = %s + 1", ver->quoted, ver->quoted);
        dg_vfunc *o = dg_tab_func(x, NULL, "update", dg_xprintf("UPDATE %s\nSET %s\nWHERE %s%s%s%s", x->qtable, dg_buf_cstr(&set),
                                                 where, ver ? " AND " : "", ver ? ver->quoted : "",
                                                 ver ? " = ?" : ""));
        free(where);
        dg_vbinds *binds = &o->binds;
        int n = 1;
        for (size_t i = 0; i < w.len; i++)
            dg_tab_add_bind(binds, NULL, dg_cbind_bind(&x->f.items[w.items[i]], n++, "row->", "st", false));
        for (size_t i = 0; i < x->pk.len; i++)
            dg_tab_add_bind(binds, NULL, dg_cbind_bind(&x->f.items[x->pk.items[i]], n++, "row->", "st", false));
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
    dg_vfunc *o = dg_tab_func(x, NULL, "delete", dg_xprintf("DELETE FROM %s\nWHERE %s", x->qtable, where));
    free(where);
    int n = 1;
    set_params(o, dg_tab_params(x, &all));
    bind_params(x, &o->binds, &all, "st", false, &n);
    o->missing = x->virt ? dg_xstrdup("DAL_NOTFOUND") : dg_records_missing(x, "", DG_VMISSING_DELETE);
    x->vt->del = o;
    DG_VEC_FREE(&all);
}

/* ---- entry points ------------------------------------------------------ */

static void tab_free(tab *x)
{
    DG_VEC_FREE(&x->pk);
    free(x->qtable);
    free(x->cols);
    free(x->order);
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
    dg_tab_set_decls(x);
    x->qtable = dg_sql_quote(x->name);
    dg_buf cols = DG_BUF_INIT;
    for (size_t i = 0; i < x->f.len; i++)
        dg_buf_cat(&cols, i ? ", " : "", x->f.items[i].quoted, NULL);
    x->cols = dg_buf_steal(&cols);
    for (int k = 1; t && !x->virt && k <= dg_table_pk_count(t); k++) {
        int fi = field_of(x, t->columns.items[dg_table_pk_column(t, k)].name);
        if (fi >= 0) DG_VEC_PUSH(&x->pk, fi);
    }
    dg_records_find(x);
    if (x->pk.len) x->order = dg_tab_join_fields(x, &x->pk, ", ");
    else if (x->virt) x->order = dg_xstrdup("rowid");
    else if (t && !t->without_rowid) {
        static const char *const aliases[] = {"rowid", "_rowid_", "oid"};
        for (size_t i = 0; i < 3 && !x->order; i++)
            if (!dg_table_column(t, aliases[i])) x->order = dg_xstrdup(aliases[i]);
    }
}

int dg_view_table_finish(dg_vctx *v, dg_vtable *vt)
{
    tab x;
    tab_init(&x, v, vt);
    build_reads(&x);
    dg_vfuncs *lists = &vt->lists;
    if (x.is_view) {
        add_list(&x, lists, "list", NULL, NULL);
    } else if (x.virt) {
        dg_tab_build_insert(&x, "insert", false);
        ints by = {0};
        DG_VEC_PUSH(&by, 0);
        build_delete(&x, &by);
        DG_VEC_FREE(&by);
        add_list(&x, lists, "list", NULL, NULL);
        if (x.fts5) {
            char *w = dg_xprintf("%s MATCH ?", x.qtable);
            add_list(&x, lists, "match", NULL, w);
            free(w);
        }
    } else {
        dg_tab_build_insert(&x, "insert", false);
        if (x.pk.len) {
            vt->get = build_get(&x, "get", &x.pk, NULL);
            build_update(&x);
            dg_records_patch(&x);
            build_delete(&x, &x.pk);
            dg_tab_build_insert(&x, "upsert", true);
        }
        vt->count = dg_tab_func(&x, NULL, "count", dg_xprintf("SELECT count(*)\nFROM %s", x.qtable));
        add_list(&x, lists, "list", NULL, NULL);
        build_finders(&x, lists);
    }
    vt->finished = true;
    tab_free(&x);
    return 0;
}
