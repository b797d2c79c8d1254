-- rebuild t: table constraints or options changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, n INTEGER CHECK (n > -5), s TEXT,
    CONSTRAINT s_len CHECK (length(s) < 20), CONSTRAINT n_small CHECK (n < 1000));

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "n", "s")
  SELECT "id", "n", "s" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
