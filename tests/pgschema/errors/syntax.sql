CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (
  id int PRIMARY KEY,
  name text NOT NUL
);
