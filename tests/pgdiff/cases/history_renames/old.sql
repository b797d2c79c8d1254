CREATE TABLE sessions (id serial PRIMARY KEY, token text NOT NULL, ip text);
CREATE TABLE notes (id int PRIMARY KEY, body text);
