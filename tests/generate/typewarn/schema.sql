-- A DEFAULT or a CHECK that contradicts a column's C type is a warning at
-- generate time (docs/generate.md, "Types"); each table holds the cases that
-- warn first, then the ones that must stay silent.

CREATE TABLE defaults (
  id INTEGER PRIMARY KEY,
  -- warn: the value SQLite stores does not fit the exact read
  n INTEGER DEFAULT 'abc',                 -- stays TEXT under INTEGER affinity
  doc NUMERIC DEFAULT '{}',                -- double, but text
  hex INTEGER DEFAULT '0x10',              -- hex text is not converted
  stamp INTEGER DEFAULT CURRENT_TIMESTAMP,
  yes BOOLEAN DEFAULT 'yes',
  half INTEGER DEFAULT 1.5,                -- INTEGER affinity keeps a fraction REAL
  minus INTEGER DEFAULT -2.5,
  raw BLOB DEFAULT 0,                      -- no affinity: stays INTEGER
  raw2 BLOB DEFAULT '',
  paren INTEGER DEFAULT ('x'),
  bare INTEGER DEFAULT abc,                -- SQLite reads a bare name as text
  day DATETIME DEFAULT 0,                  -- text, but NUMERIC affinity keeps 0
  -- silent
  five INTEGER DEFAULT '5',                -- affinity makes it 5
  sci INTEGER DEFAULT '1e3',
  spaced INTEGER DEFAULT ' 7 ',
  one INTEGER DEFAULT 1.0,
  hexnum INTEGER DEFAULT 0x10,
  neg INTEGER DEFAULT -5,
  zero TEXT DEFAULT 0,                     -- TEXT affinity makes it '0'
  ratio REAL DEFAULT 1,
  ratio2 REAL DEFAULT '2.5',
  price NUMERIC DEFAULT 4.99,
  created DATETIME DEFAULT CURRENT_TIMESTAMP,
  today TEXT DEFAULT CURRENT_DATE,
  f0 BOOLEAN DEFAULT 0,
  f1 BOOL DEFAULT TRUE,
  f2 BOOLEAN DEFAULT FALSE,
  bytes BLOB DEFAULT x'00',
  nul INTEGER DEFAULT NULL,
  computed INTEGER DEFAULT (lower('X')),   -- an expression: not judged
  anything DEFAULT 'x',                    -- no type: read as a value
  typed NUMERIC DEFAULT '{}'               -- @type text
);

CREATE TABLE checks (
  -- warn
  price REAL CHECK (price > 'a'),
  code INTEGER CHECK (code = 'y'),
  qty INTEGER CHECK ('x' < qty),
  y INTEGER CHECK (y > 0.5 AND y BETWEEN 'a' AND 'z'),
  flag BOOLEAN CHECK (flag IN ('Y', 'N')),
  shipped DATE CHECK (shipped NOT IN (0, 1)),   -- text, but NUMERIC affinity keeps numbers
  blob BLOB CHECK (blob <> ''),
  kind INTEGER CHECK (kind <> "none"),     -- a double-quoted string
  -- silent
  status TEXT CHECK (status IN (1, 2)),    -- TEXT affinity compares with '1' and '2'
  rating TEXT CHECK (rating IN ('G', 'PG', NULL)),
  n INTEGER CHECK (n > 0.5 AND n >= '0' AND n IS NOT NULL),
  f BOOLEAN CHECK (f IN (0, 1, TRUE)),
  name TEXT CHECK (length(name) < 10 AND name LIKE 'a%'),
  t INTEGER CHECK (typeof(t) = 'integer' AND CAST(t AS TEXT) <> 'x'),
  u INTEGER CHECK (u > n),
  label TEXT CHECK (label <> "none" AND u <> rowid),
  v INTEGER CHECK (v = 'x'), -- @type text
  -- warn: a table constraint, under NOT and OR
  CHECK (NOT (code = 'z') OR qty IS 'q')
);

-- STRICT: SQLite refuses what does not convert, so only a type that
-- differs from the declared one can still contradict
CREATE TABLE strict_one (
  a INTEGER DEFAULT 'abc',
  b TEXT DEFAULT 5,
  c INTEGER CHECK (c > 'a'),
  d REAL DEFAULT 1,
  e INTEGER DEFAULT 2.0,
  f ANY DEFAULT 'x',
  g INTEGER DEFAULT 0 -- @type text
) STRICT;
