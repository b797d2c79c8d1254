-- Torture schema for dalgen generate: keywords and odd identifiers, WITHOUT
-- ROWID, composite keys, generated columns, views, FTS5, BLOBs, no primary
-- key, names that collide after mapping, text that must be escaped.

CREATE TABLE "default" (
    "int"        INTEGER PRIMARY KEY AUTOINCREMENT,
    "case"       TEXT NOT NULL,
    "class"      TEXT,
    "errno"      INTEGER NOT NULL DEFAULT -1,
    "2fa"        BOOLEAN,
    "user name"  TEXT DEFAULT 'it''s "quoted" \ and ??= */ here',
    "a.b"        REAL NOT NULL DEFAULT 1.5,
    "x/y"        NUMERIC,
    "it's"       DECIMAL(10, 2),
    "café"       TEXT,
    "quote""d"   DATETIME DEFAULT CURRENT_TIMESTAMP,
    "anything",
    "db"         INTEGER,
    "has_db"     INTEGER
);

-- members -> P_member (whose list() is P_member_list), so member_lists
-- becomes P_member_list_2.
CREATE TABLE members (
    id    INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name  TEXT
);

CREATE TABLE member_lists (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER REFERENCES members(id),
    title     TEXT NOT NULL
);

-- WITHOUT ROWID with a composite TEXT + INTEGER key and a BLOB.
CREATE TABLE "Key/Values" (
    "Namespace" TEXT NOT NULL,
    "Version"   INTEGER NOT NULL,
    "Payload"   BLOB NOT NULL DEFAULT x'',
    "Note"      TEXT,
    PRIMARY KEY ("Namespace", "Version")
) WITHOUT ROWID;

CREATE TABLE shapes (
    id       INTEGER PRIMARY KEY,
    w        REAL NOT NULL,
    h        REAL NOT NULL,
    area     REAL GENERATED ALWAYS AS (w * h) VIRTUAL,
    label    TEXT GENERATED ALWAYS AS ('shape ' || id) STORED,
    kind     TEXT NOT NULL DEFAULT 'box',
    UNIQUE (w, h)
);
CREATE INDEX shapes_by_kind ON shapes (kind);
CREATE UNIQUE INDEX shapes_big ON shapes (label) WHERE w > 10;
CREATE INDEX shapes_expr ON shapes (lower(kind));

-- No primary key at all.
CREATE TABLE events (
    at      TEXT NOT NULL,
    payload BLOB,
    level   INTEGER NOT NULL DEFAULT 0
);

CREATE VIRTUAL TABLE docs USING fts5(title, body);

CREATE TABLE wide (
    id INTEGER PRIMARY KEY,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_000" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_001" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_002" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_003" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_004" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_005" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_006" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_007" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_008" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_009" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_010" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_011" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_012" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_013" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_014" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_015" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_016" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_017" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_018" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_019" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_020" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_021" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_022" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_023" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_024" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_025" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_026" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_027" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_028" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_029" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_030" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_031" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_032" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_033" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_034" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_035" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_036" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_037" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_038" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_039" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_040" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_041" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_042" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_043" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_044" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_045" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_046" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_047" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_048" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_049" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_050" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_051" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_052" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_053" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_054" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_055" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_056" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_057" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_058" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_059" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_060" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_061" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_062" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_063" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_064" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_065" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_066" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_067" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_068" INTEGER,
    "a_rather_long_column_name_to_push_the_statement_past_the_limit_069" INTEGER
);

CREATE VIEW "shape */ summary" AS
    SELECT s.kind AS kind, count(*) AS n, sum(s.area) AS total, max(s.label) AS "last label"
    FROM shapes s GROUP BY s.kind;

-- @name annotations on a table and a column; an enum from CHECK ... IN.
CREATE TABLE people ( -- @name person_row
    id        INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL, -- @name name
    status    TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'live')),
    mood      TEXT CHECK (mood IN ('happy', 'sad'))
);

-- Only a rowid alias: insert writes DEFAULT VALUES unless the row sets it.
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY
);

-- A partial index that leaves soft-deleted rows out: its finders keep the
-- WHERE (named after the index: idx_live -> _live) and list by its leftmost
-- prefix, ordered by the rest of the index.
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    session    TEXT NOT NULL,
    ts         INTEGER NOT NULL,
    deleted_at TEXT
);
CREATE INDEX idx_live ON history (session, ts) WHERE deleted_at IS NULL;
