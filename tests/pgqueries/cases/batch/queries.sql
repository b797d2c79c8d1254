-- name: AddAuthors :batchexec
INSERT INTO authors (id, name, bio) VALUES ($1, $2, $3);

-- name: GetAuthors :batchone
SELECT * FROM authors WHERE id = $1;

-- name: AddBook :batchone
INSERT INTO books (author_id, title, pages) VALUES (@author_id, @title, @pages) RETURNING id, title;

-- name: PagesPerName :batchone
SELECT a.name, 1000 / sqlc.arg(divisor)::int AS share FROM authors a WHERE a.id = sqlc.arg(id);

-- name: BooksByAuthor :batchmany
SELECT b.id, b.title, b.pages, a.bio FROM books b JOIN authors a ON a.id = b.author_id
WHERE b.author_id = $1 AND b.pages >= $2 ORDER BY b.id;

-- name: TagAuthors :batchmany
UPDATE authors SET meta = sqlc.narg(meta) WHERE id = ANY(sqlc.arg(ids)::bigint[]) RETURNING id, meta;
