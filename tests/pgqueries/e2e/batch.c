/* :batchone and :batchmany end to end (examples/batch): n items in one
 * pipeline with typed results per item.  Outside a transaction a failing
 * item (no row, a foreign key, a division by zero) fails alone and rcs
 * says which; the others' rows come back and their writes stay.  Inside
 * dal_begin the items after a failing one are "not run" and the rollback
 * leaves nothing.  :batchmany hands out every row of every item, in order,
 * with jsonb and array parameters (a local arena).
 * argv[1]: the database's URI, its schema loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "../../pg/e2e_check.h"

static int64_t count_books(dal_db *db)
{
    PGresult *r = PQexec(dal_pg(db), "SELECT count(*) FROM books");
    int64_t n = PQresultStatus(r) == PGRES_TUPLES_OK ? atoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return n;
}

static void authors(dal_db *db, dal_arena *a)
{
    batch_add_authors_params add[3] = {{1, "Ann", "poet"}, {2, "Bob", NULL}, {3, "Cy", "no books"}};
    int rcs[4];
    CHECK(batch_add_authors(db, add, 3, rcs) == DAL_OK);
    CHECK(rcs[0] == DAL_OK && rcs[1] == DAL_OK && rcs[2] == DAL_OK);

    /* item 1 has no row: DAL_NOTFOUND for it alone */
    batch_get_authors_params get[3] = {{2}, {99}, {1}};
    batch_author out[3];
    memset(out, 0, sizeof out);
    CHECK(batch_get_authors(db, get, 3, out, a, rcs) == DAL_NOTFOUND);
    CHECK(rcs[0] == DAL_OK && rcs[1] == DAL_NOTFOUND && rcs[2] == DAL_OK);
    CHECK(strstr(dal_errmsg(db), "item 1") != NULL);
    CHECK(out[0].id == 2 && strcmp(out[0].name, "Bob") == 0 && out[0].bio == NULL);
    CHECK(out[2].id == 1 && strcmp(out[2].name, "Ann") == 0 && out[2].bio && strcmp(out[2].bio, "poet") == 0);
    CHECK(dal_changes(db) == 2);   /* the rows of the items that succeeded */

    /* rcs may be NULL; an empty batch is no error */
    CHECK(batch_get_authors(db, get, 1, out, a, NULL) == DAL_OK && out[0].id == 2);
    CHECK(batch_get_authors(db, get, 0, out, a, NULL) == DAL_OK);
}

static void books(dal_db *db, dal_arena *a)
{
    /* outside a transaction each item is its own: the FK violation of item 2 fails it alone */
    batch_add_book_params add[4] = {{1, "First", 100}, {1, "Second", 250}, {42, "Orphan", 10}, {2, "Third", 50}};
    batch_add_book_row out[4];
    int rcs[4];
    memset(out, 0, sizeof out);
    CHECK(batch_add_book(db, add, 4, out, a, rcs) == DAL_CONSTRAINT);
    CHECK(rcs[0] == DAL_OK && rcs[1] == DAL_OK && rcs[2] == DAL_CONSTRAINT && rcs[3] == DAL_OK);
    CHECK(strcmp(dal_error_field(db, DAL_ERRF_CONSTRAINT), "books_author_id_fkey") == 0);
    CHECK(strstr(dal_errmsg(db), "item 2") != NULL);
    CHECK(strcmp(dal_sqlstate(db), "23503") == 0);
    CHECK(out[0].id > 0 && out[1].id == out[0].id + 1 && strcmp(out[1].title, "Second") == 0);
    CHECK(out[3].id > out[1].id && strcmp(out[3].title, "Third") == 0);
    CHECK(count_books(db) == 3);

    /* a server error in one item (division by zero) */
    batch_pages_per_name_params pp[3] = {{10, 1}, {0, 2}, {4, 2}};
    batch_pages_per_name_row pr[3];
    memset(pr, 0, sizeof pr);
    CHECK(batch_pages_per_name(db, pp, 3, pr, a, rcs) == DAL_ERROR);
    CHECK(rcs[0] == DAL_OK && rcs[1] == DAL_ERROR && rcs[2] == DAL_OK);
    CHECK(strcmp(dal_sqlstate(db), "22012") == 0);
    CHECK(strcmp(pr[0].name, "Ann") == 0 && pr[0].has_share && pr[0].share == 100);
    CHECK(strcmp(pr[2].name, "Bob") == 0 && pr[2].has_share && pr[2].share == 250);

    /* inside dal_begin: one transaction; the items after the failing one are not run */
    CHECK(dal_begin(db) == DAL_OK);
    batch_add_book_params tx[3] = {{3, "In tx", 1}, {42, "Orphan", 1}, {3, "After", 1}};
    CHECK(batch_add_book(db, tx, 3, out, a, rcs) == DAL_CONSTRAINT);
    CHECK(rcs[0] == DAL_OK && rcs[1] == DAL_CONSTRAINT && rcs[2] == DAL_ERROR);
    CHECK(dal_rollback(db) == DAL_OK);
    CHECK(count_books(db) == 3);
}

