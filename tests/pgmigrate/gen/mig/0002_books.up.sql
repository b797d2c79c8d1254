-- books, and an index built without blocking writers
CREATE TABLE books (
    id        serial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    title     text NOT NULL CHECK (title <> ''),
    tags      text[]
);
-- dalgen:no-transaction
CREATE INDEX CONCURRENTLY books_author ON books (author_id);
