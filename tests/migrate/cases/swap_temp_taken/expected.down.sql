ALTER TABLE "blue" RENAME TO "_dalgen_swap_blue_2";

ALTER TABLE "red" RENAME TO "blue";

ALTER TABLE "_dalgen_swap_blue_2" RENAME TO "red";

-- rebuild red: the table's name is swapped with another table's
CREATE TABLE "_dalgen_new_red" (id INTEGER PRIMARY KEY, r TEXT NOT NULL);

-- copy rows of red
INSERT INTO "_dalgen_new_red" ("id", "r")
  SELECT "id", "r" FROM "red";

DROP TABLE "red";

ALTER TABLE "_dalgen_new_red" RENAME TO "red";

-- rebuild blue: the table's name is swapped with another table's
CREATE TABLE "_dalgen_new_blue" (id INTEGER PRIMARY KEY, b TEXT NOT NULL);

-- copy rows of blue
INSERT INTO "_dalgen_new_blue" ("id", "b")
  SELECT "id", "b" FROM "blue";

DROP TABLE "blue";

ALTER TABLE "_dalgen_new_blue" RENAME TO "blue";
