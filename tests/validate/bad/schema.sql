-- Annotations dalgen refuses: every one is reported, nothing is written.
CREATE TABLE t (
    id INTEGER PRIMARY KEY,
    e  TEXT,     -- @format phone
    c  TEXT,     -- @pattern a(
    n  INTEGER,  -- @min ten
    s  TEXT,     -- @max 3
    l  TEXT      -- @length 5..2
);
