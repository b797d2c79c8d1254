-- name: Broken :many
SELECT id FROM authors WHERE;

-- name: Unterminated :one
SELECT 'abc FROM authors;
