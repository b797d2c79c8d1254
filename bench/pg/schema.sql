-- The PostgreSQL benchmark's one table (bench/README.md, design/postgres.md 3.11).
CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text NOT NULL UNIQUE,
    name       text NOT NULL,
    age        integer,
    score      double precision,
    created_at timestamptz NOT NULL DEFAULT now()
);
