CREATE TABLE task (
  id       INTEGER PRIMARY KEY,
  title    TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  done_at  TEXT
);
