-- rebuild kv: column v changed
CREATE TABLE "_dalgen_new_kv" (k TEXT PRIMARY KEY, v TEXT NOT NULL DEFAULT '', at INTEGER) WITHOUT ROWID;

-- copy rows of kv
INSERT INTO "_dalgen_new_kv" ("k", "v")
  SELECT "k", IFNULL("v", '') FROM "kv";

DROP TABLE "kv";

ALTER TABLE "_dalgen_new_kv" RENAME TO "kv";

-- rebuild tags: column a changed
CREATE TABLE "_dalgen_new_tags" (a INTEGER, b INTEGER, label TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID;

-- copy rows of tags
INSERT INTO "_dalgen_new_tags" ("a", "b", "label")
  SELECT "a", "b", "label" FROM "tags";

DROP TABLE "tags";

ALTER TABLE "_dalgen_new_tags" RENAME TO "tags";
