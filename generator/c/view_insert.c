/* view_insert.c - insert and upsert of a table object.
 *
 * Inserts keep one prepared statement whatever the row leaves unset: a
 * column with a DEFAULT is written as COALESCE(?, <default>), so binding
 * NULL (has_ false / NULL pointer) yields exactly the DEFAULT (DEFAULT
 * expressions are constant expressions, valid in VALUES).  An INTEGER
 * PRIMARY KEY the row leaves 0 is left out, so SQLite assigns the rowid; a
 * row that sets it takes a second cached statement with the column last
 * (picked by a C test: binding NULL, or NULLIF(?, 0), costs every insert a
 * column more in the VM; upsert still binds it NULL when 0).  The rowid
 * comes back through sqlite3_last_insert_rowid; RETURNING is used only
 * for what else the database assigned (defaults, generated columns) and in
 * upserts (docs/generate.md). */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "c/view_tab.h"

typedef dg_ints ints;
typedef dg_tab tab;

/* Condition under which insert writes the assigned value back into the row
 * (NULL = always). */
static char *writeback_cond(tab *x, const dg_cbind *f)
{
    bool ptr = !dg_ckind_scalar(f->kind);
    if (f->conv.kind != DG_CCONV_NONE) {
        char *c = dg_cbind_writeback_cond(f);
        char *r = dg_va_strdup(x->v->a, c);
        free(c);
        return r;
    }
    dg_buf *b = &x->tmp;
    dg_buf_clear(b);
    if (!f->readonly && !f->rowid_alias) {
        if (f->has) dg_buf_cat(b, "!row->", f->has, NULL);
        else if (f->kind == DG_CK_TEXT) dg_buf_cat(b, "!row->", f->name, NULL);
        else if (f->kind == DG_CK_BLOB) dg_buf_cat(b, "!row->", f->name, ".data", NULL);
        else if (f->kind == DG_CK_VALUE) dg_buf_cat(b, "row->", f->name, ".type == DAL_TYPE_NULL", NULL);
    }
    if (ptr) dg_buf_cat(b, b->len ? " && " : "", "arena", NULL);
    return b->len ? dg_va_buf(x->v->a, b) : NULL;
}

/* What insert reads back: the rowid alias, defaulted columns, generated
 * columns. */
static bool written_back(tab *x, int i)
{
    const dg_cbind *f = &x->f.items[i];
    if (i == x->rec.id || i == x->rec.created || i == x->rec.updated) return false;
    if (i == x->rec.version) return false;   /* computed in C; upserts read it back below */
    if (f->conv.kind != DG_CCONV_NONE && !dg_cbind_may_unset(f)) return false;   /* the row's value was written */
    return f->rowid_alias || (f->default_sql && !f->readonly) || (f->readonly && f->column && !f->pk);
}

/* The ON CONFLICT clause of an upsert over the writable fields `w`; with a
 * version, *refused as dg_records_upsert_guard says. */
static void upsert_clause(tab *x, const ints *w, dg_buf *sql, char **refused)
{
    char *target = dg_tab_join_fields(x, &x->pk, ", ");
    dg_buf set = DG_BUF_INIT;
    for (size_t i = 0; i < w->len; i++) {
        dg_cbind *f = &x->f.items[w->items[i]];
        if (f->pk || w->items[i] == x->rec.created) continue;
        if (w->items[i] == x->rec.version)
            dg_buf_cat(&set, set.len ? ", " : "", f->quoted, " = ", x->qtable, ".", f->quoted, " + 1", NULL);
        else
            dg_buf_cat(&set, set.len ? ", " : "", f->quoted, " = excluded.", f->quoted, NULL);
    }
    char *guard = set.len ? dg_records_upsert_guard(x, refused) : NULL;
    if (set.len)
        dg_buf_cat(sql, "\nON CONFLICT (", target, ") DO UPDATE\nSET ", dg_buf_cstr(&set), guard ? guard : "", NULL);
    else dg_buf_cat(sql, "\nON CONFLICT (", target, ") DO NOTHING", NULL);
    dg_buf_free(&set);
}

