WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 60)
INSERT INTO t (rowid, a, b) SELECT 7 * v, 'a' || v, 'b' || v FROM n;
