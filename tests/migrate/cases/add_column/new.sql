CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,                       -- @format email
    active INTEGER NOT NULL DEFAULT 1,
    score REAL DEFAULT -1.5 CHECK (score IS NULL OR score >= -10)
);
