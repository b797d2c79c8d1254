/* The outputs of a model built by hand, as the differ and the libclang
 * front end build them: no stored text, no locations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/schema_db.h"
#include "model/schema_print.h"
#include "util/buf.h"

static dg_column *add_column(dg_table *t, const char *name, const char *type, int pk, bool not_null)
{
    dg_column *c = DG_VEC_ADD(&t->columns);
    c->name = dg_xstrdup(name);
    c->type = dg_xstrdup(type);
    c->affinity = dg_affinity_of(type);
    c->pk = pk;
    c->not_null = not_null;
    return c;
}

static dg_schema *hand_built(void)
{
    dg_schema *s = dg_schema_new();
    dg_table *p = DG_VEC_ADD(&s->tables);
    p->name = dg_xstrdup("parent");
    add_column(p, "a", "TEXT", 2, true);
    add_column(p, "b", "INTEGER", 1, true);
    dg_table *t = DG_VEC_ADD(&s->tables);
    t->name = dg_xstrdup("child table");
    dg_column *id = add_column(t, "id", "INTEGER", 1, false);
    id->autoincrement = true;
    dg_column *mail = add_column(t, "mail", "TEXT", 0, true);
    mail->default_sql = dg_xstrdup("'x@example.com'");
    mail->collation = dg_xstrdup("NOCASE");
    dg_loc none = {NULL, 0, 0};
    dg_annotations_add(&mail->annotations, "format", "email", none);
    dg_annotations_add(&t->annotations, "name", "kid", none);
    add_column(t, "pa", "TEXT", 0, false);
    add_column(t, "pb", "INTEGER", 0, false);
    dg_check *ck = DG_VEC_ADD(&t->checks);
    ck->name = dg_xstrdup("mail_at");
    ck->expr = dg_xstrdup("instr(mail, '@') > 0");
    ck->column = 1;
    dg_unique *u = DG_VEC_ADD(&t->uniques);
    dg_strings_push(&u->columns, "pa");
    dg_strings_push(&u->columns, "pb");
    dg_foreign_key *fk = DG_VEC_ADD(&t->foreign_keys);
    dg_strings_push(&fk->columns, "pb");
    dg_strings_push(&fk->columns, "pa");
    fk->table = dg_xstrdup("parent");
    dg_strings_push(&fk->to, "b");
    dg_strings_push(&fk->to, "a");
    fk->on_delete = dg_xstrdup("CASCADE");
    dg_index *ix = DG_VEC_ADD(&s->indexes);
    ix->name = dg_xstrdup("by_mail");
    ix->table = dg_xstrdup("child table");
    dg_index_term *term = DG_VEC_ADD(&ix->terms);
    term->expr = dg_xstrdup("lower(mail)");
    term->desc = true;
    ix->where = dg_xstrdup("pa IS NOT NULL");
    return s;
}

static int count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void hand_built_models_print_as_sql(void **state)
{
    (void)state;
    dg_schema *s = hand_built();
    char *sql = dg_schema_to_sql(s);
    assert_string_equal(sql,
        "CREATE TABLE \"parent\" (\n"
        "  \"a\" TEXT NOT NULL,\n"
        "  \"b\" INTEGER NOT NULL,\n"
        "  PRIMARY KEY (\"b\", \"a\")\n"
        ");\n\n"
        "CREATE TABLE \"child table\" ( /* @name kid */\n"
        "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        "  \"mail\" TEXT NOT NULL CONSTRAINT \"mail_at\" CHECK (instr(mail, '@') > 0) DEFAULT 'x@example.com' COLLATE NOCASE, /* @format email */\n"
        "  \"pa\" TEXT,\n"
        "  \"pb\" INTEGER,\n"
        "  UNIQUE (\"pa\", \"pb\"),\n"
        "  FOREIGN KEY (\"pb\", \"pa\") REFERENCES \"parent\" (\"b\", \"a\") ON DELETE CASCADE\n"
        ");\n\n"
        "CREATE INDEX \"by_mail\" ON \"child table\" (lower(mail) DESC) WHERE pa IS NOT NULL;\n");
    free(sql);
    dg_schema_free(s);
}

static void hand_built_models_open_as_databases(void **state)
{
    (void)state;
    dg_schema *s = hand_built();
    sqlite3 *db = NULL;
    dg_diags d = DG_DIAGS_INIT;
    assert_int_equal(dg_schema_open_db(s, &db, &d), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM pragma_foreign_key_list('child table') WHERE \"to\" IS NOT NULL"), 2);
    assert_int_equal(count(db, "SELECT count(*) FROM pragma_index_list('child table') WHERE origin = 'u'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%@format email%'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_sequence"), 0);
    sqlite3_close(db);
    dg_schema_free(s);
}

static void models_that_sqlite_rejects_are_reported(void **state)
{
    (void)state;
    dg_schema *s = hand_built();
    free(s->indexes.items[0].table);
    s->indexes.items[0].table = dg_xstrdup("no_such_table");
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    dg_diags d = DG_DIAGS_INIT;
    sqlite3 *db = (sqlite3 *)&d;
    assert_int_equal(dg_schema_open_db(s, &db, &d), -1);
    dg_diags_print(&d, mem);
    fclose(mem);
    assert_null(db);
    assert_string_equal(text, "error: the schema model does not load into SQLite: no such table: main.no_such_table\n");
    free(text);
    dg_schema_free(s);
}

static void json_keys_come_in_the_documented_order(void **state)
{
    (void)state;
    dg_schema *s = hand_built();
    char *json = dg_schema_to_json_ex(s, false, true);
    const char *keys[] = {"\"name\": \"parent\"", "\"strict\"", "\"without_rowid\"", "\"annotations\"", "\"columns\"",
                          "\"foreign_keys\"", "\"checks\"", "\"pk_name\"", "\"pk_conflict\"", "\"uniques\"",
                          "\"module\"", "\"module_args\"", "\"indexes\"", "\"views\"", "\"triggers\""};
    const char *at = json;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *next = strstr(at, keys[i]);
        assert_non_null(next);
        at = next;
    }
    assert_null(strstr(json, "\"loc\""));
    assert_non_null(strstr(json, "\"columns\": [\n        {\n          \"expr\": \"lower(mail)\"\n        }\n      ]"));
    free(json);
    dg_schema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_built_models_print_as_sql),
        cmocka_unit_test(hand_built_models_open_as_databases),
        cmocka_unit_test(models_that_sqlite_rejects_are_reported),
        cmocka_unit_test(json_keys_come_in_the_documented_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
