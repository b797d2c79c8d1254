-- Clauses SQLite accepts that the model keeps as written: table-constraint
-- primary key terms with DESC / COLLATE, NOT NULL ON CONFLICT, FK MATCH,
-- annotations inside CREATE VIRTUAL TABLE, and a trailing annotation on a
-- one-line CREATE TABLE.
CREATE TABLE shelf (code TEXT UNIQUE, slot INT); -- @renamed_from rack

CREATE TABLE label (
  owner TEXT NOT NULL,
  tag   TEXT NOT NULL ON CONFLICT IGNORE,
  CONSTRAINT label_pk PRIMARY KEY (owner COLLATE NOCASE, tag DESC) ON CONFLICT REPLACE
) WITHOUT ROWID;

CREATE TABLE counter (
  n INTEGER,
  PRIMARY KEY (n DESC)
);

CREATE TABLE placement (
  shelf_code TEXT REFERENCES shelf (code) MATCH SIMPLE ON DELETE CASCADE,
  label_owner TEXT,
  label_tag TEXT,
  FOREIGN KEY (label_owner, label_tag) REFERENCES label MATCH FULL DEFERRABLE INITIALLY DEFERRED
);

CREATE VIRTUAL TABLE note_search USING fts5( -- @name search
  heading,          -- @length 80
  body UNINDEXED,
  tokenize = 'unicode61'
);

CREATE VIRTUAL TABLE area USING rtree(
  id,
  lo, hi,           -- @min 0
  +caption TEXT     -- @type TEXT
);
