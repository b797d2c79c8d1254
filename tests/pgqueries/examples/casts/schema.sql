-- Types generated code moves as text (inet, ranges, enum arrays), as
-- parameters and results of named queries.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE hosts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    addr inet NOT NULL,
    ports int4range,
    moods mood[] NOT NULL DEFAULT '{}'
);
