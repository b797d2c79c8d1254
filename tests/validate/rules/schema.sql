-- Every validator rule kind: NOT NULL, declared lengths, UTF-8, compiled and
-- not compiled CHECK constraints, enums, and every annotation.
CREATE TABLE accounts (
    id        INTEGER PRIMARY KEY,
    email     VARCHAR(64) NOT NULL,        -- @format email
    name      NVARCHAR(10) NOT NULL,
    nick      TEXT,                        -- @length 2..20
    code      TEXT,                        -- @pattern ^[A-Z]{3}-[0-9]{4}$
    website   TEXT,                        -- @format url
    uid       TEXT,                        -- @format uuid
    born      TEXT,                        -- @format date
    wakes     TEXT,                        -- @format time
    seen      TEXT,                        -- @format datetime
    prefs     TEXT,                        -- @format json
    age       INTEGER CHECK (age BETWEEN 0 AND 150),   -- @min 18
    score     REAL,                        -- @max 100
    balance   DECIMAL(10,2) NOT NULL DEFAULT 0,
    status    TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
    plan      TEXT DEFAULT 'free' CHECK (plan = 'free' OR plan = 'pro-plus'),
    avatar    BLOB,                        -- @length ..16
    title     TEXT CHECK (trim(title) <> ''),
    country   CHAR(2) CHECK (length(country) = 2 AND country GLOB '[A-Z][A-Z]'),
    tags      TEXT CHECK (tags IS NULL OR tags LIKE '%,%' OR tags NOT LIKE '% %'),
    verified  BOOLEAN NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    kind      TEXT CHECK (typeof(kind) = 'text'),
    ratio     REAL NOT NULL CHECK (ratio >= 0.5),
    note      TEXT CHECK (lower(note) <> 'x'),
    stamp     TEXT DEFAULT (datetime('now')) CHECK (stamp >= '2000-01-01'),
    payload   NOT NULL,
    CHECK (age IS NULL OR score IS NOT NULL),
    CONSTRAINT closed_is_settled CHECK (status <> 'closed' OR balance = 0)
);
