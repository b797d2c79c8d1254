CREATE TABLE entry (
  id    INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  rank  INTEGER
);
