/* Lint of a plan: destructive or risky changes with stable codes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "analysis/diff/diff_int.h"

/* Storage classes a value of affinity `a` may hold after conversion. */
static bool widens(dg_affinity from, dg_affinity to)
{
    if (from == to || to == DG_AFF_BLOB) return true;
    if (to == DG_AFF_TEXT) return from != DG_AFF_BLOB;
    if (to == DG_AFF_NUMERIC) return from == DG_AFF_INTEGER || from == DG_AFF_REAL;
    if (to == DG_AFF_REAL) return from == DG_AFF_INTEGER;
    return false;
}

static bool kept(const dd_pair *pr, size_t oi)
{
    for (size_t i = 0; i < pr->n->columns.len; i++)
        if (pr->col_map[i] == (int)oi) return true;
    return false;
}

static bool has_autoinc(const dg_table *t)
{
    for (size_t i = 0; i < t->columns.len; i++)
        if (t->columns.items[i].autoincrement) return true;
    return false;
}

static void lint_cascade(dd_ctx *c, const dd_pair *pr)
{
    for (size_t i = 0; i < c->from->tables.len; i++) {
        const dg_table *t = &c->from->tables.items[i];
        for (size_t k = 0; k < t->foreign_keys.len; k++) {
            const dg_foreign_key *fk = &t->foreign_keys.items[k];
            if (dg_strcasecmp_ascii(fk->table, pr->o->name) != 0 || !fk->on_delete) continue;
            if (dg_strcasecmp_ascii(fk->on_delete, "CASCADE") && dg_strcasecmp_ascii(fk->on_delete, "SET NULL"))
                continue;
            dd_lint_at(c, dd_table_loc(c->reverse, pr->o, pr->n), DG_LINT_DESTRUCTIVE, DG_LINT_REBUILD_CASCADE,
                    "table %s is rebuilt and %s references it ON DELETE %s: run this migration only "
                    "with foreign keys off (dalgen migrate does), or its rows are lost",
                    pr->n->name, t->name, fk->on_delete);
            return;
        }
    }
}

static void lint_columns(dd_ctx *c, const dd_pair *pr)
{
    const dg_table *o = pr->o, *n = pr->n;
    for (size_t i = 0; i < n->columns.len; i++) {
        const dg_column *nc = &n->columns.items[i];
        bool no_default = !nc->default_sql && nc->generated == DG_GEN_NONE;
        const dg_column *oc = pr->col_map[i] < 0 ? NULL : &o->columns.items[pr->col_map[i]];
        dg_loc at = dd_column_loc(c->reverse, o, oc, n, nc);
        if (!oc) {
            if (nc->not_null && no_default)
                dd_lint_at(c, at, DG_LINT_DESTRUCTIVE, DG_LINT_NOT_NULL_NO_DEFAULT,
                        "column %s.%s is added NOT NULL without a default: fails when the table holds rows",
                        n->name, nc->name);
            continue;
        }
        if (nc->not_null && !oc->not_null && no_default)
            dd_lint_at(c, at, DG_LINT_DESTRUCTIVE, DG_LINT_NOT_NULL_NO_DEFAULT,
                    "column %s.%s becomes NOT NULL without a default: fails when it holds NULL",
                    n->name, nc->name);
        else if (nc->not_null && !oc->not_null)   /* refused: nothing else asks the user about it */
            dd_lint_at(c, at, DG_LINT_DESTRUCTIVE, DG_LINT_DOWN_DATA_LOSS,
                    "NULLs in %s.%s become its default: the down migration cannot restore them",
                    n->name, nc->name);
        if (!widens(oc->affinity, nc->affinity))
            dd_lint_at(c, at, DG_LINT_DESTRUCTIVE, DG_LINT_NARROW_TYPE, "column %s.%s narrows from %s to %s%s",
                    n->name, nc->name, oc->type[0] ? oc->type : "(none)", nc->type[0] ? nc->type : "(none)",
                    n->strict ? " (STRICT: a value that does not convert without loss fails the migration, "
                                "which is rolled back)"
                              : "");
    }
    for (size_t k = 0; k < o->columns.len; k++) {
        if (kept(pr, k)) continue;
        dg_loc at = dd_column_loc(c->reverse, o, &o->columns.items[k], n, NULL);
        dd_lint_at(c, at, DG_LINT_DESTRUCTIVE, DG_LINT_DROP_COLUMN, "column %s.%s is dropped with its values",
                   o->name, o->columns.items[k].name);
        dd_lint_at(c, at, DG_LINT_NOTE, DG_LINT_DOWN_DATA_LOSS,
                "the down migration re-creates %s.%s but cannot restore its values", n->name,
                o->columns.items[k].name);
    }
}

