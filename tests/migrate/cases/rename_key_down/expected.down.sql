ALTER TABLE "p" RENAME COLUMN "z" TO "x";

-- rebuild p: column qid cannot be dropped with ALTER TABLE: it is part of a FOREIGN KEY
CREATE TABLE "_dalgen_new_p" (x INTEGER PRIMARY KEY, y TEXT);

-- copy rows of p
INSERT INTO "_dalgen_new_p" ("x", "y")
  SELECT "x", "y" FROM "p";

DROP TABLE "p";

ALTER TABLE "_dalgen_new_p" RENAME TO "p";
