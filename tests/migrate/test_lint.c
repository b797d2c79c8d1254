/* migrate.lint: lint codes and refusals of plans, on models the front end
 * would not produce by itself (a view still using a dropped column). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"
#include "util/buf.h"

static const dg_lint *find(const dg_plan *p, const char *code)
{
    for (size_t i = 0; i < p->lints.len; i++)
        if (!strcmp(p->lints.items[i].code, code)) return &p->lints.items[i];
    return NULL;
}

static void view_on_dropped_column_is_an_error(void **state)
{
    (void)state;
    dg_schema *a = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT);");
    dg_schema *b = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);");
    assert_non_null(a);
    assert_non_null(b);
    dg_view *v = DG_VEC_ADD(&b->views);
    v->name = dg_xstrdup("v");
    v->sql = dg_xstrdup("CREATE VIEW v AS SELECT b FROM t");
    dg_plan p;
    dg_diff_plan(a, b, NULL, &p);
    const dg_lint *l = find(&p, DG_LINT_DROPPED_COLUMN_REF);
    assert_non_null(l);
    assert_int_equal(l->level, DG_LINT_ERROR);
    assert_non_null(strstr(l->message, "t.b"));
    assert_true(dg_plan_refused(&p, &(dg_lint_allow){true, {0}}));
    dg_plan_free(&p);
    dg_schema_free(a);
    dg_schema_free(b);
}

/* NULLs filled with the new default cannot come back on down: refused on
 * its own code (a drop's down loss is consented to by the drop's code). */
static void unrestorable_down_is_refused(void **state)
{
    (void)state;
    dg_schema *a = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);");
    dg_schema *b = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT '');");
    dg_plan p;
    dg_diff_plan(a, b, NULL, &p);
    const dg_lint *l = find(&p, DG_LINT_DOWN_DATA_LOSS);
    assert_non_null(l);
    assert_non_null(strstr(l->message, "t.a"));
    assert_true(dg_plan_refused(&p, NULL));
    dg_lint_allow only = {0};
    char *bad = NULL;
    assert_int_equal(dg_lint_allow_add(&only, "down-cannot-restore", &bad), 0);
    assert_false(dg_plan_refused(&p, &only));
    dg_lint_allow_free(&only);
    dg_plan_free(&p);
    dg_schema_free(a);
    dg_schema_free(b);
}

/* DATA_DEPENDENT: a UNIQUE key, CHECK or FOREIGN KEY the old rows may break
 * is a warning naming it (and no refusal); one they already kept, or over
 * new columns whose rows all differ or hold NULL, is none. */