/* Whether two values of oc that differ still differ in nc (a UNIQUE key
 * over it holds on). */
static bool keeps_apart(const dg_column *oc, const dg_column *nc)
{
    return widens(oc->affinity, nc->affinity);
}

void dd_lint_pair(dd_ctx *c, const dd_pair *pr)
{
    if (!pr->o) return;
    if (pr->renamed && !dg_strcasecmp_ascii(pr->o->name, pr->n->name))   /* SQLite: "already another table" */
        dd_lint_at(c, dd_table_loc(c->reverse, pr->o, pr->n), DG_LINT_ERROR, DG_LINT_CANNOT_APPLY,
                   "table %s is renamed to %s, which differs only in case: SQLite refuses it "
                   "(rename it through another name, one migration each)",
                   pr->o->name, pr->n->name);
    lint_columns(c, pr);
    dd_lint_data(c->p, c->reverse, &c->from_lk, &c->to_lk,
                 &(dd_data_pair){pr->o, pr->n, pr->col_map, &pr->col_renames, &c->table_renames, keeps_apart});
    dg_loc at = dd_table_loc(c->reverse, pr->o, pr->n);
    if (!pr->o->strict && pr->n->strict)
        dd_lint_at(c, at, DG_LINT_DESTRUCTIVE, DG_LINT_NARROW_TYPE,
                "table %s becomes STRICT: fails when a value does not fit its column type", pr->n->name);
    if (has_autoinc(pr->o) != has_autoinc(pr->n))
        dd_lint_at(c, at, DG_LINT_DESTRUCTIVE, DG_LINT_AUTOINCREMENT, "table %s %s AUTOINCREMENT", pr->n->name,
                has_autoinc(pr->n) ? "gains" : "loses");
    if (pr->rebuild && (pr->o->module || pr->n->module))
        dd_lint_at(c, at, DG_LINT_DESTRUCTIVE, DG_LINT_DROP_TABLE,
                "virtual table %s is dropped and re-created: its content is lost", pr->n->name);
    else if (pr->rebuild)
        lint_cascade(c, pr);
}

/* Whether a mention of `name` may be of something else than a column: a
 * table or view of the new schema, a schema name (`main.t`), or a keyword
 * (`AS`). */
static bool names_other_object(const dd_ctx *c, const char *name)
{
    return dg_schema_table(c->to, name) || dg_schema_view(c->to, name) || !dg_strcasecmp_ascii(name, "main") ||
           !dg_strcasecmp_ascii(name, "temp") || sqlite3_keyword_check(name, (int)strlen(name));
}

/* A view or trigger of the new schema that still uses a dropped column;
 * `dropping` lists the pairs that drop columns, in pair order.  The test is
 * by words (a word right after AS names an alias, not a use): a column
 * named like a table, schema or keyword is left to the plan's
 * check on a scratch database, which refuses a view or trigger that uses it
 * (PLAN_CANNOT_APPLY, with SQLite's reason). */
static void lint_user(dd_ctx *c, const size_t *dropping, size_t ndropping, const char *kind, const char *name,
                      const char *sql, dg_loc loc)
{
    for (size_t d = 0; d < ndropping; d++) {
        const dd_pair *pr = &c->pairs.items[dropping[d]];
        if (!dd_mentions(sql, pr->n->name)) continue;
        for (size_t oi = 0; oi < pr->o->columns.len; oi++) {
            const char *col = pr->o->columns.items[oi].name;
            if (kept(pr, oi) || !dd_mentions_outside_aliases(sql, col) || names_other_object(c, col) ||
                !dg_strcasecmp_ascii(col, name))   /* the view's or trigger's own name */
                continue;
            bool elsewhere = false;
            for (size_t t = 0; t < c->to->tables.len && !elsewhere; t++) {
                const dg_table *ot = &c->to->tables.items[t];
                elsewhere = ot != pr->n && dd_mentions(sql, ot->name) && dg_table_column(ot, col);
            }
            if (!elsewhere)
                dd_lint_at(c, loc, DG_LINT_ERROR, DG_LINT_DROPPED_COLUMN_REF, "%s %s uses column %s.%s, which is dropped",
                           kind, name, pr->n->name, col);
        }
    }
}

