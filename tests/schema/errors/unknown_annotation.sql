CREATE TABLE t ( -- @nmae x
  id INTEGER PRIMARY KEY -- @sise 3
);
