SELECT count(*) = 50 FROM person WHERE name = 'p' || id;
