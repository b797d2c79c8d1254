CREATE TABLE a (id serial PRIMARY KEY, v text);
CREATE SEQUENCE counter AS integer;
CREATE TABLE t (id int PRIMARY KEY DEFAULT nextval('counter'));
