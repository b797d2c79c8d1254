/* test_typing_sound SEED CASE_DIR... - the result types dalgen infers hold
 * for what SQLite returns.
 *
 * For each case (schema.sql + queries.sql or queries/), the schema database
 * is filled with random rows (NULL wherever a column allows it; once empty,
 * then with rows), and every query that returns rows runs with random
 * arguments of the inferred parameter types, inside a transaction that is
 * rolled back.  Every value read must fit its field: no NULL in a field
 * typed NOT NULL, INTEGER for int64_t and bool, INTEGER or REAL for double,
 * TEXT for text, BLOB for blobs.  A longer run: test_typing_sound SEED DIRS
 * with other seeds. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dal.h>

#include "analysis/query/queries.h"
#include "frontend/schema_db.h"
#include "model/schema_print.h"
#include "frontend/sources.h"
#include "sql/sqltok.h"
#include "util/buf.h"
#include "util/fsutil.h"

static unsigned long long rng;
static long checked, failures;

static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng >> 33) % n);
}

static const char *const words[] = {"a", "b", "plain", "fruit", "open", "closed", "x@y", "2024-01-02 03:04:05",
                                    "FICTION", "{\"a\":1,\"v\":2}", "[1,2]", ""};
static const unsigned char bytes[] = {1, 2, 3};

static void bind_random(sqlite3_stmt *st, int idx, dg_vtype c, bool nullable)
{
    if (nullable && rnd(3) == 0) {
        sqlite3_bind_null(st, idx);
        return;
    }
    switch (c) {
    case DG_VT_INT64: sqlite3_bind_int64(st, idx, (sqlite3_int64)rnd(9) - 3); break;
    case DG_VT_BOOL: sqlite3_bind_int(st, idx, (int)rnd(2)); break;
    case DG_VT_DOUBLE: sqlite3_bind_double(st, idx, (double)rnd(9) / 2.0 - 1.0); break;
    case DG_VT_TEXT: sqlite3_bind_text(st, idx, words[rnd(sizeof words / sizeof words[0])], -1, SQLITE_STATIC); break;
    case DG_VT_BLOB: sqlite3_bind_blob(st, idx, bytes, (int)rnd(4), SQLITE_STATIC); break;
    default: bind_random(st, idx, (dg_vtype)(DG_VT_INT64 + rnd(4)), false); break;
    }
}

/* Random rows into every ordinary table (constraint failures ignored). */
static void fill(sqlite3 *db, const dg_schema *s, int rows)
{
    for (size_t t = 0; t < s->tables.len; t++) {
        const dg_table *tab = &s->tables.items[t];
        if (tab->module) continue;
        dg_buf sql = DG_BUF_INIT, vals = DG_BUF_INIT;
        char *q = dg_sql_quote_ident(tab->name);
        dg_buf_printf(&sql, "INSERT OR IGNORE INTO %s (", q);
        free(q);
        int n = 0;
        for (size_t i = 0; i < tab->columns.len; i++) {
            const dg_column *c = &tab->columns.items[i];
            if (c->generated != DG_GEN_NONE || c->hidden) continue;
            q = dg_sql_quote_ident(c->name);
            dg_buf_printf(&sql, "%s%s", n ? ", " : "", q);
            dg_buf_printf(&vals, "%s?", n ? ", " : "");
            free(q);
            n++;
        }
        dg_buf_printf(&sql, ") VALUES (%s)", dg_buf_cstr(&vals));
        sqlite3_stmt *st = NULL;
        if (n && sqlite3_prepare_v2(db, dg_buf_cstr(&sql), -1, &st, NULL) == SQLITE_OK) {
            for (int r = 0; r < rows; r++) {
                int idx = 1;
                for (size_t i = 0; i < tab->columns.len; i++) {
                    const dg_column *c = &tab->columns.items[i];
                    if (c->generated != DG_GEN_NONE || c->hidden) continue;
                    bool rowid = dg_table_has_rowid_alias(tab) && dg_table_pk_column(tab, 1) == (int)i;
                    if (rowid) sqlite3_bind_null(st, idx);
                    else bind_random(st, idx, dg_vtype_of_column(tab, c), !c->not_null);
                    idx++;
                }
                sqlite3_step(st);
                sqlite3_reset(st);
            }
        }
        sqlite3_finalize(st);
        dg_buf_free(&sql);
        dg_buf_free(&vals);
    }
}

static bool fits(int storage, dg_qtype t)
{
    if (storage == SQLITE_NULL) return t.nullable;
    switch (t.v) {
    case DG_VT_INT64:
    case DG_VT_BOOL: return storage == SQLITE_INTEGER;
    case DG_VT_DOUBLE: return storage == SQLITE_INTEGER || storage == SQLITE_FLOAT;
    case DG_VT_TEXT: return storage == SQLITE_TEXT;
    case DG_VT_BLOB: return storage == SQLITE_BLOB;
    default: return true;
    }
}

/* The type of result column `col` (embedded tables: their columns). */
static dg_qtype column_type(const dg_query *q, int col)
{
    for (size_t i = 0; i < q->fields.len; i++) {
        const dg_qfield *f = &q->fields.items[i];
        if (col < f->col || col >= f->col + f->ncols) continue;
        if (!f->embed_table) return f->type;
        const dg_table *t = f->embed_table;
        const dg_column *c = &t->columns.items[col - f->col];
        bool rowid = dg_table_has_rowid_alias(t) && dg_table_pk_column(t, 1) == col - f->col;
        return (dg_qtype){dg_vtype_of_column(t, c), !c->not_null && !rowid};
    }
    return (dg_qtype){DG_VT_VALUE, true};
}

