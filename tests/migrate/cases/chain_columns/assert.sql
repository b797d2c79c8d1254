SELECT count(*) = 100 FROM t WHERE b = 'a' || id AND c = id * 10;
