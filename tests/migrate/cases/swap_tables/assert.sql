SELECT count(*) = 100 FROM blue WHERE r = 'red' || id;
SELECT count(*) = 60 FROM red WHERE b = 'blue' || id;
SELECT count(*) = 33 FROM child JOIN blue ON blue.id = child.red_id;