/* Appends "INSERT INTO t (cols)\nVALUES (vals)", or DEFAULT VALUES without
 * columns, to out. */
static void insert_head(tab *x, const dg_buf *cols, const dg_buf *vals, dg_buf *out)
{
    if (!cols->len) dg_buf_cat(out, "INSERT INTO ", x->qtable, " DEFAULT VALUES", NULL);
    else dg_buf_cat(out, "INSERT INTO ", x->qtable, " (", cols->data, ")\nVALUES (", vals->data, ")", NULL);
}

/* A generated enum's write-back: the text without a copy (text__, valid
 * until the next step), then its constant and has_ flag; both under cond. */
static void enum_writeback(tab *x, dg_vfunc *o, const dg_cbind *f, char *cond, int col)
{
    dg_tarena *a = x->v->a;
    o->writeback_enum = true;
    dg_tab_add_bind(&o->writebacks, cond,
                    dg_va_printf(a, "dal_read_text_ref_lenient(db, st, %d, %s, &text__, NULL)", col, f->colname));
    char *set = f->has ? dg_va_printf(a, "(row->%s = %s_from_string(text__), row->%s = text__ != NULL, DAL_OK)",
                                      f->name, f->enum_type, f->has)
                       : dg_va_printf(a, "(row->%s = %s_from_string(text__), DAL_OK)", f->name, f->enum_type);
    dg_tab_add_bind(&o->writebacks, cond, set);
}

/* The RETURNING list and write-backs of an insert or upsert; sets
 * *last_rowid to the field sqlite3_last_insert_rowid fills. */
static void insert_writebacks(tab *x, bool upsert, dg_buf *ret, dg_vfunc *o)
{
    const char **last_rowid = &o->last_rowid;
    int nret = 0;
    *last_rowid = x->virt ? "rowid" : NULL;
    for (size_t i = 0; i < x->f.len && !x->virt; i++) {
        dg_cbind *f = &x->f.items[i];
        if (!written_back(x, (int)i) && !(upsert && (int)i == x->rec.version)) continue;
        /* an insert learns the rowid from sqlite3_last_insert_rowid, without
         * RETURNING's cost (an upsert that updates does not set it) */
        if (f->rowid_alias && !upsert) {
            *last_rowid = f->name;
            continue;
        }
        dg_buf_cat(ret, ret->len ? ", " : "", f->quoted, NULL);
        char *cond = (int)i == x->rec.version ? NULL : writeback_cond(x, f);
        /* read back leniently: the row is written, so what the database
         * made of a DEFAULT never turns the call into an error */
        dg_cbind back = *f;
        back.lenient = true;
        if (f->kind == DG_CK_ENUM && f->conv.kind == DG_CCONV_NONE) {
            enum_writeback(x, o, f, cond, nret++);
            continue;
        }
        dg_tab_add_bind(&o->writebacks, cond, dg_tab_read(x, &back, nret++, "row->"));
    }
}

/* insert's second statement, for a row that sets its rowid alias `f`:
 * with_rowid {cond, stmt, sql, note} and the alias's bind (index n, last). */
static void add_with_rowid(tab *x, dg_vfunc *o, const dg_cbind *f, dg_buf *cols, dg_buf *vals, dg_buf *ret, int n)
{
    dg_buf sb = DG_BUF_INIT;
    dg_buf_cat(&sb, "INSERT INTO ", x->qtable, " (", dg_buf_cstr(cols), cols->len ? ", " : "", f->quoted, ")\nVALUES (",
        dg_buf_cstr(vals), vals->len ? ", " : "", "?)", ret->len ? "\nRETURNING " : "", dg_buf_cstr(ret), NULL);
    dg_tarena *a = x->v->a;
    dg_vwith_rowid *wr = dg_tarena_alloc(a, sizeof *wr);
    wr->stmt = dg_view_stmt(x->v, x->row, "insert_rowid", dg_va_buf(a, &sb));
    dg_buf_free(&sb);
    wr->cond = DG_VA_CAT(a, "row->", f->name, " != 0");
    wr->note = DG_VA_CAT(a, wr->cond, ": ", f->quoted, " is written too, as the last value");
    dg_tab_add_bind(&o->binds, wr->cond, dg_tab_bind(x, f, n, "row->", "st", false));
    o->with_rowid = wr;
}

