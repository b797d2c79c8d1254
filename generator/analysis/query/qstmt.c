/* qstmt.c - INSERT, UPDATE and DELETE: parameter types from the target
 * table's columns (VALUES rows, INSERT ... SELECT, SET, upsert), the
 * column list an INSERT without one gets, and RETURNING columns. */
#include "analysis/query/qinternal.h"

#include <stdlib.h>
#include <string.h>

#include "sql/sqltok.h"

static const dg_column *target_col(const dg_table *t, const char *name)
{
    return t ? dg_table_column(t, name) : NULL;
}

static dg_qtype col_type(const dg_table *t, const dg_column *col)
{
    int i = (int)(col - t->columns.items);
    bool rowid = dg_table_has_rowid_alias(t) && dg_table_pk_column(t, 1) == i;
    return (dg_qtype){dg_qcolumn_type(t, i).v, !col->not_null && !rowid};
}

/* A value written to column `name` of t: a parameter takes its type. */
static void assign(dg_qctx *c, dg_qscope *s, const dg_table *t, const char *name, dg_expr *e)
{
    const dg_column *col = target_col(t, name);
    if (col) {
        dg_qtype ty = col_type(t, col);
        /* an INTEGER PRIMARY KEY written from a parameter may be NULL: SQLite assigns it */
        if (dg_table_has_rowid_alias(t) && dg_table_pk_column(t, 1) == (int)(col - t->columns.items))
            ty.nullable = false;
        dg_qparam_hint_named(c, e, ty, col->name);
    }
    dg_qparam_use(c, e, col ? t : NULL, col ? (int)(col - t->columns.items) : -1);
    if (s) dg_qexpr_type(c, s, e);
}

static void assign_set(dg_qctx *c, dg_qscope *s, const dg_table *t, dg_set_list *set)
{
    for (size_t i = 0; i < set->len; i++) {
        dg_set_item *it = &set->items[i];
        if (it->columns.len == 1) {
            assign(c, s, t, it->columns.items[0], it->expr);
        } else if (it->expr->kind == DG_E_ROW) {
            for (size_t k = 0; k < it->columns.len && k < it->expr->args.len; k++)
                assign(c, s, t, it->columns.items[k], it->expr->args.items[k]);
        } else {
            dg_qexpr_type(c, s, it->expr);
        }
    }
}

/* The columns an INSERT without a column list writes, in table order. */
static void default_columns(dg_qctx *c, const dg_table *t, dg_stmt *st, const char ***names, size_t *n)
{
    *names = dg_xcalloc(t->columns.len + 1, sizeof **names);
    *n = 0;
    dg_buf b = DG_BUF_INIT;
    for (size_t i = 0; i < t->columns.len; i++) {
        const dg_column *col = &t->columns.items[i];
        if (col->generated != DG_GEN_NONE || col->hidden) continue;
        (*names)[(*n)++] = col->name;
        char *q = dg_sql_quote_ident(col->name);
        dg_buf_printf(&b, "%s%s", b.len ? ", " : " (", q);
        free(q);
    }
    dg_buf_putc(&b, ')');
    if (!st->default_values) dg_qedit_add(&c->edits, st->columns_end, st->columns_end, dg_buf_steal(&b));
    dg_buf_free(&b);
}

static void insert_rows(dg_qctx *c, const dg_table *t, dg_stmt *st, const char **names, size_t n)
{
    dg_select *sel = st->select;
    for (size_t k = 0; k < sel->cores.len; k++) {
        dg_select_core *core = &sel->cores.items[k];
        if (core->is_values) {
            for (size_t r = 0; r < core->rows.len; r++)
                for (size_t i = 0; i < core->rows.items[r].len && i < n; i++)
                    assign(c, NULL, t, names[i], core->rows.items[r].items[i]);
        } else {
            for (size_t i = 0; i < core->cols.len && i < n; i++)
                if (core->cols.items[i].expr) assign(c, NULL, t, names[i], core->cols.items[i].expr);
        }
    }
    dg_qcols cols = {0};
    dg_qselect_columns(c, sel, NULL, &cols);
    dg_qcols_free(&cols);
}

