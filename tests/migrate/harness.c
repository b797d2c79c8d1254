#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dirent.h>

#include <dal.h>
#include <sqlite3.h>

#include "frontend/sources.h"
#include "sql/sqltok.h"
#include "util/buf.h"
#include "util/fsutil.h"

static char tmpdir[256];
static int file_seq;

/* Removes the scratch folder's files (dg_list_dir is not used: the folder
 * may be empty). */
static void cleanup(void)
{
    if (!tmpdir[0]) return;
    DIR *d = opendir(tmpdir);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        char *p = dg_xprintf("%s/%s", tmpdir, e->d_name);
        if (unlink(p) != 0) {   /* a sub-folder (test_sum): its files, then it */
            DIR *sd = opendir(p);
            for (struct dirent *f; sd && (f = readdir(sd));) {
                char *q = dg_xprintf("%s/%s", p, f->d_name);
                if (f->d_name[0] != '.') unlink(q);
                free(q);
            }
            if (sd) closedir(sd);
            rmdir(p);
        }
        free(p);
    }
    if (d) closedir(d);
    rmdir(tmpdir);
}

const char *mh_tmpdir(void)
{
    if (!tmpdir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/dalgen-migXXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(1);
        }
        atexit(cleanup);
    }
    return tmpdir;
}

dg_schema *mh_load_path(const char *path)
{
    dg_sources src = {0};
    dg_diags d = DG_DIAGS_INIT;
    dg_schema *s = NULL;
    dg_sources_add(&src, DG_SRC_AUTO, path);
    if (dg_schema_load(&src, &s, &d) != 0) s = NULL;
    dg_diags_print(&d, stderr);
    dg_sources_free(&src);
    return s;
}

dg_schema *mh_load_text(const char *sql)
{
    char *path = dg_xprintf("%s/schema%d.sql", mh_tmpdir(), file_seq++);
    dg_schema *s = NULL;
    FILE *f = fopen(path, "wb");   /* plain write: scratch files need no fsync */
    if (f) {
        bool ok = fwrite(sql, 1, strlen(sql), f) == strlen(sql);
        if (fclose(f) == 0 && ok) s = mh_load_path(path);
    }
    unlink(path);
    free(path);
    return s;
}

/* ---- table and column correspondence (names and @renamed_from) ----
 * Written independently of the planner's rule: the item of b annotated
 * `@renamed_from` the old name, else the item of b with the old name unless
 * that item is itself renamed from another item of a.  (The pairs tested here
 * carry no stale annotations.) */

static const dg_table *new_table_of(const dg_schema *a, const dg_schema *b, const dg_table *o)
{
    for (size_t i = 0; i < b->tables.len; i++) {
        const char *rf = dg_annotation_get(&b->tables.items[i].annotations, "renamed_from");
        if (rf && !dg_strcasecmp_ascii(rf, o->name)) return &b->tables.items[i];
    }
    const dg_table *t = dg_schema_table(b, o->name);
    const char *rf = t ? dg_annotation_get(&t->annotations, "renamed_from") : NULL;
    return t && (!rf || !dg_schema_table(a, rf)) ? t : NULL;
}

static const dg_column *new_column_of(const dg_table *o, const dg_table *n, const dg_column *oc)
{
    for (size_t i = 0; i < n->columns.len; i++) {
        const char *rf = dg_annotation_get(&n->columns.items[i].annotations, "renamed_from");
        if (rf && !dg_strcasecmp_ascii(rf, oc->name)) return &n->columns.items[i];
    }
    const dg_column *c = dg_table_column(n, oc->name);
    const char *rf = c ? dg_annotation_get(&c->annotations, "renamed_from") : NULL;
    return c && (!rf || !dg_table_column(o, rf)) ? c : NULL;
}

/* Whether a column's values stay the same through a migration.  A STRICT
 * BLOB column's copy casts every value to a blob (diff_table.c): one whose
 * table becomes STRICT (or stops being) is checked by its case's asserts. */
static bool comparable(const dg_table *ta, const dg_column *a, const dg_table *tb, const dg_column *b)
{
    if (a->generated || b->generated || a->hidden || b->hidden) return false;
    if (ta->strict != tb->strict && a->affinity == DG_AFF_BLOB) return false;
    if (dg_strcasecmp_ascii(a->type, b->type) != 0) return false;
    if (b->not_null && !a->not_null) return false;
    return true;
}

