-- rebuild t: column v changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, v BLOB, n BLOB, r BLOB, s INTEGER) STRICT;

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "v", "n", "r", "s")
  SELECT "id", CAST("v" AS BLOB), CAST("n" AS BLOB), CASE WHEN typeof("r") = 'real' AND CAST(CAST("r" AS TEXT) AS REAL) <> "r" THEN "r" ELSE CAST("r" AS BLOB) END, "s" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