static void returning(dg_qctx *c, dg_qscope *s, dg_stmt *st, dg_qcols *out)
{
    if (!st->returning.len) return;
    for (size_t i = 0; i < st->returning.len; i++) {
        dg_result_col *rc = &st->returning.items[i];
        if (rc->star) {
            dg_buf b = DG_BUF_INIT;
            const dg_qsource *src = &s->srcs.items[0];
            for (size_t k = 0; k < src->cols.len; k++) {
                const dg_qcol *col = &src->cols.items[k];
                if (col->hidden) continue;
                dg_qcols_push(out, col->name, col->type, col->table, col->column);
                out->items[out->len - 1].pos = rc->start + 1;
                char *q = dg_sql_quote_ident(col->name);
                dg_buf_printf(&b, "%s%s", b.len ? ", " : "", q);
                free(q);
            }
            dg_qedit_add(&c->edits, rc->start, rc->end, dg_buf_steal(&b));
            dg_buf_free(&b);
            continue;
        }
        dg_qtype t = dg_qexpr_type(c, s, rc->expr);
        char *name = rc->alias ? dg_xstrdup(rc->alias) : dg_qexpr_name(c, rc->expr);
        const dg_table *tab = NULL;
        int col = -1;
        if (rc->expr->kind == DG_E_COLUMN && s->srcs.items[0].table) {
            tab = s->srcs.items[0].table;
            col = dg_table_column_index(tab, rc->expr->name);
            if (col < 0) tab = NULL;
        }
        dg_qcols_push(out, name, t, tab, col);
        out->items[out->len - 1].pos = rc->expr->start + 1;
        if (!rc->alias && rc->expr->kind != DG_E_COLUMN)
            out->items[out->len - 1].label = dg_qexpr_label(rc->expr, out->len);
        free(name);
    }
}

static void order_limit(dg_qctx *c, dg_qscope *s, dg_stmt *st)
{
    for (size_t i = 0; i < st->order_by.len; i++) dg_qexpr_type(c, s, st->order_by.items[i].expr);
    if (st->limit) dg_qparam_hint_named(c, st->limit, (dg_qtype){DG_VT_INT64, false}, "limit");
    if (st->offset) dg_qparam_hint_named(c, st->offset, (dg_qtype){DG_VT_INT64, false}, "offset");
}

static int insert_stmt(dg_qctx *c, dg_stmt *st, const dg_table *t, dg_qcols *out)
{
    const char **names;
    size_t n;
    if (st->columns.len) {
        names = dg_xcalloc(st->columns.len, sizeof *names);
        for (size_t i = 0; i < st->columns.len; i++) names[i] = st->columns.items[i];
        n = st->columns.len;
    } else {
        default_columns(c, t, st, &names, &n);
    }
    if (st->select) insert_rows(c, t, st, names, n);
    free(names);
    dg_qscope s = {0};
    dg_qscope_add_table(&s, st->alias ? st->alias : st->table, t, false);
    dg_qscope_add_table(&s, "excluded", t, false);
    for (size_t i = 0; i < st->upserts.len; i++) {
        dg_upsert *u = &st->upserts.items[i];
        for (size_t k = 0; k < u->target.len; k++) dg_qexpr_type(c, &s, u->target.items[k].expr);
        dg_qcond_type(c, &s, u->target_where);
        assign_set(c, &s, t, &u->set);
        dg_qcond_type(c, &s, u->where);
    }
    free(s.srcs.items[1].name);
    dg_qcols_free(&s.srcs.items[1].cols);
    s.srcs.len = 1;
    returning(c, &s, st, out);
    dg_qscope_free(&s);
    return 0;
}

static int update_or_delete(dg_qctx *c, dg_stmt *st, const dg_table *t, dg_qcols *out)
{
    dg_qscope s = {0};
    dg_qscope_add_table(&s, st->alias ? st->alias : st->table, t, false);
    if (st->kind == DG_STMT_UPDATE) {
        dg_qfrom_scope(c, &st->from, &s);   /* UPDATE ... FROM joins like an inner join */
        assign_set(c, &s, t, &st->set);
    }
    dg_qcond_type(c, &s, st->where);
    order_limit(c, &s, st);
    /* RETURNING sees the target table only */
    for (size_t i = 1; i < s.srcs.len; i++) {
        free(s.srcs.items[i].name);
        dg_qcols_free(&s.srcs.items[i].cols);
    }
    s.srcs.len = 1;
    returning(c, &s, st, out);
    dg_qscope_free(&s);
    return 0;
}

int dg_qstmt_columns(dg_qctx *c, dg_stmt *st, dg_qcols *out)
{
    if (st->kind == DG_STMT_OTHER) return 0;
    if (st->kind == DG_STMT_SELECT) return dg_qselect_columns(c, st->select, NULL, out);
    dg_qwith_push(c, st->with, NULL);
    const dg_table *t = dg_lookup_table_in(c->lk, st->schema, st->table);
    int rc = 0;
    if (t) rc = st->kind == DG_STMT_INSERT ? insert_stmt(c, st, t, out) : update_or_delete(c, st, t, out);
    dg_qwith_pop(c, st->with);
    return rc;
}
