SELECT count(*) = 50 FROM people WHERE name = 'p' || id;
SELECT count(*) = 0 FROM person;
