DROP VIEW "t_v";

-- rebuild t: a column is renamed to b, a name the table still has (swap, chain or reuse)
CREATE TABLE "_dalgen_new_t" (
    id INTEGER PRIMARY KEY,
    b TEXT NOT NULL, /* @renamed_from a */
    a TEXT, /* @renamed_from b */
    CHECK (length(b) < 50)
);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "b", "a")
  SELECT "id", "a", "b" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";

CREATE INDEX t_a ON t(b);

CREATE VIEW t_v AS SELECT id, b AS a FROM t;
