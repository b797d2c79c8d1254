/* Unit tests of the CHECK compiler, enum detection and validator rules
 * (generator/c/check, generator/c/validators_rules.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "c/check/check.h"
#include "c/validators_rules.h"
#include "c/view_int.h"
#include "c/view_validators.h"
#include "model/model.h"
#include "util/buf.h"

/* t(i INTEGER, r REAL, s TEXT, d DATE, n NUMERIC, v, g INTEGER GENERATED)
 * with fields named like the columns; i, r, n, g nullable through has_ flags. */
static dg_table *table(void)
{
    static const char *cols[][2] = {{"i", "INTEGER"}, {"r", "REAL"}, {"s", "TEXT"},
                                    {"d", "DATE"}, {"n", "NUMERIC"}, {"v", ""}, {"g", "INTEGER"}};
    dg_table *t = dg_xcalloc(1, sizeof *t);
    t->name = dg_xstrdup("t");
    for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
        dg_column *c = DG_VEC_ADD(&t->columns);
        c->name = dg_xstrdup(cols[k][0]);
        c->type = dg_xstrdup(cols[k][1]);
        c->affinity = dg_affinity_of(c->type);
        if (!strcmp(c->name, "g")) c->generated = DG_GEN_VIRTUAL;
    }
    return t;
}

static const dg_cfield fields[] = {
    {"i", "has_i", DG_CK_INT64, NULL}, {"r", "has_r", DG_CK_DOUBLE, NULL}, {"s", NULL, DG_CK_TEXT, NULL},
    {"d", NULL, DG_CK_TEXT, NULL},   {"n", "has_n", DG_CK_DOUBLE, NULL}, {"v", NULL, DG_CK_VALUE, NULL},
    {"g", "has_g", DG_CK_INT64, NULL},
};

static void free_table(dg_table *t)
{
    dg_table_free(t);
    free(t);
}

/* Compiles `expr` on table(); returns the C text or "REFUSED: reason". */
static char *compile(const char *expr)
{
    dg_table *t = table();
    dg_check *chk = DG_VEC_ADD(&t->checks);
    chk->expr = dg_xstrdup(expr);
    chk->column = -1;
    dg_check_c cc;
    int rc = dg_check_compile(t, chk, fields, "row", &cc);
    char *out = rc == 0 ? dg_xstrdup(cc.cond) : dg_xprintf("REFUSED: %s", cc.reason);
    assert_int_equal(rc == 0, cc.cond != NULL);
    dg_check_c_free(&cc);
    free_table(t);
    return out;
}

#define COMPILES_TO(expr, c)                 \
    do {                                     \
        char *got_ = compile(expr);          \
        assert_string_equal(got_, c);        \
        free(got_);                          \
    } while (0)

#define REFUSED_BECAUSE(expr, reason)                      \
    do {                                                   \
        char *got_ = compile(expr);                        \
        assert_string_equal(got_, "REFUSED: " reason);     \
        free(got_);                                        \
    } while (0)

static void comparisons_compile_with_null_propagation(void **state)
{
    (void)state;
    COMPILES_TO("i >= 0", "(!row->has_i ? -1 : (row->i >= 0))");
    COMPILES_TO("s <> ''", "((row->s == NULL) ? -1 : (dal_sql_cmp_text(row->s, \"\", DAL_COLL_BINARY) != 0))");
    COMPILES_TO("i > '5'", "(!row->has_i ? -1 : (row->i > 5))");
    COMPILES_TO("s > 5", "((row->s == NULL) ? -1 : (dal_sql_cmp_text(row->s, \"5\", DAL_COLL_BINARY) > 0))");
    COMPILES_TO("i < 'abc'", "(!row->has_i ? -1 : 1)");
    COMPILES_TO("r = 2", "((!row->has_r || row->r != row->r) ? -1 : (0 == dal_sql_cmp_int_real(2, row->r)))");
    COMPILES_TO("i IS NULL", "(!row->has_i ? 1 : 0)");
    COMPILES_TO("i NOT NULL", "(!row->has_i ? 0 : 1)");
    COMPILES_TO("typeof(n) = 'integer'",
                "(dal_sql_cmp_text(((!row->has_n || row->n != row->n) ? \"null\" : (dal_sql_real_is_int(row->n) ? "
                "\"integer\" : \"real\")), \"integer\", DAL_COLL_BINARY) == 0)");
}

