CREATE TYPE mood AS ENUM ('sad','meh','ok','great');
CREATE TABLE writers ( -- @renamed_from authors
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, full_name text NOT NULL UNIQUE, -- @renamed_from name
  m mood DEFAULT 'great', born date);
CREATE TABLE books (id serial PRIMARY KEY, author_id bigint REFERENCES writers(id) ON DELETE CASCADE, title text CHECK (length(title) > 1), pages bigint NOT NULL DEFAULT 0);
CREATE INDEX books_title ON books (lower(title)) WHERE pages > 0;
CREATE INDEX books_pages ON books (pages) INCLUDE (title);
CREATE VIEW v AS SELECT b.title, a.full_name FROM books b JOIN writers a ON a.id = b.author_id;
