-- The validator-agreement schema (tests/pgvalid): one column per kind of
-- rule the generated PostgreSQL validator checks (NOT NULL of columns and
-- of domains, varchar(n)/char(n) lengths also through domains, enum
-- labels, UTF-8, JSON), a CHECK the server alone enforces, annotation
-- formats, and views read through generated list/iter code.
CREATE TYPE mood AS ENUM ('happy', 'sad', 'so-so', 'ünïcode');

CREATE DOMAIN req_text AS text NOT NULL;
CREATE DOMAIN req_int AS integer NOT NULL;
CREATE DOMAIN code5 AS varchar(5);
CREATE DOMAIN code5_again AS code5;
CREATE DOMAIN tag3 AS char(3) NOT NULL;
CREATE DOMAIN req_mood AS mood NOT NULL;
CREATE DOMAIN doc_b AS jsonb;

CREATE TABLE rules (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text NOT NULL,
    v5        varchar(5),
    v1        varchar(1) NOT NULL,
    c3        char(3),
    d5        code5,
    dd5       code5_again,
    t3        tag3,
    rt        req_text,
    ri        req_int,
    n_ri      req_int DEFAULT 1,
    m         mood,
    mm        mood NOT NULL,
    rm        req_mood,
    doc       json,
    meta      jsonb,
    jd        doc_b,
    defd      varchar(2) NOT NULL DEFAULT 'ok',
    CONSTRAINT rules_name_check CHECK (name <> 'forbidden')
);

CREATE TABLE notes (
    id     serial PRIMARY KEY,
    mail   text,       -- @format email
    site   text,       -- @format url
    ref    text,       -- @format uuid
    day    text,       -- @format date
    code   text,       -- @pattern ^[A-Z]{2}[0-9]+$
    word   varchar(10), -- @length 2..4
    score  integer,    -- @min 1
    small  smallint,   -- @max 10
    ratio  real,       -- @min 0
    weight double precision -- @max 1.5
);

CREATE TABLE people (
    id      serial PRIMARY KEY,
    name    text NOT NULL,
    nick    varchar(5),
    feeling mood,
    boss_id integer REFERENCES people (id)
);

-- plain columns keep their NOT NULL; the nullable side of the outer join
-- and the expression with a nullable operand are nullable
CREATE VIEW people_with_boss AS
SELECT p.id, p.name, p.nick, p.feeling, b.name AS boss_name, b.id AS boss_ref, upper(p.name) AS shout,
       p.name || coalesce(p.nick, '') AS label, count(*) OVER () AS total
FROM people p LEFT JOIN people b ON b.id = p.boss_id;

CREATE VIEW happy_people AS
SELECT id, name FROM people_with_boss WHERE feeling = 'happy';

-- NOT NULL through domains (req_int on a nullable column), an enum, jsonb
-- and an array in a view of another schema
CREATE SCHEMA extra;
CREATE VIEW extra.rule_summary AS
SELECT r.id, r.t3, r.rt, r.ri, r.meta, r.mm, r.m, ARRAY[r.v1] AS letters, r.v5
FROM rules r
UNION ALL
SELECT 0, 'zzz', 'none', 0, NULL, 'sad', NULL, ARRAY['-'], 'five5';

-- a materialized view: its definition analysed the same way
CREATE MATERIALIZED VIEW mood_counts AS
SELECT feeling, count(*) AS n, max(name) AS last_name FROM people GROUP BY feeling;