static void boolean_structure_uses_three_valued_logic(void **state)
{
    (void)state;
    COMPILES_TO("NOT (i = 1 OR i > 2) AND s IS NOT NULL",
                "dal_sql_and(dal_sql_not(dal_sql_or((!row->has_i ? -1 : (row->i == 1)), (!row->has_i ? -1 : "
                "(row->i > 2)))), ((row->s == NULL) ? 0 : 1))");
    COMPILES_TO("i IN ()", "0");
    COMPILES_TO("s LIKE 'a%' ESCAPE '!'", "((row->s == NULL) ? -1 : dal_sql_like(\"a%\", row->s, 33))");
    COMPILES_TO("s NOT GLOB '*x'", "((row->s == NULL) ? -1 : !dal_sql_glob(\"*x\", row->s))");
    COMPILES_TO("trim(s) <> ''", "((row->s == NULL) ? -1 : !dal_sql_trim_empty(row->s))");
    COMPILES_TO("i IS NOT TRUE", "(!row->has_i ? 1 : !(row->i != 0))");
    COMPILES_TO("i = TRUE", "(!row->has_i ? -1 : (row->i == 1))");
    COMPILES_TO("d >= '2000-01-01'", "((row->d == NULL) ? -1 : (dal_sql_text_is_numeric(row->d) ? 0 : "
                                     "(dal_sql_cmp_text(row->d, \"2000-01-01\", DAL_COLL_BINARY) >= 0)))");
}

static void unsupported_forms_are_refused_with_a_reason(void **state)
{
    (void)state;
    REFUSED_BECAUSE("i + 1 > 0", "the value i + 1");
    REFUSED_BECAUSE("lower(s) = 'x'", "the function lower()");
    REFUSED_BECAUSE("i IN (SELECT 1)", "IN over a table or a subquery");
    REFUSED_BECAUSE("CASE WHEN i THEN 1 END", "the expression CASE WHEN i THEN 1 END");
    REFUSED_BECAUSE("s REGEXP 'x'", "REGEXP");
    REFUSED_BECAUSE("d > '2000'", "a comparison of text that a numeric column may store as a number");
    REFUSED_BECAUSE("length(d) = 10", "length() of text that a numeric column may store as a number");
    REFUSED_BECAUSE("d LIKE '2%'", "LIKE on something other than a text column");
    REFUSED_BECAUSE("s = i", "a comparison that converts text to a number at run time");
    REFUSED_BECAUSE("length(r) > 1", "length() of a REAL value");
    REFUSED_BECAUSE("s LIKE s", "LIKE with a pattern that is not a string literal");
    REFUSED_BECAUSE("s LIKE 'a' ESCAPE 'ab'", "ESCAPE other than one literal character");
    REFUSED_BECAUSE("s LIKE '%a%' ESCAPE '%'", "ESCAPE '%'");
    REFUSED_BECAUSE("s IS TRUE", "IS TRUE/FALSE of something other than a numeric column");
    REFUSED_BECAUSE("s COLLATE french = 'a'", "the collation french");
    REFUSED_BECAUSE("v = 1", "column v: its C type is not compiled");
    REFUSED_BECAUSE("other.i = 1", "a column of another table");
    REFUSED_BECAUSE("nope = 1", "unknown column nope");
    REFUSED_BECAUSE("1 = 1", "a comparison of two constants");
    REFUSED_BECAUSE("s", "a condition that is not a numeric column");
    REFUSED_BECAUSE("trim(s) = 'x'", "trim() compared with something other than ''");
    REFUSED_BECAUSE("i = x'00'", "the value x'00'");
    REFUSED_BECAUSE("((", "an expression dalgen does not parse");
    REFUSED_BECAUSE("g > 0", "column g is generated");
}

