CREATE TABLE t (
    id INTEGER PRIMARY KEY,
    b TEXT, -- @renamed_from a
    c INTEGER -- @renamed_from b
);
