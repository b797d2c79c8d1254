SELECT typeof(v) = 'blob' AND v = CAST('abc' AS BLOB) AND n = CAST('42' AS BLOB) AND r = CAST('2.5' AS BLOB) AND s = 5 FROM t WHERE id = 1;
SELECT v = x'C3A9' AND n = CAST('-7' AS BLOB) AND r = CAST('-0.125' AS BLOB) AND s = -12 AND typeof(s) = 'integer' FROM t WHERE id = 2;
SELECT v IS NULL AND n IS NULL AND r IS NULL AND s IS NULL FROM t WHERE id = 3;
SELECT typeof(v) = 'blob' AND length(v) = 0 AND typeof(n) = 'blob' FROM t WHERE id = 4;
