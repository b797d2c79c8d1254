-- The same table name in two schemas (tests/pgqueries/e2e/two_schemas.c):
-- public's users keeps the names it would have alone (two_schemas_user),
-- baz.users carries its schema's (two_schemas_baz_user); each has an index
-- named users_by_key, on other columns.  baz.users comes first on purpose:
-- a bare name means public's table, not the first one.
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
CREATE TABLE posts (
  id      bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  title   text NOT NULL
);
