/* sqlc's authors example (SQLite) through dalgen: every query, checked. */
#include "authors.h"
#include "e2e.h"

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    int64_t id1 = 0, id2 = 0;
    /* :execresult: rows affected and the last insert id, as sqlc's sql.Result */
    int64_t rows = 0;
    CHECK_RC(db, authors_create_author(db, "Brian Kernighan", "Co-author of The C Programming Language", &rows, &id1),
             DAL_OK);
    CHECK(rows == 1);
    CHECK_RC(db, authors_create_author(db, "Alan Donovan", NULL, NULL, &id2), DAL_OK);
    CHECK(id1 == 1 && id2 == 2);

    authors_author a;
    CHECK_RC(db, authors_get_author(db, id1, &a, &arena), DAL_OK);
    CHECK(a.id == id1);
    CHECK_STR(a.name, "Brian Kernighan");
    CHECK_STR(a.bio, "Co-author of The C Programming Language");
    CHECK_RC(db, authors_get_author(db, id2, &a, &arena), DAL_OK);
    CHECK(a.bio == NULL);
    CHECK_RC(db, authors_get_author(db, 99, &a, &arena), DAL_NOTFOUND);

    authors_list_authors_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, authors_list_authors(db, &it), DAL_OK);
    const char *want[] = {"Alan Donovan", "Brian Kernighan"};
    int n = 0, rc;
    while ((rc = authors_list_authors_next(&it, &a, &arena)) == DAL_ROW) {
        CHECK(n < 2);
        CHECK_STR(a.name, want[n]);
        n++;
    }
    CHECK(rc == DAL_DONE && n == 2);
    authors_list_authors_iter_end(&it);

    CHECK_RC(db, authors_delete_author(db, id1), DAL_OK);
    CHECK_RC(db, authors_get_author(db, id1, &a, &arena), DAL_NOTFOUND);
    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
