-- rebuild orders: column total changed
CREATE TABLE "_dalgen_new_orders" (id INTEGER PRIMARY KEY AUTOINCREMENT, total INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0));

-- copy rows of orders
INSERT INTO "_dalgen_new_orders" ("id", "total")
  SELECT "id", IFNULL("total", 0) FROM "orders";

DELETE FROM sqlite_sequence WHERE name = '_dalgen_new_orders';

INSERT INTO sqlite_sequence (name, seq)
  SELECT '_dalgen_new_orders', seq FROM sqlite_sequence WHERE name = 'orders';

DROP TABLE "orders";

ALTER TABLE "_dalgen_new_orders" RENAME TO "orders";
