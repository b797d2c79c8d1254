-- Foreign keys in the forms SQLite accepts: implied parent keys, quoted and
-- bracketed names, names in another case, repeated and skipped clauses
-- (ON INSERT, MATCH), deferrable keys, a parent that does not exist.
CREATE TABLE parent (id INTEGER PRIMARY KEY, Code TEXT UNIQUE, a INT, b INT, UNIQUE (a, b));
CREATE TABLE "Quoted Parent" ("Key" TEXT PRIMARY KEY);
CREATE TABLE child (
    id INTEGER PRIMARY KEY,
    p1 INTEGER REFERENCES parent,
    p2 TEXT REFERENCES parent(Code) ON DELETE CASCADE ON UPDATE SET NULL,
    p3 TEXT CONSTRAINT fk_q REFERENCES "Quoted Parent" ("Key") ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,
    A INT,
    B INT,
    p4 INT REFERENCES parent (id) ON UPDATE RESTRICT ON UPDATE NO ACTION ON DELETE RESTRICT,
    FOREIGN KEY (a, b) REFERENCES parent (a, b) NOT DEFERRABLE,
    CONSTRAINT fk_upper FOREIGN KEY ("P1") REFERENCES [parent] ("id")
);
CREATE TABLE on_insert (x INT REFERENCES parent ON INSERT CASCADE ON DELETE CASCADE);
CREATE TABLE with_match (x INT REFERENCES parent(id) MATCH FULL ON UPDATE CASCADE);
CREATE TABLE quoted_strings (x INT REFERENCES 'parent' ('id'));
CREATE TABLE no_parent (x INT REFERENCES nowhere, y INT, FOREIGN KEY (y) REFERENCES nowhere (z));
CREATE TABLE cparent (x INT, y INT, PRIMARY KEY (x, y));
CREATE TABLE two_keys (a INT, b INT, FOREIGN KEY (B, A) REFERENCES cparent);
