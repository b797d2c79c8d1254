-- the third statement reads a column that does not exist
CREATE TABLE a (id int PRIMARY KEY, name text);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a(id));
CREATE VIEW v AS
  SELECT b.id, a.nmae FROM b JOIN a ON a.id = b.a_id;
