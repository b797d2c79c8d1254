CREATE TABLE t (
    id INTEGER PRIMARY KEY,
    b TEXT NOT NULL, -- @renamed_from a
    a TEXT, -- @renamed_from b
    CHECK (length(b) < 50)
);
CREATE INDEX t_a ON t(b);
CREATE VIEW t_v AS SELECT id, b AS a FROM t;
