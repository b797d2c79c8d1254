CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);

CREATE VIEW v AS
  SELECT u.id, p.title
  FROM users u JOIN posts p ON p.user_id = u.id;
