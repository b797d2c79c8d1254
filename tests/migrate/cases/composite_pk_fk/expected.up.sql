-- rebuild child: table constraints or options changed
CREATE TABLE "_dalgen_new_child" (id INTEGER PRIMARY KEY, pa INTEGER, pb TEXT,
    CONSTRAINT child_parent FOREIGN KEY (pa, pb) REFERENCES parent (a, b) ON DELETE SET NULL);

-- copy rows of child
INSERT INTO "_dalgen_new_child" ("id", "pa", "pb")
  SELECT "id", "pa", "pb" FROM "child";

DROP TABLE "child";

ALTER TABLE "_dalgen_new_child" RENAME TO "child";
