CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL, -- @renamed_from name
    CHECK (length(full_name) < 100)
);
CREATE INDEX users_name ON users(full_name);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    author_id INTEGER REFERENCES users(id), -- @renamed_from author
    body TEXT
);
