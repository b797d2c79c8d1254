SELECT total = 25 AND label = '#2' FROM t WHERE id = 2;
