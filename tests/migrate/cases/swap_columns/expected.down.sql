DROP VIEW "t_v";

-- rebuild t: a column is renamed to a, a name the table still has (swap, chain or reuse)
CREATE TABLE "_dalgen_new_t" (
    id INTEGER PRIMARY KEY,
    a TEXT NOT NULL,
    b TEXT,
    CHECK (length(a) < 50)
);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "a", "b")
  SELECT "id", "b", "a" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";

CREATE INDEX t_a ON t(a);

CREATE VIEW t_v AS SELECT id, a FROM t;
