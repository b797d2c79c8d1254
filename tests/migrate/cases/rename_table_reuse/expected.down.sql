DROP TABLE "person";

ALTER TABLE "people" RENAME TO "person";
