-- The same names in two schemas: tables users and baz.users, each with an
-- index users_by_key on other columns, and views active and baz.active.
-- The model keys them by (schema, name); --sql writes them back as such.
CREATE SCHEMA baz;
CREATE TABLE baz.users (
  id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  nick text UNIQUE
);
CREATE TABLE users (
  id   bigserial PRIMARY KEY,
  name varchar(255) NOT NULL,
  age  integer
);
CREATE INDEX users_by_key ON users (age);
CREATE INDEX users_by_key ON baz.users (name);
CREATE VIEW active AS SELECT id, name FROM users WHERE age IS NOT NULL;
CREATE VIEW baz.active AS SELECT id, nick FROM baz.users WHERE nick IS NOT NULL;
