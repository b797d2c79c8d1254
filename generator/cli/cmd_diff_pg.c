/* cmd_diff_pg.c - `dalgen diff --engine postgresql --from SRC --to SRC
 * [--down]`: the PostgreSQL planner (analysis/pgdiff), every plan verified
 * on a throwaway database of the old schema before it is printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/pgdiff/pgdiff.h"
#include "model/schema_print.h"
#include "cli/cli.h"
#include "cli/cmd_diff_pg.h"

static bool is_live(const dg_sources *src)
{
    return src->items.len == 1 && dg_pg_is_uri(src->items.items[0].path);
}

/* The old side of a live database: its model, and a throwaway database
 * built from that model's DDL for the plans to run on (never the live one). */
static int load_live_old(const dg_sources *src, const dg_pg_opts *o, dg_schema **out, dg_pg_session **sess, dg_diags *d)
{
    if (dg_pg_schema_load(src, o, out, d) != 0) return -1;
    char *ddl = dg_schema_to_sql_pg(*out);
    dg_sources text = {0};
    dg_sources_add_text(&text, src->items.items[0].path, ddl, strlen(ddl));
    dg_schema *copy = NULL;
    int rc = dg_pg_schema_load_session(&text, o, &copy, sess, d);
    dg_schema_free(copy);
    dg_sources_free(&text);
    free(ddl);
    if (rc != 0) {
        dg_schema_free(*out);
        *out = NULL;
    }
    return rc;
}

/* `--from empty` on PostgreSQL: a database with nothing in it. */
static int load_side(const dg_sources *src, const dg_pg_opts *o, dg_schema **out, dg_pg_session **sess, dg_diags *d)
{
    dg_sources none = {0};
    const dg_sources *s = dg_sources_only_empty(src) ? &none : src;
    if (sess && is_live(src)) return load_live_old(src, o, out, sess, d);
    if (sess) return dg_pg_schema_load_session(s, o, out, sess, d);
    dg_pg_session *k = NULL;   /* an empty side is no error here: the session form allows it */
    int rc = dg_pg_schema_load_session(s, o, out, &k, d);
    dg_pg_session_close(k);
    return rc;
}

static dg_loc where_of(const dg_schema *s, const dg_sources *src)
{
    dg_loc l = {s && s->files.len ? s->files.items[0] : NULL, 1, 1};   /* the plan is about the whole file */
    if (!l.file && src->items.len) l.file = src->items.items[0].path;
    return l;
}

int dg_pg_plan_verified(const dg_diff_pg_args *a, dg_pg_planned *out, dg_diags *d)
{
    memset(out, 0, sizeof *out);
    dg_pg_session *sess = NULL;
    if (load_side(a->from, a->pg, &out->from, &sess, d) != 0 || load_side(a->to, a->pg, &out->to, NULL, d) != 0) {
        dg_pg_session_close(sess);
        return DG_EXIT_INPUT;
    }
    dg_pgdiff_opts fw = {false, a->online}, bw = {true, a->online};
    dg_pgdiff_plan(out->from, out->to, &fw, &out->up);
    dg_pgdiff_plan(out->to, out->from, &bw, &out->down);
    const dg_plan *shown = a->down ? &out->down : &out->up;
    dg_diags_print(d, stderr);
    dg_plan_print_lints(shown, a->allow, stderr);
    int rc = DG_EXIT_OK;
    char *why = NULL;
    if (dg_plan_refused(shown, a->allow)) {
        rc = DG_EXIT_INPUT;
    } else if (dg_pgdiff_verify(sess, out->from, out->to, &out->up, &out->down, &why) != 0) {
        dg_error(d, where_of(out->to, a->to), "%s; nothing written", why);
        rc = DG_EXIT_INPUT;
    }
    free(why);
    dg_pg_session_close(sess);
    return rc;
}

void dg_pg_planned_free(dg_pg_planned *p)
{
    dg_plan_free(&p->up);
    dg_plan_free(&p->down);
    dg_schema_free(p->from);
    dg_schema_free(p->to);
    memset(p, 0, sizeof *p);
}

int dg_cmd_diff_pg(const dg_diff_pg_args *a, dg_diags *d)
{
    dg_pg_planned p;
    int rc = dg_pg_plan_verified(a, &p, d);
    if (rc == DG_EXIT_OK) {
        const dg_plan *shown = a->down ? &p.down : &p.up;
        char *sql = dg_plan_sql(shown, NULL);
        fputs(sql, stdout);
        free(sql);
        if (a->exit_code && shown->stmts.len) rc = DG_EXIT_DIFF;
    }
    dg_pg_planned_free(&p);
    return rc;
}
