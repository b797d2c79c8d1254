SELECT (SELECT n FROM owners WHERE name = 'ann') = 2;
SELECT count(*) = 3 FROM pet;
