CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, CHECK (length(name) < 100));
CREATE INDEX users_name ON users(name);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author INTEGER REFERENCES users(id), body TEXT);