static bool enum_of(const char *type, const char *coll, const char *expr, dg_strings *values)
{
    dg_table t;
    memset(&t, 0, sizeof t);
    t.name = dg_xstrdup("t");
    dg_column *c = DG_VEC_ADD(&t.columns);
    c->name = dg_xstrdup("status");
    c->type = dg_xstrdup(type);
    c->affinity = dg_affinity_of(type);
    c->collation = coll ? dg_xstrdup(coll) : NULL;
    dg_check *chk = DG_VEC_ADD(&t.checks);
    chk->expr = dg_xstrdup(expr);
    chk->column = -1;
    int col = -1;
    bool ok = dg_check_enum(&t, chk, &col, values);
    assert_int_equal(col, ok ? 0 : -1);
    dg_table_free(&t);
    return ok;
}

static void enums_are_in_lists_of_strings_on_text_columns(void **state)
{
    (void)state;
    dg_strings v = {0};
    assert_true(enum_of("VARCHAR(10)", NULL, "status in ('G','PG','PG-13')", &v));
    assert_int_equal(v.len, 3);
    assert_string_equal(v.items[2], "PG-13");
    dg_strings_free(&v);
    assert_true(enum_of("text", NULL, "status = 'open' OR 'closed' = status", &v));
    assert_int_equal(v.len, 2);
    assert_string_equal(v.items[1], "closed");
    dg_strings_free(&v);
    assert_false(enum_of("INTEGER", NULL, "status IN ('a', 'b')", &v));
    assert_false(enum_of("TEXT", "NOCASE", "status IN ('a', 'b')", &v));
    assert_false(enum_of("TEXT", NULL, "status IN ('a', 1)", &v));
    assert_false(enum_of("TEXT", NULL, "status IN ('a', 'a')", &v));
    assert_false(enum_of("TEXT", NULL, "status NOT IN ('a', 'b')", &v));
    assert_false(enum_of("TEXT", NULL, "status = 'a'", &v));
    assert_false(enum_of("TEXT", NULL, "status = 'a' OR status > 'b'", &v));
    assert_int_equal(v.len, 0);
}

static void declared_lengths_are_read_from_the_type(void **state)
{
    (void)state;
    assert_int_equal(dg_declared_length("VARCHAR(64)"), 64);
    assert_int_equal(dg_declared_length("nvarchar( 160 )"), 160);
    assert_int_equal(dg_declared_length("CHAR(1)"), 1);
    assert_int_equal(dg_declared_length("VARYING  CHARACTER(5)"), 5);
    assert_int_equal(dg_declared_length("TEXT"), 0);
    assert_int_equal(dg_declared_length("DECIMAL(4,2)"), 0);
    assert_int_equal(dg_declared_length("VARCHAR(0)"), 0);
    assert_int_equal(dg_declared_length("VARCHAR(x)"), 0);
}

/* Builds the validator of a one-column table; returns the diagnostics. */
static char *annotate(const char *type, dg_ckind kind, const char *key, const char *value, dg_validator *v)
{
    dg_table t;
    memset(&t, 0, sizeof t);
    t.name = dg_xstrdup("t");
    dg_column *c = DG_VEC_ADD(&t.columns);
    c->name = dg_xstrdup("c");
    c->type = dg_xstrdup(type);
    c->affinity = dg_affinity_of(type);
    dg_loc loc = {"schema.sql", 3, 14};
    dg_annotations_add(&c->annotations, key, value, loc);
    dg_cfield f = {"c", NULL, kind, NULL};
    bool enum_check = false;
    char *text = NULL;
    size_t len = 0;
    dg_diags d = DG_DIAGS_INIT;
    FILE *mem = open_memstream(&text, &len);
    int rc = dg_validator_build(&t, &f, &enum_check, "p_t", "row", v, &d);
    dg_diags_print(&d, mem);
    fclose(mem);
    assert_int_equal(rc != 0, d.errors != 0);
    dg_table_free(&t);
    return text;
}

