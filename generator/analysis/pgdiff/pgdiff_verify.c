/* pgdiff_verify.c - a plan is applied to a throwaway database of the old
 * schema before it is written: up must reach the new model, down the old
 * one.  Models are compared as their JSON (schema --json) with what a
 * migration does not decide left out: source locations, annotations (file
 * comments), column order and creation order. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/buf.h"
#include "model/schema_print.h"
#include "analysis/pgdiff/pgdiff.h"

static const char *str_or(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static int by_name(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int r = strcmp(str_or(x, "schema"), str_or(y, "schema"));
    if (!r) r = strcmp(str_or(x, "table"), str_or(y, "table"));
    if (!r) r = strcmp(str_or(x, "name"), str_or(y, "name"));
    if (!r) r = strcmp(str_or(x, "args"), str_or(y, "args"));
    return r;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

/* Sorts arrays of named objects (not a view's columns: their order is the
 * query's) and of schema names; drops "loc" and "annotations". */
static void canon(json_t *j, const char *key)
{
    if (json_is_object(j)) {
        json_object_del(j, "loc");
        json_object_del(j, "annotations");
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v) canon(v, k);
        return;
    }
    if (!json_is_array(j)) return;
    size_t n = json_array_size(j);
    for (size_t i = 0; i < n; i++) canon(json_array_get(j, i), NULL);
    json_t *first = json_array_get(j, 0);
    bool named = json_is_object(first) && json_object_get(first, "name") && !json_object_get(first, "decltype");
    bool names = json_is_string(first) && key && !strcmp(key, "schemas");
    if (!named && !names) return;
    json_t **items = dg_xmalloc((n + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++) items[i] = json_incref(json_array_get(j, i));
    qsort(items, n, sizeof *items, named ? by_name : by_text);
    json_array_clear(j);
    for (size_t i = 0; i < n; i++) json_array_append_new(j, items[i]);
    free(items);
}

/* The runner's history table is no part of a schema. */
static void drop_history(json_t *j)
{
    json_t *tables = json_object_get(j, "tables");
    for (size_t i = json_array_size(tables); i-- > 0;)
        if (!strcmp(str_or(json_array_get(tables, i), "name"), "_dal_migrations")) json_array_remove(tables, i);
}

static json_t *canon_json(const dg_schema *s)
{
    char *text = dg_schema_to_json_ex(s, false, false);
    json_t *j = json_loads(text, 0, NULL);
    free(text);
    drop_history(j);
    canon(j, NULL);
    return j;
}

/* The first place a and b differ, as "path: a-value vs b-value". */
static char *first_difference(json_t *a, json_t *b, const char *path)
{
    if (json_equal(a, b)) return NULL;
    if (json_is_object(a) && json_is_object(b)) {
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v) {
            char *p = dg_xprintf("%s.%s", path, k);
            char *r = first_difference(v, json_object_get(b, k), p);
            free(p);
            if (r) return r;
        }
    } else if (json_is_array(a) && json_is_array(b) && json_array_size(a) == json_array_size(b)) {
        for (size_t i = 0; i < json_array_size(a); i++) {
            json_t *x = json_array_get(a, i);
            const char *nm = json_is_object(x) ? json_string_value(json_object_get(x, "name")) : NULL;
            char *p = nm ? dg_xprintf("%s[%s]", path, nm) : dg_xprintf("%s[%zu]", path, i);
            char *r = first_difference(x, json_array_get(b, i), p);
            free(p);
            if (r) return r;
        }
    }
    char *x = a ? json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY) : dg_xstrdup("(none)");
    char *y = b ? json_dumps(b, JSON_COMPACT | JSON_ENCODE_ANY) : dg_xstrdup("(none)");
    if (x && strlen(x) > 300) strcpy(x + 290, " ...");
    if (y && strlen(y) > 300) strcpy(y + 290, " ...");
    char *r = dg_xprintf("%s: %s vs %s", *path ? path : "(schema)", x ? x : "?", y ? y : "?");
    free(x);
    free(y);
    return r;
}

bool dg_pgdiff_same(const dg_schema *a, const dg_schema *b, char **what)
{
    json_t *x = canon_json(a), *y = canon_json(b);
    char *d = first_difference(x, y, "");
    json_decref(x);
    json_decref(y);
    if (what) *what = d;
    else free(d);
    return d == NULL;
}

/* Runs the plan as the runner does: the statements of a no-transaction
 * section one by one, the others in one transaction per run of them. */
static int apply(dg_pg_session *sess, const dg_plan *p, char **why)
{
    bool notx = false, open = false;
    char *err = NULL;
    int rc = 0;
    for (size_t i = 0; i < p->stmts.len && rc == 0; i++) {
        const char *s = p->stmts.items[i];
        if (!strncmp(s, DG_PGDIFF_NO_TX "\n", strlen(DG_PGDIFF_NO_TX) + 1)) {
            if (open && (rc = dg_pg_session_exec(sess, "COMMIT", &err)) != 0) break;
            open = false, notx = true;
        } else if (!strncmp(s, DG_PGDIFF_TX "\n", strlen(DG_PGDIFF_TX) + 1)) {
            notx = false;
        }
        if (!notx && !open && (rc = dg_pg_session_exec(sess, "BEGIN", &err)) != 0) break;
        open = !notx;
        if ((rc = dg_pg_session_exec(sess, s, &err)) != 0) *why = dg_xprintf("statement %zu (%s): %s", i + 1, s, err);
    }
    char *e2 = NULL;
    if (open) dg_pg_session_exec(sess, rc == 0 ? "COMMIT" : "ROLLBACK", &e2);
    if (rc != 0 && !*why) *why = dg_xstrdup(err ? err : "?");
    free(err);
    free(e2);
    return rc;
}

/* Applies p and compares the database with want. */
static int step(dg_pg_session *sess, const dg_plan *p, const dg_schema *want, const char *label, char **why)
{
    char *r = NULL;
    dg_schema *got = NULL;
    dg_diags d = {0};
    if (apply(sess, p, &r) != 0) {
        *why = dg_xprintf("the %s plan does not apply: %s", label, r);
        free(r);
        return -1;
    }
    if (dg_pg_session_read(sess, &got, &d) != 0) {
        *why = dg_xprintf("the %s plan applied, but the database could not be read back", label);
        dg_diags_print(&d, stderr);
        return -1;
    }
    dg_diags_print(&d, stderr);
    int rc = 0;
    if (!dg_pgdiff_same(got, want, &r)) {
        *why = dg_xprintf("the %s plan does not reach its schema: %s (database vs schema)", label, r);
        rc = -1;
    }
    free(r);
    dg_schema_free(got);
    return rc;
}

int dg_pgdiff_verify(dg_pg_session *sess, const dg_schema *from, const dg_schema *to, const dg_plan *up,
                     const dg_plan *down, char **why)
{
    *why = NULL;
    if (step(sess, up, to, "up", why) != 0) return -1;
    return step(sess, down, from, "down", why);
}