void dd_lint_views(dd_ctx *c)
{
    size_t *dropping = dg_xmalloc((c->pairs.len + 1) * sizeof *dropping), n = 0;   /* not a walk per view */
    for (size_t k = 0; k < c->pairs.len; k++)
        if (c->pairs.items[k].o && c->pairs.items[k].cols_dropped) dropping[n++] = k;
    for (size_t i = 0; n && i < c->to->views.len; i++)
        lint_user(c, dropping, n, "view", c->to->views.items[i].name, c->to->views.items[i].sql,
                  c->to->views.items[i].loc);
    for (size_t i = 0; n && i < c->to->triggers.len; i++)
        lint_user(c, dropping, n, "trigger", c->to->triggers.items[i].name, c->to->triggers.items[i].sql,
                  c->to->triggers.items[i].loc);
    free(dropping);
    for (size_t i = 0; i < c->from->tables.len; i++) {
        const dg_table *t = &c->from->tables.items[i];
        if (dd_is_ignored_table(t->name) || dd_pair_of_old(c, t->name)) continue;
        dd_lint_at(c, dd_table_loc(c->reverse, t, NULL), DG_LINT_NOTE, DG_LINT_DOWN_DATA_LOSS,
                   "the down migration re-creates table %s but cannot restore its rows", t->name);
    }
}

/* The codes of DESTRUCTIVE lints (what --allow may name). */
static const char *const allowable[] = {DG_LINT_DROP_TABLE, DG_LINT_DROP_COLUMN, DG_LINT_NARROW_TYPE,
                                        DG_LINT_NOT_NULL_NO_DEFAULT, DG_LINT_REBUILD_CASCADE,
                                        DG_LINT_AUTOINCREMENT, DG_LINT_DOWN_DATA_LOSS};

const char *dg_lint_allow_codes(void)
{
    return "DROP_TABLE, DROP_COLUMN, NARROW_TYPE, NOT_NULL_NO_DEFAULT, REBUILD_CASCADE, AUTOINCREMENT_CHANGE, "
           "DOWN_CANNOT_RESTORE";   /* `allowable`, in its order (test migrate.lint compares them) */
}

/* The canonical code `s` (len bytes) names, or NULL. */
static const char *code_of(const char *s, size_t len)
{
    for (size_t k = 0; k < sizeof allowable / sizeof allowable[0]; k++) {
        const char *c = allowable[k];
        size_t i = 0;
        for (; i < len && c[i]; i++) {
            char x = s[i] == '-' ? '_' : (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
            if (x != c[i]) break;
        }
        if (i == len && !c[i]) return c;
    }
    return NULL;
}

int dg_lint_allow_add(dg_lint_allow *a, const char *list, char **bad)
{
    *bad = NULL;
    for (const char *p = list;;) {
        size_t len = strcspn(p, ",");
        const char *code = code_of(p, len);
        if (!code) {
            *bad = dg_xstrndup(p, len);
            return -1;
        }
        dg_strings_push(&a->codes, code);
        if (!p[len]) return 0;
        p += len + 1;
    }
}

void dg_lint_allow_free(dg_lint_allow *a)
{
    if (a) dg_strings_free(&a->codes);
}

bool dg_lint_allowed(const dg_lint_allow *a, const dg_lint *l)
{
    if (l->level == DG_LINT_NOTE) return true;
    if (l->level == DG_LINT_ERROR || !a) return false;
    if (a->all) return true;
    for (size_t i = 0; i < a->codes.len; i++)
        if (!strcmp(a->codes.items[i], l->code)) return true;
    return false;
}

bool dg_plan_refused(const dg_plan *p, const dg_lint_allow *allow)
{
    for (size_t i = 0; i < p->lints.len; i++)
        if (!dg_lint_allowed(allow, &p->lints.items[i])) return true;
    return false;
}

void dg_plan_print_lints(const dg_plan *p, const dg_lint_allow *allow, FILE *out)
{
    for (size_t i = 0; i < p->lints.len; i++) {
        const dg_lint *l = &p->lints.items[i];
        bool refused = !dg_lint_allowed(allow, l);
        dg_diag g = {.loc = l->loc, .severity = refused ? DG_SEV_ERROR : DG_SEV_WARNING, .code = (char *)l->code, .message = l->message};
        dg_diag_print(&g, out);   /* one line, whatever the names hold */
    }
}
