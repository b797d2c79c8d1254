ALTER TABLE "parent" RENAME COLUMN "a" TO "a2";

ALTER TABLE "parent" RENAME COLUMN "b" TO "b2";

-- rebuild parent: table constraints or options changed
CREATE TABLE "_dalgen_new_parent" (
    a2 INTEGER NOT NULL, /* @renamed_from a */
    b2 TEXT NOT NULL, /* @renamed_from b */
    name TEXT CHECK (length(name) < 100),
    PRIMARY KEY (a2, b2)
);

-- copy rows of parent
INSERT INTO "_dalgen_new_parent" (rowid, "a2", "b2", "name")
  SELECT rowid, "a2", "b2", "name" FROM "parent";

DROP TABLE "parent";

ALTER TABLE "_dalgen_new_parent" RENAME TO "parent";
