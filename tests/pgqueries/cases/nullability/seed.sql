-- rows that produce NULLs: a user without posts, a post without tags, a tag without a post
INSERT INTO users VALUES (1, 'ann'), (2, 'bob');
INSERT INTO posts VALUES (10, 1, 'hello', 5), (11, 1, 'again', 7);
INSERT INTO tags VALUES (100, NULL, 'orphan'), (101, 10, 'greeting');
