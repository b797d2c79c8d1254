-- sqlc's attached in-memory schemas (docs/queries.md "Attached schemas"):
-- the table is baz.users, its struct P_baz_user, its SQL "baz"."users".
ATTACH ':memory:' AS baz;
CREATE TABLE baz.users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT UNIQUE
);
CREATE INDEX baz.users_by_name ON users (name);
CREATE TABLE users_log (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, note TEXT NOT NULL);