static void annotations_become_rules_or_errors(void **state)
{
    (void)state;
    dg_validator v;
    char *diag = annotate("TEXT", DG_CK_TEXT, "format", "email", &v);
    assert_string_equal(diag, "");
    assert_int_equal(v.rules.len, 2);   /* utf8 + format */
    assert_string_equal(v.rules.items[1].code, "DAL_RULE_FORMAT");
    assert_string_equal(v.rules.items[1].cond,
                        "row->c != NULL && dal_text_valid_utf8(row->c) && !dal_format_email(row->c)");
    dg_validator_free(&v);
    free(diag);

    diag = annotate("TEXT", DG_CK_TEXT, "pattern", "^[a-z]+$", &v);
    assert_int_equal(v.patterns.len, 1);
    assert_string_equal(v.patterns.items[0].name, "p_t_c_pattern");
    assert_string_equal(v.rules.items[1].message, "must match the pattern ^[a-z]+$");
    dg_validator_free(&v);
    free(diag);

    diag = annotate("INTEGER", DG_CK_INT64, "min", "18", &v);
    assert_string_equal(v.rules.items[0].cond, "dal_sql_cmp_int_real(row->c, 18.0) < 0");
    assert_string_equal(v.rules.items[0].message, "must be at least 18");
    dg_validator_free(&v);
    free(diag);

    diag = annotate("TEXT", DG_CK_TEXT, "length", "2..5", &v);
    assert_string_equal(v.rules.items[1].message, "must be 2 to 5 characters");
    dg_validator_free(&v);
    free(diag);

    diag = annotate("TEXT", DG_CK_TEXT, "format", "phone", &v);
    assert_string_equal(diag, "schema.sql:3:14: error: unknown @format 'phone' (email, url, uuid, date, datetime, time, json or jsonb)\n");
    dg_validator_free(&v);
    free(diag);

    diag = annotate("TEXT", DG_CK_TEXT, "pattern", "a(", &v);
    assert_non_null(strstr(diag, "schema.sql:3:14: error: @pattern is not a POSIX extended regular expression: "));
    dg_validator_free(&v);
    free(diag);

    diag = annotate("TEXT", DG_CK_TEXT, "max", "3", &v);
    assert_string_equal(diag, "schema.sql:3:14: error: @max applies to numeric columns; c is not one\n");
    dg_validator_free(&v);
    free(diag);

    diag = annotate("TEXT", DG_CK_TEXT, "length", "5..2", &v);
    assert_string_equal(diag, "schema.sql:3:14: error: @length needs MIN..MAX, MIN.., ..MAX or N, not '5..2'\n");
    dg_validator_free(&v);
    free(diag);
}

static void check_messages_are_one_line(void **state)
{
    (void)state;
    dg_table *t = table();
    dg_check *chk = DG_VEC_ADD(&t->checks);
    chk->expr = dg_xstrdup("s <> 'a\nb'\n   AND  i > 0");
    chk->column = -1;
    chk->name = dg_xstrdup("two_lines");
    bool enum_check = false;
    dg_validator v;
    dg_diags d = DG_DIAGS_INIT;
    assert_int_equal(dg_validator_build(t, fields, &enum_check, "p_t", "row", &v, &d), 0);
    const dg_vrule *r = &v.rules.items[v.rules.len - 1];
    assert_string_equal(r->code, "DAL_RULE_CHECK");
    assert_int_equal(r->column, -1);
    assert_string_equal(r->message, "must satisfy CONSTRAINT two_lines CHECK (s <> 'a\\nb' AND i > 0)");
    dg_validator_free(&v);
    free_table(t);
}

/* dg_view_add_validators on posts(status TEXT NOT NULL, count TEXT, label TEXT
 * DEFAULT 'x') with IN-list CHECKs. */
