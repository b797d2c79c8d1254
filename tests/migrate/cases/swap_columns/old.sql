CREATE TABLE t (
    id INTEGER PRIMARY KEY,
    a TEXT NOT NULL,
    b TEXT,
    CHECK (length(a) < 50)
);
CREATE INDEX t_a ON t(a);
CREATE VIEW t_v AS SELECT id, a FROM t;
