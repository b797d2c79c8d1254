CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
CREATE TABLE posts (id serial PRIMARY KEY, user_id bigint REFERENCES users(id), body text);
CREATE INDEX posts_user ON posts (user_id);
