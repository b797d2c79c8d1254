CREATE TABLE t (id int);
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN nosuch(;
END $$;
