/* The same table name in two schemas (cases/two_schemas): main's users
 * (ts_user, with age) and the attached baz.users (ts_baz_user, with nick).
 * Every query and table function is checked on rows that tell the two
 * tables apart (main's names start with "main-", baz's with "baz-"): a
 * query or function reading the other table fails the test. */
#include "ts.h"
#include "e2e.h"

static void seed(dal_db *db, dal_arena *arena)
{
    const char *mains[] = {"main-ann", "main-bob"}, *bazs[] = {"baz-ann", "baz-bob"}, *nicks[] = {"a", "b"};
    for (int i = 0; i < 2; i++) {
        ts_user u = {0};
        u.name = mains[i];
        u.age = 30 + i;
        u.has_age = true;
        CHECK_RC(db, ts_user_insert(db, &u, arena), DAL_OK);
        CHECK(u.id == i + 1);
        int64_t id = 0;
        CHECK_RC(db, ts_add_baz_user(db, bazs[i], nicks[i], &id), DAL_OK);
        CHECK(id == i + 1);
    }
    ts_baz_user b = {0};
    b.name = "baz-cy";
    b.nick = "c";
    CHECK_RC(db, ts_baz_user_insert(db, &b, arena), DAL_OK);   /* the table function: baz.users */
    CHECK(b.id == 3);
    ts_post p = {0};
    p.user_id = 2;
    p.title = "hello";
    CHECK_RC(db, ts_post_insert(db, &p, arena), DAL_OK);
}

/* The tables' own functions and finders: each from its own indexes. */
static void table_functions(dal_db *db, dal_arena *arena)
{
    int64_t n = 0;
    CHECK_RC(db, ts_user_count(db, &n), DAL_OK);
    CHECK(n == 2);
    CHECK_RC(db, ts_baz_user_count(db, &n), DAL_OK);
    CHECK(n == 3);
    ts_user u;
    CHECK_RC(db, ts_user_get(db, 1, &u, arena), DAL_OK);
    CHECK_STR(u.name, "main-ann");
    ts_baz_user b;
    CHECK_RC(db, ts_baz_user_get(db, 1, &b, arena), DAL_OK);
    CHECK_STR(b.name, "baz-ann");
    CHECK_RC(db, ts_baz_user_get_by_nick(db, "b", &b, arena), DAL_OK);
    CHECK_STR(b.name, "baz-bob");
    /* users_by_key is on age in main and on name in baz */
    ts_user_iter ui = {0};
    CHECK_RC(db, ts_user_list_by_age(db, 31, &ui), DAL_OK);
    CHECK(ts_user_next(&ui, &u, arena) == DAL_ROW);
    CHECK_STR(u.name, "main-bob");
    CHECK(ts_user_next(&ui, &u, arena) == DAL_DONE);
    ts_user_iter_end(&ui);
    ts_baz_user_iter bi = {0};
    CHECK_RC(db, ts_baz_user_list_by_name(db, "baz-cy", &bi), DAL_OK);
    CHECK(ts_baz_user_next(&bi, &b, arena) == DAL_ROW);
    CHECK_STR(b.nick, "c");
    CHECK(ts_baz_user_next(&bi, &b, arena) == DAL_DONE);
    ts_baz_user_iter_end(&bi);
}

static void queries(dal_db *db, dal_arena *arena)
{
    ts_get_main_user_row m;
    CHECK_RC(db, ts_get_main_user(db, 2, &m, arena), DAL_OK);
    CHECK_STR(m.users.name, "main-bob");
    CHECK(m.users.has_age && m.users.age == 31);
    ts_get_baz_user_row bz;
    CHECK_RC(db, ts_get_baz_user(db, 2, &bz, arena), DAL_OK);
    CHECK_STR(bz.baz_users.name, "baz-bob");
    CHECK_STR(bz.baz_users.nick, "b");

    ts_both_users_iter both = {0};
    CHECK_RC(db, ts_both_users(db, &both), DAL_OK);
    ts_both_users_row r;
    for (int i = 0; i < 2; i++) {
        CHECK(ts_both_users_next(&both, &r, arena) == DAL_ROW);
        CHECK_STR(r.users.name, i ? "main-bob" : "main-ann");
        CHECK_STR(r.baz_users.name, i ? "baz-bob" : "baz-ann");
    }
    CHECK(ts_both_users_next(&both, &r, arena) == DAL_DONE);   /* baz-cy has no main row */
    ts_both_users_iter_end(&both);

    ts_user u;
    ts_unqualified_iter uq = {0};   /* unqualified: main's */
    CHECK_RC(db, ts_unqualified(db, &uq), DAL_OK);
    int n = 0;
    while (ts_unqualified_next(&uq, &u, arena) == DAL_ROW) CHECK(!strncmp(u.name, "main-", 5) && ++n);
    ts_unqualified_iter_end(&uq);
    CHECK(n == 2);
    ts_main_qualified_iter mq = {0};
    CHECK_RC(db, ts_main_qualified(db, &mq), DAL_OK);
    for (n = 0; ts_main_qualified_next(&mq, &u, arena) == DAL_ROW;) CHECK(!strncmp(u.name, "main-", 5) && ++n);
    ts_main_qualified_iter_end(&mq);
    CHECK(n == 2);
    ts_baz_user b;
    ts_baz_all_iter ba = {0};
    CHECK_RC(db, ts_baz_all(db, &ba), DAL_OK);
    for (n = 0; ts_baz_all_next(&ba, &b, arena) == DAL_ROW;) CHECK(!strncmp(b.name, "baz-", 4) && ++n);
    ts_baz_all_iter_end(&ba);
    CHECK(n == 3);

    ts_three_part_iter tp = {0};
    CHECK_RC(db, ts_three_part(db, &tp), DAL_OK);
    ts_three_part_row t;
    CHECK(ts_three_part_next(&tp, &t, arena) == DAL_ROW);
    CHECK_STR(t.baz_name, "baz-ann");
    CHECK_STR(t.main_name, "main-ann");
    CHECK(t.has_age && t.age == 30);
    ts_three_part_iter_end(&tp);

    ts_posts_with_author_iter pw = {0};
    CHECK_RC(db, ts_posts_with_author(db, &pw), DAL_OK);
    ts_posts_with_author_row p;
    CHECK(ts_posts_with_author_next(&pw, &p, arena) == DAL_ROW);
    CHECK_STR(p.title, "hello");
    CHECK_STR(p.users.name, "main-bob");
    ts_posts_with_author_iter_end(&pw);

    /* writes: main's update leaves baz alone, baz's delete leaves main alone */
    int64_t rows = 0;
    CHECK_RC(db, ts_rename_main(db, "main-ann2", 1, &rows), DAL_OK);
    CHECK(rows == 1);
    CHECK_RC(db, ts_baz_user_get(db, 1, &b, arena), DAL_OK);
    CHECK_STR(b.name, "baz-ann");
    CHECK_RC(db, ts_delete_baz(db, "a", &rows), DAL_OK);
    CHECK(rows == 1);
    int64_t count = 0;
    CHECK_RC(db, ts_user_count(db, &count), DAL_OK);
    CHECK(count == 2);
    CHECK_RC(db, ts_baz_user_count(db, &count), DAL_OK);
    CHECK(count == 2);
    CHECK_RC(db, ts_user_get(db, 1, &u, arena), DAL_OK);
    CHECK_STR(u.name, "main-ann2");
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);   /* runs the ATTACH and the CREATEs */
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    seed(db, &arena);
    table_functions(db, &arena);
    queries(db, &arena);
    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