/* insert and upsert.  A plain insert leaves the rowid alias out, so SQLite
 * assigns the rowid; a row that sets it uses a second statement with the
 * column last ("with_rowid"), so every other bind keeps its index. */
/* o as the table's upsert or insert; an insert comes with its
 * <row>_insert_many (both engines). */
static void set_insert(tab *x, dg_vfunc *o, bool upsert)
{
    if (upsert) {
        x->vt->upsert = o;
        return;
    }
    x->vt->insert = o;
    o->many_fn = DG_VA_CAT(x->v->a, x->strct, "_insert_many");
}

void dg_tab_build_insert(tab *x, const char *verb, bool upsert)
{
    dg_buf cols = DG_BUF_INIT, vals = DG_BUF_INIT, ret = DG_BUF_INIT, sql = DG_BUF_INIT;
    ints w = {0};
    int rid = -1;   /* the rowid alias a plain insert leaves out */
    for (size_t i = 0; i < x->f.len; i++) {
        dg_cbind *f = &x->f.items[i];
        if (f->readonly) continue;
        DG_VEC_PUSH(&w, (int)i);
        if (f->rowid_alias && !upsert && !x->virt) {
            rid = (int)i;
            continue;
        }
        dg_buf_cat(&cols, cols.len ? ", " : "", f->quoted, NULL);
        if (f->default_sql && !f->rowid_alias && !(x->virt && i == 0))
            dg_buf_cat(&vals, vals.len ? ", " : "", "COALESCE(?, ", f->default_sql, ")", NULL);
        else dg_buf_cat(&vals, vals.len ? ", " : "", "?", NULL);
    }
    dg_vfunc wbs = {0};   /* the write-backs, before the statement exists */
    insert_writebacks(x, upsert, &ret, &wbs);
    insert_head(x, &cols, &vals, &sql);
    char *refused = NULL;
    if (upsert) upsert_clause(x, &w, &sql, &refused);
    if (ret.len) dg_buf_cat(&sql, "\nRETURNING ", dg_buf_cstr(&ret), NULL);
    dg_vfunc *o = dg_tab_func(x, NULL, verb, dg_va_buf(x->v->a, &sql));
    dg_vbinds *binds = &o->binds;
    int n = 1;
    for (size_t i = 0; i < w.len; i++) {
        const dg_cbind *f = &x->f.items[w.items[i]];
        if (w.items[i] == rid) continue;
        if (f->rowid_alias || (x->virt && w.items[i] == 0))
            dg_tab_add_bind(binds, NULL, dg_va_printf(x->v->a, "dal_bind_int64_null(db, st, %d, row->%s != 0, row->%s)", n++,
                                                      f->name, f->name));
        else
            dg_tab_add_bind(binds, NULL, dg_tab_bind(x, f, n++, "row->", "st", false));
    }
    o->insert = true;
    /* the statement's id in a local when there are two */
    o->stmt_local = rid >= 0;
    if (rid >= 0) add_with_rowid(x, o, &x->f.items[rid], &cols, &vals, &ret, n);
    o->returning = ret.len > 0;
    o->writebacks = wbs.writebacks;
    o->last_rowid = wbs.last_rowid;
    o->writeback_enum = wbs.writeback_enum;
    o->missing = refused;   /* a guarded upsert that wrote no row */
    dg_records_prepare(x, o, true);
    set_insert(x, o, upsert);
    DG_VEC_FREE(&w);
    dg_buf_free(&cols);
    dg_buf_free(&vals);
    dg_buf_free(&ret);
    dg_buf_free(&sql);
}

/* ---- PostgreSQL --------------------------------------------------------- */

static bool pg_integer(const dg_cbind *f)
{
    return f->kind == DG_CK_INT16 || f->kind == DG_CK_INT32 || f->kind == DG_CK_INT64;
}

/* An integer key column with a DEFAULT (serial, identity BY DEFAULT):
 * 0 says "assign one", as SQLite's rowid. */