static void view_model_gets_enums_and_the_validator(void **state)
{
    (void)state;
    static const char *cols[][3] = {{"status", "TEXT", "status IN ('draft', 'published')"},
                                    {"count", "TEXT", "count IN ('one', 'many')"},
                                    {"label", "TEXT", "label IN ('a b', 'a-b', 'unknown', '', '\xc3\xa9')"}};
    dg_table t;
    memset(&t, 0, sizeof t);
    t.name = dg_xstrdup("posts");
    for (int i = 0; i < 3; i++) {
        dg_column *c = DG_VEC_ADD(&t.columns);
        c->name = dg_xstrdup(cols[i][0]);
        c->type = dg_xstrdup(cols[i][1]);
        c->affinity = DG_AFF_TEXT;
        c->not_null = i == 0;
        c->default_sql = i == 2 ? dg_xstrdup("'x'") : NULL;
        dg_check *chk = DG_VEC_ADD(&t.checks);
        chk->expr = dg_xstrdup(cols[i][2]);
        chk->column = i;
    }
    /* A table `post_labels` has the row struct p_post_label. */
    dg_venums enums = {0};
    dg_vtypes types = {0};
    dg_strings_push(&types.structs, "p_post_label");
    dg_vtable vt;
    memset(&vt, 0, sizeof vt);
    vt.t = &t;
    vt.strct = "p_post";
    for (int i = 0; i < 3; i++) {
        memset(DG_VEC_ADD(&vt.fx), 0, sizeof(dg_vfield));
        dg_cbind *b = DG_VEC_ADD(&vt.f);
        memset(b, 0, sizeof *b);
        b->column = b->name = cols[i][0];
        b->kind = b->vkind = DG_CK_TEXT;
        b->ctype = "const char *";
    }
    dg_diags d = DG_DIAGS_INIT;
    assert_int_equal(dg_view_add_validators(&enums, &vt, "p_post", &types, &d), 0);
    assert_int_equal(vt.f.items[0].kind, DG_CK_ENUM);
    assert_string_equal(vt.f.items[1].enum_type, "p_post_count_enum");
    assert_string_equal(vt.f.items[1].has, "has_count");

    json_t *root = json_object(), *ej = dg_venums_to_json(&enums);
    json_object_set_new(root, "enums", ej);
    json_t *tv = dg_vtable_to_json(&vt, NULL, &enums), *fields = json_object_get(tv, "fields");
    json_t *f0 = json_array_get(fields, 0), *f1 = json_array_get(fields, 1), *f2 = json_array_get(fields, 2);
    assert_string_equal(json_string_value(json_object_get(f0, "kind")), "enum");
    assert_string_equal(json_string_value(json_object_get(f0, "enum_type")), "p_post_status");
    assert_string_equal(json_string_value(json_object_get(f0, "ctype")), "p_post_status");
    assert_null(json_object_get(f0, "has"));   /* NOT NULL without DEFAULT */
    /* `count` names a generated function: the enum type moves aside. */
    assert_string_equal(json_string_value(json_object_get(f1, "enum_type")), "p_post_count_enum");
    assert_string_equal(json_string_value(json_object_get(f1, "has")), "has_count");
    assert_string_equal(json_string_value(json_object_get(f2, "has")), "has_label");
    assert_string_equal(json_string_value(json_object_get(f2, "enum_type")), "p_post_label_enum");

    assert_int_equal(json_array_size(ej), 3);
    assert_int_equal(json_array_size(json_object_get(tv, "enums")), 3);
    json_t *label = json_array_get(ej, 2);
    assert_string_equal(json_string_value(json_object_get(label, "unknown")), "P_POST_LABEL_ENUM_UNKNOWN");
    static const char *names[] = {"P_POST_LABEL_ENUM_A_B", "P_POST_LABEL_ENUM_A_B_2", "P_POST_LABEL_ENUM_UNKNOWN_2",
                                  "P_POST_LABEL_ENUM_EMPTY", "P_POST_LABEL_ENUM_XC3_XA9"};
    for (size_t i = 0; i < 5; i++) {
        json_t *v = json_array_get(json_object_get(label, "values"), i);
        assert_string_equal(json_string_value(json_object_get(v, "name")), names[i]);
        assert_int_equal(json_integer_value(json_object_get(v, "value")), (json_int_t)i + 1);
    }
    json_t *val = json_object_get(tv, "validator");
    assert_string_equal(json_string_value(json_object_get(val, "fn")), "p_post_validate");
    json_t *rules = json_object_get(val, "rules");
    size_t i;
    json_t *r;
    int enum_rules = 0;
    json_array_foreach(rules, i, r) enum_rules += !strcmp(json_string_value(json_object_get(r, "code")), "DAL_RULE_ENUM");
    assert_int_equal(enum_rules, 3);
    assert_int_equal(json_array_size(json_object_get(val, "not_compiled")), 0);

    dg_vtable_free(&vt);
    dg_venums_free(&enums);
    dg_vtypes_free(&types);
    json_decref(root);
    json_decref(tv);
    dg_table_free(&t);
}

