SELECT count(*) = 2 FROM blue WHERE r = 'red' || id;
SELECT count(*) = 1 FROM red WHERE b = 'blue' || id;
SELECT (SELECT v FROM _dalgen_swap_red) = 'keep' AND (SELECT w FROM _dalgen_swap_blue) = 'keep too';
