-- rebuild p: a column is renamed to x, a name the table still has (swap, chain or reuse)
CREATE TABLE "_dalgen_new_p" (x INTEGER PRIMARY KEY, y INTEGER);

-- copy rows of p
INSERT INTO "_dalgen_new_p" ("x", "y")
  SELECT "y", "x" FROM "p";

DROP TABLE "p";

ALTER TABLE "_dalgen_new_p" RENAME TO "p";

-- rebuild c: its foreign key references p(y), which the rebuild of p renames by copy (swap, chain or reuse)
CREATE TABLE "_dalgen_new_c" (id INTEGER PRIMARY KEY, px INTEGER REFERENCES p(x));

-- copy rows of c
INSERT INTO "_dalgen_new_c" ("id", "px")
  SELECT "id", "px" FROM "c";

DROP TABLE "c";

ALTER TABLE "_dalgen_new_c" RENAME TO "c";

CREATE INDEX c_px ON c(px);
