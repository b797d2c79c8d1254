/* The result and parameter API (cases/result_api): one-column results
 * yielded as their C type (a nullable scalar with out_has, text and blobs
 * in the arena, an enum), queries of the same columns sharing one row
 * struct, and a parameter struct past query_parameter_limit (4), and :execresult's two counts. */
#include "ra.h"
#include "e2e.h"

static int64_t add(dal_db *db, const char *sku, const char *name, const char *note, ra_product_state state,
                   const double *price, dal_blob image)
{
    int64_t id = 0;
    ra_add_product_params p = {.sku = sku, .name = name, .note = note, .state = state, .price = price,
                               .image = image};
    CHECK_RC(db, ra_add_product(db, &p, &id), DAL_OK);
    return id;
}

static void order(dal_db *db, int64_t product, int64_t qty)
{
    ra_order o = {0};
    o.product_id = product;
    o.quantity = qty;
    CHECK_RC(db, ra_order_insert(db, &o, NULL), DAL_OK);
}

static void scalars(dal_db *db, dal_arena *arena, int64_t pen, int64_t ink)
{
    int64_t total = -1;
    CHECK_RC(db, ra_ordered_quantity(db, pen, &total), DAL_OK);
    CHECK(total == 7);
    CHECK_RC(db, ra_ordered_quantity(db, ink, &total), DAL_OK);
    CHECK(total == 0);   /* coalesce: a row with 0, non-null */

    int64_t largest = -1;
    bool has = false;
    CHECK_RC(db, ra_largest_order(db, pen, &largest, &has), DAL_OK);
    CHECK(has && largest == 4);
    CHECK_RC(db, ra_largest_order(db, ink, &largest, &has), DAL_OK);
    CHECK(!has);   /* max() over no row: SQL NULL */

    const char *name = NULL;
    CHECK_RC(db, ra_product_name(db, ink, &name, arena), DAL_OK);
    CHECK_STR(name, "Ink");
    CHECK_RC(db, ra_product_name(db, 999, &name, arena), DAL_NOTFOUND);
    const char *note = "x";
    CHECK_RC(db, ra_product_note(db, ink, &note, arena), DAL_OK);
    CHECK(note == NULL);
    CHECK_RC(db, ra_product_note(db, pen, &note, arena), DAL_OK);
    CHECK_STR(note, "blue");

    ra_product_state state = RA_PRODUCT_STATE_UNKNOWN;
    CHECK_RC(db, ra_state_of(db, ink, &state, arena), DAL_OK);
    CHECK(state == RA_PRODUCT_STATE_RETIRED);

    dal_blob image = {NULL, 0};
    CHECK_RC(db, ra_product_image(db, pen, &image, arena), DAL_OK);
    CHECK(image.len == 2 && memcmp(image.data, "\x01\x02", 2) == 0);
    CHECK_RC(db, ra_product_image(db, ink, &image, arena), DAL_OK);
    CHECK(image.data == NULL);

    double price = 0;
    CHECK_RC(db, ra_product_price(db, pen, &price, &has), DAL_OK);
    CHECK(has && price == 2.5);
    CHECK_RC(db, ra_product_price(db, ink, &price, &has), DAL_OK);
    CHECK(!has);
}

static void scalar_iters(dal_db *db, dal_arena *arena)
{
    ra_skus_from_iter it = {0};
    CHECK_RC(db, ra_skus_from(db, "D", &it), DAL_OK);
    const char *sku = NULL;
    CHECK(ra_skus_from_next(&it, &sku, arena) == DAL_ROW);
    CHECK_STR(sku, "INK-1");
    CHECK(ra_skus_from_next(&it, &sku, arena) == DAL_ROW);
    CHECK_STR(sku, "PEN-1");
    CHECK(ra_skus_from_next(&it, &sku, arena) == DAL_DONE);
    ra_skus_from_iter_end(&it);

    ra_notes_from_iter ni = {0};
    CHECK_RC(db, ra_notes_from(db, "A", &ni), DAL_OK);
    const char *notes[3] = {"x", "x", "x"};
    int n = 0;
    while (n < 3 && ra_notes_from_next(&ni, &notes[n], arena) == DAL_ROW) n++;
    ra_notes_from_iter_end(&ni);
    CHECK(n == 3 && notes[0] == NULL && notes[1] == NULL);   /* CAP-1, INK-1 */
    CHECK_STR(notes[2], "blue");

    ra_four_params_iter fi = {0};
    CHECK_RC(db, ra_four_params(db, "A", "Cap", RA_PRODUCT_STATE_LIVE, 0, &fi), DAL_OK);
    int64_t id = 0;
    CHECK(ra_four_params_next(&fi, &id) == DAL_ROW && id == 1);   /* the pen; the cap is excluded by name */
    CHECK(ra_four_params_next(&fi, &id) == DAL_DONE);
    ra_four_params_iter_end(&fi);
}

