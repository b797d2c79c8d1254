-- rebuild notes: column body changed
CREATE TABLE "_dalgen_new_notes" (body TEXT NOT NULL DEFAULT '', rank INTEGER);

-- copy rows of notes
INSERT INTO "_dalgen_new_notes" (rowid, "body", "rank")
  SELECT rowid, IFNULL("body", ''), "rank" FROM "notes";

DROP TABLE "notes";

ALTER TABLE "_dalgen_new_notes" RENAME TO "notes";
