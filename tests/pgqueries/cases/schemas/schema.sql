-- two tables named users, in two schemas (after sqlc's sqlc_embed case):
-- a schema-qualified name in a query means that schema's table
CREATE SCHEMA baz;
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, age integer);
CREATE TABLE baz.users (id integer PRIMARY KEY, nick text NOT NULL);
