/* model_snap.c (the typing snapshot's model part): a model written and
 * read back is written the same (every field survives), for the SQLite
 * schema cases (tables, indexes, views, triggers, virtual tables, conflict
 * clauses, annotations) and for a model with every PostgreSQL field set;
 * and a document of the wrong shape is refused, naming the first wrong
 * value by its path.
 *
 * Argument: the folder of local SQLite schema cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/sources.h"
#include "model/model_snap.h"
#include "util/buf.h"
#include "util/fsutil.h"

static const char *cases_dir;

static char *dump_text(const dg_schema *s, const dg_snap_paths *p)
{
    json_t *j = dg_schema_snap_dump(s, p);
    char *text = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(j);
    return text;
}

/* Written, read, written again: the same text; returns the read model. */
static dg_schema *round_trip(const dg_schema *s, const dg_snap_paths *p)
{
    char *a = dump_text(s, p);
    json_t *j = json_loads(a, 0, NULL);
    assert_non_null(j);
    dg_jr r = {.plen = 0};
    dg_schema *back = dg_schema_snap_load(j, p, &r);
    json_decref(j);
    if (r.err) fail_msg("%s", r.err);
    assert_non_null(back);
    char *b = dump_text(back, p);
    assert_string_equal(a, b);
    free(a);
    free(b);
    return back;
}

static void sqlite_cases(void **state)
{
    (void)state;
    char **names = NULL;
    size_t n = 0;
    assert_int_equal(dg_list_dir(cases_dir, ".sql", &names, &n), 0);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        char *text = NULL;
        size_t len = 0;
        assert_int_equal(dg_read_file(names[i], &text, &len), 0);
        dg_diags d = DG_DIAGS_INIT;
        dg_schema *s = NULL;
        assert_int_equal(dg_schema_load_text(names[i], text, len, &s, &d), 0);
        /* the files are named by the snapshot's names, and mapped back */
        char *path = names[i], *name = "cases/x.sql";
        dg_snap_paths p = {&path, &name, 1};
        char *a = dump_text(s, &p);
        assert_non_null(strstr(a, "\"cases/x.sql\""));
        assert_null(strstr(a, names[i]));
        free(a);
        dg_schema *back = round_trip(s, &p);
        assert_true(back->tables.len > 0);
        assert_string_equal(back->tables.items[0].loc.file, names[i]);
        assert_int_equal(back->tables.items[0].loc.line, s->tables.items[0].loc.line);
        dg_schema_free(back);
        dg_schema_free(s);
        dg_diags_free(&d);
        free(text);
    }
    dg_free_strings(names, n);
}

static char *x(const char *s)
{
    return dg_xstrdup(s);
}

/* A model with every PostgreSQL field set. */
static dg_schema *pg_model(void)
{
    dg_schema *s = dg_schema_new();
    s->engine = DG_ENGINE_POSTGRESQL;
    const char *f = dg_schema_intern_file(s, "schema.sql");
    dg_strings_push(&s->schemas, "app");
    *DG_VEC_ADD(&s->extensions) = (dg_pg_extension){x("citext"), x("public"), x("1.6")};
    dg_pg_enum *e = DG_VEC_ADD(&s->enums);
    e->schema = x("app"), e->name = x("mood"), e->comment = x("feelings");
    dg_strings_push(&e->labels, "sad");
    dg_strings_push(&e->labels, "happy");
    dg_pg_domain *dm = DG_VEC_ADD(&s->domains);
    dm->schema = x("public"), dm->name = x("email"), dm->base = x("text"), dm->not_null = true;
    dm->default_sql = x("'a@b'::text"), dm->collation = x("C"), dm->comment = x("mail");
    *DG_VEC_ADD(&dm->checks) = (dg_check){x("email_check"), x("VALUE ~~ '%@%'::text"), -1, {f, 3, 1}};
    *DG_VEC_ADD(&s->sequences) = (dg_pg_sequence){x("public"), x("t_id_seq"), x("bigint"), 1, 1, 1,
                                                  9223372036854775807LL, 1, true, x("t"), x("id"), x("identity")};
    *DG_VEC_ADD(&s->functions) = (dg_pg_function){x("public"), x("touch"), x(""), x("CREATE FUNCTION ...")};
    dg_table *t = DG_VEC_ADD(&s->tables);
    t->name = x("t"), t->schema = x("app"), t->comment = x("a table"), t->pk_name = x("t_pkey");
    t->loc = (dg_loc){f, 5, 1};
    *DG_VEC_ADD(&t->exclusions) = (dg_exclusion){x("t_excl"), x("EXCLUDE USING gist (r WITH &&)"), {f, 9, 5}};
    dg_column *c = DG_VEC_ADD(&t->columns);
    c->name = x("id"), c->type = x("bigint"), c->not_null = true, c->pk = 1, c->loc = (dg_loc){f, 6, 5};
    c->pg = dg_xcalloc(1, sizeof *c->pg);
    *c->pg = (dg_pg_column){x("pg_catalog"), x("int8"), x("base"), -1, 0, NULL, NULL, x("always"),
                            x("public.t_id_seq"), x("the key")};
    c = DG_VEC_ADD(&t->columns);
    c->name = x("mail"), c->type = x("email[]"), c->collation = x("C");
    dg_annotations_add(&c->annotations, "format", "email", (dg_loc){f, 7, 20});
    c->pg = dg_xcalloc(1, sizeof *c->pg);
    *c->pg = (dg_pg_column){x("public"), x("email"), x("domain"), 68, 1, x("email"), x("text"), NULL, NULL, NULL};
    dg_foreign_key *fk = DG_VEC_ADD(&t->foreign_keys);
    fk->name = x("t_fk"), fk->table = x("u"), fk->table_schema = x("other"), fk->on_delete = x("CASCADE");
    dg_strings_push(&fk->columns, "id");
    dg_strings_push(&fk->to, "id");
    dg_index *ix = DG_VEC_ADD(&s->indexes);
    ix->name = x("t_mail"), ix->table = x("t"), ix->method = x("gin"), ix->sql = x("CREATE INDEX ...");
    ix->where = x("(id > 0)");
    *DG_VEC_ADD(&ix->terms) = (dg_index_term){NULL, x("lower(mail)"), true, x("C")};
    dg_strings_push(&ix->include, "id");
    dg_view *v = DG_VEC_ADD(&s->views);
    v->name = x("v"), v->schema = x("app"), v->sql = x("CREATE VIEW app.v AS SELECT 1");
    *DG_VEC_ADD(&v->columns) = (dg_view_column){x("one"), x("integer"), DG_AFF_INTEGER};
    dg_trigger *tr = DG_VEC_ADD(&s->triggers);
    tr->name = x("t_touch"), tr->function = x("public.touch"), tr->table = x("t");
    tr->timing = DG_TRIGGER_INSTEAD_OF, tr->event = DG_TRIGGER_DELETE, tr->sql = x("CREATE TRIGGER ...");
    return s;
}

