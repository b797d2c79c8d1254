-- A small PostgreSQL schema for the README's PostgreSQL quick start.
CREATE TYPE mood AS ENUM ('happy', 'sad');

CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text NOT NULL UNIQUE,   -- @format email
    mood       mood,
    tags       text[] NOT NULL DEFAULT '{}',
    meta       jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX users_by_created ON users (created_at) WHERE mood IS NOT NULL;
