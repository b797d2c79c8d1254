-- name: GetAuthor :one
SELECT * FROM authors WHERE id = @id;

-- name: ListByNames :many
SELECT a.id, a.name FROM authors a WHERE a.name IN (sqlc.slice(names)) AND a.id NOT IN (sqlc.slice('skip'))
ORDER BY a.id;

-- name: AuthorBooks :many
SELECT sqlc.embed(a), b.title FROM authors a JOIN books b ON b.author_id = a.id WHERE a.id = sqlc.arg(author);

-- name: Search :many
SELECT a.*, b.title FROM authors a LEFT JOIN books b ON b.author_id = a.id
WHERE (sqlc.narg(mood)::mood IS NULL OR a.mood = sqlc.narg(mood)) AND a.name LIKE sqlc.arg(pattern)
LIMIT sqlc.arg('max');

-- name: Positional :many
SELECT id, title FROM books WHERE author_id = $1 AND pages > $2;

-- name: CreateAuthor :execlastid
INSERT INTO authors (name, mail, mood) VALUES (@name, @mail, @mood);

-- name: CreateBook :execlastid
-- a serial key
INSERT INTO books (author_id, title) VALUES ($1, $2) -- trailing comment
;

-- name: Rename :execrows
UPDATE authors SET name = $2 WHERE id = $1;

-- name: DeleteAll :exec
DELETE FROM books;

-- name: Counts :one
SELECT count(*) AS n, max(pages) AS most, coalesce(sum(pages), 0) AS total, 'x' || 'y', 1 + 2 FROM books;

-- name: DeleteResult :execresult
DELETE FROM books WHERE pages IS NULL;

-- name: SetTitle :exec
UPDATE books SET title = coalesce(sqlc.arg(title), title), pages = sqlc.arg(pages) WHERE id = sqlc.arg(id);

-- name: ByIdsAny :many
SELECT id FROM books WHERE id = ANY(sqlc.slice(ids)) AND pages <> ALL(sqlc.slice('skip'));

-- name: PagesBetween :many
SELECT id FROM books WHERE pages BETWEEN $1 AND $2 OR author_id IN ($3, $4);
