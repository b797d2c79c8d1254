ALTER TABLE "parent" RENAME COLUMN "a2" TO "a";

ALTER TABLE "parent" RENAME COLUMN "b2" TO "b";

-- rebuild parent: table constraints or options changed
CREATE TABLE "_dalgen_new_parent" (a INTEGER NOT NULL, b TEXT NOT NULL, name TEXT, PRIMARY KEY (a, b));

-- copy rows of parent
INSERT INTO "_dalgen_new_parent" (rowid, "a", "b", "name")
  SELECT rowid, "a", "b", "name" FROM "parent";

DROP TABLE "parent";

ALTER TABLE "_dalgen_new_parent" RENAME TO "parent";
