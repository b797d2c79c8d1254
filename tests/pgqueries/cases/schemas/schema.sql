-- two tables named users, in two schemas (after sqlc's sqlc_embed case):
-- a schema-qualified name in a query means that schema's table, a bare
-- one public's (baz.users comes first on purpose)
CREATE SCHEMA baz;
CREATE TABLE baz.users (id integer PRIMARY KEY, nick text NOT NULL);
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age integer);
