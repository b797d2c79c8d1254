ALTER TABLE "t" RENAME COLUMN "rowid" TO "a";

-- rebuild t: column b changed
CREATE TABLE "_dalgen_new_t" (a TEXT, b TEXT);

-- copy rows of t
INSERT INTO "_dalgen_new_t" (rowid, "a", "b")
  SELECT rowid, "a", "b" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
