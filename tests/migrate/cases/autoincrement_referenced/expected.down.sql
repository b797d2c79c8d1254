-- rebuild orders: column total changed
CREATE TABLE "_dalgen_new_orders" (id INTEGER PRIMARY KEY AUTOINCREMENT, total INTEGER);

-- copy rows of orders
INSERT INTO "_dalgen_new_orders" ("id", "total")
  SELECT "id", "total" FROM "orders";

DELETE FROM sqlite_sequence WHERE name = '_dalgen_new_orders';

INSERT INTO sqlite_sequence (name, seq)
  SELECT '_dalgen_new_orders', seq FROM sqlite_sequence WHERE name = 'orders';

DROP TABLE "orders";

ALTER TABLE "_dalgen_new_orders" RENAME TO "orders";
