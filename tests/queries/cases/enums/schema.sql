-- Enum columns (a TEXT column restricted by CHECK (... IN (...))) read
-- through named queries: a row field of a plain column reference is the
-- table's generated enum, nullable ones with a has_ flag.
CREATE TABLE people (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE tickets (
    id       INTEGER PRIMARY KEY,
    title    TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('open', 'closed', 'on hold')),
    priority TEXT CHECK (priority IN ('low', 'high')),
    owner_id INTEGER REFERENCES people (id)
);
