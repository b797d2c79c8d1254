-- name: RenameAuthor :execrows
UPDATE authors SET name = $2 WHERE id = $1;

-- name: RenameAuthor :execrows
UPDATE authors SET name = $2 WHERE id = $1;
