CREATE TABLE a (id int PRIMARY KEY);
\connect other
