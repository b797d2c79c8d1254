SELECT count(*) = 200 FROM t WHERE a = 'A' || id AND (b = 'B' || id OR (b IS NULL AND id % 7 = 0));
