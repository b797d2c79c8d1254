SELECT count(*) = 60 FROM t WHERE rowid % 7 = 0 AND a = 'a' || (rowid / 7) AND b = 'b' || (rowid / 7);
