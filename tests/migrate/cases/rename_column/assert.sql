SELECT count(*) = 2 FROM posts JOIN users ON users.id = posts.author_id;
SELECT (SELECT full_name FROM users WHERE id = 2) = 'bob';
