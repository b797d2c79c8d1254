CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '?', email TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), title TEXT);
CREATE VIEW user_posts AS SELECT u.name, p.title FROM users u JOIN posts p ON p.user_id = u.id;
CREATE VIEW post_counts AS SELECT name, count(*) AS n FROM user_posts GROUP BY name;
CREATE VIEW plain AS SELECT 1 AS one;
