/* dg_map (util/map.h) and dg_schema_lookup (model/lookup.c): the first
 * value put for a key wins, folded maps match ASCII case-insensitively only,
 * growth keeps every key, and the schema lookups answer exactly what the
 * scans of dg_schema_table / _index / _view answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/map.h"
#include "model/model.h"

static void test_first_wins(void **state)
{
    (void)state;
    dg_map m;
    dg_map_init(&m, false);
    size_t v = 99;
    assert_false(dg_map_get(&m, "a", &v));
    assert_int_equal(dg_map_put(&m, "a", 1), 1);
    assert_int_equal(dg_map_put(&m, "a", 2), 1);
    assert_true(dg_map_get(&m, "a", &v));
    assert_int_equal(v, 1);
    assert_false(dg_map_get(&m, "A", &v));   /* exact map: case matters */
    dg_map_free(&m);
    dg_map_free(&m);   /* twice: the map is empty after the first */
}

static void test_folded(void **state)
{
    (void)state;
    dg_map m;
    dg_map_init(&m, true);
    size_t v = 0;
    dg_map_put(&m, "Users", 7);
    assert_true(dg_map_get(&m, "USERS", &v));
    assert_int_equal(v, 7);
    assert_int_equal(dg_map_put(&m, "users", 8), 7);
    assert_false(dg_map_get(&m, "user", &v));
    assert_false(dg_map_get(&m, "users\xC3\x89", &v));
    dg_map_put(&m, "caf\xC3\xA9", 9);   /* only ASCII letters fold */
    assert_false(dg_map_get(&m, "CAF\xC3\x89", &v));
    assert_true(dg_map_get(&m, "CAF\xC3\xA9", &v));
    dg_map_free(&m);
}

static void test_growth(void **state)
{
    (void)state;
    enum { N = 5000 };
    char (*keys)[16] = calloc(N, sizeof *keys);
    dg_map m;
    dg_map_init(&m, false);
    for (size_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "t%zu", i);
        dg_map_put(&m, keys[i], i);
    }
    assert_int_equal(m.len, N);
    for (size_t i = 0; i < N; i++) {
        size_t v = 0;
        assert_true(dg_map_get(&m, keys[i], &v));
        assert_int_equal(v, i);
    }
    size_t v;
    assert_false(dg_map_get(&m, "t5000", &v));
    dg_map_free(&m);
    free(keys);
}

static void add_table(dg_schema *s, const char *name)
{
    dg_table *t = DG_VEC_ADD(&s->tables);
    t->name = dg_xstrdup(name);
}

static void add_index(dg_schema *s, const char *name, const char *table)
{
    dg_index *ix = DG_VEC_ADD(&s->indexes);
    ix->name = dg_xstrdup(name);
    ix->table = dg_xstrdup(table);
}

/* Names that differ only in case (PostgreSQL allows them): exact first,
 * else the first case-insensitive one, as the scans do. */
static void test_schema_lookup(void **state)
{
    (void)state;
    dg_schema *s = dg_schema_new();
    const char *tables[] = {"users", "Orders", "orders", "ITEMS", "a_b"};
    for (size_t i = 0; i < 5; i++) add_table(s, tables[i]);
    add_index(s, "ix1", "orders");
    add_index(s, "ix2", "users");
    add_index(s, "IX1", "ORDERS");
    add_index(s, "ix3", "Orders");
    dg_schema_lookup lk;
    dg_schema_lookup_init(&lk, s);
    const char *asks[] = {"users", "USERS", "Orders", "orders", "ORDERS", "items", "ITEMS", "a_b", "A_B", "nope", "ix1",
                          "IX1", "Ix1", "ix3"};
    for (size_t i = 0; i < sizeof asks / sizeof *asks; i++) {
        assert_ptr_equal(dg_lookup_table(&lk, asks[i]), dg_schema_table(s, asks[i]));
        assert_ptr_equal(dg_lookup_index(&lk, asks[i]), dg_schema_index(s, asks[i]));
        assert_ptr_equal(dg_lookup_view(&lk, asks[i]), dg_schema_view(s, asks[i]));
        /* a table's indexes: those whose table folds equal, in order */
        size_t want[8], n = 0, got = 0;
        for (size_t k = 0; k < s->indexes.len; k++)
            if (!dg_strcasecmp_ascii(s->indexes.items[k].table, asks[i])) want[n++] = k;
        dg_table main_t = {.name = (char *)asks[i]};
        for (size_t k = dg_lookup_first_index(&lk, &main_t); k != SIZE_MAX; k = dg_lookup_next_index(&lk, k)) {
            assert_true(got < n);
            assert_int_equal(k, want[got++]);
        }
        assert_int_equal(got, n);
    }
    assert_string_equal(dg_lookup_table(&lk, "ORDERS")->name, "Orders");
    dg_schema_lookup_free(&lk);
    dg_schema_free(s);
}

/* A table name in two schemas (main's users, the attached baz.users): each
 * table's indexes are its schema's only, and qualified lookups find the
 * right table; unqualified ones main's first. */
static void test_schema_lookup_two_schemas(void **state)
{
    (void)state;
    dg_schema *s = dg_schema_new();
    add_table(s, "users");
    add_table(s, "users");
    s->tables.items[1].schema = dg_xstrdup("baz");
    add_index(s, "by_name", "users");
    s->indexes.items[0].schema = dg_xstrdup("baz");
    add_index(s, "by_age", "users");
    dg_schema_lookup lk;
    dg_schema_lookup_init(&lk, s);
    size_t k = dg_lookup_first_index(&lk, &s->tables.items[0]);
    assert_int_equal(k, 1);
    assert_int_equal(dg_lookup_next_index(&lk, k), SIZE_MAX);
    k = dg_lookup_first_index(&lk, &s->tables.items[1]);
    assert_int_equal(k, 0);
    assert_int_equal(dg_lookup_next_index(&lk, k), SIZE_MAX);
    assert_ptr_equal(dg_index_table(s, &s->indexes.items[0]), &s->tables.items[1]);
    assert_ptr_equal(dg_index_table(s, &s->indexes.items[1]), &s->tables.items[0]);
    assert_ptr_equal(dg_schema_table_in(s, "BAZ", "Users"), &s->tables.items[1]);
    assert_ptr_equal(dg_schema_table_in(s, "main", "users"), &s->tables.items[0]);
    assert_ptr_equal(dg_schema_table_in(s, NULL, "users"), &s->tables.items[0]);
    assert_null(dg_schema_table_in(s, "other", "users"));
    assert_string_equal(dg_schema_c_qualifier(s, "baz", "users"), "baz");   /* SQLite: attached, always */
    assert_null(dg_schema_c_qualifier(s, NULL, "users"));
    s->engine = DG_ENGINE_POSTGRESQL;   /* public's users and baz.users: only baz's carries its schema */
    free(s->tables.items[0].schema);
    s->tables.items[0].schema = dg_xstrdup("public");
    assert_string_equal(dg_schema_c_qualifier(s, "baz", "users"), "baz");
    assert_null(dg_schema_c_qualifier(s, "public", "users"));
    assert_null(dg_schema_c_qualifier(s, "baz", "orders"));   /* no collision: no schema */
    dg_schema_lookup_free(&lk);
    dg_schema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_wins),
        cmocka_unit_test(test_schema_lookup_two_schemas),
        cmocka_unit_test(test_folded),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_schema_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
