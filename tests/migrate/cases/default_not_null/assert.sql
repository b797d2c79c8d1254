SELECT status = 'new' FROM t WHERE id = 1;
SELECT status = 'done' FROM t WHERE id = 2;
SELECT n = 5 FROM t WHERE id = 1;