/* Rows of `table` over `cols` (quoted values), sorted. */
static int snapshot(sqlite3 *db, const char *table, const dg_strings *cols, const char *rowid, dg_strings *out)
{
    dg_buf q = DG_BUF_INIT;
    dg_buf_puts(&q, "SELECT ");
    if (rowid) dg_buf_printf(&q, "%s || '|' || ", rowid);
    if (!cols->len) dg_buf_puts(&q, "''");
    for (size_t i = 0; i < cols->len; i++) {
        char *qc = dg_sql_quote_ident(cols->items[i]);
        dg_buf_printf(&q, "%squote(%s)", i ? " || '|' || " : "", qc);
        free(qc);
    }
    char *qt = dg_sql_quote_ident(table);
    dg_buf_printf(&q, " FROM %s ORDER BY 1", qt);
    free(qt);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, dg_buf_cstr(&q), -1, &st, NULL);
    if (rc != SQLITE_OK) fprintf(stderr, "  snapshot: %s: %s\n", dg_buf_cstr(&q), sqlite3_errmsg(db));
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        dg_strings_push(out, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    dg_buf_free(&q);
    return rc == SQLITE_OK ? 0 : -1;
}

/* Kept values of every table of `a` that survives into `b`, before and
 * after, must be equal multisets (rowid included for rowid tables). */
typedef struct kept_table {
    char      *old_name, *new_name;
    dg_strings old_cols, new_cols;
    const char *rowid_old, *rowid_new;   /* a name of the rowid on each side, NULL: not compared */
    dg_strings rows;     /* snapshot taken on the old side */
} kept_table;

typedef DG_VEC(kept_table) kept_tables;

/* A name of t's rowid that no column hides, or NULL. */
static const char *rowid_name(const dg_table *t)
{
    static const char *const names[] = {"rowid", "_rowid_", "oid"};
    for (size_t k = 0; k < 3; k++)
        if (!dg_table_column(t, names[k])) return names[k];
    return NULL;
}

static void kept_build(const dg_schema *a, const dg_schema *b, kept_tables *out)
{
    for (size_t i = 0; i < a->tables.len; i++) {
        const dg_table *o = &a->tables.items[i];
        const dg_table *n = new_table_of(a, b, o);
        if (!n || o->module) continue;
        kept_table *k = DG_VEC_ADD(out);
        k->old_name = dg_xstrdup(o->name);
        k->new_name = dg_xstrdup(n->name);
        bool rowid = !o->without_rowid && !n->without_rowid && !dg_table_has_rowid_alias(o) &&
                     !dg_table_has_rowid_alias(n) && rowid_name(o) && rowid_name(n);
        k->rowid_old = rowid ? rowid_name(o) : NULL;
        k->rowid_new = rowid ? rowid_name(n) : NULL;
        for (size_t c = 0; c < o->columns.len; c++) {
            const dg_column *nc = new_column_of(o, n, &o->columns.items[c]);
            if (!nc || !comparable(o, &o->columns.items[c], n, nc)) continue;
            dg_strings_push(&k->old_cols, o->columns.items[c].name);
            dg_strings_push(&k->new_cols, nc->name);
        }
    }
}

static void kept_reverse(const kept_tables *v, kept_tables *out)
{
    for (size_t i = 0; i < v->len; i++) {
        const kept_table *f = &v->items[i];
        kept_table *k = DG_VEC_ADD(out);
        k->old_name = dg_xstrdup(f->new_name);
        k->new_name = dg_xstrdup(f->old_name);
        k->rowid_old = f->rowid_new;
        k->rowid_new = f->rowid_old;
        for (size_t c = 0; c < f->old_cols.len; c++) {
            dg_strings_push(&k->old_cols, f->new_cols.items[c]);
            dg_strings_push(&k->new_cols, f->old_cols.items[c]);
        }
    }
}

static void kept_free(kept_tables *v)
{
    for (size_t i = 0; i < v->len; i++) {
        free(v->items[i].old_name);
        free(v->items[i].new_name);
        dg_strings_free(&v->items[i].old_cols);
        dg_strings_free(&v->items[i].new_cols);
        dg_strings_free(&v->items[i].rows);
    }
    DG_VEC_FREE(v);
}

