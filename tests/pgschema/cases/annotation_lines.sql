-- Where a file's annotation goes, as on SQLite: after code on its line, to
-- the element begun last before it (a column whose name holds a newline, or
-- whose definition goes on to the next line, included); a table
-- constraint's is ignored, with a warning; on a line of its own, to the next column.
CREATE TABLE readings (   -- @name reading_row
    id bigint PRIMARY KEY,
    "multi
line" text, -- @format email
    level int
        CHECK (level > 0), -- @max 10
    -- @pattern ^[a-z]+$
    label text,
    note text,
    UNIQUE (label, note) -- @min 3
);
