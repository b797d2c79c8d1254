-- Names that generated PostgreSQL code must not be broken by (pggen.examples
-- generates and compiles this strictly): quotes, newlines, comment and
-- trigraph delimiters, C keywords and library names, the locals of the
-- generated functions as key columns (`p` and `res` were the dal_pg_params
-- and PGresult locals and a key column so named redeclared them).
CREATE TYPE "mo""od*/" AS ENUM ('a', 'b"c', 'd
 e', 'x*/y', '??=');

CREATE TABLE "T*/ab
le" (
  id bigserial PRIMARY KEY,
  "a""b" text,
  "x
y" text,
  "c*/d" text,
  "/*e" text,
  "f--g" text,
  "h??=i" text,
  "j'k" text,
  "l\m" text,
  "n%sn" text,
  "select" text,
  "Ünï" text,
  memcpy text,
  "PGresult" text,
  "Oid" text,
  "row__" text,
  m "mo""od*/",
  CONSTRAINT "ch""k" CHECK (length("a""b") < 10)
);

CREATE TABLE child (
  id int PRIMARY KEY,
  p bigint REFERENCES "T*/ab
le"(id),
  res text UNIQUE,
  types text UNIQUE,
  params text UNIQUE,
  found int UNIQUE,
  rc int UNIQUE,
  st int UNIQUE
);
