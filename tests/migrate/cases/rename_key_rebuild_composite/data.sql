WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 40)
INSERT INTO parent (a, b, name) SELECT v / 2, 'b' || (v % 2), 'n' || v FROM n;
WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 100)
INSERT INTO child (id, pa, pb) SELECT v, CASE WHEN v % 10 = 0 THEN NULL ELSE (1 + v % 40) / 2 END, 'b' || ((1 + v % 40) % 2) FROM n;
