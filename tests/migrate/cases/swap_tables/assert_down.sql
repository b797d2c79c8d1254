SELECT count(*) = 100 FROM red WHERE r = 'red' || id;
SELECT count(*) = 60 FROM blue WHERE b = 'blue' || id;
