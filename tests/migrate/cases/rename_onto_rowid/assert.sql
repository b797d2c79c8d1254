SELECT count(*) = 60 FROM t WHERE _rowid_ % 7 = 0 AND rowid = 'a' || (_rowid_ / 7) AND b = 'b' || (_rowid_ / 7);
