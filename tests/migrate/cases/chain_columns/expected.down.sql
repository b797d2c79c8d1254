-- rebuild t: a column is renamed to b, a name the table still has (swap, chain or reuse)
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, a TEXT, b INTEGER);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "a", "b")
  SELECT "id", "b", "c" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
