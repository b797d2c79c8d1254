-- rebuild b: table constraints or options changed
CREATE TABLE "_dalgen_new_b" (id INTEGER PRIMARY KEY, a_id INTEGER);

-- copy rows of b
INSERT INTO "_dalgen_new_b" ("id", "a_id")
  SELECT "id", "a_id" FROM "b";

DROP TABLE "b";

ALTER TABLE "_dalgen_new_b" RENAME TO "b";
