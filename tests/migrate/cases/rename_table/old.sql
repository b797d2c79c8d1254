CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE pet (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES person(id) ON DELETE CASCADE);
CREATE VIEW owners AS SELECT person.name, count(*) AS n FROM person JOIN pet ON pet.owner = person.id GROUP BY person.id;
