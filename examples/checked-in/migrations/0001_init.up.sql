-- 0001_init.up.sql: written by `dalgen migrate new`.
-- The runner applies it in one transaction with foreign keys off.

CREATE TABLE products (
    id    INTEGER PRIMARY KEY,
    sku   TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    price REAL NOT NULL DEFAULT 0
);

CREATE TABLE orders (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    quantity   INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX orders_by_product ON orders (product_id);
