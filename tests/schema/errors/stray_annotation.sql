CREATE TABLE t (
  a INTEGER,
  -- @min 1

  b INTEGER,
  UNIQUE (a) -- @name x
);
