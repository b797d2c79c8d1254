-- authors, with an enum and an identity column
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE authors (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name    text NOT NULL UNIQUE,
    mood    mood NOT NULL DEFAULT 'ok',
    created timestamptz NOT NULL DEFAULT now()
);
