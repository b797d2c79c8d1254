/* shop: records two orders through the checked-in data layer (gen/) and
 * prints what was ordered.  argv[1] is the schema file, applied to a fresh
 * in-memory database first. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "shop.h"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t len = 0;
    for (;;) {
        char *grown = realloc(buf, len + 4097);
        if (!grown) break;
        buf = grown;
        size_t n = fread(buf + len, 1, 4096, f);
        len += n;
        if (n < 4096) break;
    }
    fclose(f);
    if (buf) buf[len] = '\0';
    return buf;
}

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
    shop_ordered_quantity_row total = {0};
    if (rc == DAL_OK) rc = shop_product_by_sku(db, "PEN-1", &found, arena);
    if (rc == DAL_OK) rc = shop_ordered_quantity(db, found.id, &total, arena);
    if (rc == DAL_OK) printf("shop ok: %s x %lld\n", found.name, (long long)total.total);
    return rc;
}

int main(int argc, char **argv)
{
    char *schema = argc > 1 ? read_all(argv[1]) : NULL;
    if (!schema) {
        fprintf(stderr, "usage: shop SCHEMA.sql\n");
        return 2;
    }
    dal_db *db = NULL;
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    int rc = dal_open(&db, ":memory:", NULL);
    if (rc == DAL_OK && sqlite3_exec(dal_sqlite(db), schema, NULL, NULL, NULL) != SQLITE_OK) rc = DAL_ERROR;
    if (rc == DAL_OK) rc = run(db, &arena);
    if (rc != DAL_OK) fprintf(stderr, "shop: %s\n", db ? dal_errmsg(db) : "cannot open");
    dal_arena_free(&arena);
    dal_close(db);
    free(schema);
    return rc == DAL_OK ? 0 : 1;
}
