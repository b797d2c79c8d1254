-- Outer joins whose nullable side sqlc reports NOT NULL (sqlc issues 1334,
-- 2806, 3667): every NOT NULL column here may come back NULL through a join.
CREATE DOMAIN label_text AS text NOT NULL;
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE posts (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    title text NOT NULL,
    score integer NOT NULL
);
CREATE TABLE tags (id bigint PRIMARY KEY, post_id bigint REFERENCES posts (id), label label_text);
CREATE VIEW user_posts AS
    SELECT u.id AS user_id, u.name, p.title, p.score FROM users u LEFT JOIN posts p ON p.user_id = u.id;
