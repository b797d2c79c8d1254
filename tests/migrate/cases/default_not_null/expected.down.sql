-- rebuild t: column status changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, status TEXT, n INTEGER DEFAULT 1, keep TEXT NOT NULL DEFAULT 'k');

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "status", "n", "keep")
  SELECT "id", "status", "n", IFNULL("keep", 'k') FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
