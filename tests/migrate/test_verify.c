/* migrate.verify: dg_plan_verify, the check every plan passes before diff or
 * migrate new writes it, on plans the planner would not make by itself (a
 * statement that fails, a statement missing, a foreign key left without its
 * key, a broken inverse) and on what it must not refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/diff/diff_int.h"
#include "harness.h"
#include "util/buf.h"

typedef struct pair {
    dg_schema *a, *b;
    dg_plan up, down;
} pair;

static void pair_make(pair *p, const char *old_sql, const char *new_sql)
{
    p->a = mh_load_text(old_sql);
    p->b = mh_load_text(new_sql);
    assert_non_null(p->a);
    assert_non_null(p->b);
    dg_diff_opts fw = {false}, bw = {true};
    dg_diff_plan(p->a, p->b, &fw, &p->up);
    dg_diff_plan(p->b, p->a, &bw, &p->down);
}

static void pair_free(pair *p)
{
    dg_plan_free(&p->up);
    dg_plan_free(&p->down);
    dg_schema_free(p->a);
    dg_schema_free(p->b);
}

/* The one PLAN_CANNOT_APPLY lint of p, an error. */
static const dg_lint *refusal(const dg_plan *p)
{
    const dg_lint *l = NULL;
    for (size_t i = 0; i < p->lints.len; i++)
        if (!strcmp(p->lints.items[i].code, DG_LINT_CANNOT_APPLY)) {
            assert_null(l);
            l = &p->lints.items[i];
        }
    assert_non_null(l);
    assert_int_equal(l->level, DG_LINT_ERROR);
    assert_null(strchr(l->message, '\n'));
    return l;
}

static const char *const old_schema =
    "CREATE TABLE p (id INTEGER PRIMARY KEY, k TEXT);\n"
    "CREATE UNIQUE INDEX p_k ON p(k);\n"
    "CREATE TABLE c (id INTEGER PRIMARY KEY, pk TEXT REFERENCES p(k), n INTEGER);\n"
    "CREATE VIEW cv AS SELECT c.id, p.k FROM c JOIN p ON p.k = c.pk;\n";
static const char *const new_schema =
    "CREATE TABLE p (id INTEGER PRIMARY KEY, k TEXT);\n"
    "CREATE UNIQUE INDEX p_k ON p(k);\n"
    "CREATE TABLE c (id INTEGER PRIMARY KEY, pk TEXT REFERENCES p(k), n INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE INDEX c_n ON c(n);\n"
    "CREATE VIEW cv AS SELECT c.id, p.k FROM c JOIN p ON p.k = c.pk;\n";

static void good_plans_pass(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_schema, new_schema);
    assert_true(p.up.rebuilds > 0);   /* a rebuild, a view re-created, an index: the usual shapes */
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), 0);
    for (size_t i = 0; i < p.up.lints.len; i++) assert_string_not_equal(p.up.lints.items[i].code, DG_LINT_CANNOT_APPLY);
    pair_free(&p);
}

/* diff has no inverse at hand: the check plans it from the parts it uses. */
static void the_inverse_is_planned_when_not_given(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_schema, new_schema);
    dg_diff_opts fw = {false};
    assert_int_equal(dg_plan_verify(p.a, p.b, &fw, &p.up, NULL), 0);
    dg_plan_free(&p.down);   /* the down plan, checked the other way round */
    dg_diff_opts bw = {true};
    dg_diff_plan(p.b, p.a, &bw, &p.down);
    assert_int_equal(dg_plan_verify(p.b, p.a, &bw, &p.down, NULL), 0);
    dg_strings_push(&p.up.stmts, "DROP VIEW cv;");
    assert_int_equal(dg_plan_verify(p.a, p.b, &fw, &p.up, NULL), -1);
    assert_non_null(strstr(refusal(&p.up)->message, "does not reach its schema"));
    pair_free(&p);
}

static void a_failing_statement_is_refused_where_it_points(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_schema, new_schema);
    dg_strings_push(&p.up.stmts, "ALTER TABLE c RENAME COLUMN nosuch TO other;");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    const dg_lint *l = refusal(&p.up);
    assert_non_null(strstr(l->message, "the plan cannot be applied"));
    assert_non_null(strstr(l->message, "`ALTER TABLE c RENAME COLUMN nosuch TO other;` fails: no such column: \"nosuch\""));
    assert_int_equal(l->loc.line, 3);   /* table c of the new schema */
    assert_true(dg_plan_refused(&p.up, &(dg_lint_allow){true, {0}}));
    pair_free(&p);
}

