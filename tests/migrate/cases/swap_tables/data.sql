WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100)
INSERT INTO red (id, r) SELECT x, 'red' || x FROM n;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 60)
INSERT INTO blue (id, b) SELECT x, 'blue' || x FROM n;
INSERT INTO child (id, red_id) SELECT id, id FROM red WHERE id % 3 = 0;
