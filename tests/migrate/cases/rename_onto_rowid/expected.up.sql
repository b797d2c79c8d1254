ALTER TABLE "t" RENAME COLUMN "a" TO "rowid";

-- rebuild t: column b changed
CREATE TABLE "_dalgen_new_t" (
    rowid TEXT, /* @renamed_from a */
    b TEXT NOT NULL DEFAULT ''
);

-- copy rows of t
INSERT INTO "_dalgen_new_t" (_rowid_, "rowid", "b")
  SELECT _rowid_, "rowid", IFNULL("b", '') FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