static bool pg_zero_default(const dg_cbind *f)
{
    return f->pk && f->default_sql && !f->readonly && pg_integer(f);
}

/* The condition of a write-back on PostgreSQL (NULL = always): read when
 * the row left the column to the server; pointers only with an arena. */
static char *pg_writeback_cond(tab *x, const dg_cbind *f)
{
    bool ptr = !dg_ckind_scalar(f->kind);
    dg_buf *b = &x->tmp;
    dg_buf_clear(b);
    if (!f->readonly) {
        if (pg_zero_default(f)) dg_buf_cat(b, "row->", f->name, " == 0", NULL);
        else if (f->has) dg_buf_cat(b, "!row->", f->has, NULL);
        else if (f->kind == DG_CK_TEXT) dg_buf_cat(b, "!row->", f->name, NULL);
        else if (f->kind == DG_CK_BLOB || f->kind == DG_CK_ARRAY) dg_buf_cat(b, "!row->", f->name, ".data", NULL);
    }
    if (ptr) dg_buf_cat(b, b->len ? " && " : "", "arena", NULL);
    return b->len ? dg_va_buf(x->v->a, b) : NULL;
}

/* RETURNING list and write-backs: what the server assigned (defaults,
 * identity, serial, generated columns). */
static void pg_writebacks(tab *x, dg_buf *ret, dg_vfunc *o)
{
    int col = 0;
    for (size_t i = 0; i < x->f.len; i++) {
        const dg_cbind *f = &x->f.items[i];
        if (!f->readonly && !f->default_sql) continue;
        dg_buf_cat(ret, ret->len ? ", " : "", f->quoted, f->pg.cast_out ? f->pg.cast_out : "", NULL);
        char *cond = pg_writeback_cond(x, f);
        dg_tarena *a = x->v->a;
        if (f->kind == DG_CK_ENUM) {
            o->writeback_enum = true;
            dg_tab_add_bind(&o->writebacks, cond,
                            dg_va_printf(a, "dal_pg_read_text_ref(db, res, row__, %d, %s, &text__, NULL)", col,
                                         f->colname));
            char *set = f->has ? dg_va_printf(a, "(row->%s = %s_from_string(text__), row->%s = text__ != NULL, DAL_OK)",
                                              f->name, f->enum_type, f->has)
                               : dg_va_printf(a, "(row->%s = %s_from_string(text__), DAL_OK)", f->name, f->enum_type);
            dg_tab_add_bind(&o->writebacks, cond, set);
        } else {
            dg_tab_add_bind(&o->writebacks, cond, dg_tab_read(x, f, col, "row->"));
        }
        dg_tab_pg_result(a, &o->pg_results, &o->nresults, f);
        col++;
    }
}

/* ON CONFLICT (key) DO UPDATE SET every written non-key column. */
static void pg_upsert_clause(tab *x, const ints *w, dg_buf *sql)
{
    char *target = dg_tab_join_fields(x, &x->pk, ", ");
    dg_buf set = DG_BUF_INIT;
    for (size_t i = 0; i < w->len; i++) {
        const dg_cbind *f = &x->f.items[w->items[i]];
        if (!f->pk) dg_buf_cat(&set, set.len ? ", " : "", f->quoted, " = excluded.", f->quoted, NULL);
    }
    if (set.len) dg_buf_cat(sql, "\nON CONFLICT (", target, ") DO UPDATE\nSET ", dg_buf_cstr(&set), NULL);
    else dg_buf_cat(sql, "\nON CONFLICT (", target, ") DO NOTHING", NULL);
    dg_buf_free(&set);
}

/* insert's second statement on PostgreSQL, for a row that leaves every
 * column with a DEFAULT to the server (their parameters all NULL, which
 * COALESCE would replace by the default anyway): the same INSERT without
 * those columns, its first k parameters (the columns without a DEFAULT
 * come first), so that it sends no NULL parameter per default. */
