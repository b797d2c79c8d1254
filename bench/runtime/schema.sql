-- The runtime benchmark's one table (bench/README.md).
CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    age        INTEGER,
    score      REAL,
    created_at TEXT NOT NULL
);
