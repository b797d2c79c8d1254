-- The declared types of real schemas (issue: types that fit real schemas),
-- a column another program fills loosely, and a DEFAULT that is not the
-- column's C type.
CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    config JSON NOT NULL DEFAULT '{}',
    host UUID,
    n BIGSERIAL
);

-- payload is read leniently by dalgen.yaml alone; digest stays exact.
CREATE TABLE shared (
    id INTEGER PRIMARY KEY,
    payload BLOB NOT NULL,
    digest BLOB NOT NULL
);

-- A DEFAULT the C type does not hold (dalgen warns): the insert still
-- succeeds and reads back what SQLite made of it.
CREATE TABLE legacy (
    id INTEGER PRIMARY KEY,
    score REAL NOT NULL DEFAULT 'n/a'
);
