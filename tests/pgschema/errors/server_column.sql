CREATE TABLE a (id int PRIMARY KEY, b text DEFAULT E'it\'s');
CREATE TABLE c (x a);
CREATE TABLE é (id int, y nosuchtype);
