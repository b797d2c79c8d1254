/* The booktest example's named queries run against a real server (a C
 * port of sqlc's examples/booktest test): enums, timestamptz, varchar[]
 * arrays both ways, a LEFT JOIN whose nullable side really is NULL.
 * argv[1]: the database's URI, its schema loaded. */
#include <stdio.h>
#include <string.h>

#include "booktest.h"
#include "../../pg/e2e_check.h"

static const char *const tags_ab[] = {"cool", "unique"};
static const char *const tags_c[] = {"other"};

static void books(dal_db *db, dal_arena *a)
{
    booktest_author unknown, ann;
    CHECK(booktest_create_author(db, "Unknown Master", &unknown, a) == DAL_OK);
    CHECK(booktest_create_author(db, "Ann", &ann, a) == DAL_OK);
    dal_timestamp when = 1700000000000000;   /* µs since 1970 */
    dal_text_array ab = {tags_ab, 2}, c = {tags_c, 1};
    booktest_book b0, b1, got;
    /* seven parameters, past query_parameter_limit: a booktest_create_book_params */
    booktest_create_book_params p0 = {.author_id = unknown.author_id, .isbn = "1", .book_type = BOOKTEST_BOOK_TYPE_FICTION,
                                      .title = "my book title", .year = 2016, .available = when, .tags = ab};
    booktest_create_book_params p1 = {.author_id = ann.author_id, .isbn = "2", .book_type = BOOKTEST_BOOK_TYPE_NONFICTION,
                                      .title = "the second", .year = 2001, .available = when, .tags = c};
    CHECK(booktest_create_book(db, &p0, &b0, a) == DAL_OK);
    CHECK(booktest_create_book(db, &p1, &b1, a) == DAL_OK);
    CHECK(b1.book_type == BOOKTEST_BOOK_TYPE_NONFICTION && b1.available == when);
    CHECK(booktest_get_book(db, b0.book_id, &got, a) == DAL_OK);
    CHECK(got.tags.len == 2 && !strcmp(got.tags.data[1], "unique") && got.year == 2016);
    CHECK(booktest_update_book(db, "changed", c, b0.book_id) == DAL_OK);
    CHECK(booktest_get_book(db, b0.book_id, &got, a) == DAL_OK);
    CHECK(!strcmp(got.title, "changed") && got.tags.len == 1);

    booktest_books_by_type_iter it;
    booktest_books_by_type_row r;
    int n = 0, rc = booktest_books_by_type(db, BOOKTEST_BOOK_TYPE_NONFICTION, &it);
    CHECK(rc == DAL_OK);
    if (rc == DAL_OK) {
        while ((rc = booktest_books_by_type_next(&it, &r, a)) == DAL_ROW) {
            CHECK(!strcmp(r.name, "Ann"));
            n++;
        }
        booktest_books_by_type_iter_end(&it);
    }
    CHECK(rc == DAL_DONE && n == 1);
}

/* tags && $1 over a LEFT JOIN: a book whose author row is gone reads name NULL. */
static void left_join(dal_db *db, dal_arena *a)
{
    CHECK(dal_exec(db, "ALTER TABLE books DROP CONSTRAINT books_author_id_fkey") == DAL_OK);
    CHECK(dal_exec(db, "INSERT INTO books (author_id, isbn, title, tags) VALUES (999, '3', 'orphan', '{other}')") == DAL_OK);
    dal_text_array c = {tags_c, 1};
    booktest_books_by_tags_iter it;
    booktest_books_by_tags_row r;
    int n = 0, orphans = 0, rc = booktest_books_by_tags(db, c, &it);
    CHECK(rc == DAL_OK);
    if (rc == DAL_OK) {
        while ((rc = booktest_books_by_tags_next(&it, &r, a)) == DAL_ROW) {
            n++;
            orphans += r.name == NULL;
        }
        booktest_books_by_tags_iter_end(&it);
    }
    CHECK(rc == DAL_DONE && n == 3 && orphans == 1);
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    dal_arena a;
    dal_arena_init(&a, NULL);
    books(db, &a);
    left_join(db, &a);
    dal_arena_free(&a);
    dal_close(db);
    printf("%s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
