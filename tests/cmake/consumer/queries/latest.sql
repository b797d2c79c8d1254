-- name: LatestNote :one
SELECT * FROM notes ORDER BY id DESC LIMIT 1;