/* CPU seconds of dg_view_add_validators on t(s TEXT CHECK (s IN (n values))). */
static double enum_cpu(int n)
{
    dg_buf sql = DG_BUF_INIT;
    dg_buf_puts(&sql, "s IN (");
    for (int i = 0; i < n; i++) dg_buf_printf(&sql, "%s'v%d'", i ? "," : "", i);
    dg_buf_puts(&sql, ")");
    dg_table t;
    memset(&t, 0, sizeof t);
    t.name = dg_xstrdup("t");
    dg_column *c = DG_VEC_ADD(&t.columns);
    c->name = dg_xstrdup("s");
    c->type = dg_xstrdup("TEXT");
    c->affinity = DG_AFF_TEXT;
    dg_check *chk = DG_VEC_ADD(&t.checks);
    chk->expr = dg_xstrdup(dg_buf_cstr(&sql));
    chk->column = 0;
    dg_venums enums = {0};
    dg_vtypes types = {0};
    dg_vtable vt;
    memset(&vt, 0, sizeof vt);
    vt.t = &t;
    vt.strct = "p_t";
    memset(DG_VEC_ADD(&vt.fx), 0, sizeof(dg_vfield));
    dg_cbind *b = DG_VEC_ADD(&vt.f);
    memset(b, 0, sizeof *b);
    b->column = b->name = "s";
    b->kind = b->vkind = DG_CK_TEXT;
    b->ctype = "const char *";
    dg_diags d = DG_DIAGS_INIT;
    clock_t start = clock();
    assert_int_equal(dg_view_add_validators(&enums, &vt, "p_t", &types, &d), 0);
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_int_equal(vt.f.items[0].kind, DG_CK_ENUM);
    assert_int_equal(enums.len, 1);
    assert_int_equal(enums.items[0].values.len, (size_t)n);
    dg_vtable_free(&vt);
    dg_venums_free(&enums);
    dg_vtypes_free(&types);
    dg_table_free(&t);
    dg_buf_free(&sql);
    return secs;
}

/* An enum of many values costs in proportion to them: 8 times the values
 * may not cost much more than 8 times the time (the duplicate check and the
 * value names' collision check compared every pair: 20,000 values took
 * seconds; issue 21). */
static void enums_of_many_values_cost_in_proportion(void **state)
{
    (void)state;
    double small = enum_cpu(2000), big = enum_cpu(16000);
    assert_true(big < 24 * small + 0.05);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(comparisons_compile_with_null_propagation),
        cmocka_unit_test(boolean_structure_uses_three_valued_logic),
        cmocka_unit_test(unsupported_forms_are_refused_with_a_reason),
        cmocka_unit_test(enums_are_in_lists_of_strings_on_text_columns),
        cmocka_unit_test(declared_lengths_are_read_from_the_type),
        cmocka_unit_test(annotations_become_rules_or_errors),
        cmocka_unit_test(check_messages_are_one_line),
        cmocka_unit_test(view_model_gets_enums_and_the_validator),
        cmocka_unit_test(enums_of_many_values_cost_in_proportion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
