/* shop: creates its database with the embedded migrations, records two
 * orders through the checked-in data layer (gen/) and prints what was
 * ordered.  argv[1] is the database file (default: in memory). */
#include <stdio.h>

#include "shop.h"

static int run(dal_db *db, dal_arena *arena)
{
    shop_product pen = {0};
    pen.sku = "PEN-1";
    pen.name = "Pen";
    pen.has_price = true;
    pen.price = 1.5;
    int rc = shop_product_insert(db, &pen, arena);
    for (int i = 0; rc == DAL_OK && i < 2; i++) {
        shop_order o = {0};
        o.product_id = pen.id;
        o.has_quantity = true;
        o.quantity = 3 + i;
        rc = shop_order_insert(db, &o, arena);
    }
    shop_product found = {0};
    int64_t total = 0;   /* a one-column result is its C type */
    if (rc == DAL_OK) rc = shop_product_by_sku(db, "PEN-1", &found, arena);
    if (rc == DAL_OK) rc = shop_ordered_quantity(db, found.id, &total);
    if (rc == DAL_OK) printf("shop ok: %s x %lld\n", found.name, (long long)total);
    return rc;
}

int main(int argc, char **argv)
{
    dal_db *db = NULL;
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    int rc = dal_open(&db, argc > 1 ? argv[1] : ":memory:", NULL);
    if (rc == DAL_OK) rc = shop_migrate(db);
    if (rc == DAL_OK) rc = shop_schema_check(db);
    if (rc == DAL_OK) rc = run(db, &arena);
    if (rc != DAL_OK) fprintf(stderr, "shop: %s\n", db ? dal_errmsg(db) : "cannot open");
    dal_arena_free(&arena);
    dal_close(db);
    return rc == DAL_OK ? 0 : 1;
}
