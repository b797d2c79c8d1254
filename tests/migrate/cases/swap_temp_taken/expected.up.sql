ALTER TABLE "red" RENAME TO "_dalgen_swap_red_3";

ALTER TABLE "blue" RENAME TO "red";

ALTER TABLE "_dalgen_swap_red_3" RENAME TO "blue";

-- rebuild blue: the table's name is swapped with another table's
CREATE TABLE "_dalgen_new_blue" /* @renamed_from red */ (id INTEGER PRIMARY KEY, r TEXT NOT NULL);

-- copy rows of blue
INSERT INTO "_dalgen_new_blue" ("id", "r")
  SELECT "id", "r" FROM "blue";

DROP TABLE "blue";

ALTER TABLE "_dalgen_new_blue" RENAME TO "blue";

-- rebuild red: the table's name is swapped with another table's
CREATE TABLE "_dalgen_new_red" /* @renamed_from blue */ (id INTEGER PRIMARY KEY, b TEXT NOT NULL);

-- copy rows of red
INSERT INTO "_dalgen_new_red" ("id", "b")
  SELECT "id", "b" FROM "red";

DROP TABLE "red";

ALTER TABLE "_dalgen_new_red" RENAME TO "red";
