-- Names that are PostgreSQL keywords: `schema --sql` quotes the reserved
-- ones (user, order, select, group, left, check) and prints the others bare
-- (int, name, text), so the DDL loads back (the server refused a bare
-- `select text`, and `diff --from postgresql://...` failed on it).
CREATE SCHEMA "table";
CREATE TABLE "table"."user" (
    id int PRIMARY KEY,
    "order" int NOT NULL,
    "select" text,
    "group" text COLLATE "C",
    "left" boolean,
    int int,
    name text,
    CONSTRAINT "check" CHECK ("order" > 0)
);
CREATE INDEX "where" ON "table"."user" ("order", "group");
CREATE TABLE "table"."from" (
    id int PRIMARY KEY,
    "user" int REFERENCES "table"."user" (id),
    CONSTRAINT "unique" UNIQUE ("user")
);
