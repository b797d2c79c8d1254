CREATE TABLE items (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL,
  kind   TEXT NOT NULL,
  weight REAL,
  data   BLOB
);
CREATE TABLE owners (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
