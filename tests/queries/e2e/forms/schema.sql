CREATE TABLE items (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL,
  kind   TEXT NOT NULL DEFAULT 'plain',
  weight REAL,
  qty    INTEGER NOT NULL DEFAULT 0,
  active BOOLEAN NOT NULL DEFAULT 1,
  data   BLOB,
  extra
);
CREATE TABLE owners (
  id      INTEGER PRIMARY KEY,
  item_id INTEGER REFERENCES items(id),
  owner   TEXT NOT NULL
);
