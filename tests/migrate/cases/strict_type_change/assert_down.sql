SELECT v = 'abc' AND n = 42 AND r = 2.5 AND s = '5' FROM t WHERE id = 1;
SELECT v = 'é' AND n = -7 AND r = -0.125 AND s = '-12' FROM t WHERE id = 2;
SELECT v IS NULL AND n IS NULL AND r IS NULL AND s IS NULL FROM t WHERE id = 3;
SELECT v = '' AND typeof(v) = 'text' AND n = 0 AND typeof(n) = 'integer' FROM t WHERE id = 4;
SELECT count(*) = 4 FROM t;
