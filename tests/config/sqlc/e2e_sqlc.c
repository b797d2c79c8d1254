/* sqlc's authors, booktest and ondeck examples, each generated from its
 * sqlc.yaml (tests/config/sqlc/), linked into one program: a query of each
 * runs through the generated code against its own in-memory database.
 *   e2e_sqlc AUTHORS_SCHEMA BOOKTEST_SCHEMA ONDECK_SCHEMA...  */
#include "authors.h"
#include "booktest.h"
#include "ondeck.h"
#include "e2e.h"

static void run_authors(char *schema)
{
    dal_db *db = e2e_open(1, &schema);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    int64_t id = 0;
    CHECK_RC(db, authors_create_author(db, "Ken Thompson", NULL, NULL, &id), DAL_OK);
    authors_author a;
    CHECK_RC(db, authors_get_author(db, id, &a, &arena), DAL_OK);
    CHECK_STR(a.name, "Ken Thompson");
    CHECK(a.bio == NULL);
    CHECK_RC(db, authors_get_author(db, id + 1, &a, &arena), DAL_NOTFOUND);
    dal_arena_free(&arena);
    dal_close(db);
}

static void run_booktest(char *schema)
{
    dal_db *db = e2e_open(1, &schema);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    booktest_author au;
    CHECK_RC(db, booktest_create_author(db, "Unknown Master", &au, &arena), DAL_OK);
    booktest_book b;
    CHECK_RC(db, booktest_create_book(db, au.author_id, "1", BOOKTEST_BOOK_BOOK_TYPE_FICTION, "my book title", 2016,
                                      "2016-01-01 00:00:00", "cool", &b, &arena), DAL_OK);
    CHECK_RC(db, booktest_create_book(db, au.author_id, "2", BOOKTEST_BOOK_BOOK_TYPE_NONFICTION, "the second",
                                      2016, "2016-01-01 00:00:00", "other", &b, &arena), DAL_OK);
    const char *tags[] = {"cool", "unique"};
    booktest_books_by_tags_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, booktest_books_by_tags(db, tags, 2, &it), DAL_OK);
    booktest_books_by_tags_row r;
    int n = 0, rc;
    while ((rc = booktest_books_by_tags_next(&it, &r, &arena)) == DAL_ROW) {
        CHECK_STR(r.title, "my book title");
        CHECK_STR(r.name, "Unknown Master");
        n++;
    }
    CHECK(rc == DAL_DONE && n == 1);
    booktest_books_by_tags_iter_end(&it);
    CHECK_RC(db, booktest_get_book(db, b.book_id, &b, &arena), DAL_OK);
    CHECK(b.book_type == BOOKTEST_BOOK_BOOK_TYPE_NONFICTION);
    dal_arena_free(&arena);
    dal_close(db);
}

static void run_ondeck(int nfiles, char **schema)
{
    dal_db *db = e2e_open(nfiles, schema);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    CHECK_RC(db, ondeck_create_city(db, "San Francisco", "san-francisco"), DAL_OK);
    CHECK_RC(db, ondeck_create_city(db, "Berlin", "berlin"), DAL_OK);
    ondeck_city c;
    CHECK_RC(db, ondeck_get_city(db, "berlin", &c, &arena), DAL_OK);
    CHECK_STR(c.name, "Berlin");
    ondeck_list_cities_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, ondeck_list_cities(db, &it), DAL_OK);
    const char *want[] = {"Berlin", "San Francisco"};
    int n = 0, rc;
    while ((rc = ondeck_list_cities_next(&it, &c, &arena)) == DAL_ROW) {
        CHECK(n < 2);
        CHECK_STR(c.name, want[n]);
        n++;
    }
    CHECK(rc == DAL_DONE && n == 2);
    ondeck_list_cities_iter_end(&it);
    dal_arena_free(&arena);
    dal_close(db);
}

int main(int argc, char **argv)
{
    CHECK(argc >= 4);
    run_authors(argv[1]);
    run_booktest(argv[2]);
    run_ondeck(argc - 3, argv + 3);
    puts("ok");
    return 0;
}