static void constraints_new_to_old_rows_are_warned(void **state)
{
    (void)state;
    static const struct { const char *from, *to, *says; } cases[] = {
        /* NULLs filled with one default into a UNIQUE column (seed 40448) */
        {"CREATE TABLE t (id INTEGER PRIMARY KEY, u REAL UNIQUE);",
         "CREATE TABLE t (id INTEGER PRIMARY KEY, u REAL NOT NULL DEFAULT 4.5 UNIQUE);", "NULLs in t.u"},
        {"CREATE TABLE t (a TEXT, b TEXT, UNIQUE (a, b));",
         "CREATE TABLE t (a TEXT, b TEXT NOT NULL DEFAULT 'x', UNIQUE (a, b));", "UNIQUE (a, b) holds it"},
        {"CREATE TABLE t (a TEXT, b TEXT); CREATE UNIQUE INDEX i ON t (b);",
         "CREATE TABLE t (a TEXT, b TEXT NOT NULL DEFAULT 'x'); CREATE UNIQUE INDEX i ON t (b);",
         "UNIQUE index i (b) holds it"},
        {"CREATE TABLE t (a TEXT, b TEXT);", "CREATE TABLE t (a TEXT, b TEXT UNIQUE);", "UNIQUE (b) is new"},
        {"CREATE TABLE t (a TEXT);", "CREATE TABLE t (a TEXT, n INTEGER DEFAULT 1 UNIQUE);", "UNIQUE (n) is new"},
        {"CREATE TABLE t (a TEXT, b TEXT);", "CREATE TABLE t (a TEXT, b TEXT); CREATE UNIQUE INDEX j ON t (b, a);",
         "UNIQUE index j (a, b) is new"},
        {"CREATE TABLE t (a TEXT, b TEXT, PRIMARY KEY (a));", "CREATE TABLE t (a TEXT, b TEXT, PRIMARY KEY (a, b));",
         NULL},   /* a wider key holds where the narrower one held */
        {"CREATE TABLE t (a TEXT, b TEXT, PRIMARY KEY (a, b));", "CREATE TABLE t (a TEXT, b TEXT, PRIMARY KEY (a));",
         "PRIMARY KEY (a) is new"},
        {"CREATE TABLE t (a TEXT UNIQUE);", "CREATE TABLE t (a TEXT COLLATE NOCASE UNIQUE);", "UNIQUE (a) is new"},
        {"CREATE TABLE t (a TEXT UNIQUE);", "CREATE TABLE t (a NUMERIC UNIQUE);", "UNIQUE (a) is new"},
        {"CREATE TABLE t (a TEXT); CREATE UNIQUE INDEX i ON t (a) WHERE a > 'm';",
         "CREATE TABLE t (a TEXT); CREATE UNIQUE INDEX i ON t (a);", "UNIQUE index i (a) is new"},
        {"CREATE TABLE t (a INTEGER, b TEXT);", "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT);",
         "PRIMARY KEY (a) is new"},   /* an existing column becomes the rowid */
        /* none: a key over a new column whose rows all differ (NULL, a new rowid) */
        {"CREATE TABLE t (a TEXT);", "CREATE TABLE t (a TEXT, n INTEGER UNIQUE);", NULL},
        {"CREATE TABLE t (a TEXT);", "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);", NULL},
        /* a CHECK or FOREIGN KEY new to existing columns */
        {"CREATE TABLE t (a INTEGER);", "CREATE TABLE t (a INTEGER CHECK (a > 0));", "CHECK (a > 0) is new"},
        {"CREATE TABLE t (a INTEGER, CHECK (a > 0));", "CREATE TABLE t (a INTEGER, CHECK (a > 1));", "CHECK (a > 1) is new"},
        {"CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (a INTEGER);",
         "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (a INTEGER REFERENCES p);",
         "FOREIGN KEY (a) REFERENCES p is new"},
        {"CREATE TABLE t (a INTEGER CHECK (a > 0));", "CREATE TABLE t (z INTEGER CHECK (z > 0) -- @renamed_from a\n);",
         NULL},
        {"CREATE TABLE t (a INTEGER);", "CREATE TABLE t (a INTEGER, b INTEGER CHECK (b > 0));", NULL},
        {"CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (a INTEGER REFERENCES p);",
         "-- @renamed_from p\nCREATE TABLE q (id INTEGER PRIMARY KEY); CREATE TABLE t (a INTEGER REFERENCES q);", NULL},
        {"CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (a INTEGER);",
         "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (a INTEGER, b INTEGER REFERENCES p);", NULL},
        /* kept: the same key, renamed, widened, re-declared as an index, or on a new table */
        {"CREATE TABLE t (a TEXT UNIQUE, b TEXT);", "CREATE TABLE t (a TEXT UNIQUE, b TEXT NOT NULL DEFAULT '');", NULL},
        {"CREATE TABLE t (a INTEGER UNIQUE);", "CREATE TABLE t (z TEXT UNIQUE -- @renamed_from a\n);", NULL},
        {"CREATE TABLE t (a TEXT UNIQUE);", "CREATE TABLE t (a TEXT); CREATE UNIQUE INDEX i ON t (a);", NULL},
        {"CREATE TABLE t (a TEXT);", "CREATE TABLE t (a TEXT); CREATE TABLE n (a TEXT UNIQUE);", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dg_schema *a = mh_load_text(cases[i].from), *b = mh_load_text(cases[i].to);
        assert_non_null(a);
        assert_non_null(b);
        dg_plan p;
        dg_diff_plan(a, b, NULL, &p);
        const dg_lint *l = find(&p, DG_LINT_DATA_DEPENDENT);
        if (cases[i].says ? !l || !strstr(l->message, cases[i].says) || l->level != DG_LINT_NOTE : l != NULL)
            fail_msg("case %zu: expected %s, got %s", i, cases[i].says ? cases[i].says : "no DATA_DEPENDENT",
                     l ? l->message : "none");
        dg_plan_free(&p);
        dg_schema_free(a);
        dg_schema_free(b);
    }
}

/* Every code the --allow error lists is one --allow takes. */
static void listed_codes_are_allowable(void **state)
{
    (void)state;
    const char *s = dg_lint_allow_codes();
    int n = 0;
    while (*s) {
        size_t len = strcspn(s, ",");
        char *code = dg_xstrndup(s, len), *bad = NULL;
        dg_lint_allow one = {0};
        assert_int_equal(dg_lint_allow_add(&one, code, &bad), 0);
        dg_lint_allow_free(&one);
        free(code);
        n++;
        s += len;
        while (*s == ',' || *s == ' ') s++;
    }
    assert_int_equal(n, 7);
}

/* A dropped column named like its table, `main` or a keyword (`as`): a view
 * and a trigger that name only the table use no dropped column (found by
 * names.py, seeds 20063 and 30325: the plan was refused). */
static void column_named_like_a_table_is_not_a_use(void **state)
{
    (void)state;
    static const char *const drop[] = {"main", "t", "\"as\""};
    for (size_t i = 0; i < 3; i++) {
        char *sa = dg_xprintf("CREATE TABLE main (id INTEGER PRIMARY KEY, a TEXT, %s TEXT);\n"
                              "CREATE TABLE t (id INTEGER PRIMARY KEY, %s TEXT);", drop[i], drop[i]);
        dg_schema *a = mh_load_text(sa);
        dg_schema *b = mh_load_text("CREATE TABLE main (id INTEGER PRIMARY KEY, a TEXT);\n"
                                    "CREATE TABLE t (id INTEGER PRIMARY KEY, main TEXT, t TEXT);\n"
                                    "CREATE VIEW v AS SELECT a AS b FROM main.main;\n"
                                    "CREATE TRIGGER tr AFTER UPDATE ON main BEGIN SELECT 1 FROM t; END;");
        assert_non_null(a);
        assert_non_null(b);
        dg_plan p;
        dg_diff_plan(a, b, NULL, &p);
        assert_null(find(&p, DG_LINT_DROPPED_COLUMN_REF));
        assert_false(dg_plan_refused(&p, &(dg_lint_allow){true, {0}}));
        dg_plan_free(&p);
        dg_schema_free(a);
        dg_schema_free(b);
        free(sa);
    }
}

/* A word right after AS is an alias (or a CAST's type), not a use: a view
 * naming its output like the dropped column (names.py seed 81110), and a
 * view or trigger named like it, are left to the plan check; a real use
 * still is the error. */
static void alias_named_like_a_dropped_column_is_not_a_use(void **state)
{
    (void)state;
    static const struct { const char *view; bool refused; } cases[] = {
        {"CREATE VIEW v AS SELECT 'x' AS \"RowiD\", a FROM b;", false},
        {"CREATE VIEW v AS SELECT CAST(a AS r) FROM b;", false},
        {"CREATE VIEW r AS SELECT a FROM b;", false},
        {"CREATE TRIGGER r AFTER INSERT ON b BEGIN SELECT 1; END;", false},
        {"CREATE VIEW v AS SELECT r AS a FROM b;", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dg_schema *a = mh_load_text("CREATE TABLE b (id INTEGER PRIMARY KEY, a TEXT, r TEXT, RowID TEXT);");
        char *sb = dg_xprintf("CREATE TABLE b (id INTEGER PRIMARY KEY, a TEXT);\n%s", cases[i].view);
        dg_schema *b = mh_load_text(sb);
        assert_non_null(a);
        if (!b) {   /* SQLite refuses the new schema's real use at load already */
            assert_true(cases[i].refused);
        } else {
            dg_plan p;
            dg_diff_plan(a, b, NULL, &p);
            if ((find(&p, DG_LINT_DROPPED_COLUMN_REF) != NULL) != cases[i].refused)
                fail_msg("case %zu: %s", i, cases[i].view);
            dg_plan_free(&p);
        }
        dg_schema_free(a);
        dg_schema_free(b);
        free(sb);
    }
}

static void destructive_is_refused_unless_allowed(void **state)
{
    (void)state;
    dg_schema *a = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\nCREATE TABLE u (id INTEGER);");
    dg_schema *b = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY);");
    dg_plan p;
    dg_diff_plan(a, b, NULL, &p);
    assert_non_null(find(&p, DG_LINT_DROP_TABLE));
    assert_non_null(find(&p, DG_LINT_DROP_COLUMN));
    assert_non_null(find(&p, DG_LINT_DOWN_DATA_LOSS));
    assert_true(dg_plan_refused(&p, NULL));
    assert_false(dg_plan_refused(&p, &(dg_lint_allow){true, {0}}));
    /* per code: allowing one of the two destructive codes is not enough */
    dg_lint_allow only = {0};
    char *bad = NULL;
    assert_int_equal(dg_lint_allow_add(&only, "drop-column", &bad), 0);
    assert_true(dg_plan_refused(&p, &only));
    assert_int_equal(dg_lint_allow_add(&only, "DROP_TABLE", &bad), 0);
    assert_false(dg_plan_refused(&p, &only));
    assert_int_equal(dg_lint_allow_add(&only, "NARROW_TYPE,nope", &bad), -1);
    assert_string_equal(bad, "nope");
    free(bad);
    assert_int_equal(dg_lint_allow_add(&only, "DROPPED_COLUMN_REFERENCED", &bad), -1);   /* never allowed */
    free(bad);
    dg_lint_allow_free(&only);
    dg_plan_free(&p);
    dg_schema_free(a);
    dg_schema_free(b);
}

static void down_reverses_renames(void **state)
{
    (void)state;
    dg_schema *a = mh_load_text("CREATE TABLE person (id INTEGER PRIMARY KEY, nm TEXT);");
    dg_schema *b = mh_load_text("-- @renamed_from person\nCREATE TABLE people (\n  id INTEGER PRIMARY KEY,\n"
                                "  name TEXT -- @renamed_from nm\n);");
    dg_plan up, down;
    dg_diff_opts bw = {true};
    dg_diff_plan(a, b, NULL, &up);
    dg_diff_plan(b, a, &bw, &down);
    char *u = dg_plan_sql(&up, NULL), *d = dg_plan_sql(&down, NULL);
    assert_non_null(strstr(u, "ALTER TABLE \"person\" RENAME TO \"people\";"));
    assert_non_null(strstr(u, "RENAME COLUMN \"nm\" TO \"name\";"));
    assert_non_null(strstr(d, "ALTER TABLE \"people\" RENAME TO \"person\";"));
    assert_non_null(strstr(d, "RENAME COLUMN \"name\" TO \"nm\";"));
    assert_int_equal(up.lints.len, 0);
    free(u);
    free(d);
    dg_plan_free(&up);
    dg_plan_free(&down);
    dg_schema_free(a);
    dg_schema_free(b);
}

static void without_annotation_a_rename_is_drop_and_add(void **state)
{
    (void)state;
    dg_schema *a = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY, nm TEXT);");
    dg_schema *b = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);");
    dg_plan p;
    dg_diff_plan(a, b, NULL, &p);
    char *sql = dg_plan_sql(&p, NULL);
    assert_null(strstr(sql, "RENAME"));
    assert_non_null(strstr(sql, "DROP COLUMN \"nm\""));
    assert_non_null(find(&p, DG_LINT_DROP_COLUMN));
    free(sql);
    dg_plan_free(&p);
    dg_schema_free(a);
    dg_schema_free(b);
}

