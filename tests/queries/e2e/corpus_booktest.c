/* sqlc's booktest example (SQLite) through dalgen: RETURNING *, slices, a
 * LEFT JOIN, numbered parameters out of order. */
#include "booktest.h"
#include "e2e.h"

static int count_tags(dal_db *db, const char *const *tags, size_t n, dal_arena *arena, const char **first_title)
{
    booktest_books_by_tags_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, booktest_books_by_tags(db, tags, n, &it), DAL_OK);
    booktest_books_by_tags_row r;
    int count = 0, rc;
    while ((rc = booktest_books_by_tags_next(&it, &r, arena)) == DAL_ROW) {
        if (count == 0 && first_title) *first_title = r.title;
        CHECK_STR(r.name, "Unknown Master");
        count++;
    }
    CHECK(rc == DAL_DONE);
    booktest_books_by_tags_iter_end(&it);
    return count;
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);
    dal_arena arena;
    dal_arena_init(&arena, NULL);

    booktest_author au;
    CHECK_RC(db, booktest_create_author(db, "Unknown Master", &au, &arena), DAL_OK);
    CHECK(au.author_id == 1);
    CHECK_STR(au.name, "Unknown Master");

    booktest_book b;
    /* seven parameters, over the limit of 4: a params struct with designated initialisers */
    booktest_create_book_params p = {.author_id = au.author_id, .isbn = "1", .book_type = BOOKTEST_BOOK_BOOK_TYPE_FICTION,
                                     .title = "my book title", .yr = 2016, .available = "2016-01-01 00:00:00",
                                     .tag = ""};
    CHECK_RC(db, booktest_create_book(db, &p, &b, &arena), DAL_OK);
    CHECK(b.book_id == 1 && b.yr == 2016 && b.author_id == au.author_id);
    CHECK_STR(b.available, "2016-01-01 00:00:00");
    CHECK_STR(b.title, "my book title");
    CHECK(b.book_type == BOOKTEST_BOOK_BOOK_TYPE_FICTION);
    p.isbn = "2", p.title = "the second book", p.tag = "cool unique";
    CHECK_RC(db, booktest_create_book(db, &p, &b, &arena), DAL_OK);
    CHECK_RC(db, booktest_update_book(db, "changed second title", "cool", b.book_id), DAL_OK);
    CHECK_RC(db, booktest_create_book(db, &(booktest_create_book_params){
                                          .author_id = au.author_id, .isbn = "3",
                                          .book_type = BOOKTEST_BOOK_BOOK_TYPE_NONFICTION, .title = "the third book",
                                          .yr = 2001, .available = "2001-01-01 00:00:00", .tag = "cool"},
                                      &b, &arena), DAL_OK);
    CHECK(b.yr == 2001 && b.book_type == BOOKTEST_BOOK_BOOK_TYPE_NONFICTION);
    CHECK_RC(db, booktest_create_book(db, &(booktest_create_book_params){
                                          .author_id = au.author_id, .isbn = "4",
                                          .book_type = BOOKTEST_BOOK_BOOK_TYPE_NONFICTION,
                                          .title = "4th place finisher", .yr = 2011,
                                          .available = "2011-01-01 00:00:00", .tag = "other"},
                                      &b, &arena), DAL_OK);
    /* ?1 ?2 ?4 ?3: title, tag, book_id, isbn */
    CHECK_RC(db, booktest_update_book_isbn(db, "never ever gonna finish, a quatrain", "another", b.book_id, "NEW ISBN"), DAL_OK);
    booktest_book got;
    CHECK_RC(db, booktest_get_book(db, b.book_id, &got, &arena), DAL_OK);
    CHECK_STR(got.isbn, "NEW ISBN");
    CHECK_STR(got.tag, "another");
    CHECK_STR(got.title, "never ever gonna finish, a quatrain");

    /* slices with 0, 1 and several elements */
    const char *cool[] = {"cool"};
    const char *several[] = {"cool", "other", "another", "missing"};
    const char *first = NULL;
    CHECK(count_tags(db, NULL, 0, &arena, NULL) == 0);
    CHECK(count_tags(db, cool, 1, &arena, &first) == 2);
    CHECK(count_tags(db, several, 4, &arena, NULL) == 3);

    booktest_books_by_title_year_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, booktest_books_by_title_year(db, "my book title", 2016, &it), DAL_OK);
    int n = 0;
    while (booktest_books_by_title_year_next(&it, &got, &arena) == DAL_ROW) {
        CHECK_STR(got.isbn, "1");
        n++;
    }
    booktest_books_by_title_year_iter_end(&it);
    CHECK(n == 1);

    CHECK_RC(db, booktest_delete_author_before_year(db, 2003, au.author_id), DAL_OK);
    CHECK_RC(db, booktest_get_book(db, 3, &got, &arena), DAL_NOTFOUND);
    CHECK_RC(db, booktest_delete_book(db, 1), DAL_OK);
    CHECK_RC(db, booktest_get_book(db, 1, &got, &arena), DAL_NOTFOUND);
    CHECK_RC(db, booktest_get_author(db, au.author_id, &au, &arena), DAL_OK);
    CHECK_STR(au.name, "Unknown Master");
    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
