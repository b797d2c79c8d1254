/* Queries named like table and view functions (e2e/yield): each query keeps
 * its name and runs its own SQL; the table's function, renamed <fn>_table
 * (<fn>_view, then _2), still runs the table's. */
#include "y.h"
#include "e2e.h"

static int64_t add(dal_db *db, const char *name, int64_t score)
{
    y_test t = {0};
    t.name = name;
    t.has_score = true;
    t.score = score;
    CHECK_RC(db, y_test_insert(db, &t, NULL), DAL_OK);
    return t.id;
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    add(db, "ann", 3);
    int64_t bob = add(db, "bob", 0);
    add(db, "cy", 7);

    /* the query TestList: names with score >= ?, by score descending */
    y_test_list_iter qi = {0};
    CHECK_RC(db, y_test_list(db, 3, &qi), DAL_OK);
    const char *name = NULL;
    CHECK(y_test_list_next(&qi, &name, &arena) == DAL_ROW);
    CHECK_STR(name, "cy");
    CHECK(y_test_list_next(&qi, &name, &arena) == DAL_ROW);
    CHECK_STR(name, "ann");
    CHECK(y_test_list_next(&qi, &name, &arena) == DAL_DONE);
    y_test_list_iter_end(&qi);
    /* the table's list, yielded twice (TestListTable is a query too): every row */
    y_test_iter ti = {0};
    CHECK_RC(db, y_test_list_table_2(db, &ti), DAL_OK);
    y_test row;
    int n = 0;
    while (y_test_next(&ti, &row, &arena) == DAL_ROW) n++;
    y_test_iter_end(&ti);
    CHECK(n == 3);
    CHECK_RC(db, y_test_list_table(db), DAL_OK);   /* the query: deletes nothing here */

    int64_t tens = 0, count = 0;
    CHECK_RC(db, y_test_count(db, &tens), DAL_OK);
    CHECK_RC(db, y_test_count_table(db, &count), DAL_OK);
    CHECK(tens == 30 && count == 3);

    y_test_get_by_name_row g;
    CHECK_RC(db, y_test_get_by_name(db, "bob", &g, &arena), DAL_OK);
    CHECK(g.id == bob && g.score == 0);
    CHECK_RC(db, y_test_get_by_name_table(db, "bob", &row, &arena), DAL_OK);
    CHECK(row.id == bob);
    CHECK_STR(row.name, "bob");

    /* the view's list (score > 0) and the query RankedList (by name descending) */
    y_ranked_list_iter ri = {0};
    CHECK_RC(db, y_ranked_list(db, &ri), DAL_OK);
    CHECK(y_ranked_list_next(&ri, &name, &arena) == DAL_ROW);
    CHECK_STR(name, "cy");
    y_ranked_list_iter_end(&ri);
    y_ranked_iter vi = {0};
    CHECK_RC(db, y_ranked_list_view(db, &vi), DAL_OK);
    y_ranked r;
    n = 0;
    while (y_ranked_next(&vi, &r, &arena) == DAL_ROW) n++;
    y_ranked_iter_end(&vi);
    CHECK(n == 2);

    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
