-- The schema the migrations of mig/ reach (pgmigrate.generated).
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE authors (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name    text NOT NULL UNIQUE,
    mood    mood NOT NULL DEFAULT 'ok',
    created timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE books (
    id        serial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    title     text NOT NULL CHECK (title <> ''),
    tags      text[]
);
CREATE INDEX books_author ON books (author_id);
