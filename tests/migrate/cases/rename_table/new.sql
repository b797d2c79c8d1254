-- @renamed_from person
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE pet (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES people(id) ON DELETE CASCADE);
CREATE VIEW owners AS SELECT people.name, count(*) AS n FROM people JOIN pet ON pet.owner = people.id GROUP BY people.id;
