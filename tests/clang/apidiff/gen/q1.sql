-- name: CountPostsByAuthor :one
SELECT count(*) AS n, max(id) AS last_id FROM posts WHERE author_id = ?;

-- name: ListTitles :many
SELECT id, title FROM posts ORDER BY id;
