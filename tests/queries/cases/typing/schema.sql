CREATE TABLE t (
  id    INTEGER PRIMARY KEY,
  n     INTEGER NOT NULL,
  m     INTEGER,
  x     REAL NOT NULL,
  s     TEXT NOT NULL,
  u     TEXT,
  b     BLOB,
  flag  BOOLEAN NOT NULL,
  price NUMERIC,
  at    DATETIME NOT NULL,
  j     TEXT NOT NULL,
  any_v
);