static int kept_compare(sqlite3 *db, kept_tables *v, const char *label, const char *when)
{
    int bad = 0;
    for (size_t i = 0; i < v->len; i++) {
        kept_table *k = &v->items[i];
        dg_strings now = {0};
        if (snapshot(db, k->new_name, &k->new_cols, k->rowid_new, &now) != 0) bad++;
        else if (now.len != k->rows.len) {
            fprintf(stderr, "%s: %s: table %s has %zu rows, had %zu\n", label, when, k->new_name, now.len,
                    k->rows.len);
            bad++;
        } else {
            for (size_t r = 0; r < now.len; r++)
                if (strcmp(now.items[r], k->rows.items[r]) != 0) {
                    fprintf(stderr, "%s: %s: table %s row changed: %s -> %s\n", label, when, k->new_name,
                            k->rows.items[r], now.items[r]);
                    bad++;
                    break;
                }
        }
        dg_strings_free(&now);
    }
    return bad;
}

static int one_value_is_1(sqlite3 *db, const char *sql, const char *label)
{
    int bad = 0;
    const char *tail = sql;
    while (tail && *tail) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK) {
            fprintf(stderr, "%s: assertion does not prepare: %s\n", label, sqlite3_errmsg(db));
            return bad + 1;
        }
        if (!st) continue;
        if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1) {
            fprintf(stderr, "%s: assertion failed: %s\n", label, sqlite3_sql(st));
            bad++;
        }
        sqlite3_finalize(st);
    }
    return bad;
}

static int health(sqlite3 *db, const char *label, const char *when)
{
    int bad = 0;
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
    if (sqlite3_step(st) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
        fprintf(stderr, "%s: %s: integrity_check: %s\n", label, when, (const char *)sqlite3_column_text(st, 0));
        bad++;
    }
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW) {
        fprintf(stderr, "%s: %s: foreign_key_check reports %s rowid %lld\n", label, when,
                (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1));
        bad++;
    }
    sqlite3_finalize(st);
    return bad;
}

/* The database's model must diff empty against `want`. */
static int same_model(const char *dbpath, const dg_schema *want, const char *label, const char *when)
{
    dg_schema *have = mh_load_path(dbpath);
    if (!have) {
        fprintf(stderr, "%s: %s: the migrated database does not load\n", label, when);
        return 1;
    }
    dg_plan p;
    dg_diff_plan(have, want, NULL, &p);
    int bad = 0;
    if (p.stmts.len) {
        char *sql = dg_plan_sql(&p, NULL);
        fprintf(stderr, "%s: %s: second diff is not empty:\n%s\n", label, when, sql);
        free(sql);
        bad = 1;
    }
    dg_plan_free(&p);
    dg_schema_free(have);
    return bad;
}

static int check_lints(const dg_plan *p, const char *expect, const char *label)
{
    int bad = 0;
    char *copy = dg_xstrdup(expect);
    for (char *tok = strtok(copy, " \n"); tok; tok = strtok(NULL, " \n")) {
        bool found = false;
        for (size_t i = 0; i < p->lints.len; i++) found |= !strcmp(p->lints.items[i].code, tok);
        if (!found) {
            fprintf(stderr, "%s: expected lint %s was not reported\n", label, tok);
            bad++;
        }
    }
    for (size_t i = 0; i < p->lints.len; i++) {
        if (p->lints.items[i].level == DG_LINT_NOTE) continue;
        if (!strstr(expect, p->lints.items[i].code)) {
            fprintf(stderr, "%s: unexpected lint [%s] %s\n", label, p->lints.items[i].code, p->lints.items[i].message);
            bad++;
        }
    }
    free(copy);
    return bad;
}

static int run_exec(sqlite3 *db, const char *sql, const char *label, const char *what)
{
    char *err = NULL;
    if (!sql || sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK) return 0;
    fprintf(stderr, "%s: %s failed: %s\n", label, what, err);
    sqlite3_free(err);
    return 1;
}

