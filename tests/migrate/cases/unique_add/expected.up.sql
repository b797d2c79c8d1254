-- rebuild t: column handle cannot be added with ALTER TABLE: it is UNIQUE
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, email TEXT, handle TEXT UNIQUE, UNIQUE (email));

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "email")
  SELECT "id", "email" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
