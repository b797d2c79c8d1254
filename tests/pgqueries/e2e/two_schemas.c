/* The same table name in two schemas (examples/two_schemas): public's
 * users (two_schemas_user: bigint id, age) and baz.users
 * (two_schemas_baz_user: integer id, nick), each with an index named
 * users_by_key.  Every query and table function is checked on rows that
 * tell the two tables apart (public's names start with "main-", baz's with
 * "baz-"): one that reads the other table fails the test.  argv[1]: the
 * database's URI, its schema loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "two_schemas.h"
#include "../../pg/e2e_check.h"

#define CHECK_STR(a, b) CHECK((a) != NULL && strcmp((a), (b)) == 0)

static void seed(dal_db *db, dal_arena *a)
{
    const char *mains[] = {"main-ann", "main-bob"}, *bazs[] = {"baz-ann", "baz-bob"}, *nicks[] = {"a", "b"};
    for (int i = 0; i < 2; i++) {
        two_schemas_user u = {0};
        u.name = mains[i];
        u.age = 30 + i;
        u.has_age = true;
        CHECK(two_schemas_user_insert(db, &u, a) == DAL_OK && u.id == i + 1);
        int64_t id = 0;
        CHECK(two_schemas_add_baz_user(db, bazs[i], nicks[i], &id) == DAL_OK && id == i + 1);
    }
    two_schemas_baz_user b = {0};
    b.name = "baz-cy";
    b.nick = "c";
    CHECK(two_schemas_baz_user_insert(db, &b, a) == DAL_OK && b.id == 3);   /* the table function: baz.users */
    two_schemas_post p = {0};
    p.user_id = 2;
    p.title = "hello";
    CHECK(two_schemas_post_insert(db, &p, a) == DAL_OK);
}

/* The tables' own functions, and finders each from its own index. */
static void table_functions(dal_db *db, dal_arena *a)
{
    int64_t n = 0;
    CHECK(two_schemas_user_count(db, &n) == DAL_OK && n == 2);
    CHECK(two_schemas_baz_user_count(db, &n) == DAL_OK && n == 3);
    two_schemas_user u;
    CHECK(two_schemas_user_get(db, 1, &u, a) == DAL_OK);
    CHECK_STR(u.name, "main-ann");
    two_schemas_baz_user b;
    CHECK(two_schemas_baz_user_get(db, 1, &b, a) == DAL_OK);
    CHECK_STR(b.name, "baz-ann");
    CHECK(two_schemas_baz_user_get_by_nick(db, "b", &b, a) == DAL_OK);
    CHECK_STR(b.name, "baz-bob");
    two_schemas_user_iter ui = {0};
    CHECK(two_schemas_user_list_by_age(db, 31, &ui) == DAL_OK);
    CHECK(two_schemas_user_next(&ui, &u, a) == DAL_ROW);
    CHECK_STR(u.name, "main-bob");
    CHECK(two_schemas_user_next(&ui, &u, a) == DAL_DONE);
    two_schemas_user_iter_end(&ui);
    two_schemas_baz_user_iter bi = {0};
    CHECK(two_schemas_baz_user_list_by_name(db, "baz-cy", &bi) == DAL_OK);
    CHECK(two_schemas_baz_user_next(&bi, &b, a) == DAL_ROW);
    CHECK_STR(b.nick, "c");
    CHECK(two_schemas_baz_user_next(&bi, &b, a) == DAL_DONE);
    two_schemas_baz_user_iter_end(&bi);
}

