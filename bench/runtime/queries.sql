-- name: UpdateScore :exec
UPDATE users SET score = ? WHERE id = ?;
