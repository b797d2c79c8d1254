CREATE TABLE p (
    y INTEGER PRIMARY KEY, -- @renamed_from x
    x INTEGER -- @renamed_from y
);
CREATE TABLE c (id INTEGER PRIMARY KEY, px INTEGER REFERENCES p(y));
CREATE INDEX c_px ON c(px);
