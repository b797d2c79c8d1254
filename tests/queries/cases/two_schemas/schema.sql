-- The same table name in two schemas (docs/queries.md "Attached schemas"):
-- main's users keeps the names it would have alone (q_user), the attached
-- baz.users carries its schema's (q_baz_user); each table's finders come
-- from its own indexes, and the index name may be in both schemas too.
ATTACH ':memory:' AS baz;
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    age INTEGER
);
CREATE INDEX users_by_key ON users (age);
CREATE TABLE baz.users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    nick TEXT UNIQUE
);
CREATE INDEX baz.users_by_key ON users (name);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, title TEXT NOT NULL);
