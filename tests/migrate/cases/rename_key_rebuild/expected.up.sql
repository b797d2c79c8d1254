ALTER TABLE "p" RENAME COLUMN "x" TO "z";

-- rebuild p: column y changed
CREATE TABLE "_dalgen_new_p" (
    z INTEGER PRIMARY KEY, /* @renamed_from x */
    y TEXT NOT NULL DEFAULT 1
);

-- copy rows of p
INSERT INTO "_dalgen_new_p" ("z", "y")
  SELECT "z", IFNULL("y", 1) FROM "p";

DROP TABLE "p";

ALTER TABLE "_dalgen_new_p" RENAME TO "p";
