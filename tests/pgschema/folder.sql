CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
CREATE TABLE posts (id serial PRIMARY KEY, user_id bigint REFERENCES users(id), body text);
CREATE INDEX posts_user ON posts (user_id);
CREATE TABLE tags (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE FUNCTION tag_count() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT count(*) FROM tags);
END;
$$;
CREATE TABLE post_tags (post_id int REFERENCES posts(id), tag_id int REFERENCES tags(id), PRIMARY KEY (post_id, tag_id));
