CREATE TABLE parent (
    a2 INTEGER NOT NULL, -- @renamed_from a
    b2 TEXT NOT NULL, -- @renamed_from b
    name TEXT CHECK (length(name) < 100),
    PRIMARY KEY (a2, b2)
);
CREATE TABLE child (id INTEGER PRIMARY KEY, pa INTEGER, pb TEXT,
    CONSTRAINT child_parent FOREIGN KEY (pa, pb) REFERENCES parent (a2, b2) ON DELETE SET NULL);