static void pg_fields(void **state)
{
    (void)state;
    dg_schema *s = pg_model();
    dg_schema *back = round_trip(s, NULL);
    const dg_column *c = &back->tables.items[0].columns.items[1];
    assert_string_equal(c->pg->domain, "email");
    assert_int_equal(c->pg->typmod, 68);
    assert_int_equal(c->pg->array_dims, 1);
    assert_int_equal(back->sequences.items[0].max, 9223372036854775807LL);
    assert_int_equal(back->triggers.items[0].timing, DG_TRIGGER_INSTEAD_OF);
    assert_string_equal(back->tables.items[0].exclusions.items[0].loc.file, "schema.sql");
    assert_int_equal(back->engine, DG_ENGINE_POSTGRESQL);
    dg_schema_free(back);
    dg_schema_free(s);
}

/* The model's JSON with `edit` applied to it; the load's error. */
static char *load_error(void (*edit)(json_t *j))
{
    dg_schema *s = pg_model();
    json_t *j = dg_schema_snap_dump(s, NULL);
    dg_schema_free(s);
    edit(j);
    dg_jr r = {.plen = 0};
    dg_schema *back = dg_schema_snap_load(j, NULL, &r);
    json_decref(j);
    assert_null(back);
    assert_non_null(r.err);
    return r.err;
}

static json_t *column(json_t *j, size_t t, size_t c)
{
    return json_array_get(json_object_get(json_array_get(json_object_get(j, "tables"), t), "columns"), c);
}

static void name_not_string(json_t *j)
{
    json_object_set_new(column(j, 0, 1), "name", json_integer(5));
}

static void bad_loc(json_t *j)
{
    json_object_set_new(column(j, 0, 0), "loc", json_string("7:1:1"));
}

static void bad_enum(json_t *j)
{
    json_object_set_new(column(j, 0, 0), "affinity", json_string("WORDS"));
}

static void no_name(json_t *j)
{
    json_object_del(json_array_get(json_object_get(j, "enums"), 0), "name");
}

static void bad_typmod(json_t *j)
{
    json_object_set_new(json_object_get(column(j, 0, 1), "pg"), "typmod", json_string("68"));
}

static void wrong_shapes(void **state)
{
    (void)state;
    char *e = load_error(name_not_string);
    assert_string_equal(e, "tables[0].columns[1].name: expected a string");
    free(e);
    e = load_error(bad_loc);
    assert_string_equal(e, "tables[0].columns[0].loc: expected \"file:line:column\"");
    free(e);
    e = load_error(bad_enum);
    assert_string_equal(e, "tables[0].columns[0].affinity: not a known value");
    free(e);
    e = load_error(no_name);
    assert_string_equal(e, "enums[0].name: missing");
    free(e);
    e = load_error(bad_typmod);
    assert_string_equal(e, "tables[0].columns[1].pg.typmod: expected an integer from -1 to 1073741824");
    free(e);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CASES_DIR\n", argv[0]);
        return 2;
    }
    cases_dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sqlite_cases),
        cmocka_unit_test(pg_fields),
        cmocka_unit_test(wrong_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