static void reads(dal_db *db, dal_arena *a)
{
    two_schemas_get_main_user_row m;
    CHECK(two_schemas_get_main_user(db, 2, &m, a) == DAL_OK);
    CHECK_STR(m.users.name, "main-bob");
    CHECK(m.users.has_age && m.users.age == 31);
    two_schemas_get_baz_user_row bz;
    CHECK(two_schemas_get_baz_user(db, 2, &bz, a) == DAL_OK);
    CHECK_STR(bz.baz_users.name, "baz-bob");
    CHECK_STR(bz.baz_users.nick, "b");

    two_schemas_both_users_iter both = {0};
    CHECK(two_schemas_both_users(db, &both) == DAL_OK);
    two_schemas_both_users_row r;
    for (int i = 0; i < 2; i++) {
        CHECK(two_schemas_both_users_next(&both, &r, a) == DAL_ROW);
        CHECK_STR(r.users.name, i ? "main-bob" : "main-ann");
        CHECK_STR(r.baz_users.name, i ? "baz-bob" : "baz-ann");
    }
    CHECK(two_schemas_both_users_next(&both, &r, a) == DAL_DONE);   /* baz-cy has no public row */
    two_schemas_both_users_iter_end(&both);

    int n = 0;
    two_schemas_user u;
    two_schemas_unqualified_iter uq = {0};   /* a bare name: public's */
    CHECK(two_schemas_unqualified(db, &uq) == DAL_OK);
    while (two_schemas_unqualified_next(&uq, &u, a) == DAL_ROW) CHECK(!strncmp(u.name, "main-", 5) && ++n);
    two_schemas_unqualified_iter_end(&uq);
    CHECK(n == 2);
    two_schemas_public_qualified_iter pq = {0};
    CHECK(two_schemas_public_qualified(db, &pq) == DAL_OK);
    for (n = 0; two_schemas_public_qualified_next(&pq, &u, a) == DAL_ROW;) CHECK(!strncmp(u.name, "main-", 5) && ++n);
    two_schemas_public_qualified_iter_end(&pq);
    CHECK(n == 2);
    two_schemas_baz_user b;
    two_schemas_baz_all_iter ba = {0};
    CHECK(two_schemas_baz_all(db, &ba) == DAL_OK);
    for (n = 0; two_schemas_baz_all_next(&ba, &b, a) == DAL_ROW;) CHECK(!strncmp(b.name, "baz-", 4) && ++n);
    two_schemas_baz_all_iter_end(&ba);
    CHECK(n == 3);

    two_schemas_posts_with_author_iter pw = {0};
    CHECK(two_schemas_posts_with_author(db, &pw) == DAL_OK);
    two_schemas_posts_with_author_row p;
    CHECK(two_schemas_posts_with_author_next(&pw, &p, a) == DAL_ROW);
    CHECK_STR(p.title, "hello");
    CHECK_STR(p.users.name, "main-bob");
    CHECK(two_schemas_posts_with_author_next(&pw, &p, a) == DAL_DONE);
    two_schemas_posts_with_author_iter_end(&pw);
}

/* public's update leaves baz alone, baz's delete leaves public alone */
static void writes(dal_db *db, dal_arena *a)
{
    int64_t rows = 0, n = 0;
    CHECK(two_schemas_rename_main(db, "main-ann2", 1, &rows) == DAL_OK && rows == 1);
    two_schemas_baz_user b;
    CHECK(two_schemas_baz_user_get(db, 1, &b, a) == DAL_OK);
    CHECK_STR(b.name, "baz-ann");
    CHECK(two_schemas_delete_baz(db, "a", &rows) == DAL_OK && rows == 1);
    CHECK(two_schemas_user_count(db, &n) == DAL_OK && n == 2);
    CHECK(two_schemas_baz_user_count(db, &n) == DAL_OK && n == 2);
    two_schemas_user u;
    CHECK(two_schemas_user_get(db, 1, &u, a) == DAL_OK);
    CHECK_STR(u.name, "main-ann2");
    CHECK(two_schemas_baz_user_delete(db, 3) == DAL_OK);
    CHECK(two_schemas_user_count(db, &n) == DAL_OK && n == 2);
    CHECK(two_schemas_baz_user_count(db, &n) == DAL_OK && n == 1);
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    dal_arena a;
    dal_arena_init(&a, NULL);
    seed(db, &a);
    table_functions(db, &a);
    reads(db, &a);
    writes(db, &a);
    dal_arena_free(&a);
    dal_close(db);
    printf("%s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
