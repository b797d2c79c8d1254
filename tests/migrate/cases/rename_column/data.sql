INSERT INTO users VALUES (1, 'ann'), (2, 'bob');
INSERT INTO posts VALUES (10, 1, 'hi'), (11, 2, 'yo'), (12, NULL, 'anon');
