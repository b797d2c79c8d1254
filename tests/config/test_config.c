/* config/: dalgen.yaml and sqlc.yaml read into dg_config: the values land
 * where they belong, relative paths resolve against the file's folder, and
 * every kind of mistake is reported at its place with its exact text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "frontend/sources.h"
#include "model/override.h"
#include "model/schema_print.h"
#include "util/buf.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* What dg_diags_print writes for d. */
static char *printed(dg_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    dg_diags_print(d, mem);
    fclose(mem);
    return text;
}

/* Loads `text` written as `name` in the current (temporary) folder and
 * returns what was reported; *rc is dg_config_load's result. */
static char *load_text(const char *name, const char *text, int *rc, dg_config **out)
{
    write_file(name, text);
    dg_diags d = DG_DIAGS_INIT;
    dg_config *c = NULL;
    *rc = dg_config_load(name, &c, &d);
    if (out) *out = c;
    else dg_config_free(c);
    return printed(&d);
}

/* The one error `text` gives, exactly. */
static void expect(const char *text, const char *want)
{
    int rc = 0;
    char *got = load_text("dalgen.yaml", text, &rc, NULL);
    assert_int_equal(rc, -1);
    assert_string_equal(got, want);
    free(got);
}

static void test_dalgen_values(void **state)
{
    (void)state;
    mkdir("proj", 0777);
    write_file("proj/dalgen.yaml",
               "version: 1\n"
               "engine: sqlite\n"
               "schema: [schema.sql, /abs/app.db, ddl/]\n"
               "queries: queries/\n"
               "migrations: migrations\n"
               "prefix: app\n"
               "out: gen\n"
               "templates: tmpl\n"
               "options: {timestamps: true, singularize: no, query_parameter_limit: 1}\n"
               "clang_args: [-DX=1]\n"
               "overrides:\n"
               "  - column: users.settings\n"
               "    c_type: text\n"
               "    read: lenient\n"
               "  - db_type: uuid\n"
               "    c_type: const char *\n"
               "    nullable: true\n");
    dg_diags d = DG_DIAGS_INIT;
    dg_config *c = NULL;
    assert_int_equal(dg_config_load("proj/dalgen.yaml", &c, &d), 0);
    assert_int_equal(d.errors + d.warnings, 0);
    assert_int_equal(c->kind, DG_CONFIG_DALGEN);
    assert_int_equal(c->jobs.len, 1);
    const dg_config_job *j = &c->jobs.items[0];
    assert_string_equal(j->engine, "sqlite");
    assert_int_equal(j->schema.len, 3);
    assert_string_equal(j->schema.items[0], "proj/schema.sql");
    assert_string_equal(j->schema.items[1], "/abs/app.db");
    assert_string_equal(j->schema.items[2], "proj/ddl/");
    assert_int_equal(j->queries.len, 1);
    assert_string_equal(j->queries.items[0], "proj/queries/");
    assert_string_equal(j->migrations, "proj/migrations");
    assert_string_equal(j->prefix, "app");
    assert_string_equal(j->out, "proj/gen");
    assert_string_equal(j->templates, "proj/tmpl");
    assert_int_equal(j->timestamps, 1);
    assert_int_equal(j->singularize, 0);
    assert_int_equal(j->query_parameter_limit, 1);
    assert_int_equal(j->clang_args.len, 1);
    assert_string_equal(j->clang_args.items[0], "-DX=1");
    assert_int_equal(j->overrides.len, 2);
    const dg_override *o = &j->overrides.items[0];
    assert_string_equal(o->column, "users.settings");
    assert_null(o->db_type);
    assert_string_equal(o->c_type, "text");
    assert_string_equal(o->read, "lenient");
    assert_int_equal(o->nullable, -1);
    assert_ptr_equal(o->loc.file, c->path);   /* lives as long as the config */
    assert_int_equal(o->loc.line, 12);
    assert_int_equal(o->loc.col, 5);
    o = &j->overrides.items[1];
    assert_string_equal(o->db_type, "uuid");
    assert_string_equal(o->c_type, "const char *");
    assert_int_equal(o->nullable, 1);
    assert_int_equal(o->loc.line, 15);
    dg_config_free(c);
}

