-- Record conveniences under test (tests/records): generated ids, automatic
-- timestamps (text and Unix milliseconds), versions and patches.

CREATE TABLE notes (
    id         TEXT NOT NULL PRIMARY KEY,   -- @id uuidv7
    title      TEXT NOT NULL CHECK (length(title) <= 10),
    body       TEXT,
    stars      INTEGER CHECK (stars BETWEEN 0 AND 5),
    created_at TEXT NOT NULL,   -- @timestamp created
    updated_at TEXT NOT NULL,   -- @timestamp updated
    version    INTEGER NOT NULL DEFAULT 1 -- @version
);

CREATE TABLE invites (
    code    TEXT PRIMARY KEY,   -- @id nanoid(12)
    email   TEXT NOT NULL,
    created INTEGER NOT NULL,   -- @timestamp created
    touched INTEGER             -- @timestamp updated
);

CREATE TABLE tokens (
    id   TEXT PRIMARY KEY,      -- @id nanoid
    note TEXT
);

-- No conveniences: the patch alone, and an INTEGER PRIMARY KEY assigned by
-- SQLite (written back without RETURNING).
CREATE TABLE counters (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    n     INTEGER NOT NULL DEFAULT 0,
    label TEXT
);

-- A column named like another's set_ flag.
CREATE TABLE switches (
    id        INTEGER PRIMARY KEY,
    state     TEXT,
    set_state INTEGER
);
