-- created_at / updated_at by name, generated with --timestamps.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT,
    updated_at INTEGER
);
