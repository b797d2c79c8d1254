SELECT total = 6 FROM t WHERE id = 1;
