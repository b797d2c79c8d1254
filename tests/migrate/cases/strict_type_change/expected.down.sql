-- rebuild t: column v changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, v TEXT, n INTEGER, r REAL, s TEXT) STRICT;

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "v", "n", "r", "s")
  SELECT "id", CAST("v" AS TEXT), CASE WHEN typeof("n") = 'blob' THEN CAST("n" AS TEXT) ELSE "n" END, CASE WHEN typeof("r") = 'blob' THEN CAST("r" AS TEXT) ELSE "r" END, "s" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
