SELECT count(*) = 3 FROM users WHERE active = 1 AND score = -1.5 AND email IS NULL;
