SELECT count(*) = 4 FROM t WHERE typeof(b) = 'blob';
SELECT b = CAST('text' AS BLOB) FROM t WHERE id = 1;
SELECT b = CAST('42' AS BLOB) FROM t WHERE id = 2;
SELECT b = CAST('1.5' AS BLOB) FROM t WHERE id = 3;
SELECT b = x'00FF' FROM t WHERE id = 4;
SELECT b IS NULL FROM t WHERE id = 5;
