-- Generated insert/update/upsert run the validator first.
CREATE TABLE accounts (
    id      INTEGER PRIMARY KEY,
    email   VARCHAR(32) NOT NULL UNIQUE,   -- @format email
    status  TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    age     INTEGER CHECK (age >= 0),
    note    TEXT CHECK (lower(note) <> 'forbidden'),
    kind    TEXT,
    qty     INTEGER NOT NULL DEFAULT 0,
    CHECK (kind IS NOT 'bulk' OR qty > 0)
);
