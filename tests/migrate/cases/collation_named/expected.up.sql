-- rebuild t: column name changed
CREATE TABLE "_dalgen_new_t" (id INTEGER CONSTRAINT t_pk PRIMARY KEY, code TEXT CONSTRAINT code_u UNIQUE, name TEXT COLLATE NOCASE);

-- copy rows of t
INSERT INTO "_dalgen_new_t" ("id", "code", "name")
  SELECT "id", "code", "name" FROM "t";

DROP TABLE "t";

ALTER TABLE "_dalgen_new_t" RENAME TO "t";
