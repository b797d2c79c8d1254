-- rebuild t: a column is renamed to b, a name the table still has (swap, chain or reuse)
CREATE TABLE "_dalgen_new_t" (
    id INTEGER PRIMARY KEY,
    b TEXT, /* @renamed_from a */
    c INTEGER /* @renamed_from b */
);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "b", "c")
  SELECT "id", "a", "b" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