static void add_pg_short(tab *x, dg_vfunc *o, const dg_buf *cols, const dg_buf *vals, const dg_buf *ret, int k, int m)
{
    dg_tarena *a = x->v->a;
    dg_buf sql = DG_BUF_INIT, cond = DG_BUF_INIT;
    insert_head(x, cols, vals, &sql);
    if (ret->len) dg_buf_cat(&sql, "\nRETURNING ", ret->data, NULL);
    for (int i = k; i < m; i++) dg_buf_printf(&cond, "%s!%s.values[%d]", i > k ? " && " : "", DG_PG_PARAMS, i);
    dg_vwith_rowid *s = dg_tarena_alloc(a, sizeof *s);
    s->stmt = dg_view_stmt(x->v, x->row, "insert_defaults", dg_va_buf(a, &sql));
    s->cond = dg_va_buf(a, &cond);
    dg_buf_free(&sql);
    dg_buf_free(&cond);
    s->note = NULL;
    o->pg_short = s;
    o->pg_short_n = k;
}

/* insert and upsert on PostgreSQL: the columns without a DEFAULT first,
 * then those with one (COALESCE($n, DEFAULT)); insert adds the statement
 * without the latter (add_pg_short). */
void dg_tab_build_insert_pg(tab *x, const char *verb, bool upsert)
{
    dg_buf cols = DG_BUF_INIT, vals = DG_BUF_INIT, ret = DG_BUF_INIT, sql = DG_BUF_INIT;
    dg_buf kcols = DG_BUF_INIT, kvals = DG_BUF_INIT;   /* the first k: the short statement's */
    ints w = {0};
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < x->f.len; i++) {
            const dg_cbind *f = &x->f.items[i];
            if (f->readonly || (f->default_sql != NULL) != (pass == 1)) continue;
            DG_VEC_PUSH(&w, (int)i);
            const char *ph = dg_tab_ph(x, f, (int)w.len);
            dg_buf_cat(&cols, cols.len ? ", " : "", f->quoted, NULL);
            if (f->default_sql) dg_buf_cat(&vals, vals.len ? ", " : "", "COALESCE(", ph, ", ", f->default_sql, ")", NULL);
            else dg_buf_cat(&vals, vals.len ? ", " : "", ph, NULL), k++;
            if (!pass) dg_buf_cat(&kcols, kcols.len ? ", " : "", f->quoted, NULL);
            if (!pass) dg_buf_cat(&kvals, kvals.len ? ", " : "", ph, NULL);
        }
    dg_vfunc wbs = {0};
    pg_writebacks(x, &ret, &wbs);
    insert_head(x, &cols, &vals, &sql);
    if (upsert) pg_upsert_clause(x, &w, &sql);
    if (ret.len) dg_buf_cat(&sql, "\nRETURNING ", dg_buf_cstr(&ret), NULL);
    dg_vfunc *o = dg_tab_func(x, NULL, verb, dg_va_buf(x->v->a, &sql));
    if (!upsert && k < (int)w.len) add_pg_short(x, o, &kcols, &kvals, &ret, k, (int)w.len);
    for (size_t i = 0; i < w.len; i++) {
        const dg_cbind *f = &x->f.items[w.items[i]];
        int n = (int)i + 1;
        if (pg_zero_default(f))
            dg_tab_add_bind(&o->binds, NULL, dg_va_printf(x->v->a, "dal_pg_bind_%s_null(%s, %d, row->%s != 0, row->%s)",
                                                         f->pg.call, x->st, n, f->name, f->name));
        else
            dg_tab_add_bind(&o->binds, NULL, dg_tab_bind_write(x, w.items[i], n));
    }
    dg_tab_pg_types_idx(x, o, &w);
    o->insert = true;
    o->returning = ret.len > 0;
    o->writebacks = wbs.writebacks;
    o->writeback_enum = wbs.writeback_enum;
    o->pg_results = wbs.pg_results;
    o->nresults = wbs.nresults;
    set_insert(x, o, upsert);
    DG_VEC_FREE(&w);
    dg_buf_free(&cols);
    dg_buf_free(&vals);
    dg_buf_free(&kcols);
    dg_buf_free(&kvals);
    dg_buf_free(&ret);
    dg_buf_free(&sql);
}
