CREATE TABLE authors (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  bio   TEXT,
  born  DATE
);
CREATE TABLE books (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  author_id INTEGER NOT NULL REFERENCES authors(id),
  title     TEXT NOT NULL,
  price     REAL,
  tag       TEXT NOT NULL DEFAULT '',
  available BOOLEAN NOT NULL DEFAULT 1,
  cover     BLOB
);
