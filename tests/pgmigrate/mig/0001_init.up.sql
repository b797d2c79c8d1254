-- The first migration: a table, and the table every migration records itself in.
CREATE TABLE items (id bigint PRIMARY KEY, v integer NOT NULL, note text);
-- every migration records itself here: applied twice would show twice
CREATE TABLE effects (migration integer NOT NULL);
INSERT INTO effects VALUES (1);
