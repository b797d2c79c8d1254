-- rebuild t: column id changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, v TEXT);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "v")
  SELECT "id", "v" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