static int migrate(sqlite3 *h, const dal_migration *list, bool up, const char *label)
{
    dal_db *db = NULL;
    int rc = dal_wrap(&db, h, NULL);
    if (rc == DAL_OK) rc = up ? dal_migrate_apply(db, list, 1, NULL, NULL) : dal_migrate_down(db, list, 1, 1, NULL);
    if (rc != DAL_OK) fprintf(stderr, "%s: migrate %s: %s\n", label, up ? "up" : "down", db ? dal_errmsg(db) : "?");
    dal_close(db);
    return rc == DAL_OK ? 0 : 1;
}

static int snapshot_all(sqlite3 *h, kept_tables *k, bool old_side)
{
    int bad = 0;
    for (size_t i = 0; i < k->len; i++) {
        kept_table *t = &k->items[i];
        dg_strings_free(&t->rows);
        bad += snapshot(h, old_side ? t->old_name : t->new_name, old_side ? &t->old_cols : &t->new_cols,
                        old_side ? t->rowid_old : t->rowid_new, &t->rows) != 0;
    }
    return bad;
}

int mh_run_case(const mh_case *c, char **up_sql, char **down_sql)
{
    int bad = 0;
    dg_schema *a = mh_load_text(c->old_sql), *b = mh_load_text(c->new_sql);
    if (!a || !b) {
        fprintf(stderr, "%s: a schema does not load\n", c->label);
        dg_schema_free(a);
        dg_schema_free(b);
        return 1;
    }
    dg_plan up, down;
    dg_diff_opts fw = {false}, bw = {true};
    dg_diff_plan(a, b, &fw, &up);
    dg_diff_plan(b, a, &bw, &down);
    /* what diff and migrate new do before writing: a plan the runner applies
     * below must pass its check on a scratch database (a refusal shows as an
     * unexpected PLAN_CANNOT_APPLY lint) */
    dg_lint_allow all = {.all = true};
    if (!dg_plan_refused(&up, &all) && dg_plan_verify(a, b, &fw, &up, &down) != 0 &&
        !(c->expect_lints && strstr(c->expect_lints, DG_LINT_CANNOT_APPLY))) {
        fprintf(stderr, "%s: the plan fails its check: %s\n", c->label, up.lints.items[up.lints.len - 1].message);
        bad++;
    }
    if (c->expect_lints) bad += check_lints(&up, c->expect_lints, c->label);
    dal_migration m = {1, "0001_case", NULL, NULL, "case"};
    char *us = dg_plan_sql(&up, NULL), *ds = dg_plan_sql(&down, NULL);
    m.up = us;
    m.down = ds;
    char *dbpath = dg_xprintf("%s/case%d.db", mh_tmpdir(), file_seq++);
    sqlite3 *h = NULL;
    kept_tables kept = {0}, back = {0};
    kept_build(a, b, &kept);
    kept_reverse(&kept, &back);   /* what survives the round trip, seen from b */
    bad += sqlite3_open(dbpath, &h) != SQLITE_OK;
    bad += run_exec(h, "PRAGMA synchronous = OFF", c->label, "pragma");   /* tests need no durability */
    bad += run_exec(h, c->old_sql, c->label, "old schema");
    bad += run_exec(h, c->data_sql, c->label, "data");
    if (!bad) {
        bad += snapshot_all(h, &kept, true);
        bad += migrate(h, &m, true, c->label);
    }
    if (!bad) {
        bad += health(h, c->label, "after up");
        bad += kept_compare(h, &kept, c->label, "after up");
        bad += same_model(dbpath, b, c->label, "after up");
        if (c->assert_sql) bad += one_value_is_1(h, c->assert_sql, c->label);
        bad += snapshot_all(h, &back, true);
    }
    if (!bad && !c->skip_down) {
        bad += migrate(h, &m, false, c->label);
        if (!bad) {
            bad += health(h, c->label, "after down");
            bad += kept_compare(h, &back, c->label, "after down");
            bad += same_model(dbpath, a, c->label, "after down");
            if (c->assert_down_sql) bad += one_value_is_1(h, c->assert_down_sql, c->label);
        }
    }
    sqlite3_close(h);
    unlink(dbpath);
    free(dbpath);
    kept_free(&kept);
    kept_free(&back);
    if (up_sql) *up_sql = us; else free(us);
    if (down_sql) *down_sql = ds; else free(ds);
    dg_plan_free(&up);
    dg_plan_free(&down);
    dg_schema_free(a);
    dg_schema_free(b);
    return bad;
}
