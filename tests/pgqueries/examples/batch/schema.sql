-- :batchone and :batchmany (sqlc's pgx batches): n items in one pipeline.
CREATE TABLE authors (
    id    bigint PRIMARY KEY,
    name  text NOT NULL,
    bio   text,
    meta  jsonb
);
CREATE TABLE books (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id  bigint NOT NULL REFERENCES authors (id),
    title      text NOT NULL,
    pages      integer NOT NULL
);
