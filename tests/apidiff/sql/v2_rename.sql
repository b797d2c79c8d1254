-- Version 2: users.email is renamed to login.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,  -- @renamed_from email
  age INTEGER
);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES users (id),
  title TEXT NOT NULL
);