static void a_plan_short_of_its_schema_is_refused(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_schema, new_schema);
    size_t k = 0;   /* the plan without its CREATE INDEX c_n */
    while (k < p.up.stmts.len && !strstr(p.up.stmts.items[k], "CREATE INDEX c_n")) k++;
    assert_true(k < p.up.stmts.len);
    free(p.up.stmts.items[k]);
    memmove(&p.up.stmts.items[k], &p.up.stmts.items[k + 1], (p.up.stmts.len - k - 1) * sizeof p.up.stmts.items[0]);
    p.up.stmts.len--;
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    const dg_lint *l = refusal(&p.up);
    assert_non_null(strstr(l->message, "does not reach its schema"));
    assert_non_null(strstr(l->message, "CREATE INDEX c_n ON c(n);"));
    assert_int_equal(l->loc.line, 4);
    pair_free(&p);
}

/* With foreign keys off every statement runs; SQLite's foreign-key check
 * afterwards finds the child's key gone ("foreign key mismatch"). */
static void a_foreign_key_left_without_its_key_is_refused(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_schema, new_schema);
    dg_strings_push(&p.up.stmts, "DROP INDEX p_k;");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    const dg_lint *l = refusal(&p.up);
    assert_non_null(strstr(l->message, "foreign-key check fails: foreign key mismatch"));
    assert_non_null(l->loc.file);   /* at the child, c, in the new schema */
    assert_int_equal(l->loc.line, 3);
    pair_free(&p);
}

static void a_broken_inverse_refuses_the_plan(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_schema, new_schema);
    dg_strings_push(&p.down.stmts, "CREATE TABLE p (x);");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    const dg_lint *l = refusal(&p.up);
    assert_non_null(strstr(l->message, "its inverse cannot be applied"));
    assert_non_null(strstr(l->message, "table p already exists"));
    pair_free(&p);
}

/* The scratch database holds what the plan touches and what that needs,
 * not the rest: a table far from the change is never built.  Its text here
 * (made by hand) is one SQLite refuses, so had it been built the check
 * would have had no database to judge the plan on. */
static void only_the_touched_part_is_built(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_schema, new_schema);
    dg_table *far = DG_VEC_ADD(&p.a->tables);
    far->name = dg_xstrdup("far");
    far->sql = dg_xstrdup("CREATE TABLE far (");
    dg_table *far2 = DG_VEC_ADD(&p.b->tables);
    far2->name = dg_xstrdup("far");
    far2->sql = dg_xstrdup("CREATE TABLE far (");
    dg_strings_push(&p.up.stmts, "ALTER TABLE c RENAME COLUMN nosuch TO other;");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);   /* judged: far was left out */
    refusal(&p.up);
    pair_free(&p);
}

/* A view over a virtual table's shadow table (fts5's d_data) needs the
 * virtual table in the scratch database, and the shadow tables are no part
 * of the comparison. */
static void shadow_tables_follow_their_virtual_table(void **state)
{
    (void)state;
    pair p;
    pair_make(&p,
              "CREATE VIRTUAL TABLE d USING fts5(a);\nCREATE TABLE t (x);\n"
              "CREATE VIEW v AS SELECT * FROM d_data, t;\n",
              "CREATE VIRTUAL TABLE d USING fts5(a);\nCREATE TABLE t (x, y);\n"
              "CREATE VIEW v AS SELECT * FROM d_data, t;\n");
    assert_true(p.up.stmts.len > 0);
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), 0);
    pair_free(&p);
}

/* old_schema and new_schema plus a table `far` and a trigger tr2 on it
 * whose text names c (so that plans on c bring it into the part). */
static void pair_with_far(pair *p)
{
    static const char extra[] = "CREATE TABLE far (z);\n"
                                "CREATE TRIGGER tr2 AFTER INSERT ON far BEGIN SELECT 'c'; END;\n";
    char *o = dg_xprintf("%s%s", old_schema, extra), *n = dg_xprintf("%s%s", new_schema, extra);
    pair_make(p, o, n);
    free(o);
    free(n);
}