/* Random data can make a recursive CTE endless: interrupt long statements. */
static int budget;
static int progress(void *ctx)
{
    (void)ctx;
    return --budget < 0;
}

static void run_query(sqlite3 *db, const dg_schema *s, const dg_query *q, const char *dir)
{
    budget = 2000;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, q->sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s: does not prepare: %s\n", dir, q->name, sqlite3_errmsg(db));
        failures++;
        return;
    }
    static int64_t ints[3];
    static const char *texts[3];
    static double reals[3];
    static dal_blob blobs[3];
    dal_array arrs[16];
    for (size_t i = 0; i < q->params.len; i++) {
        const dg_qparam *p = &q->params.items[i];
        for (size_t k = 0; k < p->binds.len; k++) {
            if (!p->slice) {
                bind_random(st, p->binds.items[k], p->type.v, p->type.nullable);
                continue;
            }
            dal_array *a = &arrs[i % 16];
            a->len = rnd(4);
            for (int e = 0; e < 3; e++) {
                ints[e] = (int64_t)rnd(9) - 3;
                texts[e] = words[rnd(sizeof words / sizeof words[0])];
                reals[e] = (double)rnd(9) / 2.0;
                blobs[e] = (dal_blob){bytes, rnd(4)};
            }
            a->type = p->type.v == DG_VT_TEXT ? DAL_TYPE_TEXT : p->type.v == DG_VT_DOUBLE ? DAL_TYPE_REAL
                      : p->type.v == DG_VT_BLOB ? DAL_TYPE_BLOB : DAL_TYPE_INTEGER;
            a->data = a->type == DAL_TYPE_TEXT ? (const void *)texts : a->type == DAL_TYPE_REAL ? (const void *)reals
                      : a->type == DAL_TYPE_BLOB ? (const void *)blobs : (const void *)ints;
            sqlite3_bind_pointer(st, p->binds.items[k], a, DAL_ARRAY_POINTER_TYPE, NULL);
        }
    }
    /* random data may make a recursive CTE endless: look at the first rows */
    for (int row = 0; row < 200 && sqlite3_step(st) == SQLITE_ROW; row++) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            dg_qtype t = column_type(q, c);
            int storage = sqlite3_column_type(st, c);
            checked++;
            if (!fits(storage, t)) {
                fprintf(stderr, "%s: %s: column %d \"%s\" typed %s%s but SQLite returned storage class %d\n", dir,
                        q->name, c, sqlite3_column_name(st, c), dg_vtype_name(t.v), t.nullable ? " null" : "",
                        storage);
                failures++;
            }
        }
    }
    sqlite3_finalize(st);
}

static void run_case(const char *dir)
{
    char *schema = dg_xprintf("%s/schema.sql", dir), *queries = dg_xprintf("%s/queries.sql", dir);
    if (!dg_is_file(queries)) {
        free(queries);
        queries = dg_xprintf("%s/queries", dir);
    }
    dg_diags d = DG_DIAGS_INIT;
    dg_sources src = {0};
    dg_sources_add(&src, DG_SRC_AUTO, schema);
    dg_strings paths = {0};
    dg_strings_push(&paths, queries);
    dg_schema *s = NULL;
    dg_query_set *set = NULL;
    sqlite3 *db = NULL;
    if (dg_schema_load(&src, &s, &d) != 0 || dg_queries_load(&paths, s, NULL, &set, &d) != 0 ||
        dg_schema_open_db(s, &db, &d) != 0) {
        fprintf(stderr, "%s: does not load\n", dir);
        failures++;
        goto done;
    }
    dal_array_register(db);
    sqlite3_progress_handler(db, 100, progress, NULL);
    for (int round = 0; round < 3; round++) {
        if (round) fill(db, s, 12);
        for (size_t i = 0; i < set->queries.len; i++) {
            const dg_query *q = &set->queries.items[i];
            if (q->ncols == 0 || strstr(q->sql, "ATTACH")) continue;
            bool uses_function = false;
            for (size_t f = 0; f < set->functions.len; f++)
                uses_function |= strstr(q->sql, set->functions.items[f].name) != NULL;
            if (uses_function) continue;   /* application functions do not exist here */
            for (int k = 0; k < 8; k++) {
                sqlite3_exec(db, "SAVEPOINT t", NULL, NULL, NULL);
                run_query(db, s, q, dir);
                sqlite3_exec(db, "ROLLBACK TO t; RELEASE t", NULL, NULL, NULL);
            }
        }
    }
done:
    dg_diags_print(&d, stderr);
    sqlite3_close(db);
    dg_query_set_free(set);
    dg_schema_free(s);
    dg_strings_free(&paths);
    dg_sources_free(&src);
    free(schema);
    free(queries);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_typing_sound SEED CASE_DIR...\n");
        return 2;
    }
    rng = strtoull(argv[1], NULL, 10);
    for (int i = 2; i < argc; i++) run_case(argv[i]);
    printf("%ld values checked against their inferred types, %ld failures\n", checked, failures);
    return failures == 0 && checked > 0 ? 0 : 1;
}