/* A file named without a folder: paths stay as written; unset keys stay unset. */
static void test_dalgen_bare_name_and_defaults(void **state)
{
    (void)state;
    int rc = 0;
    dg_config *c = NULL;
    char *got = load_text("dalgen.yaml", "version: 1\nschema: schema.sql\nprefix: p\nout: gen/\n", &rc, &c);
    assert_int_equal(rc, 0);
    assert_string_equal(got, "");
    const dg_config_job *j = &c->jobs.items[0];
    assert_string_equal(c->dir, ".");
    assert_string_equal(j->schema.items[0], "schema.sql");
    assert_string_equal(j->out, "gen/");
    assert_string_equal(j->engine, "sqlite");
    assert_null(j->migrations);
    assert_null(j->templates);
    assert_int_equal(j->queries.len, 0);
    assert_int_equal(j->timestamps, -1);
    assert_int_equal(j->singularize, -1);
    assert_int_equal(j->query_parameter_limit, -1);
    free(got);
    dg_config_free(c);
}

static void test_unknown_key_did_you_mean(void **state)
{
    (void)state;
    /* the root mapping indented by four: the key at line 12, column 5 */
    expect("# dalgen.yaml\n#\n#\n#\n#\n#\n#\n"
           "    version: 1\n    schema: s.sql\n    prefix: p\n    out: gen\n"
           "    overides:\n      - column: t.c\n        c_type: text\n",
           "dalgen.yaml:12:5: error: unknown key 'overides'; did you mean 'overrides'?\n");
    expect("version: 1\noptions:\n  timestamp: true\n",
           "dalgen.yaml:3:3: error: unknown key 'timestamp' in 'options'; did you mean 'timestamps'?\n");
    expect("version: 1\noverrides:\n  - colum: t.c\n    c_type: text\n",
           "dalgen.yaml:3:5: error: unknown key 'colum' in an override; did you mean 'column'?\n");
    expect("version: 1\nengine: sqllite\n",
           "dalgen.yaml:2:9: error: unknown engine 'sqllite' (sqlite or postgresql); did you mean 'sqlite'?\n");
}

static void test_wrong_types(void **state)
{
    (void)state;
    expect("version: \"x\"\n", "dalgen.yaml:1:10: error: 'version' must be an integer, not a string 'x'\n");
    expect("version: 2\n", "dalgen.yaml:1:10: error: unsupported version 2: dalgen.yaml is version 1\n");
    expect("version: 1\nprefix: [a, b]\n", "dalgen.yaml:2:9: error: 'prefix' must be a string, not a list\n");
    expect("version: 1\nschema: {a: b}\n",
           "dalgen.yaml:2:9: error: 'schema' must be a string or a list of strings, not a mapping\n");
    expect("version: 1\nqueries: [a.sql, [b]]\n",
           "dalgen.yaml:2:18: error: each item of 'queries' must be a string, not a list\n");
    expect("version: 1\noptions:\n  singularize: \"no\"\n",
           "dalgen.yaml:3:16: error: 'singularize' must be true or false, not a string 'no'\n");
    expect("version: 1\noptions:\n  query_parameter_limit: -1\n",
           "dalgen.yaml:3:26: error: 'query_parameter_limit' must be between 0 and 1000, not -1\n");
    expect("version: 1\noptions: [timestamps]\n",
           "dalgen.yaml:2:10: error: 'options' must be a mapping, not a list\n");
    expect("version: 1\noverrides: {column: t.c}\n",
           "dalgen.yaml:2:12: error: 'overrides' must be a list of mappings, not a mapping\n");
    expect("- version\n", "dalgen.yaml:1:1: error: 'the file' must be a mapping, not a list\n");
}

