-- rebuild t: table constraints or options changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, b BLOB, name TEXT) STRICT;

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "b", "name")
  SELECT "id", CASE WHEN typeof("b") = 'real' AND CAST(CAST("b" AS TEXT) AS REAL) <> "b" THEN "b" ELSE CAST("b" AS BLOB) END, "name" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
