CREATE TABLE shared (
    id INTEGER PRIMARY KEY,
    payload BLOB NOT NULL,  -- @read lenient
    digest BLOB NOT NULL    -- @read loose
);
