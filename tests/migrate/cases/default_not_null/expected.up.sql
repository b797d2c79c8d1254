-- rebuild t: column status changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, status TEXT NOT NULL DEFAULT 'new', n INTEGER DEFAULT (2), keep TEXT);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "status", "n", "keep")
  SELECT "id", IFNULL("status", 'new'), "n", "keep" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
