/* test_views.c - generated read-only code of PostgreSQL views
 * (tests/pgvalid/golden, from schema.sql) on the cluster of tests/pg: list,
 * next and iter_end read every row; types are the catalog's (an enum, an
 * array, jsonb, through a view of another schema); a column dalgen shows
 * NOT NULL never receives NULL (a scalar one would make next fail), and the
 * nullable side of an outer join, a CASE-free expression over it and a
 * UNION branch's NULL arrive as NULL / has_ false. */
#include "../pgrt/pg_util.h"

#include "pgv.h"

static dal_db *db;
static dal_arena arena = DAL_ARENA_INIT;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int group_setup(void **state)
{
    (void)state;
    pgt_setup("pgviews");
    db = pgt_open();
    char *ddl = read_file(SCHEMA_SQL);
    pgt_ok(db, dal_exec(db, ddl));
    free(ddl);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    dal_arena_free(&arena);
    dal_close(db);
    return pgt_teardown();
}

static int32_t add_person(const char *name, const char *nick, int feeling, int32_t boss)
{
    pgv_person p;
    memset(&p, 0, sizeof p);
    p.name = name;
    p.nick = nick;
    p.has_feeling = feeling != 0;
    p.feeling = (pgv_mood)feeling;
    p.has_boss_id = boss != 0;
    p.boss_id = boss;
    pgt_ok(db, pgv_person_insert(db, &p, &arena));
    return p.id;
}

static void test_outer_join_view(void **state)
{
    (void)state;
    int32_t alice = add_person("alice", NULL, PGV_MOOD_HAPPY, 0);
    int32_t bob = add_person("bob", "bobby", 0, alice);
    add_person("carol", "c", PGV_MOOD_SAD, bob);
    pgv_people_with_boss_iter it;
    pgv_people_with_boss r;
    int rc, n = 0;
    pgt_ok(db, pgv_people_with_boss_list(db, &it));
    while ((rc = pgv_people_with_boss_next(&it, &r, &arena)) == DAL_ROW) {
        n++;
        assert_non_null(r.name);   /* NOT NULL fields */
        assert_non_null(r.shout);
        assert_non_null(r.label);
        assert_int_equal(r.total, 3);
        if (!strcmp(r.name, "alice")) {
            assert_null(r.boss_name);   /* the nullable side of the LEFT JOIN */
            assert_false(r.has_boss_ref);
            assert_null(r.nick);
            assert_string_equal(r.label, "alice");
            assert_string_equal(r.shout, "ALICE");
            assert_true(r.has_feeling);
            assert_int_equal(r.feeling, PGV_MOOD_HAPPY);
        } else if (!strcmp(r.name, "bob")) {
            assert_string_equal(r.boss_name, "alice");
            assert_true(r.has_boss_ref);
            assert_int_equal(r.boss_ref, alice);
            assert_string_equal(r.label, "bobbobby");
            assert_false(r.has_feeling);
        } else {
            assert_string_equal(r.boss_name, "bob");
            assert_int_equal(r.feeling, PGV_MOOD_SAD);
        }
    }
    assert_int_equal(rc, DAL_DONE);
    pgv_people_with_boss_iter_end(&it);
    assert_int_equal(n, 3);

    /* a view over a view */
    pgv_happy_person_iter hi;
    pgv_happy_person h;
    pgt_ok(db, pgv_happy_person_list(db, &hi));
    assert_int_equal(pgv_happy_person_next(&hi, &h, &arena), DAL_ROW);
    assert_string_equal(h.name, "alice");
    assert_int_equal(h.id, alice);
    assert_int_equal(pgv_happy_person_next(&hi, &h, &arena), DAL_DONE);
    pgv_happy_person_iter_end(&hi);

    /* a materialized view, refreshed: one row per feeling, NULL among them */
    pgt_ok(db, dal_exec(db, "REFRESH MATERIALIZED VIEW mood_counts"));
    pgv_mood_count_iter mi;
    pgv_mood_count m;
    int64_t total = 0;
    n = 0;
    pgt_ok(db, pgv_mood_count_list(db, &mi));
    while ((rc = pgv_mood_count_next(&mi, &m, &arena)) == DAL_ROW) {
        n++;
        total += m.n;
        assert_non_null(m.last_name);   /* max() of a group's NOT NULL column: nullable in the struct, set here */
        if (!m.has_feeling) assert_string_equal(m.last_name, "bob");
    }
    assert_int_equal(rc, DAL_DONE);
    pgv_mood_count_iter_end(&mi);
    assert_int_equal(n, 3);
    assert_int_equal(total, 3);
    dal_arena_reset(&arena);
}

static void test_union_view_of_other_schema(void **state)
{
    (void)state;
    pgv_rule row;
    memset(&row, 0, sizeof row);
    row.name = "n", row.v1 = "\xc3\xa9", row.t3 = "ab", row.rt = "r";
    row.has_ri = true, row.ri = 7;
    row.mm = PGV_MOOD_SO_SO;
    row.has_rm = true, row.rm = PGV_MOOD_HAPPY;   /* a NOT NULL domain over mood */
    row.meta = "{\"k\": [1]}";
    pgt_ok(db, pgv_rule_insert(db, &row, &arena));
    pgv_rule_summary_iter it;
    pgv_rule_summary s;
    int rc, n = 0;
    pgt_ok(db, pgv_rule_summary_list(db, &it));
    while ((rc = pgv_rule_summary_next(&it, &s, &arena)) == DAL_ROW) {
        n++;
        assert_non_null(s.t3);
        assert_non_null(s.rt);
        assert_non_null(s.letters.data);
        assert_int_equal(s.letters.len, 1);
        assert_false(s.has_m);
        if (s.id == row.id) {
            assert_string_equal(s.t3, "ab ");   /* char(3) pads */
            assert_int_equal(s.ri, 7);
            assert_int_equal(s.mm, PGV_MOOD_SO_SO);
            assert_string_equal(s.meta, "{\"k\": [1]}");
            assert_string_equal(s.letters.data[0], "\xc3\xa9");
            assert_null(s.v5);
        } else {
            assert_int_equal(s.id, 0);
            assert_null(s.meta);
            assert_int_equal(s.mm, PGV_MOOD_SAD);
            assert_string_equal(s.letters.data[0], "-");
            assert_string_equal(s.v5, "five5");
        }
    }
    assert_int_equal(rc, DAL_DONE);
    pgv_rule_summary_iter_end(&it);
    assert_int_equal(n, 2);
    dal_arena_reset(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outer_join_view),
        cmocka_unit_test(test_union_view_of_other_schema),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
