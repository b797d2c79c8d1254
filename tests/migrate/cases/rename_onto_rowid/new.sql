CREATE TABLE t (
    rowid TEXT, -- @renamed_from a
    b TEXT NOT NULL DEFAULT ''
);