/* The part is meant to build on its own: every trigger comes with its
 * table.  Should the set still miss one (here the old model is edited by
 * hand so that the table tr2 fires on has another name there, which the
 * set cannot follow), the part does not build: the whole old schema is
 * built instead and the plan judged (a broken statement refused), where it
 * used to pass without a word. */
static void a_part_that_does_not_build_falls_back_to_the_whole_schema(void **state)
{
    (void)state;
    pair p;
    pair_with_far(&p);
    dg_table *far = NULL;
    for (size_t i = 0; i < p.a->tables.len; i++)
        if (!strcmp(p.a->tables.items[i].name, "far")) far = &p.a->tables.items[i];
    assert_non_null(far);
    free(far->name);
    far->name = dg_xstrdup("far2");
    dg_strings_push(&p.up.stmts, "ALTER TABLE c RENAME COLUMN nosuch TO other;");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    assert_non_null(strstr(refusal(&p.up)->message, "no such column"));
    pair_free(&p);
}

/* When not even the whole old schema builds, the plan cannot be judged:
 * it is refused, saying which statement of the old schema fails (here
 * tr2's text in the old model, changed by hand, names a table no schema
 * has). */
static void a_plan_that_cannot_be_judged_is_refused(void **state)
{
    (void)state;
    pair p;
    pair_with_far(&p);
    assert_int_equal(p.a->triggers.len, 1);
    dg_trigger *tr = &p.a->triggers.items[0];
    free(tr->sql);
    tr->sql = dg_xstrdup("CREATE TRIGGER tr2 AFTER INSERT ON nowhere BEGIN SELECT 'c'; END;");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    const dg_lint *l = refusal(&p.up);
    assert_non_null(strstr(l->message, "the plan cannot be checked: a database of the old schema cannot be built"));
    assert_non_null(strstr(l->message, "CREATE TRIGGER tr2"));
    assert_non_null(strstr(l->message, "no such table"));
    pair_free(&p);
}

/* Three changes far from each other (a rebuild of c, a column dropped
 * from q, one added to r): the check runs them as groups on scratch
 * databases of their own parts (diff_verify.c).  A group that fails
 * sends the plan to the whole check, which reports as it always has. */
static const char *const old_groups =
    "CREATE TABLE p (id INTEGER PRIMARY KEY, k TEXT);\n"
    "CREATE UNIQUE INDEX p_k ON p(k);\n"
    "CREATE TABLE c (id INTEGER PRIMARY KEY, pk TEXT REFERENCES p(k), n INTEGER);\n"
    "CREATE TABLE q (id INTEGER PRIMARY KEY, a TEXT, b TEXT);\n"
    "CREATE TABLE r (id INTEGER PRIMARY KEY, x TEXT);\n";
static const char *const new_groups =
    "CREATE TABLE p (id INTEGER PRIMARY KEY, k TEXT);\n"
    "CREATE UNIQUE INDEX p_k ON p(k);\n"
    "CREATE TABLE c (id INTEGER PRIMARY KEY, pk TEXT REFERENCES p(k), n INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE q (id INTEGER PRIMARY KEY, a TEXT);\n"
    "CREATE TABLE r (id INTEGER PRIMARY KEY, x TEXT, y TEXT);\n"
    "CREATE INDEX c_n ON c(n);\n";

static void independent_changes_pass_in_groups(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_groups, new_groups);
    assert_true(p.up.rebuilds > 0);
    dg_diff_opts fw = {false};
    assert_int_equal(dg_plan_verify(p.a, p.b, &fw, &p.up, &p.down), 0);
    assert_int_equal(dg_plan_verify(p.a, p.b, &fw, &p.up, NULL), 0);
    for (size_t i = 0; i < p.up.lints.len; i++) assert_string_not_equal(p.up.lints.items[i].code, DG_LINT_CANNOT_APPLY);
    pair_free(&p);
}

static void a_failing_group_is_refused_as_the_whole_plan(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_groups, new_groups);
    dg_strings_push(&p.up.stmts, "ALTER TABLE q RENAME COLUMN nosuch TO other;");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    const dg_lint *l = refusal(&p.up);
    assert_non_null(strstr(l->message, "the plan cannot be applied: on a database of the old schema, "
                                       "`ALTER TABLE q RENAME COLUMN nosuch TO other;` fails: no such column: \"nosuch\""));
    assert_int_equal(l->loc.line, 4);   /* table q of the new schema */
    pair_free(&p);
}

