-- Queries named like the functions tables and views generate (docs/queries.md
-- "Query files"): the queries keep their names, the tables' functions yield.
CREATE TABLE test (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    score INTEGER NOT NULL DEFAULT 0
);
CREATE VIEW ranked AS SELECT name, score FROM test WHERE score > 0;
