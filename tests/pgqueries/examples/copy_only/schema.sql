-- Queries that are all :copyfrom: the generated file has no prepared
-- statement, so no unit (a static unit nothing reads fails -Werror).
CREATE SCHEMA ingest;
CREATE TABLE ingest.readings (
    sensor text NOT NULL,
    taken_at timestamptz NOT NULL,
    value double precision
);
