/* The authors example's named queries run against a real server (a C port
 * of sqlc's examples/authors test, plus dalgen's slices, sqlc.narg,
 * :execrows and :execlastid, and a column type changed after generation).  argv[1]: the database's URI, its schema
 * loaded. */
#include <stdio.h>
#include <string.h>

#include "authors.h"
#include "../../pg/e2e_check.h"

static void create_get_delete(dal_db *db, dal_arena *a)
{
    authors_author made, got;
    CHECK(authors_create_author(db, "Brian Kernighan", "Co-author of The C Programming Language", &made, a) == DAL_OK);
    CHECK(made.id > 0 && !strcmp(made.name, "Brian Kernighan"));
    CHECK(authors_get_author(db, made.id, &got, a) == DAL_OK);
    CHECK(got.id == made.id && got.bio && !strcmp(got.bio, made.bio));
    authors_author nobio;
    CHECK(authors_create_author(db, "Anonymous", NULL, &nobio, a) == DAL_OK);
    CHECK(nobio.bio == NULL);
    int64_t rows = -1;
    CHECK(authors_rename_author(db, "Anon", nobio.id, &rows) == DAL_OK && rows == 1);
    CHECK(authors_rename_author(db, "Nobody", 999999, &rows) == DAL_OK && rows == 0);
    CHECK(authors_delete_author(db, nobio.id) == DAL_OK);
    CHECK(authors_get_author(db, nobio.id, &got, a) == DAL_NOTFOUND);
}

static int count_rows(authors_authors_by_ids_iter *it, dal_arena *a, int64_t *last)
{
    authors_authors_by_ids_row r;
    int n = 0, rc;
    while ((rc = authors_authors_by_ids_next(it, &r, a)) == DAL_ROW) {
        n++;
        *last = r.id;
    }
    authors_authors_by_ids_iter_end(it);
    return rc == DAL_DONE ? n : -1;
}

static void slices_and_nargs(dal_db *db, dal_arena *a)
{
    int64_t id1 = 0, id2 = 0, last = 0;
    CHECK(authors_add_author(db, "Dennis Ritchie", &id1) == DAL_OK && id1 > 0);
    CHECK(authors_add_author(db, "Ken Thompson", &id2) == DAL_OK && id2 == id1 + 1);
    int64_t ids[] = {id1, id2, 424242};
    authors_authors_by_ids_iter it;
    int rc = authors_authors_by_ids(db, ids, 3, &it);
    CHECK(rc == DAL_OK);
    if (rc == DAL_OK) CHECK(count_rows(&it, a, &last) == 2 && last == id2);
    rc = authors_authors_by_ids(db, ids, 0, &it);
    CHECK(rc == DAL_OK);
    if (rc == DAL_OK) CHECK(count_rows(&it, a, &last) == 0);

    authors_authors_with_bio_iter w;
    authors_author r;   /* exactly the table's columns: its struct */
    int n = 0, with_bio = 0;
    CHECK(authors_authors_with_bio(db, NULL, &w) == DAL_OK);   /* NULL: every author */
    while ((rc = authors_authors_with_bio_next(&w, &r, a)) == DAL_ROW) {
        n++;
        with_bio += r.bio != NULL;
    }
    authors_authors_with_bio_iter_end(&w);
    CHECK(rc == DAL_DONE && n == 3 && with_bio == 1);
    CHECK(authors_authors_with_bio(db, "Co-author of The C Programming Language", &w) == DAL_OK);
    n = 0;
    while ((rc = authors_authors_with_bio_next(&w, &r, a)) == DAL_ROW) n++;
    authors_authors_with_bio_iter_end(&w);
    CHECK(rc == DAL_DONE && n == 1);
}

static void list_in_order(dal_db *db, dal_arena *a)
{
    authors_list_authors_iter it;
    authors_author r;
    const char *prev = "";
    int n = 0, rc;
    CHECK(authors_list_authors(db, &it) == DAL_OK);
    while ((rc = authors_list_authors_next(&it, &r, a)) == DAL_ROW) {
        CHECK(strcmp(prev, r.name) <= 0);
        prev = r.name;
        n++;
    }
    authors_list_authors_iter_end(&it);
    CHECK(rc == DAL_DONE && n == 3);
}

/* The column type changed on the server after generation: the named
 * queries that read it (:one, :many, :execlastid's RETURNING) give an
 * error naming the column, not an int4 read as an int8.  Restored after. */
static void drift(dal_db *db, dal_arena *a)
{
    authors_author got;
    authors_list_authors_iter it;
    int64_t id = 0;
    int rc = authors_get_author(db, 1, &got, a);   /* prepared (and checked) before the change */
    CHECK(rc == DAL_OK || rc == DAL_NOTFOUND);
    CHECK(dal_exec(db, "ALTER TABLE authors ALTER COLUMN id TYPE integer") == DAL_OK);
    CHECK(authors_get_author(db, 1, &got, a) == DAL_ERROR &&
          strstr(dal_errmsg(db), "column \"id\": expected bigint, found integer") != NULL);
    CHECK(authors_list_authors(db, &it) == DAL_ERROR && !strcmp(dal_sqlstate(db), "42804"));
    authors_list_authors_iter_end(&it);
    CHECK(authors_add_author(db, "Drift", &id) == DAL_ERROR && !strcmp(dal_sqlstate(db), "42804"));
    CHECK(dal_exec(db, "ALTER TABLE authors ALTER COLUMN id TYPE bigint") == DAL_OK);
    rc = authors_get_author(db, 1, &got, a);
    CHECK(rc == DAL_OK || rc == DAL_NOTFOUND);
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    dal_arena a;
    dal_arena_init(&a, NULL);
    create_get_delete(db, &a);
    slices_and_nargs(db, &a);
    list_in_order(db, &a);
    drift(db, &a);
    dal_arena_free(&a);
    dal_close(db);
    printf("%s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
