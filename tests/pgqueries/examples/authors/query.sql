-- name: GetAuthor :one
SELECT * FROM authors
WHERE id = $1 LIMIT 1;

-- name: ListAuthors :many
SELECT * FROM authors
ORDER BY name;

-- name: CreateAuthor :one
INSERT INTO authors (name, bio)
VALUES ($1, $2)
RETURNING *;

-- name: DeleteAuthor :exec
DELETE FROM authors
WHERE id = $1;

-- name: RenameAuthor :execrows
UPDATE authors SET name = @name WHERE id = @id;

-- name: AddAuthor :execlastid
INSERT INTO authors (name) VALUES (@name);

-- name: AuthorsByIds :many
SELECT id, name FROM authors WHERE id IN (sqlc.slice(ids)) ORDER BY id;

-- name: AuthorsWithBio :many
SELECT id, name, bio FROM authors WHERE (sqlc.narg(bio)::text IS NULL OR bio = sqlc.narg(bio)) ORDER BY id;
