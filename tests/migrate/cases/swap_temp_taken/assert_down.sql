SELECT count(*) = 2 FROM red WHERE r = 'red' || id;
SELECT count(*) = 1 FROM blue WHERE b = 'blue' || id;
SELECT (SELECT v FROM _dalgen_swap_red) = 'keep' AND (SELECT w FROM _dalgen_swap_blue) = 'keep too';
