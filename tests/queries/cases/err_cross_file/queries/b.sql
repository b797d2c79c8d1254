-- name: get_note :one
SELECT body FROM notes WHERE id = ?;
