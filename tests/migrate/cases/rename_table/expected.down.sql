DROP VIEW "owners";

ALTER TABLE "people" RENAME TO "person";

CREATE VIEW owners AS SELECT person.name, count(*) AS n FROM person JOIN pet ON pet.owner = person.id GROUP BY person.id;
