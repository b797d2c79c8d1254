-- rebuild t: column total changed
CREATE TABLE "_dalgen_new_t" (id INTEGER PRIMARY KEY, price INTEGER, qty INTEGER, total INTEGER GENERATED ALWAYS AS (price * qty + 0) STORED,
    label TEXT AS ('#' || id) STORED);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "price", "qty")
  SELECT "id", "price", "qty" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
