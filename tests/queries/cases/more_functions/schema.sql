CREATE TABLE probe (
  id  INTEGER PRIMARY KEY,
  x   REAL NOT NULL,
  opt TEXT
);

CREATE VIRTUAL TABLE probe_text USING fts5(title, body);

CREATE VIRTUAL TABLE probe_box USING rtree(id, lo, hi);
