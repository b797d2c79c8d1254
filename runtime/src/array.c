/* array.c - dal_array(ptr): an eponymous table-valued function over a C
 * array bound with sqlite3_bind_pointer.  Written here because Debian's
 * SQLite ships without the carray extension. */
#include "dal_internal.h"

#include <string.h>

typedef struct array_cursor {
    sqlite3_vtab_cursor base;
    const dal_array *arr;
    size_t i;
} array_cursor;

#define COL_VALUE 0
#define COL_PTR 1

static int array_connect(sqlite3 *h, void *aux, int argc, const char *const *argv,
                         sqlite3_vtab **out, char **err)
{
    sqlite3_vtab *vt;
    int src;
    (void)aux; (void)argc; (void)argv; (void)err;
    src = sqlite3_declare_vtab(h, "CREATE TABLE x(value, ptr HIDDEN)");
    if (src != SQLITE_OK) return src;
    vt = sqlite3_malloc(sizeof *vt);
    if (!vt) return SQLITE_NOMEM;
    memset(vt, 0, sizeof *vt);
    sqlite3_vtab_config(h, SQLITE_VTAB_INNOCUOUS);
    *out = vt;
    return SQLITE_OK;
}

static int array_disconnect(sqlite3_vtab *vt)
{
    sqlite3_free(vt);
    return SQLITE_OK;
}

static int array_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
    array_cursor *c = sqlite3_malloc(sizeof *c);
    (void)vt;
    if (!c) return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int array_close(sqlite3_vtab_cursor *cur)
{
    sqlite3_free(cur);
    return SQLITE_OK;
}

/* The pointer argument is required: without it the plan is refused. */
static int array_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
    int i;
    (void)vt;
    for (i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->iColumn == COL_PTR && c->op == SQLITE_INDEX_CONSTRAINT_EQ) {
            if (!c->usable) return SQLITE_CONSTRAINT;
            info->aConstraintUsage[i].argvIndex = 1;
            info->aConstraintUsage[i].omit = 1;
            info->estimatedCost = 10;
            info->estimatedRows = 100;
            info->idxNum = 1;
            return SQLITE_OK;
        }
    }
    vt->zErrMsg = sqlite3_mprintf("dal_array() needs its array argument");
    return SQLITE_ERROR;
}

static int array_filter(sqlite3_vtab_cursor *cur, int idx_num, const char *idx_str,
                        int argc, sqlite3_value **argv)
{
    array_cursor *c = (array_cursor *)cur;
    (void)idx_num; (void)idx_str;
    c->arr = argc > 0 ? sqlite3_value_pointer(argv[0], DAL_ARRAY_POINTER_TYPE) : NULL;
    c->i = 0;
    return SQLITE_OK;
}

static int array_next(sqlite3_vtab_cursor *cur)
{
    ((array_cursor *)cur)->i++;
    return SQLITE_OK;
}

static int array_eof(sqlite3_vtab_cursor *cur)
{
    const array_cursor *c = (const array_cursor *)cur;
    return !c->arr || c->i >= c->arr->len;
}

static void result_element(sqlite3_context *ctx, const dal_array *a, size_t i)
{
    switch (a->type) {
    case DAL_TYPE_INTEGER:
        sqlite3_result_int64(ctx, ((const int64_t *)a->data)[i]);
        return;
    case DAL_TYPE_REAL:
        sqlite3_result_double(ctx, ((const double *)a->data)[i]);
        return;
    case DAL_TYPE_TEXT: {
        const char *s = ((const char *const *)a->data)[i];
        if (s) sqlite3_result_text(ctx, s, -1, SQLITE_TRANSIENT);
        else sqlite3_result_null(ctx);
        return;
    }
    case DAL_TYPE_BLOB: {
        dal_blob b = ((const dal_blob *)a->data)[i];
        if (!b.data) sqlite3_result_null(ctx);
        else if (b.len == 0) sqlite3_result_zeroblob(ctx, 0);
        else sqlite3_result_blob64(ctx, b.data, (sqlite3_uint64)b.len, SQLITE_TRANSIENT);
        return;
    }
    case DAL_TYPE_NULL:
        break;
    }
    sqlite3_result_null(ctx);
}

static int array_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
    const array_cursor *c = (const array_cursor *)cur;
    if (col == COL_VALUE) result_element(ctx, c->arr, c->i);
    else sqlite3_result_null(ctx);
    return SQLITE_OK;
}

static int array_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *out)
{
    *out = (sqlite3_int64)((const array_cursor *)cur)->i + 1;
    return SQLITE_OK;
}

static const sqlite3_module array_module = {
    0,                 /* iVersion */
    NULL,              /* xCreate: NULL makes it eponymous-only */
    array_connect, array_best_index, array_disconnect, NULL /* xDestroy */,
    array_open, array_close, array_filter, array_next, array_eof,
    array_column, array_rowid,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

int dal_array_register(sqlite3 *handle)
{
    return sqlite3_create_module(handle, "dal_array", &array_module, NULL);
}

int dal_bind_array(dal_db *db, sqlite3_stmt *st, int idx, const dal_array *arr)
{
    int src;
    if (arr && arr->len && !arr->data)
        return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_bind_array: data is NULL, len %lu",
                             (unsigned long)arr->len);
    src = sqlite3_bind_pointer(st, idx, (void *)(uintptr_t)arr, DAL_ARRAY_POINTER_TYPE, NULL);
    return src == SQLITE_OK ? DAL_OK : dal_sqlite_error(db, src);
}