static void plans_never_hold_transactions(void **state)
{
    (void)state;
    dg_schema *a = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT);");
    dg_schema *b = mh_load_text("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT NOT NULL DEFAULT '') STRICT;");
    dg_plan p;
    dg_diff_plan(a, b, NULL, &p);
    char *sql = dg_plan_sql(&p, NULL);
    assert_true(p.rebuilds == 1);
    assert_null(strstr(sql, "BEGIN"));
    assert_null(strstr(sql, "COMMIT"));
    assert_null(strstr(sql, "PRAGMA"));
    assert_non_null(strstr(sql, "sqlite_sequence"));
    free(sql);
    dg_plan_free(&p);
    dg_schema_free(a);
    dg_schema_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(view_on_dropped_column_is_an_error),
        cmocka_unit_test(column_named_like_a_table_is_not_a_use),
        cmocka_unit_test(alias_named_like_a_dropped_column_is_not_a_use),
        cmocka_unit_test(destructive_is_refused_unless_allowed),
        cmocka_unit_test(unrestorable_down_is_refused),
        cmocka_unit_test(constraints_new_to_old_rows_are_warned),
        cmocka_unit_test(listed_codes_are_allowable),
        cmocka_unit_test(down_reverses_renames),
        cmocka_unit_test(without_annotation_a_rename_is_drop_and_add),
        cmocka_unit_test(plans_never_hold_transactions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
