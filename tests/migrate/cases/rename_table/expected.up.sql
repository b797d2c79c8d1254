DROP VIEW "owners";

ALTER TABLE "person" RENAME TO "people";

CREATE VIEW owners AS SELECT people.name, count(*) AS n FROM people JOIN pet ON pet.owner = people.id GROUP BY people.id;
