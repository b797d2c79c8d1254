-- rebuild t: table constraints or options changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, blob BLOB) STRICT;

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "name", "n")
  SELECT "id", "name", "n" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
