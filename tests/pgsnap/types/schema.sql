-- User types whose OIDs differ in every typing database: the generated
-- code and the typing snapshot must name them, never number them.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN email AS text NOT NULL CHECK (VALUE LIKE '%@%');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TYPE pair AS (a integer, b text);

CREATE TABLE people (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mail email,
    rank posint,
    feeling mood NOT NULL DEFAULT 'ok',
    moods mood[] NOT NULL DEFAULT '{}',
    spot pair
);
