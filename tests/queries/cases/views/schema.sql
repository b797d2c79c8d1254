CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, boss INTEGER);
CREATE VIEW named AS SELECT p.id, p.name, b.name AS boss_name FROM people p LEFT JOIN people b ON b.id = p.boss;
