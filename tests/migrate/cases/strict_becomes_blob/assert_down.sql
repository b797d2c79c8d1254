SELECT count(*) = 5 FROM t;
SELECT b = x'00FF' FROM t WHERE id = 4;
SELECT name = 'a' AND b = CAST('text' AS BLOB) FROM t WHERE id = 1;
