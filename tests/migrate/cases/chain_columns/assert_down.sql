SELECT count(*) = 100 FROM t WHERE a = 'a' || id AND b = id * 10;
