CREATE FUNCTION bump(x integer) RETURNS integer LANGUAGE plpgsql AS $body$
BEGIN
  -- a ; inside a body; and 'quotes;'
  RETURN x + 1;
END;
$body$;
CREATE VIEW items_big AS SELECT id, bump(v) AS v FROM items WHERE v > 500;
INSERT INTO effects VALUES (4);
