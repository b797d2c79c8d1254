-- rebuild t: table constraints or options changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, b BLOB, name TEXT);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "b", "name")
  SELECT "id", "b", "name" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
