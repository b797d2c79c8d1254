CREATE TABLE authors (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL,
  bio    TEXT,
  rating INTEGER
);
CREATE TABLE books (
  id        INTEGER PRIMARY KEY,
  author_id INTEGER REFERENCES authors (id),
  title     TEXT,
  score     INTEGER
);