typedef struct seen {
    int n;
    size_t item[8];
    int64_t id[8];
    char title[8][16];
    int bios;
} seen;

static int each_book(void *ctx, size_t i, const batch_books_by_author_row *row)
{
    seen *s = ctx;
    if (s->n == 8) return DAL_ERROR;
    s->item[s->n] = i;
    s->id[s->n] = row->id;
    snprintf(s->title[s->n], sizeof s->title[0], "%s", row->title);
    s->bios += row->bio != NULL;
    s->n++;
    return DAL_OK;
}

static int each_tag(void *ctx, size_t i, const batch_tag_authors_row *row)
{
    int *sum = ctx;
    *sum += (int)(i + 1) * 100 + (int)row->id + (row->meta && strstr(row->meta, "\"k\"") ? 10 : 0);
    return DAL_OK;
}

static int stop_at_second(void *ctx, size_t i, const batch_books_by_author_row *row)
{
    (void)i;
    (void)row;
    return ++*(int *)ctx == 2 ? DAL_INVALID : DAL_OK;
}

static void many(dal_db *db, dal_arena *a)
{
    /* every row of every item, in order: author 1 has 2 books, 2 has 1, 3 none */
    batch_books_by_author_params by[4] = {{1, 0}, {2, 0}, {3, 0}, {1, 200}};
    seen s;
    int rcs[4];
    memset(&s, 0, sizeof s);
    CHECK(batch_books_by_author(db, by, 4, each_book, &s, a, rcs) == DAL_OK);
    CHECK(s.n == 4);
    CHECK(s.item[0] == 0 && s.item[1] == 0 && s.item[2] == 1 && s.item[3] == 3);
    CHECK(strcmp(s.title[0], "First") == 0 && strcmp(s.title[1], "Second") == 0);
    CHECK(strcmp(s.title[2], "Third") == 0 && strcmp(s.title[3], "Second") == 0);
    CHECK(s.id[1] == s.id[3] && s.bios == 3);   /* Bob has no bio */
    CHECK(rcs[0] == DAL_OK && rcs[1] == DAL_OK && rcs[2] == DAL_OK && rcs[3] == DAL_OK);

    /* the callback's code becomes its item's: the rest of that item's rows are skipped */
    int calls = 0;
    CHECK(batch_books_by_author(db, by, 2, stop_at_second, &calls, a, rcs) == DAL_INVALID);
    CHECK(rcs[0] == DAL_INVALID && rcs[1] == DAL_OK && calls == 3);

    /* jsonb and array parameters (encoded into a local arena per item) */
    int64_t ids1[2] = {1, 2}, ids2[1] = {3};
    batch_tag_authors_params tag[2] = {{"{\"k\": 1}", {ids1, 2}}, {NULL, {ids2, 1}}};
    int sum = 0;
    CHECK(batch_tag_authors(db, tag, 2, each_tag, &sum, a, rcs) == DAL_OK);
    CHECK(sum == (100 + 1 + 10) + (100 + 2 + 10) + (200 + 3));
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    dal_arena a;
    dal_arena_init(&a, NULL);
    authors(db, &a);
    books(db, &a);
    many(db, &a);
    dal_arena_free(&a);
    dal_close(db);
    if (!failures) printf("batch: ok\n");
    return failures ? 1 : 0;
}