static void test_override_errors(void **state)
{
    (void)state;
    expect("version: 1\noverrides:\n  - column: t.c\n    c_type: strin\n",
           "dalgen.yaml:4:13: error: unknown c_type 'strin'; did you mean 'string'?\n");
    expect("version: 1\noverrides:\n  - column: t.c\n    read: lenint\n",
           "dalgen.yaml:4:11: error: unknown read 'lenint'; did you mean 'lenient'?\n");
    expect("version: 1\noverrides:\n  - column: t.c\n    db_type: int\n    c_type: text\n",
           "dalgen.yaml:3:5: error: an override names either a 'column' (table.column) or a 'db_type', not both\n");
    expect("version: 1\noverrides:\n  - c_type: text\n",
           "dalgen.yaml:3:5: error: an override names either a 'column' (table.column) or a 'db_type', "
           "and this one names neither\n");
    expect("version: 1\noverrides:\n  - column: t.c\n    nullable: true\n    c_type: text\n",
           "dalgen.yaml:4:15: error: 'nullable' applies to db_type overrides only\n");
    expect("version: 1\noverrides:\n  - column: t.c\n",
           "dalgen.yaml:3:5: error: the override changes nothing: give 'c_type', 'read' or 'name'\n");
}

static void test_syntax_and_structure(void **state)
{
    (void)state;
    expect("version: 1\nschema: [a\nprefix: x\n",
           "dalgen.yaml:3:7: error: did not find expected ',' or ']' "
           "(while parsing a flow sequence at line 2, column 9)\n");
    expect("version: 1\n  prefix: x\n",
           "dalgen.yaml:2:9: error: mapping values are not allowed in this context\n");
    expect("", "dalgen.yaml: error: the config file is empty\n");
    expect("schema: a.sql\n", "dalgen.yaml:1:1: error: missing required key 'version'\n");
    expect("version: 1\nprefix: a\nprefix: b\n", "dalgen.yaml:3:1: error: duplicate key 'prefix' (first at line 2)\n");
    /* every problem of the file at once, in order */
    expect("version: 1\nprefx: a\nout: [x]\n",
           "dalgen.yaml:2:1: error: unknown key 'prefx'; did you mean 'prefix'?\n"
           "dalgen.yaml:3:6: error: 'out' must be a string, not a list\n");
    dg_diags d = DG_DIAGS_INIT;
    dg_config *c = NULL;
    assert_int_equal(dg_config_load("nope/dalgen.yaml", &c, &d), -1);
    assert_null(c);
    char *got = printed(&d);
    assert_string_equal(got, "nope/dalgen.yaml: error: cannot read the config file: No such file or directory\n");
    free(got);
}

/* The override from the file reaches the schema model as the column's
 * annotations, located in the config. */
static void test_override_reaches_model(void **state)
{
    (void)state;
    write_file("s.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, c INTEGER, j TEXT);\n");
    int rc = 0;
    dg_config *c = NULL;
    char *got = load_text("dalgen.yaml",
                          "version: 1\nschema: s.sql\noverrides:\n"
                          "  - column: t.c\n    c_type: text\n"
                          "  - column: t.j\n    read: lenient\n    name: body\n",
                          &rc, &c);
    assert_int_equal(rc, 0);
    free(got);
    dg_sources src = {0};
    dg_sources_add(&src, DG_SRC_AUTO, c->jobs.items[0].schema.items[0]);
    dg_schema *s = NULL;
    dg_diags d = DG_DIAGS_INIT;
    assert_int_equal(dg_schema_load(&src, &s, &d), 0);
    assert_int_equal(dg_schema_apply_overrides(s, &c->jobs.items[0].overrides, &d), 0);
    dg_table *t = dg_schema_table(s, "t");
    assert_string_equal(dg_annotation_get(&dg_table_column(t, "c")->annotations, "type"), "text");
    assert_string_equal(dg_annotation_get(&dg_table_column(t, "j")->annotations, "read"), "lenient");
    assert_string_equal(dg_annotation_get(&dg_table_column(t, "j")->annotations, "name"), "body");
    char *json = dg_schema_to_json(s);
    assert_non_null(strstr(json, "\"read\": \"lenient\""));
    free(json);
    dg_schema_free(s);
    dg_sources_free(&src);
    dg_diags_free(&d);
    dg_config_free(c);
}

