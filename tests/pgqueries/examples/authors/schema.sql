-- After sqlc's examples/authors (PostgreSQL), written for dalgen's tests.
CREATE TABLE authors (
    id   BIGSERIAL PRIMARY KEY,
    name text NOT NULL,
    bio  text
);
