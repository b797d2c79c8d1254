-- migrate:up
CREATE TABLE posts (id serial PRIMARY KEY, user_id bigint REFERENCES users(id), body text);
CREATE INDEX posts_user ON posts (user_id);

-- migrate:down
DROP TABLE posts;
