SELECT count(*) = 200 FROM t WHERE b = 'A' || id AND (a = 'B' || id OR (a IS NULL AND id % 7 = 0));
SELECT count(*) = 200 FROM t_v WHERE a = 'A' || id;
