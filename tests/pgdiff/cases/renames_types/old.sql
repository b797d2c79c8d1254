CREATE TYPE mood AS ENUM ('sad','ok');
CREATE TABLE authors (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, m mood DEFAULT 'ok');
CREATE TABLE books (id serial PRIMARY KEY, author_id bigint REFERENCES authors(id), title varchar(20) CHECK (length(title) > 0), pages int);
CREATE INDEX books_title ON books (lower(title)) WHERE pages > 0;
CREATE VIEW v AS SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id;
