-- @max_bytes on a DDL column, and @length ranges that start at 0 (no
-- lower-bound test on the unsigned length: -Wtype-limits stays quiet).
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,  -- @max_bytes 4
  body TEXT,           -- @length 0..10
  tail TEXT,           -- @length 0..
  data BLOB            -- @length 0..3
);
