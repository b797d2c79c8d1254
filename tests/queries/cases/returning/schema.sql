CREATE TABLE users (
  id      INTEGER PRIMARY KEY,
  email   TEXT NOT NULL UNIQUE,
  name    TEXT,
  visits  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE archive (email TEXT NOT NULL, name TEXT);