/* Label, LabelsFrom, LabelsOrdered, Search and SearchOne share ra_label_row. */
static void shared_rows(dal_db *db, dal_arena *arena, int64_t pen, int64_t ink, int64_t cap)
{
    ra_label_row r;
    CHECK_RC(db, ra_label(db, "PEN-1", &r, arena), DAL_OK);
    CHECK(r.id == pen);
    CHECK_STR(r.name, "Pen");
    CHECK_STR(r.note, "blue");

    ra_labels_ordered_iter oi = {0};
    CHECK_RC(db, ra_labels_ordered(db, 4, &oi), DAL_OK);
    CHECK(ra_labels_ordered_next(&oi, &r, arena) == DAL_ROW && r.id == pen);
    CHECK(ra_labels_ordered_next(&oi, &r, arena) == DAL_DONE);
    ra_labels_ordered_iter_end(&oi);

    /* seven C values through one struct, designated initialisers */
    int64_t ids[] = {pen, ink, cap};
    ra_product_state live = RA_PRODUCT_STATE_LIVE;
    ra_search_iter si = {0};
    CHECK_RC(db, ra_search(db, &(ra_search_params){.ids = ids, .ids_len = 3, .pattern = "%", .state = &live,
                                                   .max_price = 10.0, .skip = "CAP-1"},
                           &si), DAL_OK);
    CHECK(ra_search_next(&si, &r, arena) == DAL_ROW && r.id == pen);
    CHECK(ra_search_next(&si, &r, arena) == DAL_DONE);   /* ink is retired, the cap skipped */
    ra_search_iter_end(&si);
    CHECK_RC(db, ra_search(db, &(ra_search_params){.ids = ids, .ids_len = 3, .pattern = "%n%", .state = NULL,
                                                   .max_price = 1.0, .skip = ""},
                           &si), DAL_OK);
    CHECK(ra_search_next(&si, &r, arena) == DAL_ROW && r.id == ink);   /* price NULL -> 0; "Pen" costs 2.5 */
    CHECK(ra_search_next(&si, &r, arena) == DAL_DONE);
    ra_search_iter_end(&si);

    ra_search_one_params p = {.ids = ids + 1, .ids_len = 2, .pattern = "C%", .state = RA_PRODUCT_STATE_LIVE,
                              .max_price = 5.0, .skip = "PEN-1"};
    CHECK_RC(db, ra_search_one(db, &p, &r, arena), DAL_OK);
    CHECK(r.id == cap && r.note == NULL);
    p.ids_len = 1;   /* only the ink */
    CHECK_RC(db, ra_search_one(db, &p, &r, arena), DAL_NOTFOUND);
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    double price = 2.5;
    dal_blob image = {"\x01\x02", 2}, none = {NULL, 0};
    int64_t pen = add(db, "PEN-1", "Pen", "blue", RA_PRODUCT_STATE_LIVE, &price, image);
    int64_t ink = add(db, "INK-1", "Ink", NULL, RA_PRODUCT_STATE_RETIRED, NULL, none);
    int64_t cap = add(db, "CAP-1", "Cap", NULL, RA_PRODUCT_STATE_LIVE, NULL, none);
    CHECK(pen == 1 && ink == 2 && cap == 3);
    order(db, pen, 3);
    order(db, pen, 4);
    scalars(db, &arena, pen, ink);
    scalar_iters(db, &arena);
    shared_rows(db, &arena, pen, ink, cap);

    /* :execresult: rows affected and the last insert id (sqlc's sql.Result) */
    int64_t rows = -1, id = -1;
    CHECK_RC(db, ra_add_order(db, cap, 9, &rows, &id), DAL_OK);
    CHECK(rows == 1 && id == 3);
    CHECK_RC(db, ra_retire(db, "%-1", &rows, &id), DAL_OK);
    CHECK(rows == 3 && id == 3);   /* an UPDATE leaves the last insert id as it was */
    CHECK_RC(db, ra_retire(db, "none", &rows, NULL), DAL_OK);
    CHECK(rows == 0);
    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