/* c's group has no p (a parent is not part of its child's group), p's
 * group no c: neither alone sees the foreign key lose its key.  p's group
 * does not reach its part (p_k is gone), and the whole check, which has
 * both tables, reports the mismatch. */
static void a_key_dropped_under_another_groups_child_is_refused(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_groups, new_groups);
    dg_strings_push(&p.up.stmts, "DROP INDEX p_k;");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    assert_non_null(strstr(refusal(&p.up)->message, "foreign-key check fails: foreign key mismatch"));
    pair_free(&p);
}

/* A statement the planner does not write (a PRAGMA acts on every group)
 * sends the plan to the whole check. */
static void a_statement_of_no_group_runs_the_whole_check(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_groups, new_groups);
    dg_strings_push(&p.up.stmts, "PRAGMA nosuch_pragma;");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), 0);
    dg_strings_push(&p.up.stmts, "SELECT nosuch();");
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    assert_non_null(strstr(refusal(&p.up)->message, "`SELECT nosuch();` fails: no such function: nosuch"));
    pair_free(&p);
}

/* A hub h with four children; c1 and c2 rebuilt, a column added to c3.
 * A rebuild's CREATE TABLE "_dalgen_new_c1" names c1 only in a comment and
 * h in its foreign key: it is one group with the INSERT, DROP and RENAME
 * that finish the rebuild (split, the CREATE's group left the new table
 * behind, failed, and every such plan ran the whole check: 11 times the
 * instructions for 5 times the tables of drizzle-kit's schemas).  h, which
 * no statement changes, is in the part of each group that references it
 * (c1's key check needs h's key), and its other children are not: c1's
 * and c2's rebuilds are groups of their own.  When a statement changes h,
 * the groups that reference it are one. */
static const char *const old_hub =
    "CREATE TABLE h (id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE c1 (id INTEGER PRIMARY KEY, hid INTEGER REFERENCES h(id), n INTEGER);\n"
    "CREATE TABLE c2 (id INTEGER PRIMARY KEY, hid INTEGER REFERENCES h(id), n INTEGER);\n"
    "CREATE TABLE c3 (id INTEGER PRIMARY KEY, hid INTEGER REFERENCES h(id));\n"
    "CREATE TABLE c4 (id INTEGER PRIMARY KEY, hid INTEGER REFERENCES h(id));\n";
static const char *const new_hub =
    "CREATE TABLE h (id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE c1 (id INTEGER PRIMARY KEY, hid INTEGER REFERENCES h(id), n INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE c2 (id INTEGER PRIMARY KEY, hid INTEGER REFERENCES h(id), n INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE c3 (id INTEGER PRIMARY KEY, hid INTEGER REFERENCES h(id), x TEXT);\n"
    "CREATE TABLE c4 (id INTEGER PRIMARY KEY, hid INTEGER REFERENCES h(id));\n";

/* The group of the statements of p.up naming `table` (all one), and that
 * its part of the old schema is the tables `want` (in schema order). */
static size_t group_of_table(const pair *p, const dv_groups *gs, const char *table, const char *want)
{
    size_t g = SIZE_MAX;
    for (size_t i = 0; i < p->up.stmts.len; i++)
        if (strstr(p->up.stmts.items[i], table)) {
            if (g == SIZE_MAX) g = gs->of[i];
            assert_int_equal(gs->of[i], g);
        }
    assert_int_not_equal(g, SIZE_MAX);
    dg_schema *parts = dg_xcalloc(gs->n, sizeof *parts);
    dv_part_grouped(gs, p->a, parts);
    dg_buf names = {0};
    for (size_t t = 0; t < parts[g].tables.len; t++) dg_buf_printf(&names, " %s", parts[g].tables.items[t].name);
    assert_string_equal(names.data, want);
    dg_buf_free(&names);
    for (size_t k = 0; k < gs->n; k++) dv_part_free(&parts[k]);
    free(parts);
    return g;
}

