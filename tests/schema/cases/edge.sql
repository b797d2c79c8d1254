-- Edge cases of defaults, names, quoting and table forms.
CREATE TABLE "weird ""name""" (
    "select" TEXT DEFAULT "dq",
    [key] INTEGER DEFAULT +1,
    `x y` REAL DEFAULT -2.5e3,
    b BLOB DEFAULT x'00ff',
    t TEXT DEFAULT (datetime('now', 'localtime')),
    n NUMERIC DEFAULT TRUE,
    u TEXT DEFAULT ('paren'),
    v TEXT DEFAULT 'it''s',
    "unicode é" TEXT DEFAULT 'ünï'   -- @name unicode_e
);

CREATE TABLE main.qualified (a INTEGER PRIMARY KEY ASC, b TEXT) ;
CREATE TABLE IF NOT EXISTS qualified (a INTEGER);

CREATE TABLE ctas AS SELECT a, b FROM qualified;

CREATE TABLE composite (
    a TEXT NOT NULL,
    b INTEGER NOT NULL,
    c TEXT,
    PRIMARY KEY (b DESC, a),
    UNIQUE (c COLLATE NOCASE),
    FOREIGN KEY (c) REFERENCES composite_parent
);
CREATE TABLE composite_parent (id TEXT PRIMARY KEY);

CREATE TABLE dropped (x INTEGER);
DROP TABLE dropped;
CREATE TABLE renamed_old (x INTEGER, y INTEGER);
ALTER TABLE renamed_old RENAME TO renamed_new;
ALTER TABLE renamed_new RENAME COLUMN y TO z;
ALTER TABLE renamed_new ADD COLUMN w TEXT NOT NULL DEFAULT 'w' CHECK (length(w) > 0);
ALTER TABLE renamed_new DROP COLUMN x;

CREATE VIEW "view with cols" (one, two) AS SELECT a, b FROM qualified;
CREATE INDEX IF NOT EXISTS idx_expr ON composite (lower(a) DESC, b + 1, c COLLATE BINARY);

CREATE TABLE dedup (k TEXT PRIMARY KEY UNIQUE, u INT UNIQUE, v INT, UNIQUE (u), UNIQUE (v), UNIQUE (v));