static const char sqlc_yaml[] =
    "version: \"2\"\n"
    "cloud:\n"
    "  project: x\n"
    "overrides:\n"
    "  go:\n"
    "    overrides:\n"
    "      - db_type: uuid\n"
    "        go_type: github.com/google/uuid.UUID\n"
    "sql:\n"
    "  - name: pg\n"
    "    engine: postgresql\n"
    "    schema: postgresql/schema.sql\n"
    "    queries: postgresql/query.sql\n"
    "    gen: {go: {package: authors, out: postgresql, sql_package: pgx/v5}}\n"
    "  - schema: [sqlite/schema.sql]\n"
    "    queries: sqlite/query.sql\n"
    "    engine: sqlite\n"
    "    database: {uri: \"file:x?mode=memory\"}\n"
    "    gen:\n"
    "      go:\n"
    "        package: My-Pkg\n"
    "        out: sqlite\n"
    "        emit_json_tags: true\n"
    "        overrides:\n"
    "          - column: authors.bio\n"
    "            go_type: database/sql.NullString\n"
    "          - db_type: real\n"
    "            nullable: true\n"
    "            go_type: {type: float64}\n"
    "          - db_type: integer\n"
    "            go_type: {import: github.com/shopspring/decimal, type: Decimal}\n"
    "  - schema: other.sql\n"
    "    queries: other.sql\n"
    "    engine: sqlite\n"
    "    gen: {go: {package: 2nd, out: o2, emit_json_tags: true, emit_interface: true}}\n";

static void test_sqlc(void **state)
{
    (void)state;
    mkdir("sq", 0777);
    write_file("sq/sqlc.yaml", sqlc_yaml);
    dg_diags d = DG_DIAGS_INIT;
    dg_config *c = NULL;
    assert_int_equal(dg_config_load("sq/sqlc.yaml", &c, &d), 0);
    assert_int_equal(d.errors + d.warnings, 0);
    char *got = printed(&d);
    assert_string_equal(got,
                        "sq/sqlc.yaml:2:1: note: 'cloud' is ignored\n"
                        "sq/sqlc.yaml:11:13: note: sql entry of engine 'postgresql' skipped: dalgen reads the "
                        "sqlite entries of sqlc.yaml for now\n"
                        "sq/sqlc.yaml:18:5: note: 'database' is ignored\n"
                        "sq/sqlc.yaml:23:9: note: 'emit_json_tags' is ignored (a Go option)\n"
                        "sq/sqlc.yaml:31:22: note: go_type 'github.com/shopspring/decimal.Decimal' has no "
                        "obvious C type; override skipped\n"
                        "sq/sqlc.yaml:35:61: note: 'emit_interface' is ignored (a Go option)\n");
    free(got);
    assert_int_equal(c->kind, DG_CONFIG_SQLC);
    assert_int_equal(c->jobs.len, 2);
    const dg_config_job *j = &c->jobs.items[0];
    assert_string_equal(j->prefix, "my_pkg");
    assert_string_equal(j->out, "sq/sqlite");
    assert_string_equal(j->schema.items[0], "sq/sqlite/schema.sql");
    assert_string_equal(j->queries.items[0], "sq/sqlite/query.sql");
    assert_int_equal(j->overrides.len, 3);   /* the top-level one first, the unmapped one skipped */
    assert_string_equal(j->overrides.items[0].db_type, "uuid");
    assert_string_equal(j->overrides.items[0].c_type, "text");
    assert_int_equal(j->overrides.items[0].nullable, 0);   /* sqlc: NOT NULL columns unless nullable */
    assert_string_equal(j->overrides.items[1].column, "authors.bio");
    assert_string_equal(j->overrides.items[1].c_type, "text");
    assert_string_equal(j->overrides.items[2].db_type, "real");
    assert_string_equal(j->overrides.items[2].c_type, "double");
    assert_int_equal(j->overrides.items[2].nullable, 1);
    j = &c->jobs.items[1];
    assert_string_equal(j->prefix, "_2nd");
    assert_string_equal(j->out, "sq/o2");
    assert_int_equal(j->overrides.len, 1);
    dg_config_free(c);
}

