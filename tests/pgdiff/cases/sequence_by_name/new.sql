-- a is dropped; its serial's sequence is kept, under its name, for the new
-- table b (the counter goes on)
CREATE SEQUENCE a_id_seq AS integer;
CREATE TABLE b (id int PRIMARY KEY DEFAULT nextval('a_id_seq'), v text);
ALTER SEQUENCE a_id_seq OWNED BY b.id;
-- a free-standing sequence given to the column that uses it
CREATE SEQUENCE counter AS integer;
CREATE TABLE t (id int PRIMARY KEY DEFAULT nextval('counter'));
ALTER SEQUENCE counter OWNED BY t.id;