static void rebuilds_under_a_hub_are_groups_of_their_own(void **state)
{
    (void)state;
    pair p;
    pair_make(&p, old_hub, new_hub);
    assert_int_equal(p.up.rebuilds, 2);
    for (int way = 0; way < 2; way++) {   /* with the inverse, and without (diff plans it per group) */
        const dg_plan *back = way ? NULL : &p.down;
        dv_set c;
        dv_set_init(&c, p.a, p.b);
        dv_groups gs;
        dv_group_stmts(&c, &p.up, back, &gs);
        assert_int_equal(gs.n, 3);
        size_t g1 = group_of_table(&p, &gs, "c1", " h c1"), g2 = group_of_table(&p, &gs, "c2", " h c2"),
               g3 = group_of_table(&p, &gs, "c3", " c3");
        assert_true(g1 != g2 && g2 != g3 && g1 != g3);
        dv_groups_free(&gs);
        dv_set_free(&c);
        assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, back), 0);
    }
    /* h changed too: whoever references it is in its group */
    dg_strings_push(&p.up.stmts, "ALTER TABLE h ADD COLUMN y TEXT;");
    dv_set c;
    dv_set_init(&c, p.a, p.b);
    dv_groups gs;
    dv_group_stmts(&c, &p.up, &p.down, &gs);
    assert_int_equal(gs.n, 2);
    assert_int_equal(gs.of[p.up.stmts.len - 1], group_of_table(&p, &gs, "c1", " h c1 c2"));
    dv_groups_free(&gs);
    dv_set_free(&c);
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), -1);
    assert_non_null(strstr(refusal(&p.up)->message, "does not reach its schema"));
    pair_free(&p);
}

/* A parent's key column renamed in place (RENAME COLUMN): SQLite rewrites
 * the children's foreign keys, so the children are in the group's part and
 * compared with the new schema's (they were left out: only a table's
 * RENAME TO brought its children in). */
static void a_renamed_key_column_brings_its_children(void **state)
{
    (void)state;
    pair p;
    pair_make(&p,
              "CREATE TABLE p (id INTEGER PRIMARY KEY, k TEXT UNIQUE);\n"
              "CREATE TABLE c (id INTEGER PRIMARY KEY, pk TEXT REFERENCES p(k));\n"
              "CREATE TABLE o (id INTEGER PRIMARY KEY);\n",
              "CREATE TABLE p (id INTEGER PRIMARY KEY, kk TEXT UNIQUE -- @renamed_from k\n);\n"
              "CREATE TABLE c (id INTEGER PRIMARY KEY, pk TEXT REFERENCES p(kk));\n"
              "CREATE TABLE o (id INTEGER PRIMARY KEY, x TEXT);\n");
    assert_non_null(strstr(p.up.stmts.items[0], "RENAME COLUMN"));
    dv_set c;
    dv_set_init(&c, p.a, p.b);
    dv_groups gs;
    dv_group_stmts(&c, &p.up, &p.down, &gs);
    assert_int_equal(gs.n, 2);
    group_of_table(&p, &gs, "RENAME COLUMN", " p c");
    dv_groups_free(&gs);
    dv_set_free(&c);
    assert_int_equal(dg_plan_verify(p.a, p.b, NULL, &p.up, &p.down), 0);
    pair_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_plans_pass),
        cmocka_unit_test(the_inverse_is_planned_when_not_given),
        cmocka_unit_test(a_failing_statement_is_refused_where_it_points),
        cmocka_unit_test(a_plan_short_of_its_schema_is_refused),
        cmocka_unit_test(a_foreign_key_left_without_its_key_is_refused),
        cmocka_unit_test(a_broken_inverse_refuses_the_plan),
        cmocka_unit_test(only_the_touched_part_is_built),
        cmocka_unit_test(shadow_tables_follow_their_virtual_table),
        cmocka_unit_test(a_part_that_does_not_build_falls_back_to_the_whole_schema),
        cmocka_unit_test(a_plan_that_cannot_be_judged_is_refused),
        cmocka_unit_test(independent_changes_pass_in_groups),
        cmocka_unit_test(a_failing_group_is_refused_as_the_whole_plan),
        cmocka_unit_test(a_key_dropped_under_another_groups_child_is_refused),
        cmocka_unit_test(a_statement_of_no_group_runs_the_whole_check),
        cmocka_unit_test(rebuilds_under_a_hub_are_groups_of_their_own),
        cmocka_unit_test(a_renamed_key_column_brings_its_children),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
