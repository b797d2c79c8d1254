-- One-column results, shared row structs and parameter structs
-- (docs/queries.md "Result and parameter API").
CREATE TABLE product (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    note TEXT,
    state TEXT NOT NULL DEFAULT 'live' CHECK (state IN ('live', 'retired')),
    price REAL,
    image BLOB
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product (id),
    quantity INTEGER NOT NULL
);
