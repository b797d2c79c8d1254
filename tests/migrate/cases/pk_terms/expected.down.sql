-- rebuild tag: table constraints or options changed
CREATE TABLE "_dalgen_new_tag" (name TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (name, kind));

-- copy rows of tag
INSERT INTO "_dalgen_new_tag" (rowid, "name", "kind")
  SELECT rowid, "name", "kind" FROM "tag";

DROP TABLE "tag";

ALTER TABLE "_dalgen_new_tag" RENAME TO "tag";

-- rebuild note: column body changed
CREATE TABLE "_dalgen_new_note" (id INTEGER PRIMARY KEY, body TEXT NOT NULL);

-- copy rows of note
INSERT INTO "_dalgen_new_note" ("id", "body")
  SELECT "id", "body" FROM "note";

DROP TABLE "note";

ALTER TABLE "_dalgen_new_note" RENAME TO "note";
