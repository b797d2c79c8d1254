-- rebuild t: column code changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, code TEXT, price REAL, note TEXT);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "code", "price", "note")
  SELECT "id", "code", "price", "note" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
