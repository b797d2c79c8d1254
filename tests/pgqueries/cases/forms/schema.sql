CREATE TABLE a (id bigint PRIMARY KEY, k text NOT NULL, note text);
CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id), k text NOT NULL);
CREATE VIEW av AS SELECT id, k FROM a;