static void test_sqlc_errors(void **state)
{
    (void)state;
    int rc = 0;
    char *got = load_text("sqlc.yaml", "version: \"1\"\npackages: []\n", &rc, NULL);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "sqlc.yaml:1:10: error: sqlc config version '1' is not supported: dalgen reads "
                             "version \"2\"\n");
    free(got);
    got = load_text("sqlc.yaml", "version: \"2\"\nsql:\n  - engine: mysql\n    schema: a\n    queries: b\n", &rc,
                    NULL);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "sqlc.yaml:3:3: error: no sql entry has engine 'sqlite': nothing to generate\n"
                             "sqlc.yaml:3:13: note: sql entry of engine 'mysql' skipped: dalgen reads the "
                             "sqlite entries of sqlc.yaml for now\n");
    free(got);
    got = load_text("sqlc.yaml", "version: \"2\"\nsql:\n  - engine: sqlite\n    schema: a\n    querys: b\n", &rc,
                    NULL);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "sqlc.yaml:3:5: error: missing required key 'queries'\n"
                             "sqlc.yaml:5:5: error: unknown key 'querys' in a sql entry; did you mean 'queries'?\n");
    free(got);
    /* a key twice in a mapping is an error, as in dalgen.yaml (the second package leaked) */
    got = load_text("sqlc.yaml", "version: \"2\"\nsql:\n  - engine: sqlite\n    schema: a\n    queries: b\n"
                    "    gen:\n      go:\n        package: one\n        package: two\n", &rc, NULL);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "sqlc.yaml:9:9: error: duplicate key 'package' (first at line 8)\n");
    free(got);
    got = load_text("sqlc.yaml", "version: \"2\"\nsql:\n  - engine: sqlite\n    schema: a\n    queries: b\n"
                    "    name: x\n    name: y\n", &rc, NULL);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "sqlc.yaml:7:5: error: duplicate key 'name' (first at line 6)\n");
    free(got);
    /* a file of another name is sqlc's by its version "2" (a dalgen.yaml never is) */
    dg_config *c = NULL;
    got = load_text("project.yaml", "version: 2\nsql:\n  - {engine: sqlite, schema: a, queries: b}\n", &rc, &c);
    assert_int_equal(rc, 0);
    assert_int_equal(c->kind, DG_CONFIG_SQLC);
    free(got);
    dg_config_free(c);
}

int main(void)
{
    char tmpl[] = "/tmp/dalgen-config-XXXXXX";
    if (!mkdtemp(tmpl) || chdir(tmpl) != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dalgen_values),
        cmocka_unit_test(test_dalgen_bare_name_and_defaults),
        cmocka_unit_test(test_unknown_key_did_you_mean),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_override_errors),
        cmocka_unit_test(test_syntax_and_structure),
        cmocka_unit_test(test_override_reaches_model),
        cmocka_unit_test(test_sqlc),
        cmocka_unit_test(test_sqlc_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char *rm = dg_xprintf("rm -rf '%s'", tmpl);
    if (system(rm) != 0) rc = 1;
    free(rm);
    return rc;
}
