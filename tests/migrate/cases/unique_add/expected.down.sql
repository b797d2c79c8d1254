-- rebuild t: column handle cannot be dropped with ALTER TABLE: it is UNIQUE
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, email TEXT);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "email")
  SELECT "id", "email" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
